/// The server name (SNI) a TLS client asks for in its ClientHello: which service a host talks
/// to even when the rest is encrypted.
enum TLSClientHello {
    /// Whether the payload starts like a TLS handshake record holding a ClientHello; cheap enough
    /// to ask of every TCP payload.
    @inline(__always)
    static func looksLikeClientHello(_ p: UnsafeRawBufferPointer, at start: Int, end: Int) -> Bool {
        end - start >= 6 && p.u8(start) == 0x16 && p.u8(start + 1) == 3 && p.u8(start + 5) == 1
    }

    /// The `host_name` of the server_name extension; `.malformed` when a length runs past the
    /// record or the segment (a ClientHello split over segments is read as far as it goes).
    enum Result: Equatable {
        case serverName(String)
        case noServerName
        case malformed
    }

    static func serverName(_ p: UnsafeRawBufferPointer, from start: Int, to segmentEnd: Int) -> Result {
        guard segmentEnd - start >= 9 else { return .malformed }
        let end = min(segmentEnd, start + 5 + Int(p.u16(start + 3)))
        // handshake type (1) + length (3) + version (2) + random (32)
        var i = start + 5 + 4 + 2 + 32
        guard i + 1 <= end else { return .malformed }
        i += 1 + Int(p.u8(i))  // session id
        guard i + 2 <= end else { return .malformed }
        i += 2 + Int(p.u16(i))  // cipher suites
        guard i + 1 <= end else { return .malformed }
        i += 1 + Int(p.u8(i))  // compression methods
        guard i + 2 <= end else { return i == end ? .noServerName : .malformed }
        let extensionsEnd = min(end, i + 2 + Int(p.u16(i)))
        i += 2
        while i + 4 <= extensionsEnd {
            let type = p.u16(i)
            let length = Int(p.u16(i + 2))
            let data = i + 4
            guard data + length <= extensionsEnd else { return .malformed }
            if type == 0 {
                // server_name_list length (2), then entries: type (1), length (2), name
                var j = data + 2
                let listEnd = min(data + length, data + 2 + (length >= 2 ? Int(p.u16(data)) : 0))
                while j + 3 <= listEnd {
                    let nameLength = Int(p.u16(j + 1))
                    guard j + 3 + nameLength <= listEnd else { return .malformed }
                    if p.u8(j) == 0 && nameLength > 0 {
                        return .serverName(p.printableText((j + 3)..<(j + 3 + nameLength), lowercased: true))
                    }
                    j += 3 + nameLength
                }
                return .malformed
            }
            i = data + length
        }
        return .noServerName
    }
}
