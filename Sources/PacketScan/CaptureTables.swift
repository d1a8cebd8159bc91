import InventoryModel

/// Everything a capture learns, updated packet by packet: hosts by IP and by MAC, links,
/// bandwidth series, names, fingerprints and observations.
///
/// Memory grows with what the capture contains (hosts, links, sessions on cleartext ports, time
/// intervals with traffic), never with the number of packets: every per-packet structure is a
/// counter in a table entry that already exists.
struct CaptureTables {
    let link: LinkType
    let catalogues: CaptureCatalogues
    let subnets: SubnetMap
    /// Length of a bandwidth interval, in nanoseconds.
    let interval: Int64

    var origin: Int64 = .min
    var lastTime: Int64 = .min
    var packets = 0
    var bytes: UInt64 = 0
    /// Packets whose timestamps lie too far from the first to be placed in a series.
    var unbinnedPackets = 0
    var maxBin: UInt32 = 0
    var counts = PacketCounts()
    var malformed = [Int](repeating: 0, count: Layer.allCases.count)

    var hostIndex = FlatIndex()
    var hosts: [HostRecord] = []
    var stationIndex = FlatIndex()
    var stations: [StationRecord] = []
    var linkIndex = FlatIndex()
    var links: [LinkRecord] = []

    var total = TrafficSeries()
    var unitSeries: [TrafficSeries]
    /// Per unit and direction: with the Internet, and with other units (the WAN).
    var unitInternetIn: [TrafficSeries]
    var unitInternetOut: [TrafficSeries]
    var unitWANIn: [TrafficSeries]
    var unitWANOut: [TrafficSeries]
    /// Pairs of units that exchanged traffic, as `lower << 32 | higher` unit indices.
    var unitPairs: Set<UInt64> = []

    /// Names learnt per address (DNS, mDNS, NetBIOS), applied to hosts when reporting.
    var names: [IPAddressKey: [LearntName]] = [:]
    /// Addresses that DNS answers gave for antivirus update domains.
    var antivirusAddresses: [IPAddressKey: AntivirusCatalogue.Match] = [:]
    var observations: [ObservationKey: ObservationRecord] = [:]
    var sessions: [SessionKey: SessionRecord] = [:]
    /// The reader every DNS and mDNS message goes through (its buffers are reused).
    var dnsMessage = DNSMessage()

    /// Caps that keep hostile captures from growing the name tables without bound.
    static let maxNamesPerAddress = 4
    static let maxNamedAddresses = 200_000
    static let maxSessions = 200_000
    /// Series hold at most this many intervals from the first packet (a year at 1 s).
    static let maxBins: Int64 = 40_000_000

    init(link: LinkType, catalogues: CaptureCatalogues, subnets: SubnetMap, intervalSeconds: Double) {
        self.link = link
        self.catalogues = catalogues
        self.subnets = subnets
        interval = max(1_000_000, Int64(intervalSeconds * 1e9))
        unitSeries = Array(repeating: TrafficSeries(), count: subnets.unitIDs.count)
        unitInternetIn = unitSeries
        unitInternetOut = unitSeries
        unitWANIn = unitSeries
        unitWANOut = unitSeries
    }

    // MARK: - Per packet

    mutating func ingest(_ p: UnsafeRawBufferPointer, wireLength: Int, time: Int64) {
        packets += 1
        let length = UInt64(wireLength)
        bytes &+= length
        if origin == .min { origin = time }
        if time > lastTime { lastTime = time }
        var bin = UInt32.max
        let offset = time > origin ? (time - origin) / interval : 0
        if offset < Self.maxBins {
            bin = UInt32(offset)
            if bin > maxBin { maxBin = bin }
            total.add(bin: bin, bytes: length)
        } else {
            unbinnedPackets += 1
        }

        var frame = Frame()
        guard FrameDecoder.decodeLink(p, link, into: &frame) else {
            malformed[Layer.link.rawValue] += 1
            return
        }
        var sourceStation: Int32 = -1
        if frame.sourceMAC != 0 {
            sourceStation = station(frame.sourceMAC, time: time)
            stations[Int(sourceStation)].sent(length, at: time)
        }
        // Group addresses (broadcast, multicast) are destinations, not stations.
        if frame.destinationMAC != 0 && frame.destinationMAC >> 40 & 1 == 0 {
            stations[Int(station(frame.destinationMAC, time: time))].received(length, at: time)
        }

        switch FrameDecoder.decodeNetwork(p, into: &frame) {
        case .ip:
            ingestIP(p, &frame, length: length, time: time, bin: bin, sourceStation: sourceStation)
        case .arp:
            counts.arp += 1
            ingestARP(p, at: frame.networkOffset, time: time)
        case .other:
            counts.otherNetwork += 1
        case .malformed(let layer):
            malformed[layer.rawValue] += 1
        }
    }

