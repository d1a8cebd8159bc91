import Foundation
import InventoryModel

extension CaptureTables {
    /// The tables as a report: hosts and links sorted by bytes (largest first), observations by
    /// host and time. Done once at the end, so formatting costs nothing per packet.
    func report(
        source: String, units: [InventoryModel.Unit], stop: CaptureStop?, live: LiveStatistics?
    ) -> CaptureReport {
        let intervalSeconds = Double(interval) / 1e9
        let binCount = packets == 0 ? 0 : Int(maxBin) + 1
        func date(_ t: Int64) -> Date { Date(timeIntervalSince1970: Double(t) / 1e9) }
        func stationMAC(_ index: Int32) -> UInt64? { index >= 0 ? stations[Int(index)].mac : nil }

        /// The MAC of a host: a bound one, else its Ethernet source unless that MAC is a router's.
        func mac(of h: HostRecord) -> UInt64? {
            if h.boundStation >= 0 { return stations[Int(h.boundStation)].mac }
            if h.sourceStation >= 0, stations[Int(h.sourceStation)].sourceAddresses <= StationRecord.routerThreshold {
                return stations[Int(h.sourceStation)].mac
            }
            return nil
        }

        // Each address spelt once: links name their ends by host index (tens of thousands of them).
        let addressText = hosts.map(\.address.text)
        var ipsByStation: [UInt64: [String]] = [:]
        var hostReports: [HostReport] = []
        hostReports.reserveCapacity(hosts.count)
        for (index, h) in hosts.enumerated() {
            let m = mac(of: h)
            let station = m.flatMap { stationIndex.find(high: 0, low: $0) }.map { stations[Int($0)] }
            if let m { ipsByStation[m, default: []].append(addressText[index]) }
            var learnt: [LearntName] = []
            if let name = station?.dhcpHostname { learnt.append(LearntName(name: name, source: "dhcp")) }
            learnt += names[h.address] ?? []
            let initialTTL = h.ttl == 0 ? nil : Self.initialTTL(h.ttl)
            let syn = h.synLayout == 0 ? nil : TCPOptionLayout.text(h.synLayout)
            let os = catalogues.signatures.guess(
                dhcpVendor: station?.dhcpVendorClass, dhcpParameters: station?.dhcpParameters, synOptions: syn,
                initialTTL: initialTTL)
            hostReports.append(
                HostReport(
                    ip: addressText[index], mac: m.map(macText), vendor: m.flatMap(catalogues.vendors.vendor(of:)),
                    scope: h.address.scope.rawValue, unit: h.unit >= 0 ? subnets.unitIDs[Int(h.unit)] : nil,
                    names: learnt, firstSeen: date(h.firstSeen), lastSeen: date(h.lastSeen),
                    packetsSent: h.packetsSent, packetsReceived: h.packetsReceived, bytesSent: h.bytesSent,
                    bytesReceived: h.bytesReceived, internetBytes: h.internetBytes, initialTTL: initialTTL, synOptions: syn,
                    dhcpVendorClass: station?.dhcpVendorClass, dhcpParameters: station?.dhcpParameters, os: os,
                    throughput: h.series.throughput(binCount: binCount, interval: intervalSeconds)))
        }
        hostReports.sort { a, b in
            let x = a.bytesSent + a.bytesReceived
            let y = b.bytesSent + b.bytesReceived
            return x != y ? x > y : a.ip < b.ip
        }

        let stationReports = stations.map { s in
            StationReport(
                mac: macText(s.mac), vendor: catalogues.vendors.vendor(of: s.mac), ips: ipsByStation[s.mac] ?? [],
                dhcpHostname: s.dhcpHostname, firstSeen: date(s.firstSeen), lastSeen: date(s.lastSeen),
                packetsSent: s.packetsSent, packetsReceived: s.packetsReceived, bytesSent: s.bytesSent,
                bytesReceived: s.bytesReceived)
        }.sorted { $0.bytesSent + $0.bytesReceived > $1.bytesSent + $1.bytesReceived }

        // Sorted as indices, the same comparisons in the same order as sorting the reports, without
        // moving report structs (strings and dates) through the sort.
        let linkOrder = links.indices.sorted {
            links[$0].bytesAToB + links[$0].bytesBToA > links[$1].bytesAToB + links[$1].bytesBToA
        }
        let linkReports = linkOrder.map { i in
            let l = links[i]
            return LinkReport(
                a: addressText[Int(l.a)], b: addressText[Int(l.b)], packetsAToB: l.packetsAToB,
                packetsBToA: l.packetsBToA, bytesAToB: l.bytesAToB, bytesBToA: l.bytesBToA,
                firstSeen: date(l.firstSeen), lastSeen: date(l.lastSeen))
        }

        var unitReports: [UnitBandwidth] = []
        var addressesSeen = [Int](repeating: 0, count: units.count)
        for h in hosts where h.unit >= 0 && Int(h.unit) < units.count && h.address.scope == .unicast {
            addressesSeen[Int(h.unit)] += 1
        }
        var peers = [[String]](repeating: [], count: units.count)
        for pair in unitPairs.sorted() {
            let (lo, hi) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            peers[lo].append(units[hi].id)
            peers[hi].append(units[lo].id)
        }
        for (i, unit) in units.enumerated() where i < unitSeries.count && !unit.subnets.isEmpty {
            let internetSeries = unitInternetIn[i] + unitInternetOut[i]
            let internet = internetSeries.throughput(binCount: binCount, interval: intervalSeconds)
            let contracted = unit.declared["internet_bandwidth_mbps"]
            unitReports.append(
                UnitBandwidth(
                    unit: unit.id, subnets: unit.subnets, bytes: unitSeries[i].dense(binCount: binCount),
                    throughput: unitSeries[i].throughput(binCount: binCount, interval: intervalSeconds),
                    addressesSeen: addressesSeen[i], internetBytes: internetSeries.dense(binCount: binCount),
                    internetIn: unitInternetIn[i].dense(binCount: binCount),
                    internetOut: unitInternetOut[i].dense(binCount: binCount), internet: internet,
                    wanIn: unitWANIn[i].dense(binCount: binCount), wanOut: unitWANOut[i].dense(binCount: binCount),
                    wanPeers: peers[i].sorted(), contractedMbps: contracted,
                    p95Utilisation: contracted.flatMap { $0 > 0 ? internet.p95BitsPerSecond / ($0 * 1e6) : nil }))
        }

        var observationList: [Observation] = observations.map { key, record in
            let host = hosts[Int(key.host)]
            return Observation(
                kind: key.kind == 0 ? .antivirusUpdate : .cleartextProtocol, host: host.address.text,
                mac: mac(of: host).map(macText), peer: hosts[Int(key.peer)].address.text, proto: key.proto,
                detail: key.detail, firstSeen: date(record.firstSeen), lastSeen: date(record.lastSeen),
                packets: record.packets)
        }
        // Sessions that never upgraded to TLS, grouped per client, server and protocol.
        var grouped: [SessionKey: SessionRecord] = [:]
        for (key, record) in sessions where !record.upgraded {
            let k = SessionKey(client: key.client, server: key.server, clientPort: 0, serverPort: key.serverPort)
            if var g = grouped[k] {
                g.firstSeen = min(g.firstSeen, record.firstSeen)
                g.lastSeen = max(g.lastSeen, record.lastSeen)
                g.packets += record.packets
                grouped[k] = g
            } else {
                grouped[k] = record
            }
        }
        for (key, record) in grouped {
            let client = hosts[Int(key.client)]
            let proto = key.serverPort == 21 ? "ftp" : key.serverPort == 110 ? "pop3" : "imap"
            observationList.append(
                Observation(
                    kind: .cleartextProtocol, host: client.address.text, mac: mac(of: client).map(macText),
                    peer: hosts[Int(key.server)].address.text, proto: proto, detail: nil,
                    firstSeen: date(record.firstSeen), lastSeen: date(record.lastSeen), packets: record.packets))
        }
        observationList.sort {
            ($0.kind.rawValue, $0.host, $0.peer, $0.proto, $0.detail ?? "")
                < ($1.kind.rawValue, $1.host, $1.peer, $1.proto, $1.detail ?? "")
        }

        var malformedByLayer: [String: Int] = [:]
        for layer in Layer.allCases where malformed[layer.rawValue] > 0 {
            malformedByLayer[layer.name] = malformed[layer.rawValue]
        }
        return CaptureReport(
            source: source, linkType: link.name, firstPacket: packets > 0 ? date(origin) : nil,
            lastPacket: packets > 0 ? date(lastTime) : nil, packets: packets, bytes: bytes, complete: stop == nil,
            stoppedAt: stop, live: live, counts: counts, malformed: malformedByLayer, hosts: hostReports,
            stations: stationReports, links: linkReports,
            bandwidth: BandwidthReport(
                intervalSeconds: intervalSeconds, start: packets > 0 ? date(origin) : nil, intervals: binCount,
                totalBytes: total.dense(binCount: binCount),
                total: total.throughput(binCount: binCount, interval: intervalSeconds), units: unitReports),
            observations: observationList)
    }

    /// The usual initial values a TTL counts down from.
    static func initialTTL(_ ttl: UInt8) -> Int {
        ttl <= 32 ? 32 : ttl <= 64 ? 64 : ttl <= 128 ? 128 : 255
    }
}
