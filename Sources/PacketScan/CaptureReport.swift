public import Foundation
public import InventoryModel

/// What one capture found, ready to print as JSON or a table and to merge into the inventory.
public struct CaptureReport: Codable, Sendable {
    /// The file path or interface name.
    public var source: String
    /// libpcap's name of the link type, e.g. `EN10MB`.
    public var linkType: String
    public var firstPacket: Date?
    public var lastPacket: Date?
    public var packets: Int
    /// Bytes on the wire (frame lengths, not captured lengths).
    public var bytes: UInt64
    /// `false` when reading stopped early at a truncated or corrupt record; see `stoppedAt`.
    public var complete: Bool
    public var stoppedAt: CaptureStop?
    /// Kernel counters of a live capture.
    public var live: LiveStatistics?
    public var counts: PacketCounts
    /// Packets skipped as malformed, by the layer where they broke.
    public var malformed: [String: Int]
    public var hosts: [HostReport]
    public var stations: [StationReport]
    public var links: [LinkReport]
    public var bandwidth: BandwidthReport
    public var observations: [Observation]
}

/// Where reading stopped in a file that could not be read to the end.
public struct CaptureStop: Codable, Sendable, Hashable {
    /// Packets read in full before the bad record (also the 0-based index of the bad one).
    public var packetIndex: Int
    /// Byte offset in the file just after the last record read in full.
    public var byteOffset: Int
    /// libpcap's message.
    public var reason: String
}

/// One IP address seen on the wire.
public struct HostReport: Codable, Sendable, Hashable {
    public var ip: String
    /// From ARP, DHCP or neighbour discovery, else the Ethernet source of its packets unless that
    /// MAC carries many addresses (a router's).
    public var mac: String?
    public var vendor: String?
    /// `unicast`, `multicast`, `broadcast`, `unspecified` or `loopback`.
    public var scope: String
    /// The unit whose subnet holds the address.
    public var unit: String?
    public var names: [LearntName]
    public var firstSeen: Date
    public var lastSeen: Date
    public var packetsSent: UInt64
    public var packetsReceived: UInt64
    public var bytesSent: UInt64
    public var bytesReceived: UInt64
    /// Bytes exchanged with public addresses outside every unit, for addresses in a unit.
    public var internetBytes: UInt64
    /// The initial TTL/hop limit inferred from its TCP segments (32, 64, 128 or 255).
    public var initialTTL: Int?
    /// TCP option order of its SYNs (p0f notation).
    public var synOptions: String?
    public var dhcpVendorClass: String?
    /// DHCP option 55, comma-separated.
    public var dhcpParameters: String?
    public var os: OSGuess?
    public var throughput: Throughput
}

/// One MAC address seen on the wire.
public struct StationReport: Codable, Sendable, Hashable {
    public var mac: String
    public var vendor: String?
    /// Addresses bound to this MAC or sourced from it (a router's MAC is bound to its own only).
    public var ips: [String]
    public var dhcpHostname: String?
    public var firstSeen: Date
    public var lastSeen: Date
    public var packetsSent: UInt64
    public var packetsReceived: UInt64
    public var bytesSent: UInt64
    public var bytesReceived: UInt64
}

/// Traffic between two addresses, both directions.
public struct LinkReport: Codable, Sendable, Hashable {
    public var a: String
    public var b: String
    public var packetsAToB: UInt64
    public var packetsBToA: UInt64
    public var bytesAToB: UInt64
    public var bytesBToA: UInt64
    public var firstSeen: Date
    public var lastSeen: Date
}

/// Bytes per interval for the whole capture and per unit, with peak and 95th percentile.
public struct BandwidthReport: Codable, Sendable, Hashable {
    public var intervalSeconds: Double
    /// Start of the first interval: the first packet's time.
    public var start: Date?
    public var intervals: Int
    /// Bytes per interval, all traffic.
    public var totalBytes: [UInt64]
    public var total: Throughput
    public var units: [UnitBandwidth]
}

/// A unit's traffic: everything to or from its subnets, and the part exchanged with the Internet
/// (public addresses outside every unit), which is what its contracted capacity pays for.
public struct UnitBandwidth: Codable, Sendable, Hashable {
    public var unit: String
    public var subnets: [String]
    public var bytes: [UInt64]
    public var throughput: Throughput
    /// Unicast addresses of the unit's subnets seen.
    public var addressesSeen: Int
    /// Internet bytes per interval, both directions, then each direction.
    public var internetBytes: [UInt64]
    public var internetIn: [UInt64]
    public var internetOut: [UInt64]
    public var internet: Throughput
    /// Bytes per interval exchanged with other units' subnets (the WAN), by direction.
    public var wanIn: [UInt64]
    public var wanOut: [UInt64]
    /// The units it exchanged traffic with.
    public var wanPeers: [String]
    /// The unit's declared `internet_bandwidth_mbps`.
    public var contractedMbps: Double?
    /// Internet 95th percentile over the contracted capacity (0.5 = half used).
    public var p95Utilisation: Double?
}