    @inline(__always)
    private mutating func station(_ mac: UInt64, time: Int64) -> Int32 {
        let (index, inserted) = stationIndex.findOrInsert(high: 0, low: mac, newValue: Int32(stations.count))
        if inserted { stations.append(StationRecord(mac: mac, time: time)) }
        return index
    }

    @inline(__always)
    private mutating func host(_ address: IPAddressKey, time: Int64) -> Int32 {
        let (index, inserted) = hostIndex.findOrInsert(
            high: address.high, low: address.low, newValue: Int32(hosts.count))
        if inserted { hosts.append(HostRecord(address: address, unit: subnets.unit(of: address), time: time)) }
        return index
    }

    private mutating func ingestIP(
        _ p: UnsafeRawBufferPointer, _ frame: inout Frame, length: UInt64, time: Int64, bin: UInt32,
        sourceStation: Int32
    ) {
        if frame.source.isIPv4 { counts.ipv4 += 1 } else { counts.ipv6 += 1 }
        if frame.isFragment { counts.fragments += 1 }
        let s = host(frame.source, time: time)
        let d = host(frame.destination, time: time)
        let si = Int(s)
        let di = Int(d)
        if hosts[si].sent(length, at: time, bin: bin, from: sourceStation) {
            stations[Int(sourceStation)].sourceAddresses += 1
        }
        hosts[di].received(length, at: time, bin: s != d ? bin : .max)
        if bin != .max {
            let su = hosts[si].unit
            let du = hosts[di].unit
            if su >= 0 || du >= 0 {
                unitTraffic(source: si, destination: di, su: su, du: du, frame: frame, bin: bin, length: length)
            }
        }
        let (a, b) = s <= d ? (s, d) : (d, s)
        let (l, inserted) = linkIndex.findOrInsert(
            high: 0, low: UInt64(UInt32(a)) << 32 | UInt64(UInt32(b)), newValue: Int32(links.count))
        if inserted { links.append(LinkRecord(a: a, b: b, firstSeen: time, lastSeen: time)) }
        links[Int(l)].add(length, at: time, fromA: s == a)

        if let layer = FrameDecoder.decodeTransport(p, into: &frame) {
            malformed[layer.rawValue] += 1
            return
        }
        switch frame.transport {
        case 6:
            counts.tcp += 1
            ingestTCP(p, frame, source: s, destination: d, time: time)
        case 17:
            counts.udp += 1
            ingestUDP(p, frame, source: s, destination: d, time: time)
        case 1:
            counts.icmp += 1
        case 58:
            counts.icmpv6 += 1
            ingestNeighbourDiscovery(p, frame, time: time, sourceStation: sourceStation)
        default:
            break
        }
    }

    /// A packet with at least one end in a unit: the unit's series, its Internet or WAN direction,
    /// and the host's Internet bytes. Off the hot path of captures without units.
    @inline(__always)
    private mutating func unitTraffic(
        source si: Int, destination di: Int, su: Int32, du: Int32, frame: Frame, bin: UInt32, length: UInt64
    ) {
        if su >= 0 {
            unitSeries[Int(su)].add(bin: bin, bytes: length)
            if du < 0 && Self.isInternet(frame.destination) {
                unitInternetOut[Int(su)].add(bin: bin, bytes: length)
                hosts[si].internetBytes &+= length
            }
        }
        if du >= 0 && du != su {
            unitSeries[Int(du)].add(bin: bin, bytes: length)
            if su < 0 && Self.isInternet(frame.source) {
                unitInternetIn[Int(du)].add(bin: bin, bytes: length)
                hosts[di].internetBytes &+= length
            }
        }
        if su >= 0 && du >= 0 && su != du {
            unitWANOut[Int(su)].add(bin: bin, bytes: length)
            unitWANIn[Int(du)].add(bin: bin, bytes: length)
            let (lo, hi) = su < du ? (su, du) : (du, su)
            unitPairs.insert(UInt64(UInt32(lo)) << 32 | UInt64(UInt32(hi)))
        }
    }

