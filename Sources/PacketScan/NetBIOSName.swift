/// NetBIOS name service (UDP 137): the names Windows hosts register and answer for.
struct NetBIOSName: Equatable {
    /// The name without its padding and suffix byte, e.g. `WS-0-021`.
    var name: String
    /// The address the name belongs to: the registering host, or the address in a positive answer.
    var address: UInt32?

    /// Decodes a registration, refresh or positive query response; `nil` for other messages and
    /// for anything malformed (`isMalformed` tells which).
    static func decode(
        _ p: UnsafeRawBufferPointer, from start: Int, to end: Int, sender: UInt32
    ) -> (name: NetBIOSName?, isMalformed: Bool) {
        guard end - start >= 12 + 34 else { return (nil, true) }
        let flags = p.u16(start + 2)
        let isResponse = flags & 0x8000 != 0
        let opcode = (flags >> 11) & 0xF
        let questionCount = p.u16(start + 4)
        let answerCount = p.u16(start + 6)
        // A first-level encoded name: length 32, then 32 letters 'A'...'P', then the root label.
        let o = start + 12
        guard p.u8(o) == 32, p.u8(o + 33) == 0 else { return (nil, true) }
        var bytes: [UInt8] = []
        for i in 0..<16 {
            let high = p.u8(o + 1 + 2 * i) &- 0x41
            let low = p.u8(o + 2 + 2 * i) &- 0x41
            guard high < 16, low < 16 else { return (nil, true) }
            bytes.append(high << 4 | low)
        }
        var nameBytes = bytes[0..<15]
        while let last = nameBytes.last, last == 0x20 || last == 0 { nameBytes.removeLast() }
        let text = Self.printable(nameBytes)
        let registration = opcode == 5 || opcode == 8 || opcode == 9
        if !isResponse && registration && questionCount == 1 {
            return (NetBIOSName(name: text, address: sender), false)
        }
        if isResponse && opcode == 0 && answerCount >= 1 {
            // Answer: name (34) + type, class (4) + TTL (4) + length (2), then flags (2) + address (4).
            let data = o + 34 + 10
            guard data + 6 <= end, p.u16(data - 2) >= 6 else { return (nil, true) }
            return (NetBIOSName(name: text, address: p.u32(data + 2)), false)
        }
        return (nil, false)
    }

    private static func printable(_ bytes: ArraySlice<UInt8>) -> String {
        String(String.UnicodeScalarView(bytes.map { $0 >= 0x21 && $0 < 0x7F ? Unicode.Scalar($0) : "?" }))
    }
}
