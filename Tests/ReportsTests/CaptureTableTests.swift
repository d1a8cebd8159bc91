import Foundation
import ICTAuditTesting
import InventoryModel
import PacketScan
import Reports
import Testing

/// `ictaudit capture --format table` in both languages: its counts agree with tshark reading the
/// same file, its bandwidth figures with the fixture's arithmetic, and the Vietnamese table holds
/// no English label (numbers with a decimal comma and dotted thousands).
@Suite struct CaptureTableTests {
    static let tshark = ["/usr/bin/tshark", "/usr/local/bin/tshark"].first(where: FileManager.default.isExecutableFile)

    static let units = [
        InventoryModel.Unit(
            id: "van-phong", name: LocalizedText(vi: "Văn phòng", en: "Office"), staff: 4,
            declared: ["internet_bandwidth_mbps": 1], subnets: ["10.10.1.0/24"]),
        InventoryModel.Unit(id: "thanh-tra", name: LocalizedText(vi: "Thanh tra", en: "Inspectorate"), staff: 3, subnets: ["10.10.2.0/24"]),
    ]

    static func frame(_ src: String, _ dst: String, bytes: Int) -> [UInt8] {
        Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: src, dst: dst, proto: 17, Frames.udp(sport: 1000, dport: 2000, [UInt8](repeating: 0, count: bytes - 42))))
    }

    /// 20 one-second intervals: a 1,000-byte frame to the Internet each second (5 in second 7) and one
    /// 500-byte frame between the units in second 3: 25 frames, 24,500 bytes; peak 5,000 B/s = 0.040
    /// Mbit/s; p95 of the totals the 19th smallest, 1,500 B = 0.012 Mbit/s; the office's Internet p95
    /// 1,000 B = 0.008 Mbit/s, 0.8 % of its 1 Mbit/s.
    static func fixture() throws -> String {
        var writer = PcapFixtureWriter()
        for second in 0..<20 {
            for k in 0..<(second == 7 ? 5 : 1) {
                writer.add(frame("10.10.1.20", "203.0.113.9", bytes: 1000), seconds: 1_717_200_000 + second, nanoseconds: k * 1000)
            }
            if second == 3 { writer.add(frame("10.10.1.20", "10.10.2.10", bytes: 500), seconds: 1_717_200_003, nanoseconds: 500) }
        }
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("capture-table-\(UUID().uuidString).pcap").path
        return try writer.write(to: path)
    }

    @Test(
        "The table's packet and byte totals are tshark's; its labels and numbers follow the language",
        .enabled(if: tshark != nil, "needs tshark, the independent count (apt-get install tshark)"))
    func bothLanguages() async throws {
        let path = try Self.fixture()
        defer { try? FileManager.default.removeItem(atPath: path) }
        let frames = try await CommandRunner.run(try #require(Self.tshark), ["-n", "-r", path, "-T", "fields", "-e", "frame.len"], timeout: .seconds(60))
        let lengths = frames.standardOutputText.split(separator: "\n").compactMap { Int($0) }
        let packets = lengths.count
        let bytes = lengths.reduce(0, +)
        #expect((packets, bytes) == (25, 24_500))

        let report = try PacketCapture.analyse(file: path, units: Self.units, options: CaptureOptions(intervalSeconds: 1))
        let vi = CaptureTable.render(report, language: .vi).precomposedStringWithCanonicalMapping
        let en = CaptureTable.render(report, language: .en)

        #expect(en.contains("\(packets) packets, 24,500 bytes, "))
        #expect(vi.contains("\(packets) gói tin, 24.500 byte, ".precomposedStringWithCanonicalMapping))
        #expect(en.contains("bandwidth: interval 1 s, total peak 0.040 Mbit/s, p95 0.012 Mbit/s"))
        #expect(vi.contains("băng thông: khoảng đo 1 s, đỉnh toàn mạng 0,040 Mbit/s, p95 0,012 Mbit/s".precomposedStringWithCanonicalMapping))
        #expect(en.contains("van-phong: internet peak 0.040 p95 0.008 Mbit/s, contracted 1 Mbit/s, p95 use 0.8%"))
        #expect(vi.contains("van-phong: Internet đỉnh 0,040 p95 0,008 Mbit/s, theo hợp đồng 1 Mbit/s, mức dùng p95 0,8 %".precomposedStringWithCanonicalMapping))
        let header = try #require(vi.split(separator: "\n").first { $0.hasPrefix("ip ") })
        #expect(header.contains("đơn vị") && header.contains("gói ra") && header.contains("byte vào"))
        // The host row: 24 frames out to the Internet from the office's host, 24,000 + 500 bytes.
        let row = try #require(en.split(separator: "\n").first { $0.hasPrefix("10.10.1.20 ") })
        #expect(row.split(separator: " ").contains("24,500"))
        for english in ["packets", "bytes", "bandwidth", "observations", "vendor", "contracted", "interval"] {
            #expect(!vi.contains(english), "the Vietnamese table says \(english)")
        }
    }
}
