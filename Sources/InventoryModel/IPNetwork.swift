import Foundation

/// An IPv4 or IPv6 address as 128 bits, IPv4 in the mapped range (`::ffff:a.b.c.d`).
///
/// The core needs addresses only to place hosts in subnets and to tell public from private, so
/// this is a value with those two jobs and no resolver behind it (the core does no I/O).
public struct IPAddress: Hashable, Comparable, Sendable {
    public var high: UInt64
    public var low: UInt64

    public init(high: UInt64, low: UInt64) {
        self.high = high
        self.low = low
    }

    public init(ipv4: UInt32) {
        high = 0
        low = 0xFFFF_0000_0000 | UInt64(ipv4)
    }

    public var isIPv4: Bool { high == 0 && low >> 32 == 0xFFFF }

    public static func < (a: IPAddress, b: IPAddress) -> Bool { (a.high, a.low) < (b.high, b.low) }

    /// Parses a dotted quad or an IPv6 address (with `::`, an embedded dotted quad, or a `%zone`,
    /// which is dropped). A CIDR suffix is not accepted here; see ``IPNetwork``.
    public init?(_ text: some StringProtocol) {
        let whole = String(text)
        let text = whole.firstIndex(of: "%").map { String(whole[..<$0]) } ?? whole
        if !text.contains(":") {
            guard let v4 = Self.parseIPv4(text) else { return nil }
            self.init(ipv4: v4)
            return
        }
        var groups: [UInt16] = []
        var tail: [UInt16] = []
        var sawGap = false
        let halves = text.components(separatedBy: "::")
        guard halves.count <= 2 else { return nil }
        func parse(_ part: String, into list: inout [UInt16]) -> Bool {
            guard !part.isEmpty else { return true }
            let pieces = part.split(separator: ":", omittingEmptySubsequences: false)
            for (i, piece) in pieces.enumerated() {
                if i == pieces.count - 1, piece.contains(".") {
                    guard let v4 = Self.parseIPv4(String(piece)) else { return false }
                    list.append(UInt16(v4 >> 16))
                    list.append(UInt16(v4 & 0xFFFF))
                } else {
                    guard piece.count >= 1, piece.count <= 4, let g = UInt16(piece, radix: 16) else { return false }
                    list.append(g)
                }
            }
            return true
        }
        guard parse(halves[0], into: &groups) else { return nil }
        if halves.count == 2 {
            sawGap = true
            guard parse(halves[1], into: &tail) else { return nil }
        }
        let total = groups.count + tail.count
        guard sawGap ? total < 8 : total == 8 else { return nil }
        let all = groups + [UInt16](repeating: 0, count: 8 - total) + tail
        var high: UInt64 = 0
        var low: UInt64 = 0
        for i in 0..<4 { high = high << 16 | UInt64(all[i]) }
        for i in 4..<8 { low = low << 16 | UInt64(all[i]) }
        self.init(high: high, low: low)
    }

    private static func parseIPv4(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard !part.isEmpty, part.count <= 3, let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }

    /// A unicast address outside RFC 1918, RFC 6598 (CGN), link-local, loopback, unique-local,
    /// multicast and the unspecified address: traffic to it is traffic to the Internet.
    public var isPublic: Bool {
        if isIPv4 {
            let a = UInt32(truncatingIfNeeded: low)
            if a == 0 || a == 0xFFFF_FFFF || a >> 28 == 0xE || a >> 28 == 0xF || a >> 24 == 127 || a >> 24 == 0 {
                return false
            }
            return !(a >> 24 == 10 || a >> 20 == 0xAC1 || a >> 16 == 0xC0A8 || a >> 16 == 0xA9FE || a >> 22 == 0x191)
        }
        if high == 0 && (low == 0 || low == 1) { return false }
        if high >> 56 == 0xFF { return false }
        return !(high >> 57 == 0x7E || high >> 54 == 0x3FA)
    }

    /// Whether the address names one host (not multicast, broadcast, loopback or unspecified).
    public var isHostUnicast: Bool {
        if isIPv4 {
            let a = UInt32(truncatingIfNeeded: low)
            return a != 0 && a != 0xFFFF_FFFF && a >> 28 != 0xE && a >> 24 != 127
        }
        return !(high == 0 && (low == 0 || low == 1)) && high >> 56 != 0xFF
    }

