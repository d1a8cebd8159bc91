/// Query names and address answers of a DNS or mDNS message.
struct DNSMessage {
    var isResponse: Bool
    var questions: [(name: String, type: UInt16)] = []
    /// A and AAAA answers: the owner name and the address.
    var addresses: [(name: String, address: IPAddressKey)] = []

    /// Limits that keep a hostile message cheap: counts above them are read no further.
    static let maxQuestions = 16
    static let maxAnswers = 64

    /// Decodes the message in `p[start..<end]`; `nil` when a header, name or record runs past the
    /// end or a compression pointer does not point backwards.
    init?(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) {
        guard end - start >= 12 else { return nil }
        let flags = p.u16(start + 2)
        isResponse = flags & 0x8000 != 0
        let questionCount = Int(p.u16(start + 4))
        let answerCount = Int(p.u16(start + 6))
        var offset = start + 12
        for _ in 0..<min(questionCount, Self.maxQuestions) {
            guard let (name, next) = Self.name(p, at: offset, message: start, end: end), next + 4 <= end else {
                return nil
            }
            questions.append((name, p.u16(next)))
            offset = next + 4
        }
        if questionCount > Self.maxQuestions { return }
        for _ in 0..<min(answerCount, Self.maxAnswers) {
            guard let (name, next) = Self.name(p, at: offset, message: start, end: end), next + 10 <= end else {
                return nil
            }
            let type = p.u16(next)
            let length = Int(p.u16(next + 8))
            let data = next + 10
            guard data + length <= end else { return nil }
            if type == 1 && length == 4 {
                addresses.append((name, IPAddressKey(ipv4: p.u32(data))))
            } else if type == 28 && length == 16 {
                addresses.append((name, IPAddressKey(high: p.u64(data), low: p.u64(data + 8))))
            }
            offset = data + length
        }
    }

    /// Reads a possibly compressed name at `offset`; returns it (lowercase, dot-separated, without
    /// the root dot) and the offset just after it in the record.
    ///
    /// Loop protection: a compression pointer must point before the label that holds it, so every
    /// jump goes strictly backwards and the walk ends; at most 64 jumps and 255 bytes of name.
    static func name(
        _ p: UnsafeRawBufferPointer, at offset: Int, message start: Int, end: Int
    ) -> (String, Int)? {
        var labels: [String] = []
        var position = offset
        var resume: Int?
        var jumps = 0
        var length = 0
        while true {
            guard position < end else { return nil }
            let byte = p.u8(position)
            switch byte >> 6 {
            case 0:
                if byte == 0 {
                    return (labels.joined(separator: "."), resume ?? position + 1)
                }
                let labelEnd = position + 1 + Int(byte)
                length += Int(byte) + 1
                guard labelEnd <= end, length <= 255 else { return nil }
                labels.append(p.printableText((position + 1)..<labelEnd, lowercased: true))
                position = labelEnd
            case 3:
                guard position + 2 <= end else { return nil }
                let target = start + Int(p.u16(position) & 0x3FFF)
                jumps += 1
                guard target < position, jumps <= 64 else { return nil }
                if resume == nil { resume = position + 2 }
                position = target
            default:
                return nil  // 0x40 and 0x80 label types are obsolete or unassigned
            }
        }
    }
}
