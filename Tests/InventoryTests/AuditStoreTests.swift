import Foundation
import GRDB
import Inventory
import InventoryModel
import Testing

/// The store keeps scans whole: written in one go, read back equal, never half-written.
struct AuditStoreTests {
    private func temporaryStorePath() -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-store-\(UUID().uuidString)/s.sqlite").path
    }

    private func snapshot(hosts: Int, name: String = "inv") -> InventorySnapshot {
        let date = Date(timeIntervalSince1970: 1_790_000_000)
        let unit = InventoryModel.Unit(id: "u", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 3)
        let scans = (0..<hosts).map { i in
            HostScan(
                target: SSHTarget(address: "10.0.0.\(i)", user: "a", unit: "u", credential: .agent),
                status: i == 0 ? .unreachable : .scanned, message: i == 0 ? "refused" : nil, startedAt: date,
                durationSeconds: 0.25, serverBanner: "SSH-2.0-OpenSSH_9.2",
                facts: i == 0 ? nil : HostFacts(hostname: "h\(i)", antivirus: [Antivirus(product: "ClamAV", installed: true)]),
                evidence: [Evidence(name: "hostname", source: "cat", content: Data([0xff, 0x00, 0x41]), exitCode: 0)])
        }
        return InventorySnapshot(inventoryName: name, startedAt: date, finishedAt: date, units: [unit], hosts: scans)
    }

    @Test("A saved scan reads back equal, binary evidence included, with a new id each time")
    func roundTrip() throws {
        let store = try AuditStore(path: temporaryStorePath())
        let original = snapshot(hosts: 3)
        let first = try store.save(original)
        let second = try store.save(original)
        #expect(second == first + 1)
        var loaded = try #require(try store.snapshot(id: first))
        #expect(loaded.scanID == first)
        loaded.scanID = nil
        #expect(loaded == original)
        #expect(try store.latestScanID() == second)
        #expect(try store.scans().map(\.scanned) == [2, 2])
    }

    @Test("A scan whose write fails half-way leaves no trace and earlier scans whole")
    func failedWriteIsAtomic() throws {
        let path = temporaryStorePath()
        let store = try AuditStore(path: path)
        let kept = try store.save(snapshot(hosts: 2, name: "kept"))
        // A trigger that fails on the third host row simulates a crash in the middle of a scan write.
        let queue = try DatabaseQueue(path: path)
        try queue.write { db in
            try db.execute(
                sql: """
                    CREATE TRIGGER fail_midway BEFORE INSERT ON host_result WHEN NEW.position = 2
                    BEGIN SELECT RAISE(ABORT, 'disk full'); END
                    """)
        }
        #expect(throws: StoreError.self) { try store.save(snapshot(hosts: 5, name: "interrupted")) }
        #expect(try store.scans().map(\.id) == [kept])
        #expect(try store.snapshot(id: kept)?.hosts.count == 2)
        let orphanRows = try queue.read { db in try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM host_result") }
        #expect(orphanRows == 2)
    }

    @Test("Evaluations are stored per scan; the newest one is returned with its findings")
    func evaluations() throws {
        let store = try AuditStore(path: temporaryStorePath())
        let scanID = try store.save(snapshot(hosts: 2))
        let finding = Finding(
            policyID: "p", ruleID: "r", title: LocalizedText(vi: "Quy tắc", en: "Rule"), severity: .high,
            host: "10.0.0.1:22", unit: "u", verdict: .fail, evidence: [EvidenceItem(path: "host.x", value: "1")])
        try store.saveEvaluation(scanID: scanID, policies: ["old"], findings: [], at: Date())
        let id = try store.saveEvaluation(scanID: scanID, policies: ["p", "q"], findings: [finding], at: Date())
        let latest = try #require(try store.latestEvaluation(scanID: scanID))
        #expect(latest.id == id)
        #expect(latest.policies == ["p", "q"])
        #expect(latest.findings == [finding])
    }

    @Test("The default store path follows ICTAUDIT_STORE, then XDG_DATA_HOME")
    func defaultPath() {
        #expect(AuditStore.defaultPath(environment: ["ICTAUDIT_STORE": "/x/s.db"]) == "/x/s.db")
        #expect(AuditStore.defaultPath(environment: ["XDG_DATA_HOME": "/d"]) == "/d/ictaudit/ictaudit.sqlite")
    }
}
