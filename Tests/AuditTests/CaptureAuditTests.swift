import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import SSHScan
import Testing

/// An audit whose inventory names a capture file: the wire joins the SSH results in the store.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct CaptureAuditTests {
    static func udp(_ src: String, _ dst: String, _ sport: Int, _ dport: Int, _ payload: [UInt8]) -> [UInt8] {
        Frames.ethernet(type: 0x0800, Frames.ipv4(src: src, dst: dst, proto: 17, Frames.udp(sport: sport, dport: dport, payload)))
    }

    static func tcp(_ src: String, _ dst: String, _ sport: Int, _ dport: Int, _ payload: [UInt8]) -> [UInt8] {
        Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: src, dst: dst, proto: 6, Frames.tcp(sport: sport, dport: dport, payload)))
    }

    @Test("Unmanaged hosts, cleartext use and antivirus updates from the capture become stored findings")
    func captureJoinsTheAudit() async throws {
        let lab = try await Lab.shared()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-capture-audit-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        var writer = PcapFixtureWriter()
        writer.add(Self.udp("10.1.0.99", "10.1.0.1", 5353, 5353, Array("hello".utf8)), seconds: 1_790_000_000)
        writer.add(Self.tcp("10.1.0.50", "10.1.0.99", 40000, 23, Array("login: ".utf8)), seconds: 1_790_000_001)
        writer.add(
            Self.udp("127.0.0.1", "127.0.0.53", 40001, 53, Frames.dns(name: "database.clamav.net")), seconds: 1_790_000_002)
        let pcap = try writer.write(to: work.appendingPathComponent("lan.pcap").path)

        let key = CredentialReference.keyFile(path: lab.clientKeyPath, passphraseEnvironment: nil)
        let plan = AuditPlan(
            name: "capture", source: "test",
            units: [
                InventoryModel.Unit(
                    id: "phong-a", name: LocalizedText(vi: "Phòng A", en: "Room A"), staff: 2, subnets: ["10.1.0.0/24"])
            ],
            targets: [
                SSHTarget(
                    address: "127.0.0.1", port: try lab.port(of: "debian-old"), user: lab.user, unit: "phong-a",
                    credential: key)
            ],
            captures: [CaptureSource(unit: "phong-a", kind: .file(pcap))], knownHostsPath: lab.knownHostsPath)
        let store = try AuditStore(path: work.appendingPathComponent("store.sqlite").path)
        var pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])
        pipeline.catalogueDirectory = Lab.repositoryRoot.appendingPathComponent("policies/catalogues").path
        let snapshot = try await pipeline.scanAndStore(
            plan, options: ScanOptions(hostTimeout: 30, knownHostsPath: lab.knownHostsPath), store: store)
        let findings = try pipeline.evaluate(snapshot, policies: PolicySet(policies: []), store: store)

        let wire = findings.filter { $0.policyID == WireMerge.policyID }.map { "\($0.ruleID) \($0.host) \($0.verdict.rawValue)" }
        let endpoint = "127.0.0.1:\(try lab.port(of: "debian-old"))"
        #expect(wire.contains("unmanaged-host 10.1.0.99 fail"))
        #expect(wire.contains("cleartext-telnet 10.1.0.50 fail"))
        #expect(wire.contains("antivirus-seen-updating \(endpoint) not_applicable"))
        #expect(wire.contains("unmanaged-host 10.1.0.50 fail"))

        let stored = try #require(try store.snapshot(id: snapshot.scanID!))
        #expect(stored.captures == snapshot.captures)
        #expect(stored.captures.first?.packets == 3)
    }
}
