/// Orders software versions the way package managers do, so `1.10 > 1.9` and `2.0 == 2`.
///
/// A version splits into runs of digits and runs of letters (anything else separates them);
/// digit runs compare as numbers, letter runs as text, and a letter run sorts before a number
/// (`1.0rc1 < 1.0.1`). A Debian epoch (`1:2.3`) compares first; a missing segment counts as 0.
enum VersionOrder {
    enum Segment: Hashable {
        case number(UInt64)
        case word(String)
    }

    static func isVersion(_ text: String) -> Bool {
        text.unicodeScalars.contains { ("0"..."9").contains($0) }
    }

    static func segments(_ text: String) -> (epoch: UInt64, parts: [Segment]) {
        var body = Substring(text.trimmed)
        var epoch: UInt64 = 0
        if let colon = body.firstIndex(of: ":"), let e = UInt64(body[..<colon]) {
            epoch = e
            body = body[body.index(after: colon)...]
        }
        var parts: [Segment] = []
        var digits = ""
        var letters = ""
        func flush() {
            if !digits.isEmpty { parts.append(.number(UInt64(digits.suffix(18)) ?? 0)) }
            if !letters.isEmpty { parts.append(.word(letters.lowercased())) }
            digits = ""
            letters = ""
        }
        for scalar in body.unicodeScalars {
            if ("0"..."9").contains(scalar) {
                if !letters.isEmpty { flush() }
                digits.unicodeScalars.append(scalar)
            } else if scalar.properties.isAlphabetic {
                if !digits.isEmpty { flush() }
                letters.unicodeScalars.append(scalar)
            } else {
                flush()
            }
        }
        flush()
        return (epoch, parts)
    }

    /// -1, 0 or 1.
    static func compare(_ a: String, _ b: String) -> Int {
        let (ea, pa) = segments(a)
        let (eb, pb) = segments(b)
        if ea != eb { return ea < eb ? -1 : 1 }
        for i in 0..<max(pa.count, pb.count) {
            let x = i < pa.count ? pa[i] : .number(0)
            let y = i < pb.count ? pb[i] : .number(0)
            switch (x, y) {
            case (.number(let m), .number(let n)) where m != n: return m < n ? -1 : 1
            case (.word(let m), .word(let n)) where m != n: return m < n ? -1 : 1
            case (.word, .number): return -1
            case (.number, .word): return 1
            default: continue
            }
        }
        return 0
    }
}
