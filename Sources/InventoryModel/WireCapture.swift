import Foundation

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

    public init(
        source: String, unit: String, packets: Int, complete: Bool, note: String? = nil, hosts: [WireHost],
        observations: [Observation]
    ) {
        self.source = source
        self.unit = unit
        self.packets = packets
        self.complete = complete
        self.note = note
        self.hosts = hosts
        self.observations = observations
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

    public init(
        ip: String, mac: String? = nil, vendor: String? = nil, scope: String = "unicast", unit: String? = nil,
        names: [String] = [], osGuess: String? = nil, firstSeen: Date, lastSeen: Date, bytesSent: UInt64 = 0,
        bytesReceived: UInt64 = 0
    ) {
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
