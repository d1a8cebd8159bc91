/// Orders software versions the way package managers do, so `1.10 > 1.9` and `2.0 == 2`.
///
/// A version splits into runs of digits and runs of letters (anything else separates them);
/// digit runs compare as numbers, letter runs as text ignoring case, and a letter run sorts
/// before a number (`1.0rc1 < 1.0.1`). A Debian epoch (`1:2.3`) compares first; a missing
/// segment counts as 0. The comparison walks both texts' bytes without allocating, because it
/// runs on every host.
enum VersionOrder {
    static func isVersion(_ text: String) -> Bool {
        text.utf8.contains { $0 >= 48 && $0 <= 57 }
    }

    private enum Segment: Equatable {
        case number(UInt64)
        /// A run of letters: where it starts and ends in the bytes.
        case word(Range<Int>)
        case end
    }

    /// Reads segments one at a time from UTF-8 bytes.
    private struct Cursor {
        let bytes: UnsafeBufferPointer<UInt8>
        var index = 0

        static func isDigit(_ b: UInt8) -> Bool { b >= 48 && b <= 57 }
        /// ASCII letters and every non-ASCII byte (letters in other scripts).
        static func isLetter(_ b: UInt8) -> Bool {
            (b | 0x20) >= 97 && (b | 0x20) <= 122 || b >= 0x80
        }

        /// `epoch:` when the text starts with digits and a colon.
        mutating func epoch() -> UInt64 {
            var i = 0
            var value: UInt64 = 0
            while i < bytes.count, Self.isDigit(bytes[i]) {
                value = value &* 10 &+ UInt64(bytes[i] - 48)
                i += 1
            }
            guard i > 0, i < bytes.count, bytes[i] == 58 else { return 0 }
            index = i + 1
            return value
        }

        mutating func next() -> Segment {
            while index < bytes.count, !Self.isDigit(bytes[index]), !Self.isLetter(bytes[index]) {
                index += 1
            }
            guard index < bytes.count else { return .end }
            let start = index
            if Self.isDigit(bytes[index]) {
                var value: UInt64 = 0
                while index < bytes.count, Self.isDigit(bytes[index]) {
                    value = value &* 10 &+ UInt64(bytes[index] - 48)
                    index += 1
                }
                return .number(value)
            }
            while index < bytes.count, Self.isLetter(bytes[index]) { index += 1 }
            return .word(start..<index)
        }
    }

    /// -1, 0 or 1.
    static func compare(_ a: String, _ b: String) -> Int {
        var a = a
        var b = b
        return a.withUTF8 { x in b.withUTF8 { y in compare(x, y) } }
    }

    private static func compare(_ x: UnsafeBufferPointer<UInt8>, _ y: UnsafeBufferPointer<UInt8>)
        -> Int
    {
        var p = Cursor(bytes: x)
        var q = Cursor(bytes: y)
        let (ea, eb) = (p.epoch(), q.epoch())
        if ea != eb { return ea < eb ? -1 : 1 }
        while true {
            var s = p.next()
            var t = q.next()
            if s == .end, t == .end { return 0 }
            if s == .end { s = .number(0) }
            if t == .end { t = .number(0) }
            switch (s, t) {
            case (.number(let m), .number(let n)) where m != n: return m < n ? -1 : 1
            case (.word(let m), .word(let n)):
                let order = compareWords(x[m], y[n])
                if order != 0 { return order }
            case (.word, .number): return -1
            case (.number, .word): return 1
            default: continue
            }
        }
    }

    private static func compareWords(
        _ m: Slice<UnsafeBufferPointer<UInt8>>, _ n: Slice<UnsafeBufferPointer<UInt8>>
    )
        -> Int
    {
        for (c, d) in zip(m, n) {
            let (lc, ld) = (c < 0x80 ? c | 0x20 : c, d < 0x80 ? d | 0x20 : d)
            if lc != ld { return lc < ld ? -1 : 1 }
        }
        return m.count == n.count ? 0 : m.count < n.count ? -1 : 1
    }
}
