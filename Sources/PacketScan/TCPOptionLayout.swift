/// The order of options in a TCP SYN, the most telling part of a passive OS fingerprint.
///
/// Encoded as 4-bit codes in a `UInt64` so a SYN costs no allocation; written out in p0f's
/// notation (`mss,nop,ws,nop,nop,sok`) only for the report.
enum TCPOptionLayout {
    private static let names = ["", "eol", "nop", "mss", "ws", "sok", "sack", "ts", "?"]

    /// The layout of the options in `p[start..<end]`; 0 when there are none or they are malformed.
    static func encode(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> UInt64 {
        var code: UInt64 = 0
        var count = 0
        var i = start
        while i < end && count < 15 {
            let kind = p.u8(i)
            let symbol: UInt64
            switch kind {
            case 0: symbol = 1
            case 1: symbol = 2
            case 2: symbol = 3
            case 3: symbol = 4
            case 4: symbol = 5
            case 5: symbol = 6
            case 8: symbol = 7
            default: symbol = 8
            }
            code = code << 4 | symbol
            count += 1
            if kind == 0 { break }
            if kind == 1 {
                i += 1
                continue
            }
            guard i + 1 < end else { return 0 }
            let length = Int(p.u8(i + 1))
            guard length >= 2 else { return 0 }
            i += length
        }
        return code
    }

    static func text(_ code: UInt64) -> String {
        var symbols: [String] = []
        var c = code
        while c != 0 {
            symbols.append(names[Int(c & 0xF)])
            c >>= 4
        }
        return symbols.reversed().joined(separator: ",")
    }
}