    private static func isInternet(_ address: IPAddressKey) -> Bool {
        address.scope == .unicast && !address.isPrivate
    }

    // MARK: - ARP and neighbour discovery

    private mutating func ingestARP(_ p: UnsafeRawBufferPointer, at o: Int, time: Int64) {
        guard p.count >= o + 28, p.u16(o) == 1, p.u16(o + 2) == 0x0800, p.u8(o + 4) == 6, p.u8(o + 5) == 4 else {
            malformed[Layer.arp.rawValue] += 1
            return
        }
        let senderMAC = p.u48(o + 8)
        let senderIP = p.u32(o + 14)
        guard senderIP != 0, senderMAC != 0 else { return }  // probes say nothing about who owns what
        bind(IPAddressKey(ipv4: senderIP), to: senderMAC, time: time)
    }

    /// Binds an address to a MAC from a protocol that states the pair (ARP, DHCP, NDP).
    private mutating func bind(_ address: IPAddressKey, to mac: UInt64, time: Int64) {
        guard address.scope == .unicast, mac >> 40 & 1 == 0 else { return }
        let h = Int(host(address, time: time))
        hosts[h].boundStation = station(mac, time: time)
    }

    private mutating func ingestNeighbourDiscovery(
        _ p: UnsafeRawBufferPointer, _ frame: Frame, time: Int64, sourceStation: Int32
    ) {
        let o = frame.transportOffset
        let type = p.u8(o)
        guard type == 135 || type == 136 else { return }
        guard frame.end >= o + 24 else {
            malformed[Layer.icmpv6.rawValue] += 1
            return
        }
        let target = IPAddressKey(high: p.u64(o + 8), low: p.u64(o + 16))
        var i = o + 24
        while i + 8 <= frame.end {
            let optionType = p.u8(i)
            let optionLength = Int(p.u8(i + 1)) * 8
            guard optionLength > 0, i + optionLength <= frame.end else {
                malformed[Layer.icmpv6.rawValue] += 1
                return
            }
            if optionType == 1 && type == 135 && frame.source.scope == .unicast {
                bind(frame.source, to: p.u48(i + 2), time: time)
            } else if optionType == 2 && type == 136 {
                bind(target, to: p.u48(i + 2), time: time)
            }
            i += optionLength
        }
    }

    // MARK: - TCP

    private mutating func ingestTCP(
        _ p: UnsafeRawBufferPointer, _ frame: Frame, source s: Int32, destination d: Int32, time: Int64
    ) {
        let si = Int(s)
        if hosts[si].ttl == 0 { hosts[si].ttl = frame.hopLimit }
        if frame.tcpFlags & (Frame.tcpSYN | Frame.tcpACK) == Frame.tcpSYN {
            let layout = TCPOptionLayout.encode(p, from: frame.transportOffset + 20, to: frame.payloadOffset)
            if layout != 0 { hosts[si].synLayout = layout }
            if !antivirusAddresses.isEmpty, let match = antivirusAddresses[frame.destination] {
                observe(
                    .antivirusUpdate, host: s, peer: d, proto: "tcp", detail: "\(match.vendor) \(match.domain)",
                    time: time)
            }
        }
        let sp = frame.sourcePort
        let dp = frame.destinationPort
        if sp <= 143 || dp <= 143 {
            cleartext(p, frame, source: s, destination: d, time: time)
        }
        guard frame.payloadLength > 0 else { return }
        let start = frame.payloadOffset
        if TLSClientHello.looksLikeClientHello(p, at: start, end: frame.end) {
            counts.tlsClientHellos += 1
            switch TLSClientHello.serverName(p, from: start, to: frame.end) {
            case .serverName(let name):
                if let match = catalogues.antivirus.match(name) {
                    observe(
                        .antivirusUpdate, host: s, peer: d, proto: "tls-sni", detail: "\(match.vendor) \(name)",
                        time: time)
                }
            case .noServerName:
                break
            case .malformed:
                malformed[Layer.tls.rawValue] += 1
            }
        } else if HTTPRequest.looksLikeRequest(p, at: start, end: frame.end) {
            counts.httpRequests += 1
            let request = HTTPRequest(p, from: start, to: frame.end)
            if request.hasBasicAuthorization {
                observe(
                    .cleartextProtocol, host: s, peer: d, proto: "http-basic-auth", detail: request.host, time: time)
            }
            if let host = request.host, let match = catalogues.antivirus.match(host) {
                observe(
                    .antivirusUpdate, host: s, peer: d, proto: "http-host", detail: "\(match.vendor) \(host)",
                    time: time)
            }
        }
    }

