/// The head of a cleartext HTTP request: its Host, and whether it carries Basic credentials.
///
/// The Authorization value is never read past the word `Basic`: ictaudit reports that
/// credentials crossed the wire in clear, not what they were.
struct HTTPRequest: Equatable {
    var host: String?
    var hasBasicAuthorization: Bool

    /// Only this much of a segment is searched for headers.
    static let maxHeaderBytes = 4096

    static func looksLikeRequest(_ p: UnsafeRawBufferPointer, at start: Int, end: Int) -> Bool {
        guard end - start >= 16 else { return false }
        switch p.u8(start) {
        case UInt8(ascii: "G"): return p.hasPrefix("GET ", at: start)
        case UInt8(ascii: "P"):
            return p.hasPrefix("POST ", at: start) || p.hasPrefix("PUT ", at: start) || p.hasPrefix("PATCH ", at: start)
        case UInt8(ascii: "H"): return p.hasPrefix("HEAD ", at: start)
        case UInt8(ascii: "D"): return p.hasPrefix("DELETE ", at: start)
        case UInt8(ascii: "O"): return p.hasPrefix("OPTIONS ", at: start)
        case UInt8(ascii: "C"): return p.hasPrefix("CONNECT ", at: start)
        default: return false
        }
    }

    init(_ p: UnsafeRawBufferPointer, from start: Int, to segmentEnd: Int) {
        host = nil
        hasBasicAuthorization = false
        let end = min(segmentEnd, start + Self.maxHeaderBytes)
        var line = start
        var first = true
        while line < end {
            var lineEnd = line
            while lineEnd < end && p.u8(lineEnd) != 0x0A { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > line && p.u8(contentEnd - 1) == 0x0D { contentEnd -= 1 }
            if contentEnd == line && !first { break }  // blank line: end of the head
            if !first, let colon = (line..<contentEnd).first(where: { p.u8($0) == UInt8(ascii: ":") }) {
                let name = line..<colon
                var value = colon + 1
                while value < contentEnd && (p.u8(value) == 0x20 || p.u8(value) == 0x09) { value += 1 }
                if p.isCaseInsensitive(name, "host"), host == nil, value < contentEnd {
                    var hostEnd = contentEnd
                    while hostEnd > value && (p.u8(hostEnd - 1) == 0x20 || p.u8(hostEnd - 1) == 0x09) { hostEnd -= 1 }
                    // Drop a port, except inside an IPv6 literal.
                    if p.u8(value) != UInt8(ascii: "["),
                        let c = (value..<hostEnd).first(where: { p.u8($0) == UInt8(ascii: ":") })
                    {
                        hostEnd = c
                    }
                    host = p.printableText(value..<hostEnd, lowercased: true)
                } else if p.isCaseInsensitive(name, "authorization") || p.isCaseInsensitive(name, "proxy-authorization") {
                    if contentEnd - value >= 6, p.isCaseInsensitive(value..<(value + 6), "basic ") {
                        hasBasicAuthorization = true
                    }
                }
            }
            first = false
            line = lineEnd + 1
        }
    }
}
