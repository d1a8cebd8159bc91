import Foundation

/// A regular expression compiled when its policy loads, shared by every evaluation.
///
/// `NSRegularExpression` is immutable and documented as safe to use from several threads, so one
/// instance serves all hosts; equality is by pattern so programs stay `Hashable`.
final class CompiledRegex: @unchecked Sendable, Hashable {
    let pattern: String
    let caseInsensitive: Bool
    private let regex: NSRegularExpression

    /// Compiles `pattern` (ICU syntax; `^` and `$` also match at line breaks, so a pattern can
    /// test one line of a whole file).
    ///
    /// `unixLines` makes `\n` the only line break, as in PCRE2's default (Wazuh's SCA patterns):
    /// ICU otherwise also ends a line at `\r`, so `no$` would match `no\r`.
    init(_ pattern: String, caseInsensitive: Bool = false, unixLines: Bool = false) throws(RegexSyntaxError) {
        self.pattern = pattern
        self.caseInsensitive = caseInsensitive
        var options: NSRegularExpression.Options = [.anchorsMatchLines]
        if caseInsensitive { options.insert(.caseInsensitive) }
        if unixLines { options.insert(.useUnixLineSeparators) }
        do {
            regex = try NSRegularExpression(pattern: pattern, options: options)
        } catch {
            throw RegexSyntaxError(pattern: pattern)
        }
    }

    /// Whether the pattern matches anywhere in `text`.
    func matches(_ text: String) -> Bool {
        regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) != nil
    }

    /// The first match's capture group `group` (0 for the whole match), if it matched.
    func firstCapture(in text: String, group: Int) -> String? {
        guard let match = regex.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)),
            group < match.numberOfRanges, let range = Range(match.range(at: group), in: text)
        else { return nil }
        return String(text[range])
    }

    /// Whether the two match exactly the same texts: the same pattern with the same options.
    func isSameTest(as other: CompiledRegex) -> Bool {
        self === other || (pattern == other.pattern && caseInsensitive == other.caseInsensitive)
    }

    static func == (lhs: CompiledRegex, rhs: CompiledRegex) -> Bool { lhs.pattern == rhs.pattern }
    func hash(into hasher: inout Hasher) { hasher.combine(pattern) }
}

/// A pattern that does not compile.
struct RegexSyntaxError: Error {
    var pattern: String
}