    /// Telnet, FTP, POP3 and IMAP. Telnet is always cleartext; the others count only when the
    /// session never upgrades to TLS.
    private mutating func cleartext(
        _ p: UnsafeRawBufferPointer, _ frame: Frame, source s: Int32, destination d: Int32, time: Int64
    ) {
        let sp = frame.sourcePort
        let dp = frame.destinationPort
        let fromClient: Bool
        let serverPort: UInt16
        if dp == 23 || dp == 21 || dp == 110 || dp == 143 {
            fromClient = true
            serverPort = dp
        } else if sp == 23 || sp == 21 || sp == 110 || sp == 143 {
            fromClient = false
            serverPort = sp
        } else {
            return
        }
        let (client, server) = fromClient ? (s, d) : (d, s)
        if serverPort == 23 {
            observe(.cleartextProtocol, host: client, peer: server, proto: "telnet", detail: nil, time: time)
            return
        }
        let key = SessionKey(
            client: client, server: server, clientPort: fromClient ? sp : dp, serverPort: serverPort)
        if sessions[key] == nil {
            guard sessions.count < Self.maxSessions else { return }
            sessions[key] = SessionRecord(firstSeen: time, lastSeen: time, packets: 0, upgraded: false)
        }
        sessions[key]!.packets += 1
        sessions[key]!.lastSeen = time
        if fromClient && frame.payloadLength > 0 && Self.asksForTLS(p, from: frame.payloadOffset, to: frame.end) {
            sessions[key]!.upgraded = true
        }
    }

    /// `STLS` (POP3), `a1 STARTTLS` (IMAP) or `AUTH TLS`/`AUTH SSL` (FTP) at the start of a command.
    private static func asksForTLS(_ p: UnsafeRawBufferPointer, from start: Int, to end: Int) -> Bool {
        let head = p.printableText(start..<min(end, start + 64), lowercased: true)
        return head.hasPrefix("stls") || head.hasPrefix("auth tls") || head.hasPrefix("auth ssl")
            || head.split(separator: " ").dropFirst().first?.hasPrefix("starttls") == true
    }

    // MARK: - UDP

    private mutating func ingestUDP(
        _ p: UnsafeRawBufferPointer, _ frame: Frame, source s: Int32, destination d: Int32, time: Int64
    ) {
        let sp = frame.sourcePort
        let dp = frame.destinationPort
        let start = frame.payloadOffset
        let end = frame.end
        if sp == 53 || dp == 53 {
            counts.dns += 1
            guard dnsMessage.read(p, from: start, to: end) else {
                malformed[Layer.dns.rawValue] += 1
                return
            }
            dns(p, source: s, destination: d, time: time, proto: "dns")
        } else if sp == 5353 || dp == 5353 {
            counts.mdns += 1
            guard dnsMessage.read(p, from: start, to: end) else {
                malformed[Layer.dns.rawValue] += 1
                return
            }
            if !dnsMessage.isResponse {
                // A probe (type ANY) claims the name for the sender.
                for q in dnsMessage.questions where q.type == 255 {
                    dnsMessage.decodeName(p, at: q.nameOffset)
                    if Self.isLocal(dnsMessage.name) { learn(dnsMessage.name, source: "mdns", for: frame.source) }
                }
            }
            for answer in dnsMessage.addresses {
                dnsMessage.decodeName(p, at: answer.nameOffset)
                if Self.isLocal(dnsMessage.name) { learn(dnsMessage.name, source: "mdns", for: answer.address) }
            }
        } else if (sp == 67 || sp == 68) && (dp == 67 || dp == 68) {
            counts.dhcp += 1
            guard let message = DHCPMessage(p, from: start, to: end) else {
                malformed[Layer.dhcp.rawValue] += 1
                return
            }
            dhcp(message, time: time)
        } else if sp == 137 || dp == 137 {
            counts.netbios += 1
            guard frame.source.isIPv4 else { return }
            let (name, isMalformed) = NetBIOSName.decode(p, from: start, to: end, sender: frame.source.ipv4)
            if isMalformed { malformed[Layer.netbios.rawValue] += 1 }
            if let name, let address = name.address, !name.name.isEmpty {
                learn(Array(name.name.lowercased().utf8), source: "netbios", for: IPAddressKey(ipv4: address))
            }
        }
    }

