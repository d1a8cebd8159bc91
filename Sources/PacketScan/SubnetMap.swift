import InventoryModel

/// Which unit an address belongs to, by the units' subnets (longest prefix wins).
struct SubnetMap: Sendable {
    private struct Entry: Sendable {
        var network: IPAddressKey
        /// Prefix length counted over the 128-bit key (IPv4 /24 is /120 here).
        var bits: Int
        var unit: Int32
    }

    private var entries: [Entry] = []
    let unitIDs: [String]

    init(units: [InventoryModel.Unit]) throws(CaptureError) {
        unitIDs = units.map(\.id)
        for (index, unit) in units.enumerated() {
            for subnet in unit.subnets {
                guard let (network, bits) = Self.parse(subnet) else {
                    throw .invalidSubnet(unit: unit.id, subnet: subnet)
                }
                entries.append(Entry(network: network, bits: bits, unit: Int32(index)))
            }
        }
        entries.sort { $0.bits > $1.bits }
    }

    var isEmpty: Bool { entries.isEmpty }

    /// The unit index of `address`, or -1.
    func unit(of address: IPAddressKey) -> Int32 {
        for e in entries where Self.masked(address, e.bits) == e.network { return e.unit }
        return -1
    }

    static func parse(_ cidr: String) -> (IPAddressKey, Int)? {
        let parts = cidr.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2, let address = IPAddressKey(text: String(parts[0])), let length = Int(parts[1]) else {
            return nil
        }
        let bits = address.isIPv4 ? 96 + length : length
        guard length >= 0, length <= (address.isIPv4 ? 32 : 128) else { return nil }
        return (masked(address, bits), bits)
    }

    private static func masked(_ a: IPAddressKey, _ bits: Int) -> IPAddressKey {
        let highMask: UInt64 = bits >= 64 ? ~0 : (bits == 0 ? 0 : ~0 << UInt64(64 - bits))
        let lowBits = bits - 64
        let lowMask: UInt64 = lowBits >= 64 ? ~0 : (lowBits <= 0 ? 0 : ~0 << UInt64(64 - lowBits))
        return IPAddressKey(high: a.high & highMask, low: a.low & lowMask)
    }
}
