import Foundation
import Inventory
import Logging
import InventoryModel
import Ranking
import Reports
import Testing

@testable import Audit

/// "Since the last scan" and the trend, read from a real SQLite store of three scans.
struct ReportHistoryTests {
    static let start = Date(timeIntervalSince1970: 1_760_000_000)
    static let units = [
        Unit(id: "a", name: LocalizedText(vi: "Phòng A", en: "Office A"), staff: 2),
        Unit(id: "b", name: LocalizedText(vi: "Phòng B", en: "Office B"), staff: 2),
    ]

    static func host(_ address: String, _ unit: String, _ status: HostStatus = .scanned) -> HostScan {
        HostScan(
            target: SSHTarget(address: address, user: "audit", unit: unit, credential: .agent), status: status,
            startedAt: start, durationSeconds: 1, facts: status == .scanned ? HostFacts(hostname: address) : nil)
    }

    static func finding(_ host: String, _ unit: String, _ verdict: Verdict) -> Finding {
        Finding(
            policyID: "p", ruleID: "r1", title: LocalizedText(vi: "Quy tắc", en: "Rule"), severity: .high,
            host: host, unit: unit, verdict: verdict)
    }

    private func store() throws -> (AuditStore, [InventorySnapshot], [[Finding]]) {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-history-\(UUID().uuidString).sqlite").path
        let store = try AuditStore(path: path)
        let scans: [([HostScan], [Finding])] = [
            ([Self.host("10.0.0.1", "a"), Self.host("10.0.0.2", "b")],
             [Self.finding("10.0.0.1:22", "a", .pass), Self.finding("10.0.0.2:22", "b", .fail)]),
            ([Self.host("10.0.0.1", "a"), Self.host("10.0.0.2", "b")],
             [Self.finding("10.0.0.1:22", "a", .pass), Self.finding("10.0.0.2:22", "b", .fail)]),
            ([Self.host("10.0.0.1", "a"), Self.host("10.0.0.3", "b")],
             [Self.finding("10.0.0.1:22", "a", .fail), Self.finding("10.0.0.3:22", "b", .pass)]),
        ]
        var snapshots: [InventorySnapshot] = []
        for (index, scan) in scans.enumerated() {
            var snapshot = InventorySnapshot(
                inventoryName: "demo", startedAt: Self.start.addingTimeInterval(Double(index) * 86_400),
                finishedAt: Self.start.addingTimeInterval(Double(index) * 86_400 + 60), units: Self.units, hosts: scan.0)
            snapshot.scanID = try store.save(snapshot)
            try store.saveEvaluation(scanID: snapshot.scanID!, policies: ["p"], findings: scan.1, at: snapshot.finishedAt)
            snapshots.append(snapshot)
        }
        return (store, snapshots, scans.map(\.1))
    }

    @Test("against the previous scan: new and resolved findings, hosts appeared and gone, units that moved rank; a trend over every judged scan")
    func previousScan() throws {
        let (store, snapshots, findings) = try store()
        let method = RankingMethod.basic()
        let ranking = method.score(snapshots[2], findings: findings[2])
        let history = try ReportHistory.load(
            for: snapshots[2], findings: findings[2], ranking: ranking, method: method, store: store)
        let changes = try #require(history.changes)
        #expect(changes.before.scanID == snapshots[1].scanID)
        #expect(changes.newFindings.map(\.host) == ["10.0.0.1:22"])
        #expect(changes.hostsAppeared.map(\.endpoint) == ["10.0.0.3:22"])
        #expect(changes.hostsGone.map(\.endpoint) == ["10.0.0.2:22"])
        #expect(changes.rankMoves.contains { $0.unitID == "b" && ($0.places ?? 0) > 0 }, "b passes its rule now and moves up")
        #expect(history.trend.map(\.scanID) == snapshots.map(\.scanID))
        #expect(history.trend.last?.scores["a"] == ranking.units.first { $0.unitID == "a" }!.score * ranking.scale)
    }

    @Test("--compare names the scan to compare with; an unknown scan is a clear error")
    func compareWith() throws {
        let (store, snapshots, findings) = try store()
        let method = RankingMethod.basic()
        let ranking = method.score(snapshots[2], findings: findings[2])
        let history = try ReportHistory.load(
            for: snapshots[2], findings: findings[2], ranking: ranking, method: method, store: store,
            compare: snapshots[0].scanID)
        #expect(history.changes?.before.scanID == snapshots[0].scanID)
        #expect(throws: ReportHistoryError.self) {
            try ReportHistory.load(
                for: snapshots[2], findings: findings[2], ranking: ranking, method: method, store: store, compare: 999)
        }
    }

    @Test("the first scan of an inventory has nothing to compare with and a one-point trend")
    func firstScan() throws {
        let (store, snapshots, findings) = try store()
        let method = RankingMethod.basic()
        let history = try ReportHistory.load(
            for: snapshots[0], findings: findings[0], ranking: method.score(snapshots[0], findings: findings[0]),
            method: method, store: store)
        #expect(history.changes == nil)
        #expect(history.trend.count == 1)
    }

    @Test("--pdf without Chromium writes every other report and says how to get the PDF")
    func pdfWithoutChromium() throws {
        let (store, snapshots, findings) = try store()
        var pipeline = AuditPipeline(logger: Logger(label: "test"), environment: ["PATH": "/nonexistent"])
        pipeline.writePDF = true
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-pdf-\(UUID().uuidString)").path
        let said = Said()
        let outcome = try pipeline.report(
            snapshots[2], findings: findings[2], policies: PolicySet(policies: [], sca: []), outputDirectory: out,
            language: .en, store: store, events: { said.add($0) })
        #expect(outcome.reportFiles.contains { $0.hasSuffix("report.html") })
        #expect(!FileManager.default.fileExists(atPath: out + "/report.pdf"))
        #expect(said.lines.contains { $0.contains("Chromium was not found") && $0.contains("report.pdf") })
        let html = try String(contentsOfFile: out + "/report.html", encoding: .utf8)
        #expect(html.contains("Since the last scan") && html.contains("id=\"chart-trend\""))
    }
}

/// Collects event lines from the pipeline's callback.
final class Said: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []
    func add(_ event: AuditEvent) {
        lock.lock()
        defer { lock.unlock() }
        if let line = event.line(.en) { stored.append(line) }
    }
    var lines: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
