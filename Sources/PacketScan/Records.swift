/// What the tables keep per IP address. Mutated in place, one per address ever seen.
struct HostRecord {
    let address: IPAddressKey
    /// Index of the unit whose subnet holds the address, or -1.
    let unit: Int32
    var firstSeen: Int64
    var lastSeen: Int64
    var packetsSent: UInt64 = 0
    var packetsReceived: UInt64 = 0
    var bytesSent: UInt64 = 0
    var bytesReceived: UInt64 = 0
    /// Bytes exchanged with public addresses outside every unit (the Internet).
    var internetBytes: UInt64 = 0
    /// Station index of the last Ethernet source of this address's packets, or -1.
    var sourceStation: Int32 = -1
    /// Station index bound by ARP, DHCP or neighbour discovery, which beat the Ethernet source
    /// (a router forwards many addresses from one MAC), or -1.
    var boundStation: Int32 = -1
    /// TTL of the first TCP segment the host sent; 0 until one is seen.
    var ttl: UInt8 = 0
    /// Option order of the host's last SYN, encoded by `TCPOptionLayout`; 0 until one is seen.
    var synLayout: UInt64 = 0
    var series = TrafficSeries()

    init(address: IPAddressKey, unit: Int32, time: Int64) {
        self.address = address
        self.unit = unit
        firstSeen = time
        lastSeen = time
    }

    // One packet's update is one mutating call, so the table's array is checked for uniqueness
    // once per record and packet rather than once per field.

    /// A packet this address sent from `station` (-1: no Ethernet source); `true` when that is
    /// a different station from the last packet's.
    @inline(__always)
    mutating func sent(_ length: UInt64, at time: Int64, bin: UInt32, from station: Int32) -> Bool {
        packetsSent += 1
        bytesSent &+= length
        lastSeen = time
        if bin != .max { series.add(bin: bin, bytes: length) }
        guard station >= 0 && sourceStation != station else { return false }
        sourceStation = station
        return true
    }

    /// A packet this address received; `bin` is `.max` when the packet is not to be counted in
    /// the series (unbinned, or a packet to itself, already counted as sent).
    @inline(__always)
    mutating func received(_ length: UInt64, at time: Int64, bin: UInt32) {
        packetsReceived += 1
        bytesReceived &+= length
        lastSeen = time
        if bin != .max { series.add(bin: bin, bytes: length) }
    }
}

/// What the tables keep per MAC address.
struct StationRecord {
    let mac: UInt64
    var firstSeen: Int64
    var lastSeen: Int64
    var packetsSent: UInt64 = 0
    var packetsReceived: UInt64 = 0
    var bytesSent: UInt64 = 0
    var bytesReceived: UInt64 = 0
    /// How many IP addresses took this MAC as their source; more than a few means a router.
    var sourceAddresses = 0
    var dhcpHostname: String?
    var dhcpVendorClass: String?
    var dhcpParameters: String?

    init(mac: UInt64, time: Int64) {
        self.mac = mac
        firstSeen = time
        lastSeen = time
    }

    @inline(__always)
    mutating func sent(_ length: UInt64, at time: Int64) {
        packetsSent += 1
        bytesSent &+= length
        lastSeen = time
    }

    @inline(__always)
    mutating func received(_ length: UInt64, at time: Int64) {
        packetsReceived += 1
        bytesReceived &+= length
        lastSeen = time
    }

    /// A MAC that many addresses share is a router's: it says nothing about the addresses.
    static let routerThreshold = 4
}

/// Traffic between two hosts, both directions; `a` is the lower host index.
struct LinkRecord {
    let a: Int32
    let b: Int32
    var firstSeen: Int64
    var lastSeen: Int64
    var packetsAToB: UInt64 = 0
    var packetsBToA: UInt64 = 0
    var bytesAToB: UInt64 = 0
    var bytesBToA: UInt64 = 0

    @inline(__always)
    mutating func add(_ length: UInt64, at time: Int64, fromA: Bool) {
        lastSeen = time
        if fromA {
            packetsAToB += 1
            bytesAToB &+= length
        } else {
            packetsBToA += 1
            bytesBToA &+= length
        }
    }
}

/// One row of observation evidence: the same kind, host, peer, protocol and detail.
struct ObservationKey: Hashable {
    var kind: UInt8
    var host: Int32
    var peer: Int32
    var proto: String
    var detail: String?
}

struct ObservationRecord {
    var firstSeen: Int64
    var lastSeen: Int64
    var packets: Int
}

/// A cleartext session that may still upgrade to TLS (FTP `AUTH TLS`, POP3 `STLS`, IMAP
/// `STARTTLS`); it becomes an observation only if it never does.
struct SessionKey: Hashable {
    var client: Int32
    var server: Int32
    var clientPort: UInt16
    var serverPort: UInt16
}

struct SessionRecord {
    var firstSeen: Int64
    var lastSeen: Int64
    var packets: Int
    var upgraded: Bool
}

/// A name learnt for an address, and how.
public struct LearntName: Codable, Sendable, Hashable {
    public var name: String
    /// `dhcp`, `dns`, `mdns` or `netbios`.
    public var source: String

    public init(name: String, source: String) {
        self.name = name
        self.source = source
    }
}
