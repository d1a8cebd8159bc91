/// "Did you mean …?" for misspelt names: the candidate with the smallest edit distance, if it is
/// close enough to be a plausible typo rather than a different word.
public enum NameSuggestion {
    public static func nearest(to name: String, among candidates: some Sequence<String>) -> String? {
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(name.lowercased(), candidate.lowercased())
            if d <= limit, d < (best?.distance ?? .max) { best = (candidate, d) }
        }
        return best?.name
    }

    /// `"; did you mean 'x'?"`, or nothing when no candidate is close.
    public static func hint(for name: String, among candidates: some Sequence<String>) -> String {
        didYouMean(nearest(to: name, among: candidates), .en)
    }

    /// The hint in `language`: `"; có phải 'x'?"` / `"; did you mean 'x'?"`.
    public static func hint(for name: String, among candidates: some Sequence<String>, _ language: Language) -> String {
        didYouMean(nearest(to: name, among: candidates), language)
    }

    /// How a suggestion found earlier reads in `language`; nothing when there is none.
    public static func didYouMean(_ suggestion: String?, _ language: Language) -> String {
        guard let suggestion else { return "" }
        switch language {
        case .vi: return "; có phải '\(suggestion)'?"
        case .en: return "; did you mean '\(suggestion)'?"
        }
    }

    /// Levenshtein distance over characters, two rows of memory.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a)
        let b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let substitution = previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1)
                current[j] = min(previous[j] + 1, current[j - 1] + 1, substitution)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