    /// The message just read into `dnsMessage`: names are spelt only to match the antivirus
    /// catalogue and to learn an address's name; a string is made only for what is kept.
    private mutating func dns(_ p: UnsafeRawBufferPointer, source s: Int32, destination d: Int32, time: Int64, proto: String)
    {
        // The client is the asker: the source of a query, the destination of a response.
        let (client, server) = dnsMessage.isResponse ? (d, s) : (s, d)
        let catalogue = catalogues.antivirus
        for q in dnsMessage.questions {
            dnsMessage.decodeName(p, at: q.nameOffset)
            if let match = catalogue.match(dnsMessage.name) {
                let name = String(decoding: dnsMessage.name, as: UTF8.self)
                observe(
                    .antivirusUpdate, host: client, peer: server, proto: proto, detail: "\(match.vendor) \(name)",
                    time: time)
            }
        }
        for answer in dnsMessage.addresses {
            dnsMessage.decodeName(p, at: answer.nameOffset)
            learn(dnsMessage.name, source: "dns", for: answer.address)
            if let match = catalogue.match(dnsMessage.name) {
                antivirusAddresses[answer.address] = match
            }
        }
    }

    /// `.local`, the mDNS domain.
    private static func isLocal(_ name: [UInt8]) -> Bool {
        name.count >= 6 && name[(name.count - 6)...].elementsEqual(".local".utf8)
    }

    private mutating func dhcp(_ message: DHCPMessage, time: Int64) {
        guard let mac = message.clientMAC, mac != 0 else { return }
        if message.op == 1 {
            let st = Int(station(mac, time: time))
            if let name = message.hostname { stations[st].dhcpHostname = name }
            if let vendor = message.vendorClass { stations[st].dhcpVendorClass = vendor }
            if let list = message.parameterList {
                stations[st].dhcpParameters = list.map(String.init).joined(separator: ",")
            }
            if message.clientAddress != 0 { bind(IPAddressKey(ipv4: message.clientAddress), to: mac, time: time) }
        } else if message.op == 2 && message.messageType == 5 && message.yourAddress != 0 {
            bind(IPAddressKey(ipv4: message.yourAddress), to: mac, time: time)
        }
    }

    /// Adds a name to an address's list (at most `maxNamesPerAddress`, each once); the name is
    /// compared as bytes, so a name already known costs no string.
    private mutating func learn(_ name: [UInt8], source: String, for address: IPAddressKey) {
        guard !name.isEmpty, address.scope == .unicast else { return }
        if let i = names.index(forKey: address) {
            let known = names.values[i].contains { $0.source == source && $0.name.utf8.elementsEqual(name) }
            guard names.values[i].count < Self.maxNamesPerAddress, !known else { return }
            names.values[i].append(LearntName(name: String(decoding: name, as: UTF8.self), source: source))
        } else if names.count < Self.maxNamedAddresses {
            names[address] = [LearntName(name: String(decoding: name, as: UTF8.self), source: source)]
        }
    }

    private mutating func observe(
        _ kind: Observation.Kind, host: Int32, peer: Int32, proto: String, detail: String?, time: Int64
    ) {
        let key = ObservationKey(
            kind: kind == .antivirusUpdate ? 0 : 1, host: host, peer: peer, proto: proto, detail: detail)
        if var record = observations[key] {
            record.lastSeen = max(record.lastSeen, time)
            record.firstSeen = min(record.firstSeen, time)
            record.packets += 1
            observations[key] = record
        } else {
            observations[key] = ObservationRecord(firstSeen: time, lastSeen: time, packets: 1)
        }
    }
}

/// Packets per protocol, for the report's summary and for checking the decoders' reach.
public struct PacketCounts: Codable, Sendable, Hashable {
    public var ipv4 = 0
    public var ipv6 = 0
    public var arp = 0
    /// Link-layer payloads that are neither IP nor ARP (LLDP, STP, ...).
    public var otherNetwork = 0
    /// IP fragments (first and later), counted and not reassembled.
    public var fragments = 0
    public var tcp = 0
    public var udp = 0
    public var icmp = 0
    public var icmpv6 = 0
    public var dns = 0
    public var mdns = 0
    public var dhcp = 0
    public var netbios = 0
    public var tlsClientHellos = 0
    public var httpRequests = 0
}
