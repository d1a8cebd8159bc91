/// One packet's headers as offsets and small values: what the tables need, decoded without
/// allocating. Offsets index the packet's captured bytes.
struct Frame {
    /// Ethernet source and destination; 0 where the link layer has none (raw IP, SLL destination).
    var sourceMAC: UInt64 = 0
    var destinationMAC: UInt64 = 0
    var etherType: UInt16 = 0
    var networkOffset = 0

    var source = IPAddressKey.zero
    var destination = IPAddressKey.zero
    /// TTL or hop limit as sent.
    var hopLimit: UInt8 = 0
    /// Part of a fragmented datagram (either flag or offset set); counted, never reassembled.
    var isFragment = false
    /// IP protocol of the transport header, 255 when not reached (later fragment, ESP, unknown).
    var transport: UInt8 = 255
    var transportOffset = 0
    /// End of the IP payload within the captured bytes: the IP length, cut at the capture length.
    var end = 0

    var sourcePort: UInt16 = 0
    var destinationPort: UInt16 = 0
    var tcpFlags: UInt8 = 0
    var payloadOffset = 0

    var payloadLength: Int { end - payloadOffset }

    static let tcpSYN: UInt8 = 0x02
    static let tcpACK: UInt8 = 0x10
}

/// What the network-layer decoder found.
enum NetworkResult {
    case ip
    case arp
    /// A protocol the tables do not read (LLDP, STP, IPX, ...): counted, not an error.
    case other
    case malformed(Layer)
}
