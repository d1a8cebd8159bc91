import Foundation
import InventoryModel
import Ranking
import Testing

/// The shipped methods read infrastructure from the unit inventory where the audit measured it,
/// and declared figures only where it did not; every value says which.
struct MeasuredInfrastructureTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    /// Unit `a` (2 staff, 100 Mbit/s contracted): a capture with 6 Mbit/s out at the 95th percentile
    /// and traffic to unit `b`; two servers, both scanned with ClamAV, alone on 10.0.1.0/24.
    /// Unit `b` (4 staff, 20 Mbit/s contracted): one workstation, no route; no capture sees it.
    static func snapshot() -> InventorySnapshot {
        let av = Antivirus(product: "ClamAV", installed: true, signatureDate: t0)
        func host(_ address: String, _ unit: String, route: Bool, av: [Antivirus], role: ComputerRole?) -> HostScan {
            HostScan(
                target: SSHTarget(address: address, user: "u", unit: unit, credential: .agent, role: role),
                status: .scanned, startedAt: t0, durationSeconds: 1,
                facts: HostFacts(
                    interfaces: [NetworkInterface(name: "eth0", mac: nil, addresses: ["\(address)/24"])],
                    defaultRoute: route ? Route(gateway: "10.0.0.1", interface: "eth0") : nil, antivirus: av))
        }
        let out = [UInt64](repeating: 45_000_000, count: 20)  // 6 Mbit/s over a minute
        let zero = [UInt64](repeating: 0, count: 20)
        var wan = zero
        wan[3] = 1000
        let capture = WireCapture(
            source: "a.pcap", unit: "a", packets: 100, complete: true,
            hosts: [
                WireHost(ip: "10.0.1.5", unit: "a", firstSeen: t0, lastSeen: t0, internetBytes: 100),
                WireHost(ip: "10.0.1.6", unit: "a", firstSeen: t0, lastSeen: t0, internetBytes: 0),
            ],
            observations: [], firstPacket: t0, lastPacket: t0.addingTimeInterval(1200),
            bandwidth: WireBandwidth(
                intervalSeconds: 60, start: t0, intervals: 20,
                units: [WireUnitTraffic(unit: "a", addressesSeen: 2, internetIn: zero, internetOut: out, wanIn: zero, wanOut: wan, wanPeers: ["b"])]))
        return InventorySnapshot(
            inventoryName: "t", startedAt: t0, finishedAt: t0,
            units: [
                Unit(id: "a", name: LocalizedText(vi: "A", en: "A"), staff: 2, declared: ["internet_bandwidth_mbps": 100], subnets: ["10.0.1.0/24"]),
                Unit(id: "b", name: LocalizedText(vi: "B", en: "B"), parent: "a", staff: 4, declared: ["internet_bandwidth_mbps": 20], subnets: ["10.0.2.0/24"]),
            ],
            hosts: [
                host("10.0.1.5", "a", route: true, av: [av], role: .server),
                host("10.0.1.6", "a", route: true, av: [av], role: .server),
                host("10.0.2.5", "b", route: false, av: [], role: nil),
            ],
            captures: [capture])
    }

    @Test("MIC IT application: each infrastructure figure measured (or declared where not) and computed by hand")
    func micInfrastructure() throws {
        let method = try ShippedMethods.load("mic-it-application.yaml")
        let result = method.score(Self.snapshot(), findings: [])
        func indicator(_ unit: String, _ id: String) throws -> IndicatorScore {
            try #require(result.units.first { $0.unitID == unit }?.indicators.first { $0.id == id })
        }
        // Computers per staff: 2/2 and 1/4.
        #expect(try indicator("a", "may_tinh_tren_can_bo").raw == 1)
        #expect(try indicator("b", "may_tinh_tren_can_bo").raw == 0.25)
        // Bandwidth per staff: a measured 6 Mbit/s / 2 staff = 3; b not measured, declared 20 / 4 = 5.
        let bandwidthA = try indicator("a", "bang_thong_tren_can_bo")
        #expect(abs(bandwidthA.raw - 3) < 1e-9)
        #expect(bandwidthA.source == .measured)
        let bandwidthB = try indicator("b", "bang_thong_tren_can_bo")
        #expect(bandwidthB.raw == 5)
        #expect(bandwidthB.source == .declared)
        #expect(bandwidthB.explanation.en.contains("declared in the inventory"))
        // WAN: a and its subordinate b; only a's traffic was seen => 1 of 2. b alone is unmeasured.
        #expect(try indicator("a", "ket_noi_wan").raw == 0.5)
        #expect(try indicator("a", "ket_noi_wan").source == .measured)
        #expect(try indicator("b", "ket_noi_wan").source == .missing)
        // Server level: two servers, scanned, antivirus, alone on their segment => 3.
        #expect(try indicator("a", "trung_tam_du_lieu").raw == 3)
        #expect(try indicator("b", "trung_tam_du_lieu").raw == 0)
        // Internet share: both of a's computers have a route; b's one has none (and no capture).
        #expect(try indicator("a", "ty_le_may_bang_rong").raw == 1)
        #expect(try indicator("b", "ty_le_may_bang_rong").raw == 0)
        #expect(try indicator("b", "ty_le_may_bang_rong").source == .measured)
    }

    @Test("Without a scan, the declared figures CSV still ranks every indicator")
    func declaredOnly() throws {
        let method = try ShippedMethods.load("mic-it-application.yaml")
        let figures = try ShippedMethods.figures(
            "unit,bang_thong_tren_can_bo,ket_noi_wan,trung_tam_du_lieu,ty_le_may_bang_rong\nx,10,1,2,0.9\n",
            method: method)
        let result = method.score(nil, findings: [], figures: figures)
        let x = try #require(result.units.first)
        #expect(x.indicators.first { $0.id == "bang_thong_tren_can_bo" }?.source == .declared)
        #expect(x.indicators.first { $0.id == "trung_tam_du_lieu" }?.raw == 2)
    }
}