    /// The first `bits` of the 128-bit form kept, the rest zero.
    func masked(_ bits: Int) -> IPAddress {
        let highMask: UInt64 = bits >= 64 ? ~0 : (bits <= 0 ? 0 : ~0 << UInt64(64 - bits))
        let lowBits = bits - 64
        let lowMask: UInt64 = lowBits >= 64 ? ~0 : (lowBits <= 0 ? 0 : ~0 << UInt64(64 - lowBits))
        return IPAddress(high: high & highMask, low: low & lowMask)
    }
}

/// A subnet in CIDR notation (`10.10.1.0/24`, `2001:db8:1::/48`).
public struct IPNetwork: Hashable, Sendable, CustomStringConvertible {
    /// The network address (host bits zero).
    public var network: IPAddress
    /// The prefix as written: 0–32 for IPv4, 0–128 for IPv6.
    public var prefixLength: Int

    /// Parses `address/length`; host bits are cleared (`10.10.1.7/24` is `10.10.1.0/24`, the
    /// network an interface address belongs to).
    public init?(_ text: some StringProtocol) {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddress(parts[0]), let length = Int(parts[1]),
            length >= 0, length <= (address.isIPv4 ? 32 : 128)
        else { return nil }
        prefixLength = length
        network = address.masked(address.isIPv4 ? 96 + length : length)
    }

    /// Prefix length over the 128-bit form (IPv4 /24 is 120).
    var bits: Int { network.isIPv4 ? 96 + prefixLength : prefixLength }

    public func contains(_ address: IPAddress) -> Bool {
        address.isIPv4 == network.isIPv4 && address.masked(bits) == network
    }

    /// Whether the two share any address: one holds the other's network address.
    public func overlaps(_ other: IPNetwork) -> Bool {
        contains(other.network) || other.contains(network)
    }

    public var description: String {
        if network.isIPv4 {
            let a = UInt32(truncatingIfNeeded: network.low)
            return "\(a >> 24).\(a >> 16 & 0xFF).\(a >> 8 & 0xFF).\(a & 0xFF)/\(prefixLength)"
        }
        var groups: [UInt16] = []
        for word in [network.high, network.low] {
            for shift in stride(from: 48, through: 0, by: -16) {
                groups.append(UInt16(truncatingIfNeeded: word >> UInt64(shift)))
            }
        }
        // RFC 5952: the longest run of two or more zero groups becomes "::".
        var best = (start: -1, length: 0)
        var i = 0
        while i < 8 {
            if groups[i] == 0 {
                var j = i
                while j < 8 && groups[j] == 0 { j += 1 }
                if j - i > best.length && j - i >= 2 { best = (i, j - i) }
                i = j
            } else {
                i += 1
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        let text: String
        if best.start >= 0 {
            text = hex[..<best.start].joined(separator: ":") + "::" + hex[(best.start + best.length)...].joined(separator: ":")
        } else {
            text = hex.joined(separator: ":")
        }
        return "\(text)/\(prefixLength)"
    }
}

/// Finds the most specific of many subnets holding an address in a few hash lookups (one per
/// distinct prefix length), so placing 50,000 hosts in 1,000 subnets is not 50 million tests.
public struct SubnetIndex<Value: Sendable>: Sendable {
    /// By prefix length over the 128-bit form, longest first.
    private var tables: [(bits: Int, entries: [IPAddress: Value])] = []

    public init() {}

    /// Adds a subnet; the first value given for the same subnet stays.
    public mutating func insert(_ network: IPNetwork, _ value: Value) {
        let bits = network.bits
        if let i = tables.firstIndex(where: { $0.bits == bits }) {
            if tables[i].entries[network.network] == nil { tables[i].entries[network.network] = value }
        } else {
            tables.append((bits, [network.network: value]))
            tables.sort { $0.bits > $1.bits }
        }
    }

    /// The value of the longest-prefix subnet holding `address`.
    public func lookup(_ address: IPAddress) -> Value? {
        for table in tables {
            if let value = table.entries[address.masked(table.bits)] { return value }
        }
        return nil
    }

    public var isEmpty: Bool { tables.isEmpty }
}
