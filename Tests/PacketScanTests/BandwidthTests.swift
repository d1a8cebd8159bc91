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
