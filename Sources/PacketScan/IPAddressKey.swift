import Foundation

/// An IPv4 or IPv6 address as two 64-bit words, so one table holds both families and a lookup
/// hashes two integers instead of a variable-length string.
///
/// IPv4 addresses live in the IPv4-mapped range (`::ffff:a.b.c.d`); a real IPv6 packet carrying a
/// mapped address would share the entry, which no sane network puts on the wire.
struct IPAddressKey: Hashable, Comparable, Sendable {
    var high: UInt64
    var low: UInt64

    static let zero = IPAddressKey(high: 0, low: 0)

    init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    init(ipv4: UInt32) {
        high = 0
        low = 0xFFFF_0000_0000 | UInt64(ipv4)
    }

    var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }
    var ipv4: UInt32 { UInt32(truncatingIfNeeded: low) }

    static func < (a: IPAddressKey, b: IPAddressKey) -> Bool {
        (a.high, a.low) < (b.high, b.low)
    }

    /// What kind of destination this is; only unicast addresses are hosts in their own right.
    var scope: AddressScope {
        if isIPv4 {
            let a = ipv4
            if a == 0 { return .unspecified }
            if a == 0xFFFF_FFFF { return .broadcast }
            if a >> 28 == 0xE { return .multicast }
            if a >> 24 == 127 { return .loopback }
            return .unicast
        }
        if high == 0 && low == 0 { return .unspecified }
        if high == 0 && low == 1 { return .loopback }
        if high >> 56 == 0xFF { return .multicast }
        return .unicast
    }

    /// RFC 1918, RFC 6598, link-local and unique-local addresses: never "the Internet".
    var isPrivate: Bool {
        if isIPv4 {
            let a = ipv4
            return a >> 24 == 10 || a >> 20 == 0xAC1 || a >> 16 == 0xC0A8 || a >> 16 == 0xA9FE
                || a >> 22 == 0x191  // 100.64.0.0/10
        }
        return high >> 57 == 0x7E || high >> 54 == 0x3FA  // fc00::/7, fe80::/10
    }

    /// Conventional text: dotted quad, or RFC 5952 IPv6 (longest zero run as `::`, lowercase).
    var text: String {
        if isIPv4 {
            let a = ipv4
            return "\(a >> 24).\(a >> 16 & 0xFF).\(a >> 8 & 0xFF).\(a & 0xFF)"
        }
        var groups = [UInt16](repeating: 0, count: 8)
        for i in 0..<4 {
            groups[i] = UInt16(truncatingIfNeeded: high >> (48 - 16 * UInt64(i)))
            groups[i + 4] = UInt16(truncatingIfNeeded: low >> (48 - 16 * UInt64(i)))
        }
        var bestStart = -1
        var bestLength = 1
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > bestLength {
                    bestStart = i
                    bestLength = j - i
                }
                i = j
            } else {
                i += 1
            }
        }
        func hex(_ range: Range<Int>) -> String {
            range.map { String(groups[$0], radix: 16) }.joined(separator: ":")
        }
        if bestStart < 0 { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }

    /// Parses dotted-quad IPv4 or IPv6 text (with `::` and an optional trailing dotted quad).
    init?(text: String) {
        if !text.contains(":") {
            let parts = text.split(separator: ".", omittingEmptySubsequences: false)
            guard parts.count == 4 else { return nil }
            var value: UInt32 = 0
            for part in parts {
                guard part.count <= 3, let byte = UInt8(part) else { return nil }
                value = value << 8 | UInt32(byte)
            }
            self.init(ipv4: value)
            return
        }
        var head: [UInt16] = []
        var tail: [UInt16] = []
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func groups(_ s: String) -> [UInt16]? {
            if s.isEmpty { return [] }
            var out: [UInt16] = []
            let parts = s.split(separator: ":", omittingEmptySubsequences: false)
            for (n, part) in parts.enumerated() {
                if n == parts.count - 1, part.contains("."), let v4 = IPAddressKey(text: String(part)), v4.isIPv4 {
                    out.append(UInt16(v4.ipv4 >> 16))
                    out.append(UInt16(v4.ipv4 & 0xFFFF))
                } else {
                    guard (1...4).contains(part.count), let g = UInt16(part, radix: 16) else { return nil }
                    out.append(g)
                }
            }
            return out
        }
        guard let h = groups(halves[0]) else { return nil }
        head = h
        if halves.count == 2 {
            guard let t = groups(halves[1]), head.count + t.count <= 7 else { return nil }
            tail = t
        } else {
            guard head.count == 8 else { return nil }
        }
        let all = head + [UInt16](repeating: 0, count: 8 - head.count - tail.count) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 {
            high = high << 16 | UInt64(all[i])
            low = low << 16 | UInt64(all[i + 4])
        }
        self.init(high: high, low: low)
    }
}

/// Where an address points: only unicast addresses are hosts of their own.
enum AddressScope: String, Sendable {
    case unicast, multicast, broadcast, unspecified, loopback
}

/// `aa:bb:cc:dd:ee:ff` for a MAC address held in the low 48 bits.
func macText(_ mac: UInt64) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var bytes: [UInt8] = []
    bytes.reserveCapacity(17)
    for i in 0..<6 {
        let b = Int(mac >> (40 - 8 * UInt64(i)) & 0xFF)
        if i > 0 { bytes.append(UInt8(ascii: ":")) }
        bytes.append(digits[b >> 4])
        bytes.append(digits[b & 0xF])
    }
    return String(decoding: bytes, as: UTF8.self)
}
