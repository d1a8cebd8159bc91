import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import SSHScan
import Testing

/// A time-compressed month of daily compliance scans of the lab (real sshd hosts): the store grows
/// by a few KB per unchanged host per day, and retention holds it flat.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct MonthOfScansTests {
    static let hosts = ["debian-ok", "debian-old", "rhel-ok", "suse-ok", "hostile", "jump-inner", "windows-ws", "windows-srv"]

    @Test("30 daily scans, judged each day: an unchanged host adds at most 5 KB per scan; keeping 7 scans stops the growth")
    func monthOfDailyScans() async throws {
        let lab = try await Lab.shared()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-month-\(UUID().uuidString)")
        let store = try AuditStore(path: work.appendingPathComponent("store.sqlite").path)
        let policies = try PolicyCatalogue.load(paths: [EndToEndAuditTests.repositoryRoot.appendingPathComponent("policies").path])
        let targets = try Self.hosts.map { host in
            try lab.target(host, unit: "don-vi", os: host.hasPrefix("windows") ? .windows : nil)
        }
        let plan = AuditPlan(
            name: "Một tháng", source: "test",
            units: [InventoryModel.Unit(id: "don-vi", name: LocalizedText(vi: "Đơn vị", en: "Unit"), staff: 8)],
            targets: targets, knownHostsPath: lab.knownHostsPath)
        let options = policies.requesting(into: ScanOptions(hostTimeout: 20, concurrency: 8, knownHostsPath: lab.knownHostsPath))
        let pipeline = AuditPipeline(logger: Logger(label: "test"), environment: [:])

        var sizes: [Int64] = []
        print("day\tscan\tstore bytes\tfree bytes\tcontent bytes\tadded per host")
        for day in 1...30 {
            let snapshot = try await pipeline.scanAndStore(plan, options: options, store: store)
            _ = try pipeline.evaluate(snapshot, policies: policies, store: store)
            #expect(snapshot.hosts.allSatisfy { $0.status == .scanned })
            if day > 14 { try store.prune(keeping: 7) }
            let size = try store.size()
            let added = sizes.last.map { (size.usedBytes - $0) / Int64(targets.count) }
            sizes.append(size.usedBytes)
            print("\(day)\t\(snapshot.scanID!)\t\(size.fileBytes)\t\(size.freeBytes)\t\(size.contentBytes)\t\(added.map(String.init) ?? "-")")
        }
        // Days 2–14 re-scan an unchanged lab without retention: the growth is the history itself.
        let growth = (sizes[13] - sizes[0]) / Int64(13 * targets.count)
        print("mean growth per unchanged host per daily scan (days 2-14): \(growth) bytes")
        #expect(growth <= 5_000)
        // With seven scans kept, the used pages stop growing: the last week is no bigger than the one before.
        // One page of slack (the store uses 16 KB pages): a page freed by pruning may be reused a day later.
        #expect(sizes[29] <= sizes[22] + 16_384)
        #expect(try store.scans().count == 7)
        #expect(try store.checkContent() == [])
    }
}
