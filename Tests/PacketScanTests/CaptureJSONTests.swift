import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PacketScan

/// `ictaudit capture --format json` streams the report with its own writer; Foundation's
/// `JSONEncoder` (the encoder the command used before, with the same options) is the oracle, byte
/// for byte.
@Suite("Capture JSON")
struct CaptureJSONTests {
    static func foundationJSON(_ report: CaptureReport) throws -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(style.format(date))
        }
        return Array(try encoder.encode(report))
    }

    /// The first differing line, for a readable failure.
    static func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String {
        let la = String(decoding: a, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        let lb = String(decoding: b, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
        for (index, (x, y)) in zip(la, lb).enumerated() where x != y { return "line \(index + 1): \(x) ≠ \(y)" }
        return "lengths \(a.count) and \(b.count)"
    }

    static let demoUnits = [
        Unit(id: "van-phong", name: LocalizedText(vi: "Văn phòng", en: "Office"), staff: 4,
             declared: ["internet_bandwidth_mbps": 20], subnets: ["10.10.10.0/24", "10.40.2.0/24"]),
        Unit(id: "trung-tam-cntt", name: LocalizedText(vi: "Trung tâm", en: "IT centre"), staff: 2,
             declared: ["internet_bandwidth_mbps": 100], subnets: ["172.16.16.0/24", "172.30.3.0/24"]),
        Unit(id: "thanh-tra", name: LocalizedText(vi: "Thanh tra", en: "Inspectorate"), staff: 3, subnets: ["10.20.5.0/24"]),
    ]

    @Test("the demo capture with units (bandwidth per unit, names, antivirus and cleartext observations): the same bytes as JSONEncoder")
    func demoCapture() throws {
        let path = Fixture.temporaryPath("demo.pcap")
        try DemoCapture.write(to: path)
        defer { try? FileManager.default.removeItem(atPath: path) }
        for interval in [60.0, 7.5] {
            let report = try PacketCapture.analyse(
                file: path, units: Self.demoUnits, catalogues: Fixture.catalogues,
                options: CaptureOptions(intervalSeconds: interval))
            #expect(!report.bandwidth.units.isEmpty && !report.observations.isEmpty && report.hosts.contains { !$0.names.isEmpty })
            let ours = report.jsonBytes()
            let oracle = try Self.foundationJSON(report)
            #expect(ours == oracle, "\(Self.firstDifference(ours, oracle))")
        }
    }

    @Test("a 20,000-packet synthetic enterprise capture (VLANs, DHCP, DNS, OS guesses; peers/pcap-gen.py), truncated too: the same bytes")
    func syntheticCapture() async throws {
        let generator = URL(fileURLWithPath: Fixture.catalogueDirectory).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("shared/peers/pcap-gen.py")
        try #require(FileManager.default.fileExists(atPath: generator.path), "needs ../shared/peers/pcap-gen.py")
        let path = Fixture.temporaryPath("synthetic.pcap")
        defer { try? FileManager.default.removeItem(atPath: path) }
        let made = try await CommandRunner.run(
            "/usr/bin/python3", [generator.path, "-o", path, "-n", "20000", "--seed", "7"], timeout: .seconds(120))
        try #require(made.status == 0, "\(made.standardError)")
        let units = [
            Unit(id: "a", name: LocalizedText(vi: "A", en: "A"), staff: 10, declared: ["internet_bandwidth_mbps": 50], subnets: ["10.10.1.0/24"]),
            Unit(id: "b", name: LocalizedText(vi: "B", en: "B"), staff: 5, subnets: ["10.10.2.0/24", "10.10.3.0/24"]),
        ]
        let report = try PacketCapture.analyse(file: path, units: units, catalogues: Fixture.catalogues, options: CaptureOptions(intervalSeconds: 1))
        #expect(report.links.count > 100 && report.hosts.contains { $0.os != nil } && report.stations.contains { $0.dhcpHostname != nil })
        var ours = report.jsonBytes()
        var oracle = try Self.foundationJSON(report)
        #expect(ours == oracle, "\(Self.firstDifference(ours, oracle))")

        // Cut mid-record: the report says where it stopped (stoppedAt), and still matches.
        let data = try Data(contentsOf: URL(fileURLWithPath: path))
        let cut = Fixture.temporaryPath("cut.pcap")
        defer { try? FileManager.default.removeItem(atPath: cut) }
        try data.prefix(data.count / 2 + 7).write(to: URL(fileURLWithPath: cut))
        let partial = try PacketCapture.analyse(file: cut, units: units, catalogues: Fixture.catalogues, options: CaptureOptions(intervalSeconds: 1))
        #expect(partial.stoppedAt != nil)
        ours = partial.jsonBytes()
        oracle = try Self.foundationJSON(partial)
        #expect(ours == oracle, "\(Self.firstDifference(ours, oracle))")

        // In 1 KiB chunks, the same bytes.
        var chunks: [[UInt8]] = []
        report.writeJSON(chunkSize: 1024) { chunks.append($0) }
        #expect(chunks.count > 10 && chunks.dropLast().allSatisfy { $0.count >= 1024 })
        #expect(Array(chunks.joined()) == report.jsonBytes())
    }

    /// A report with every optional field set and hostile strings, so a field the writer forgot
    /// shows up as a difference.
    static func everyField() -> CaptureReport {
        let day = Date(timeIntervalSince1970: 1_717_200_000.123456)
        let hostile = "a/b\"c\\d\u{0}\u{1b}\u{7f}\t\n\r\u{8}\u{c}é😀\u{202e}"
        let throughput = Throughput(peakBitsPerSecond: 1e-7, p95BitsPerSecond: 123_456_789.125)
        return CaptureReport(
            source: hostile, linkType: "EN10MB", firstPacket: day, lastPacket: day.addingTimeInterval(59.9999),
            packets: 3, bytes: .max, complete: false, stoppedAt: CaptureStop(packetIndex: 2, byteOffset: 300, reason: hostile),
            live: LiveStatistics(received: 4, droppedByKernel: 1, droppedByInterface: 0),
            counts: PacketCounts(ipv4: 1, ipv6: 2, arp: 3, otherNetwork: 4, fragments: 5, tcp: 6, udp: 7, icmp: 8, icmpv6: 9,
                                 dns: 10, mdns: 11, dhcp: 12, netbios: 13, tlsClientHellos: 14, httpRequests: 15),
            malformed: ["tcp": 1, "Ip": 2, "_x": 3],
            hosts: [
                HostReport(
                    ip: "10.0.0.1", mac: "00:11:22:33:44:55", vendor: hostile, scope: "unicast", unit: "u", names: [LearntName(name: hostile, source: "dhcp")],
                    firstSeen: day, lastSeen: Date(timeIntervalSince1970: -1.5), packetsSent: 1, packetsReceived: 2, bytesSent: 3, bytesReceived: 4,
                    internetBytes: 5, initialTTL: 64, synOptions: "M,S,T,N,W", dhcpVendorClass: "MSFT 5.0", dhcpParameters: "1,3,6",
                    os: OSGuess(name: "Windows", basis: ["ttl", "syn"], score: 3), throughput: throughput)
            ],
            stations: [
                StationReport(mac: "00:11:22:33:44:55", vendor: "V", ips: ["10.0.0.1", "fe80::1"], dhcpHostname: hostile, firstSeen: day,
                              lastSeen: Date(timeIntervalSinceReferenceDate: 0.9999999), packetsSent: 1, packetsReceived: 2, bytesSent: 3, bytesReceived: 4)
            ],
            links: [LinkReport(a: "10.0.0.1", b: "10.0.0.2", packetsAToB: 1, packetsBToA: 0, bytesAToB: 60, bytesBToA: 0, firstSeen: day, lastSeen: day)],
            bandwidth: BandwidthReport(
                intervalSeconds: 0.25, start: day, intervals: 2, totalBytes: [0, .max], total: throughput,
                units: [
                    UnitBandwidth(
                        unit: hostile, subnets: ["10.0.0.0/8"], bytes: [1, 2], throughput: throughput, addressesSeen: 2, internetBytes: [3],
                        internetIn: [], internetOut: [4], internet: throughput, wanIn: [5], wanOut: [6], wanPeers: ["x", "y"],
                        contractedMbps: 12.5, p95Utilisation: 1.0 / 3)
                ]),
            observations: [
                Observation(kind: .antivirusUpdate, host: "10.0.0.1", mac: "m", peer: "p", proto: "tls", detail: hostile,
                            firstSeen: day, lastSeen: day, packets: 2)
            ])
    }

    @Test("every field set (live counters, where it stopped, per-unit series, hostile strings, odd doubles and dates): the same bytes")
    func everyFieldSet() throws {
        let report = Self.everyField()
        // Every optional property of every value in the report is set: a field added later and
        // missing from the writer cannot hide as nil here.
        func nils(_ value: Any, _ path: String) -> [String] {
            Mirror(reflecting: value).children.flatMap { child -> [String] in
                let name = "\(path).\(child.label ?? "?")"
                let inner = Mirror(reflecting: child.value)
                if inner.displayStyle == .optional { return inner.children.isEmpty ? [name] : nils(inner.children.first!.value, name) }
                if inner.displayStyle == .collection { return inner.children.flatMap { nils($0.value, name) } }
                return nils(child.value, name)
            }
        }
        #expect(nils(report, "report") == [])
        let ours = report.jsonBytes()
        let oracle = try Self.foundationJSON(report)
        #expect(ours == oracle, "\(Self.firstDifference(ours, oracle))")
    }

    @Test("dates: 200,000 capture-like timestamps format as Date.ISO8601FormatStyle with milliseconds does")
    func dates() {
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for index in 0..<200_000 {
            let seconds = Double(Int.random(in: 0...4_000_000_000, using: &generator))
            let micro = Double(Int.random(in: 0..<1_000_000, using: &generator))
            let date: Date =
                switch index % 3 {
                case 0: Date(timeIntervalSince1970: seconds + micro / 1e6)  // how PacketScan makes them
                case 1: Date(timeIntervalSince1970: seconds).addingTimeInterval(micro / 1e6)
                default: Date(timeIntervalSinceReferenceDate: Double.random(in: -3e9...3e9, using: &generator))
                }
            var writer = CaptureJSONWriter(chunkSize: 64)
            writer.date(date)
            let ours = String(decoding: writer.buffer, as: UTF8.self)
            let oracle = "\"\(style.format(date))\""
            if ours != oracle, mismatches.count < 5 { mismatches.append("\(date.timeIntervalSinceReferenceDate): \(ours) ≠ \(oracle)") }
        }
        #expect(mismatches == [])
    }

    @Test("numbers: random doubles and integers print as JSONEncoder prints them")
    func numbers() throws {
        var generator = SystemRandomNumberGenerator()
        var doubles: [Double] = [0, -0.0, 1, 1e15, 1e16, 9_007_199_254_740_993, 1e-5, 0.1, 1e300, -3, 1e21, .leastNonzeroMagnitude, .greatestFiniteMagnitude]
        for _ in 0..<2_000 {
            doubles.append(Double(bitPattern: UInt64.random(in: 0...UInt64.max, using: &generator)))
            doubles.append(Double(Int.random(in: -1_000_000_000...1_000_000_000, using: &generator)) / 8)
        }
        doubles = doubles.filter(\.isFinite)
        var writer = CaptureJSONWriter(chunkSize: 1 << 20)
        writer.array(doubles) { out, value in out.double(value) }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted]
        #expect(writer.buffer == Array(try encoder.encode(doubles)))
        let integers: [UInt64] = [0, 1, 9, 10, .max] + (0..<1_000).map { _ in UInt64.random(in: 0...UInt64.max, using: &generator) >> UInt64.random(in: 0...63, using: &generator) }
        var ints = CaptureJSONWriter(chunkSize: 1 << 20)
        ints.integers(integers)
        #expect(ints.buffer == Array(try encoder.encode(integers)))
    }
}
