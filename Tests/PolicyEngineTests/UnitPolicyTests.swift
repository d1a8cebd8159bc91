import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PolicyEngine

/// Unit policies judge each unit's inventory (`unit.*`), with findings whose evidence is the unit
/// facts the rule read.
struct UnitPolicyTests {
    static let t0 = Date(timeIntervalSince1970: 1_780_000_000)

    /// Unit `a`: two computers, one with fresh antivirus, a web server beside a wire-only host,
    /// 100 Mbit/s contracted with 90 Mbit/s at the 95th percentile. Unit `b`: one computer, no capture.
    static func snapshot() -> InventorySnapshot {
        let fresh = Antivirus(product: "ClamAV", installed: true, realTimeProtection: true, signatureDate: t0.addingTimeInterval(-86_400))
        func host(_ address: String, _ unit: String, av: [Antivirus], listening: [Int]) -> HostScan {
            HostScan(
                target: SSHTarget(address: address, user: "u", unit: unit, credential: .agent), status: .scanned,
                startedAt: t0, durationSeconds: 1,
                facts: HostFacts(
                    interfaces: [NetworkInterface(name: "eth0", mac: nil, addresses: ["\(address)/24"])],
                    defaultRoute: Route(gateway: "10.0.0.1", interface: "eth0"),
                    hardware: Hardware(biosDate: t0.addingTimeInterval(-86_400 * 365)),
                    listening: listening.map { ListeningSocket(proto: .tcp, address: "0.0.0.0", port: $0) }, antivirus: av))
        }
        // 90 Mbit/s = 675,000,000 bytes a minute, out, in every interval.
        let busy = [UInt64](repeating: 675_000_000, count: 10)
        let quiet = [UInt64](repeating: 0, count: 10)
        let capture = WireCapture(
            source: "a.pcap", unit: "a", packets: 10, complete: true,
            hosts: [
                WireHost(ip: "10.0.1.5", unit: "a", firstSeen: t0, lastSeen: t0, internetBytes: 1),
                WireHost(ip: "10.0.1.66", unit: "a", firstSeen: t0, lastSeen: t0, internetBytes: 0),
            ],
            observations: [], firstPacket: t0, lastPacket: t0.addingTimeInterval(600),
            bandwidth: WireBandwidth(
                intervalSeconds: 60, start: t0, intervals: 10,
                units: [
                    WireUnitTraffic(unit: "a", addressesSeen: 2, internetIn: quiet, internetOut: busy, wanIn: quiet, wanOut: quiet, wanPeers: [])
                ]))
        return InventorySnapshot(
            inventoryName: "t", startedAt: t0, finishedAt: t0,
            units: [
                Unit(id: "a", name: LocalizedText(vi: "A", en: "A"), staff: 2, declared: ["internet_bandwidth_mbps": 100], subnets: ["10.0.1.0/24"]),
                Unit(id: "b", name: LocalizedText(vi: "B", en: "B"), staff: 1, declared: ["internet_bandwidth_mbps": 10], subnets: ["10.0.2.0/24"]),
            ],
            hosts: [host("10.0.1.5", "a", av: [fresh], listening: [22, 443]), host("10.0.1.6", "a", av: [], listening: [22]),
                    host("10.0.2.5", "b", av: [fresh], listening: [22])],
            captures: [capture])
    }

    @Test("The shipped unit-readiness pack judges each unit: pass, fail, error when unmeasured, not applicable")
    func shippedPack() throws {
        let policy = try Fixtures.policy("unit-readiness.yaml")
        #expect(policy.scope == .unit)
        #expect(policy.probes.isEmpty)
        let findings = PolicyEvaluator().evaluate(snapshot: Self.snapshot(), policies: [policy])
        // Unit policies give no host findings: one per unit and rule.
        #expect(findings.count == 2 * policy.rules.count)
        #expect(Set(findings.map(\.host)) == ["unit:a", "unit:b"])
        func verdict(_ unit: String, _ rule: String) -> Verdict? {
            findings.first { $0.unit == unit && $0.ruleID == rule }?.verdict
        }
        #expect(verdict("a", "unit-av-coverage-95") == .fail)  // 1 of 2
        #expect(verdict("b", "unit-av-coverage-95") == .pass)
        #expect(verdict("a", "unit-internet-headroom") == .fail)  // 90 of 100 Mbit/s
        #expect(verdict("b", "unit-internet-headroom") == .error)  // no capture: cannot tell, not zero
        #expect(verdict("a", "unit-no-wire-only-in-server-segments") == .fail)  // 10.0.1.66 beside the web server
        #expect(verdict("b", "unit-no-wire-only-in-server-segments") == .notApplicable)
        #expect(verdict("a", "unit-computers-recent") == .pass)
        #expect(verdict("a", "unit-capture-coverage") == .pass)
        #expect(verdict("b", "unit-capture-coverage") == .fail)
        let headroom = try #require(findings.first { $0.unit == "a" && $0.ruleID == "unit-internet-headroom" })
        #expect(headroom.evidence.contains { $0.path == "unit.internet.utilisation" && $0.value == "0.9" })
    }

    @Test("A unit policy is checked against the unit schema at load; probes are refused; host policies ignore units")
    func loading() throws {
        let text = PolicyText.policy(
            id: "p", header: "  scope: unit", rules: [.init(id: "r", body: "    check: unit.antivirus.instaled_share > 0.5")])
        #expect(throws: PolicyError.self) { try Policy.parse(text: text, file: "p.yaml") }
        let host = text.replacingOccurrences(of: "scope: unit", with: "scope: host")
            .replacingOccurrences(of: "unit.antivirus.instaled_share > 0.5", with: "host.status == \"scanned\"")
        let policy = try Policy.parse(text: host, file: "p.yaml")
        #expect(PolicyEvaluator().evaluate(units: UnitInventory.build(Self.snapshot()), policies: [policy]).isEmpty)
        let probing = text.replacingOccurrences(of: "  scope: unit", with: "  scope: unit\n  probes: { files: [/etc/x] }")
        #expect(throws: PolicyError.self) { try Policy.parse(text: probing, file: "p.yaml") }
    }
}
