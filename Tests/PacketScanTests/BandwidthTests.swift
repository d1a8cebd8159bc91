import Foundation
import ICTAuditTesting
import InventoryModel
import PacketScan
import Testing

@Suite("Bandwidth and links")
struct BandwidthTests {
    static let units = [
        InventoryModel.Unit(
            id: "van-phong", name: LocalizedText(vi: "Văn phòng", en: "Office"), staff: 4,
            declared: ["internet_bandwidth_mbps": 1], subnets: ["10.10.1.0/24", "2001:db8:1::/48"]),
        InventoryModel.Unit(
            id: "thanh-tra", name: LocalizedText(vi: "Thanh tra", en: "Inspectorate"), staff: 3,
            subnets: ["10.10.2.0/24"]),
    ]

    /// `sizes[i]` bytes of UDP payload in second `i`, from `src` to `dst`.
    static func frames(_ src: String, _ dst: String, count: Int, payload: Int) -> [UInt8] {
        Frames.ethernet(
            type: 0x0800,
            Frames.ipv4(
                src: src, dst: dst, proto: 17,
                Frames.udp(sport: 1000, dport: 2000, [UInt8](repeating: 0, count: payload))))
    }

    @Test("Series per interval, peak and 95th percentile, per unit and against the contracted capacity")
    func unitSeries() throws {
        // 20 one-second intervals: 1,000-byte frames to the Internet, one in each second except a
        // burst of 5 in second 7, and one internal frame between the two units in second 3.
        var writer = PcapFixtureWriter()
        let out = Self.frames("10.10.1.20", "203.0.113.9", count: 1, payload: 1000 - 42)
        #expect(out.count == 1000)
        let inside = Self.frames("10.10.1.20", "10.10.2.10", count: 1, payload: 500 - 42)
        for second in 0..<20 {
            for k in 0..<(second == 7 ? 5 : 1) {
                writer.add(out, seconds: 1_717_200_000 + second, nanoseconds: k * 1000)
            }
            if second == 3 { writer.add(inside, seconds: 1_717_200_003, nanoseconds: 500) }
        }
        let path = try writer.write(to: Fixture.temporaryPath("bw.pcap"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try PacketCapture.analyse(
            file: path, units: Self.units, options: CaptureOptions(intervalSeconds: 1))
        #expect(report.bandwidth.intervals == 20)
        #expect(report.bandwidth.totalBytes[3] == 1500)
        #expect(report.bandwidth.totalBytes[7] == 5000)
        #expect(report.bandwidth.total.peakBitsPerSecond == 40_000)
        // 95th percentile of 20 samples: the 19th smallest, i.e. 1,500 bytes (second 3) => 12 kbit/s.
        #expect(report.bandwidth.total.p95BitsPerSecond == 12_000)
        let office = try #require(report.bandwidth.units.first { $0.unit == "van-phong" })
        #expect(office.internet.peakBitsPerSecond == 40_000)
        #expect(office.internet.p95BitsPerSecond == 8_000)
        #expect(office.p95Utilisation == 0.008)
        #expect(office.bytes.reduce(0, +) == UInt64(24_500))
        let inspectorate = try #require(report.bandwidth.units.first { $0.unit == "thanh-tra" })
        #expect(inspectorate.bytes.reduce(0, +) == 500)
        #expect(inspectorate.internetBytes.reduce(0, +) == 0)
        #expect(report.host("10.10.2.10")?.unit == "thanh-tra")
        #expect(report.host("203.0.113.9")?.unit == nil)
        let link = try #require(report.links.first)
        #expect([link.a, link.b] == ["10.10.1.20", "203.0.113.9"])
        #expect(link.packetsAToB == 24)
        #expect(link.bytesAToB == 24_000)
        #expect(link.packetsBToA == 0)
    }

    @Test("Internet and WAN traffic by direction, hosts' Internet bytes, and what the scan keeps of it")
    func directions() throws {
        // Ten one-second intervals. Every second 1,000 bytes go out to the Internet; in seconds 0-4
        // 2,000 bytes come back; in second 9 the office sends 500 bytes to the inspectorate.
        var writer = PcapFixtureWriter()
        let out = Self.frames("10.10.1.20", "203.0.113.9", count: 1, payload: 1000 - 42)
        let back = Self.frames("203.0.113.9", "10.10.1.20", count: 1, payload: 2000 - 42)
        let wan = Self.frames("10.10.1.20", "10.10.2.10", count: 1, payload: 500 - 42)
        for second in 0..<10 {
            writer.add(out, seconds: 1_717_200_000 + second, nanoseconds: 0)
            if second < 5 { writer.add(back, seconds: 1_717_200_000 + second, nanoseconds: 1000) }
            if second == 9 { writer.add(wan, seconds: 1_717_200_009, nanoseconds: 2000) }
        }
        let path = try writer.write(to: Fixture.temporaryPath("dir.pcap"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try PacketCapture.analyse(
            file: path, units: Self.units, options: CaptureOptions(intervalSeconds: 1))
        let office = try #require(report.bandwidth.units.first { $0.unit == "van-phong" })
        #expect(office.internetOut == [UInt64](repeating: 1000, count: 10))
        #expect(office.internetIn == [2000, 2000, 2000, 2000, 2000, 0, 0, 0, 0, 0])
        #expect(office.internetBytes == [3000, 3000, 3000, 3000, 3000, 1000, 1000, 1000, 1000, 1000])
        #expect(office.wanOut == [0, 0, 0, 0, 0, 0, 0, 0, 0, 500])
        #expect(office.wanPeers == ["thanh-tra"])
        #expect(office.addressesSeen == 1)
        let inspectorate = try #require(report.bandwidth.units.first { $0.unit == "thanh-tra" })
        #expect(inspectorate.wanIn == [0, 0, 0, 0, 0, 0, 0, 0, 0, 500])
        #expect(inspectorate.wanPeers == ["van-phong"])
        #expect(report.host("10.10.1.20")?.internetBytes == 20_000)
        #expect(report.host("10.10.2.10")?.internetBytes == 0)

        // Kept with a scan, the capture gives the unit inventory its link figures without the file.
        let wire = report.wireCapture(unit: "van-phong")
        #expect(wire.bandwidth?.units.first { $0.unit == "van-phong" }?.internetIn == office.internetIn)
        #expect(wire.hosts.first { $0.ip == "10.10.1.20" }?.internetBytes == 20_000)
        #expect(wire.firstPacket == report.firstPacket)
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: wire.firstPacket!, finishedAt: wire.firstPacket!, units: Self.units,
            hosts: [], captures: [wire])
        let unit = try #require(UnitInventory.build(snapshot).first { $0.id == "van-phong" })
        let link = try #require(unit.link(.internet)?.measured)
        // In: five seconds of 2,000 bytes => peak 16 kbit/s, p95 (10th of 10) 16 kbit/s, mean 8 kbit/s.
        #expect(link.inbound.peakBitsPerSecond == 16_000)
        #expect(link.inbound.p95BitsPerSecond == 16_000)
        #expect(link.inbound.meanBitsPerSecond == 8_000)
        #expect(link.outbound.p95BitsPerSecond == 8_000)
        // 16 kbit/s of 1 Mbit/s contracted; 4 staff.
        #expect(unit.link(.internet)?.utilisation == 0.016)
        #expect(unit.link(.internet)?.measuredPerStaffMbps == 0.004)
        #expect(unit.link(.wan)?.peers == ["thanh-tra"])
        #expect(unit.lan.wireOnly == 1)
        #expect(unit.coverage.state == .full)
    }

    @Test("A subnet that is not CIDR is an error naming the unit")
    func badSubnet() throws {
        let unit = InventoryModel.Unit(
            id: "x", name: LocalizedText(vi: "x", en: "x"), staff: 1, subnets: ["10.10.1.0/33"])
        #expect(throws: CaptureError.invalidSubnet(unit: "x", subnet: "10.10.1.0/33")) {
            try Fixture.analyse([], units: [unit])
        }
    }

    @Test("Units stored before subnets existed still decode")
    func unitDecodesWithoutSubnets() throws {
        let json = Data(#"{"id":"a","name":{"vi":"A","en":"A"},"staff":1,"declared":{}}"#.utf8)
        let unit = try JSONDecoder().decode(InventoryModel.Unit.self, from: json)
        #expect(unit.subnets == [])
    }
}
