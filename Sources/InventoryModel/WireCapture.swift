public import Foundation

/// What passive capture saw during an audit, kept with the scan so it can be judged again.
public struct WireCapture: Codable, Sendable, Hashable {
    /// The file path or interface name.
    public var source: String
    /// The unit the inventory names for this capture.
    public var unit: String
    public var packets: Int
    /// False when reading stopped early (a truncated file) or the capture failed; see `note`.
    public var complete: Bool
    public var note: String?
    public var hosts: [WireHost]
    public var observations: [Observation]
    /// The first and last packet's times; nil for an empty capture or one stored before they were kept.
    public var firstPacket: Date?
    public var lastPacket: Date?
    /// The time the capture was meant to cover (the inventory's `period:`), when it says; a
    /// capture that covers less of it is partial, not quiet.
    public var expectedPeriod: DateInterval?
    /// Bytes per interval on each unit's Internet and WAN links, so a stored scan recomputes its
    /// bandwidth figures without the capture file; nil in scans stored before it was kept.
    public var bandwidth: WireBandwidth?
    /// Packets a live capture lost (the kernel's and the interface's counts, from libpcap); nil
    /// for a file, whose reader loses nothing it is given.
    public var drops: CaptureDrops?

    public init(
        source: String, unit: String, packets: Int, complete: Bool, note: String? = nil, hosts: [WireHost],
        observations: [Observation], firstPacket: Date? = nil, lastPacket: Date? = nil,
        expectedPeriod: DateInterval? = nil, bandwidth: WireBandwidth? = nil
    ) {
        self.firstPacket = firstPacket
        self.lastPacket = lastPacket
        self.expectedPeriod = expectedPeriod
        self.bandwidth = bandwidth
        self.source = source
        self.unit = unit
        self.packets = packets
        self.complete = complete
        self.note = note
        self.hosts = hosts
        self.observations = observations
    }
}

/// What a live capture lost, as the kernel counted it: packets are dropped when the capture
/// buffer is full (the reader too slow) or by the interface's driver.
public struct CaptureDrops: Codable, Sendable, Hashable {
    public var kernel: Int
    public var interface: Int

    public init(kernel: Int, interface: Int) {
        self.kernel = kernel
        self.interface = interface
    }
}

/// One address seen on the wire.
public struct WireHost: Codable, Sendable, Hashable {
    public var ip: String
    public var mac: String?
    public var vendor: String?
    /// `unicast`, `multicast`, `broadcast`, `unspecified` or `loopback`.
    public var scope: String
    /// The unit whose subnet holds the address, if any.
    public var unit: String?
    /// Names learnt from DHCP, DNS, mDNS or NetBIOS.
    public var names: [String]
    public var osGuess: String?
    public var firstSeen: Date
    public var lastSeen: Date
    public var bytesSent: UInt64
    public var bytesReceived: UInt64
    /// Bytes exchanged with public addresses outside every unit (the Internet); nil in scans
    /// stored before it was counted.
    public var internetBytes: UInt64?

    public init(
        ip: String, mac: String? = nil, vendor: String? = nil, scope: String = "unicast", unit: String? = nil,
        names: [String] = [], osGuess: String? = nil, firstSeen: Date, lastSeen: Date, bytesSent: UInt64 = 0,
        bytesReceived: UInt64 = 0, internetBytes: UInt64? = nil
    ) {
        self.internetBytes = internetBytes
        self.ip = ip
        self.mac = mac
        self.vendor = vendor
        self.scope = scope
        self.unit = unit
        self.names = names
        self.osGuess = osGuess
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.bytesSent = bytesSent
        self.bytesReceived = bytesReceived
    }
}

/// Bytes per fixed interval on every unit's links, as one capture measured them.
public struct WireBandwidth: Codable, Sendable, Hashable {
    public var intervalSeconds: Double
    /// Start of the first interval (the first packet's time).
    public var start: Date
    /// Intervals in every series below.
    public var intervals: Int
    public var units: [WireUnitTraffic]

    public init(intervalSeconds: Double, start: Date, intervals: Int, units: [WireUnitTraffic]) {
        self.intervalSeconds = intervalSeconds
        self.start = start
        self.intervals = intervals
        self.units = units
    }
}

/// One unit's traffic by direction: with the Internet (public addresses outside every unit) and
/// with other units (the WAN), bytes per interval.
public struct WireUnitTraffic: Codable, Sendable, Hashable {
    public var unit: String
    /// Addresses of the unit's subnets the capture saw (unicast).
    public var addressesSeen: Int
    public var internetIn: [UInt64]
    public var internetOut: [UInt64]
    public var wanIn: [UInt64]
    public var wanOut: [UInt64]
    /// Other units this one exchanged traffic with.
    public var wanPeers: [String]

    public init(
        unit: String, addressesSeen: Int, internetIn: [UInt64], internetOut: [UInt64], wanIn: [UInt64],
        wanOut: [UInt64], wanPeers: [String]
    ) {
        self.unit = unit
        self.addressesSeen = addressesSeen
        self.internetIn = internetIn
        self.internetOut = internetOut
        self.wanIn = wanIn
        self.wanOut = wanOut
        self.wanPeers = wanPeers
    }
}
