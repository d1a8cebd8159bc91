import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import SSHScan
import Testing

/// `ictaudit diff` on two real scans of the lab: a host that went and one that came are named, the
/// hosts scanned both times show no fact changes (real hosts re-scanned are not noise), and the new
/// host's failures are the new findings.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct ScanDiffAuditTests {
    @Test("Two lab scans: debian-old gone, suse-ok appeared, unchanged hosts quiet, suse-ok's failures new; the CLI prints it in Vietnamese")
    func diffOfTwoLabScans() async throws {
        let lab = try await Lab.shared()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-diff-\(UUID().uuidString)")
        let storePath = work.appendingPathComponent("store.sqlite").path
        let store = try AuditStore(path: storePath)
        let policies = try PolicyCatalogue.load(paths: [EndToEndAuditTests.repositoryRoot.appendingPathComponent("policies").path])
        func plan(_ hosts: [String]) throws -> AuditPlan {
            AuditPlan(
                name: "So sánh", source: "test",
                units: [InventoryModel.Unit(id: "don-vi", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 3)],
                targets: try hosts.map { try lab.target($0, unit: "don-vi") },
                knownHostsPath: lab.knownHostsPath)
        }
        let pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])
        let options = policies.requesting(into: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath))
        let first = try await pipeline.scanAndStore(try plan(["debian-ok", "debian-old", "rhel-ok"]), options: options, store: store)
        _ = try pipeline.evaluate(first, policies: policies, store: store)
        let second = try await pipeline.scanAndStore(try plan(["debian-ok", "rhel-ok", "suse-ok"]), options: options, store: store)
        // The second scan is never judged before the diff: the diff judges it with the policies given.
        let diff = try pipeline.diff(from: first.scanID!, to: second.scanID!, store: store, policies: policies)

        #expect(diff.hostsGone.map(\.name) == ["debian-old"])
        #expect(diff.hostsAppeared.map(\.name) == ["suse-ok"])
        #expect(diff.statusChanges.isEmpty)
        #expect(diff.hostChanges.isEmpty, "re-scanning unchanged hosts changed: \(diff.hostChanges)")
        #expect(diff.findingsCompared && diff.rankingCompared)
        let suse = try lab.port(of: "suse-ok")
        #expect(!diff.newFindings.isEmpty && diff.newFindings.allSatisfy { $0.host.hasSuffix(":\(suse)") && $0.after == .fail })
        #expect(diff.resolvedFindings.isEmpty)
        #expect(try store.latestEvaluation(scanID: second.scanID!) != nil)

        let executable = try #require(BuiltTool.path, "build the ictaudit executable first")
        let result = try await CommandRunner.run(
            executable, ["diff", String(first.scanID!), String(second.scanID!), "--store", storePath, "--lang", "vi"],
            timeout: .seconds(60))
        #expect(result.status == 0, "\(result.standardError)")
        let text = result.standardOutputText
        #expect(text.contains("Máy mới xuất hiện (1):") && text.contains("suse-ok"))
        #expect(text.contains("Máy không còn (1):") && text.contains("debian-old"))
        #expect(text.contains("Lỗi mới (\(diff.newFindings.count)):"))
    }
}
