import Audit
import Foundation
import ICTAuditTesting
import PolicyEngine
import Ranking
import Inventory
import InventoryModel
import Logging
import SSHScan
import Testing

/// The whole path on real parts: lab sshd hosts → libssh2 scan → SQLite → baseline policy → ranking → reports.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct EndToEndAuditTests {
    static let repositoryRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    private func plan(_ lab: Lab, unreachablePort: Int) throws -> AuditPlan {
        func target(_ host: String, _ unit: String) throws -> SSHTarget { try lab.target(host, unit: unit) }
        var gone = try target("debian-ok", "thanh-tra")
        gone.port = unreachablePort
        gone.name = "gone"
        return AuditPlan(
            name: "Kiểm thử <b>đầu-cuối</b>", source: "test",
            units: [
                InventoryModel.Unit(id: "van-phong", name: LocalizedText(vi: "Văn phòng", en: "Office"), staff: 2),
                InventoryModel.Unit(id: "thanh-tra", name: LocalizedText(vi: "Thanh tra", en: "Inspectorate"), staff: 4),
            ],
            targets: [
                try target("debian-ok", "van-phong"), try target("hostile", "van-phong"),
                try target("debian-old", "thanh-tra"), try target("changed-key", "thanh-tra"), gone,
            ],
            knownHostsPath: lab.knownHostsPath)
    }

    @Test("An audit scans, stores, judges, ranks and writes escaped reports; a second run adds a second scan")
    func auditEndToEnd() async throws {
        let lab = try await Lab.shared()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-e2e-\(UUID().uuidString)")
        let store = try AuditStore(path: work.appendingPathComponent("store.sqlite").path)
        let policies = try PolicyCatalogue.load(paths: [Self.repositoryRoot.appendingPathComponent("policies").path])
        let plan = try plan(lab, unreachablePort: try TCPTestListener.closedPort())
        let out = work.appendingPathComponent("report").path
        let pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])
        let outcome = try await pipeline.run(
            plan: plan, options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath), policies: policies,
            store: store, outputDirectory: out, language: .vi)

        #expect(outcome.snapshot.hosts.map(\.status) == [.scanned, .scanned, .scanned, .hostKeyChanged, .unreachable])
        let rootLogin = outcome.findings.filter { $0.ruleID.contains("root") && $0.unit == "thanh-tra" }
        #expect(!rootLogin.isEmpty && rootLogin.allSatisfy { $0.verdict == .fail })
        let okPort = try lab.port(of: "debian-ok")
        #expect(outcome.findings.contains { $0.host.hasSuffix(":\(okPort)") && $0.verdict == .pass })
        #expect(Set(outcome.ranking.units.map(\.unitID)) == ["van-phong", "thanh-tra"])
        #expect(outcome.ranking.units.first?.unitID == "van-phong")

        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(!html.contains("<script"))
        #expect(!html.contains("<b>đầu"))
        #expect(html.contains("&lt;script&gt;alert("))
        let markdown = try String(contentsOfFile: out + "/report.md", encoding: .utf8)
        #expect(!markdown.contains("<script"))

        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: out + "/report.json")))
        let object = try #require(json as? [String: Any])
        let units = try #require(object["units"] as? [[String: Any]])
        #expect(units.map { $0["id"] as? String } == outcome.ranking.units.map(\.unitID))
        #expect(units.allSatisfy { $0["score"] is Double && $0["rank"] is Int })
        let hosts = try #require(object["hosts"] as? [[String: Any]])
        #expect(hosts.count == 5)
        #expect(hosts.compactMap { $0["status"] as? String }.contains("host_key_changed"))
        #expect(hosts.allSatisfy { $0["address"] as? String == "127.0.0.1" && $0["unit"] is String })

        let stored = try #require(try store.snapshot(id: outcome.snapshot.scanID!))
        #expect(stored.hosts.map(\.status) == outcome.snapshot.hosts.map(\.status))
        #expect(try store.latestEvaluation(scanID: outcome.snapshot.scanID!)?.findings.count == outcome.findings.count)

        _ = try await pipeline.run(
            plan: plan, options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath), policies: policies,
            store: store, outputDirectory: out, language: .en)
        #expect(try store.scans().count == 2)
    }

    @Test("A stored scan is judged again without touching a host: same findings with the hosts gone")
    func reevaluationNeedsNoHost() async throws {
        let lab = try await Lab.shared()
        let store = try AuditStore(
            path: FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-re-\(UUID().uuidString).sqlite").path)
        let policies = try PolicyCatalogue.load(paths: [Self.repositoryRoot.appendingPathComponent("policies").path])
        let pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])
        var snapshot = try await pipeline.scanAndStore(
            try plan(lab, unreachablePort: try TCPTestListener.closedPort()),
            options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath), store: store)
        let first = try pipeline.evaluate(snapshot, policies: policies, store: store)
        snapshot = try #require(try store.snapshot(id: snapshot.scanID!))
        let again = try pipeline.evaluate(snapshot, policies: policies, store: nil)
        #expect(again == first)
    }
}
