import InventoryModel

/// Listening sockets from `/proc/net/{tcp,tcp6,udp,udp6}`, which every Linux has and any account
/// may read, unlike `ss -p` or `netstat -p`; the batch reads them where `ss` is missing or fails
/// (see `SocketStatistics`).
enum ProcNetSockets {
    /// TCP sockets in state 0A (LISTEN) and UDP sockets in state 07 (unconnected) with no remote
    /// peer, deduplicated and sorted by protocol, port and address.
    static func listening(from parts: LabelledParts) -> [ListeningSocket] {
        var found: Set<ListeningSocket> = []
        let tables: [(String, ListeningSocket.TransportProtocol)] = [
            ("/proc/net/tcp", .tcp), ("/proc/net/tcp6", .tcp), ("/proc/net/udp", .udp), ("/proc/net/udp6", .udp),
        ]
        for (label, proto) in tables {
            // Split on ASCII blanks, not `isWhitespace`: Unicode properties per character cost
            // more than the rest of reading a busy server's socket table.
            for line in (parts[label] ?? "").split(separator: "\n") {
                let f = line.split { $0 == " " || $0 == "\t" || $0 == "\r" }
                guard f.count >= 4, f[0].hasSuffix(":"), let local = endpoint(f[1]), let remote = endpoint(f[2]) else {
                    continue
                }
                let listening =
                    proto == .tcp
                    ? f[3] == "0A"
                    : f[3] == "07" && remote.port == 0 && (remote.address == "0.0.0.0" || remote.address == "::")
                if listening { found.insert(ListeningSocket(proto: proto, address: local.address, port: local.port)) }
            }
        }
        return found.sorted(by: ListeningSocket.reportOrder)
    }

    /// `0100007F:0016` or a 32-digit IPv6 address and a hex port.
    static func endpoint(_ field: Substring) -> (address: String, port: Int)? {
        let pieces = field.split(separator: ":")
        guard pieces.count == 2, pieces[1].count == 4, let port = Int(pieces[1], radix: 16) else { return nil }
        let hex = pieces[0]
        if hex.count == 8, let word = UInt32(hex, radix: 16) { return (ipv4(littleEndian: word), port) }
        guard hex.count == 32 else { return nil }
        var bytes: [UInt8] = []
        var index = hex.startIndex
        for _ in 0..<4 {
            let next = hex.index(index, offsetBy: 8)
            guard let word = UInt32(hex[index..<next], radix: 16) else { return nil }
            bytes += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: word >> $0) }
            index = next
        }
        return (ipv6(bytes), port)
    }

    /// The kernel prints a network-order IPv4 address as a host-order (little-endian) word.
    static func ipv4(littleEndian word: UInt32) -> String {
        [0, 8, 16, 24].map { String(UInt8(truncatingIfNeeded: word >> $0)) }.joined(separator: ".")
    }

    /// RFC 5952 text: lower-case, no leading zeros, the longest run of two or more zero groups as
    /// `::`, and IPv4-mapped addresses as `::ffff:a.b.c.d`.
    static func ipv6(_ bytes: [UInt8]) -> String {
        precondition(bytes.count == 16)
        if bytes[0..<10].allSatisfy({ $0 == 0 }) && bytes[10] == 0xff && bytes[11] == 0xff {
            return "::ffff:" + bytes[12...].map(String.init).joined(separator: ".")
        }
        let groups = (0..<8).map { UInt16(bytes[2 * $0]) << 8 | UInt16(bytes[2 * $0 + 1]) }
        var bestStart = -1
        var bestLength = 1
        var runStart = -1
        for (index, group) in groups.enumerated() {
            if group == 0 {
                if runStart < 0 { runStart = index }
                if index - runStart + 1 > bestLength {
                    bestStart = runStart
                    bestLength = index - runStart + 1
                }
            } else {
                runStart = -1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard bestStart >= 0 else { return hex.joined(separator: ":") }
        let head = hex[..<bestStart].joined(separator: ":")
        let tail = hex[(bestStart + bestLength)...].joined(separator: ":")
        return head + "::" + tail
    }
}

extension ListeningSocket {
    /// By protocol, port and address, as facts list them.
    static func reportOrder(_ a: ListeningSocket, _ b: ListeningSocket) -> Bool {
        (a.proto.rawValue, a.port, a.address) < (b.proto.rawValue, b.port, b.address)
    }
}
