import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import Ranking

@testable import AuditService

/// A store with a few synthetic scans, a token file and a server over them, in a temporary folder.
struct ServiceFixture {
    let folder: URL
    let store: AuditStore
    let tokens: TokenStore
    let viewer: String
    let auditor: String
    let admin: String

    init(scans: Int = 3, units: Int = 4, hosts: Int = 40) throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-service-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        store = try AuditStore(path: folder.appendingPathComponent("store.sqlite").path)
        let fleet = SyntheticFleet(units: units, hosts: hosts)
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        for scan in 0..<scans {
            var (snapshot, findings) = fleet.snapshot(scan: scan, start: start.addingTimeInterval(Double(scan) * 86_400))
            snapshot.scanID = try store.save(snapshot)
            try store.saveEvaluation(scanID: snapshot.scanID!, policies: ["ssh-hardening", "antivirus-coverage"], findings: findings, at: Date())
        }
        tokens = try TokenStore(path: folder.appendingPathComponent("tokens.json").path)
        viewer = try tokens.issue(name: "reader", role: .viewer)
        auditor = try tokens.issue(name: "kiem-toan", role: .auditor)
        admin = try tokens.issue(name: "quan-tri", role: .admin)
    }

    func server(scheduler: Scheduler? = nil, runs: RunLog = RunLog(), metrics: ServiceMetrics = ServiceMetrics()) async throws -> AuditServer {
        try await AuditServer(
            catalog: ScanCatalog(store: store, method: .basic(), logger: Logger(label: "test")), tokens: tokens, scheduler: scheduler, runs: runs,
            metrics: metrics, logger: Logger(label: "test"))
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }
}
