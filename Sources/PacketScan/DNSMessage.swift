/// Query names and address answers of a DNS or mDNS message, read without allocating.
///
/// A capture meets tens of thousands of DNS messages and keeps few of their names (the address
/// table already has most of them), so reading is in two steps: `read` checks the whole message
/// and notes where each question and A/AAAA answer is, then `decodeName(_:at:)` spells one owner
/// name into a reused byte buffer, and only a name the caller keeps becomes a `String`. One
/// reader serves every packet of a capture; its arrays keep their capacity between messages.
struct DNSMessage {
    private(set) var isResponse = false
    /// Questions: where the name starts in the packet, and the query type.
    private(set) var questions: [(nameOffset: Int, type: UInt16)] = []
    /// A and AAAA answers: where the owner name starts, and the address.
    private(set) var addresses: [(nameOffset: Int, address: IPAddressKey)] = []
    /// The name last decoded: lowercase, dot-separated, without the root dot; bytes outside
    /// printable ASCII read as `?`, so a name from the wire cannot carry terminal escapes.
    private(set) var name: [UInt8] = []
    /// The message's bounds in the packet, for decoding its names.
    private var start = 0
    private var end = 0

    /// Limits that keep a hostile message cheap: counts above them are read no further.
    static let maxQuestions = 16
    static let maxAnswers = 64

    init() {
        name.reserveCapacity(255)
    }

    /// Reads the message in `p[start..<end]`; `false`, with nothing noted, when a header, name or
    /// record runs past the end or a compression pointer does not point backwards.
    mutating func read(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        questions.removeAll(keepingCapacity: true)
        addresses.removeAll(keepingCapacity: true)
        self.start = start
        self.end = end
        guard end - start >= 12 else { return false }
        isResponse = p.u16(start + 2) & 0x8000 != 0
        let questionCount = Int(p.u16(start + 4))
        let answerCount = Int(p.u16(start + 6))
        var offset = start + 12
        for _ in 0..<min(questionCount, Self.maxQuestions) {
            guard let next = Self.walkName(p, at: offset, message: start, end: end, { _ in }), next + 4 <= end else {
                return fail()
            }
            questions.append((offset, p.u16(next)))
            offset = next + 4
        }
        if questionCount > Self.maxQuestions { return true }
        for _ in 0..<min(answerCount, Self.maxAnswers) {
            guard let next = Self.walkName(p, at: offset, message: start, end: end, { _ in }), next + 10 <= end else {
                return fail()
            }
            let type = p.u16(next)
            let length = Int(p.u16(next + 8))
            let data = next + 10
            guard data + length <= end else { return fail() }
            if type == 1 && length == 4 {
                addresses.append((offset, IPAddressKey(ipv4: p.u32(data))))
            } else if type == 28 && length == 16 {
                addresses.append((offset, IPAddressKey(high: p.u64(data), low: p.u64(data + 8))))
            }
            offset = data + length
        }
        return true
    }

    private mutating func fail() -> Bool {
        questions.removeAll(keepingCapacity: true)
        addresses.removeAll(keepingCapacity: true)
        return false
    }

    /// Spells the name at `offset` (one `read` noted) into `name`.
    mutating func decodeName(_ p: UnsafeRawBufferPointer, at offset: Int) {
        name.removeAll(keepingCapacity: true)
        _ = Self.walkName(p, at: offset, message: start, end: end) { label in
            if !name.isEmpty { name.append(UInt8(ascii: ".")) }
            for i in label {
                var b = p.u8(i)
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                name.append(b >= 0x20 && b < 0x7F ? b : UInt8(ascii: "?"))
            }
        }
    }

    /// The name at `offset` as text, for the names that are kept.
    mutating func nameText(_ p: UnsafeRawBufferPointer, at offset: Int) -> String {
        decodeName(p, at: offset)
        return String(decoding: name, as: UTF8.self)
    }

    /// Walks a possibly compressed name at `offset`, handing each label's byte range to `label`;
    /// returns the offset just after the name in its record.
    ///
    /// Loop protection: a compression pointer must point before the label that holds it, so every
    /// jump goes strictly backwards and the walk ends; at most 64 jumps and 255 bytes of name.
    @inline(__always)
    private static func walkName(
        _ p: UnsafeRawBufferPointer, at offset: Int, message start: Int, end: Int, _ label: (Range<Int>) -> Void
    ) -> Int? {
        var position = offset
        var resume: Int?
        var jumps = 0
        var length = 0
        while true {
            guard position < end else { return nil }
            let byte = p.u8(position)
            switch byte >> 6 {
            case 0:
                if byte == 0 { return resume ?? position + 1 }
                let labelEnd = position + 1 + Int(byte)
                length += Int(byte) + 1
                guard labelEnd <= end, length <= 255 else { return nil }
                label((position + 1)..<labelEnd)
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
