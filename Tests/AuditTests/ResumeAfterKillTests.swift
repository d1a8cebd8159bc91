import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing collected is lost: a real `ictaudit scan` killed with SIGKILL mid-way keeps the hosts
/// it finished, and `ictaudit scan --resume ID` scans only the others, so every host ends in the
/// scan exactly once.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct ResumeAfterKillTests {
    /// `hostile-hang` never answers its batch, so with one host at a time the scan sits on it for
    /// the whole host timeout: the moment to kill the process.
    static let hosts = ["debian-ok", "debian-old", "hostile-hang", "rhel-ok", "suse-ok", "hostile", "jump-inner"]

    private func inventory(_ lab: Lab, at path: String) throws {
        try lab.inventoryYAML(
            name: "Quét bị ngắt", units: #"  - { id: don-vi, name: { vi: "Đơn vị", en: "Unit" }, staff: 7 }"#,
            targets: Self.hosts.map { ($0, $0, "don-vi") }
        ).write(toFile: path, atomically: true, encoding: .utf8)
    }

    private func wait(_ process: Process, within seconds: Double) async throws {
        let deadline = Date().addingTimeInterval(seconds)
        while process.isRunning {
            guard Date() < deadline else {
                process.terminate()
                Issue.record("ictaudit did not finish within \(seconds) s")
                return
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    @Test("kill -9 mid-scan, then `scan --resume`: every host once, the finished ones not scanned again")
    func killedScanResumes() async throws {
        let executable = try #require(BuiltTool.path, "build the ictaudit executable first (swift build --build-tests)")
        let lab = try await Lab.shared()
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let inventoryPath = work.appendingPathComponent("inventory.yaml").path
        let storePath = work.appendingPathComponent("store.sqlite").path
        try inventory(lab, at: inventoryPath)
        let common = ["--store", storePath, "--concurrency", "1", "--timeout", "8", "--lang", "en"]

        let scan = try BuiltTool.launch(executable, ["scan", inventoryPath] + common, log: work.appendingPathComponent("scan.log"))
        // Kill once the hosts before hostile-hang are committed, while hostile-hang holds the scan.
        var before: InventorySnapshot?
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline, scan.isRunning {
            if FileManager.default.fileExists(atPath: storePath), let store = try? AuditStore(path: storePath),
                let id = try? store.scans().first?.id, let partial = try? store.snapshot(id: id), partial.hosts.count >= 2
            {
                kill(scan.processIdentifier, SIGKILL)
                before = partial
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        try await wait(scan, within: 10)
        let scanLog = (try? String(contentsOf: work.appendingPathComponent("scan.log"), encoding: .utf8)) ?? ""
        let killed = try #require(before, "the scan never committed two hosts: \(scanLog)")
        #expect(scan.terminationReason == .uncaughtSignal && scan.terminationStatus == SIGKILL)

        let store = try AuditStore(path: storePath)
        let scanID = try #require(killed.scanID)
        let pending = try #require(try store.pendingScan(id: scanID))
        let doneAtKill = pending.done
        #expect(doneAtKill.count >= 2 && doneAtKill.count < Self.hosts.count)
        #expect(try store.latestScanID() == nil, "an incomplete scan is not the latest scan")
        let stored = try #require(try store.snapshot(id: scanID))

        let resume = try BuiltTool.launch(
            executable, ["scan", "--resume", String(scanID)] + common, log: work.appendingPathComponent("resume.log"))
        try await wait(resume, within: 120)
        let resumeLog = try String(contentsOf: work.appendingPathComponent("resume.log"), encoding: .utf8)
        #expect(resume.terminationStatus == 0, "\(resumeLog)")
        #expect(resumeLog.contains("Resuming scan \(scanID): \(Self.hosts.count - doneAtKill.count) of \(Self.hosts.count) hosts left"))

        let final = try #require(try store.snapshot(id: scanID))
        #expect(try store.isComplete(scanID: scanID) == true)
        #expect(try store.latestScanID() == scanID)
        #expect(try store.scans().count == 1)
        #expect(final.hosts.map(\.target.name) == Self.hosts.map { Optional($0) })
        // The hosts committed before the kill are the very records stored then, not scanned again.
        for host in stored.hosts {
            #expect(final.hosts.contains(host))
        }
        let statuses = Dictionary(uniqueKeysWithValues: final.hosts.map { ($0.target.name!, $0.status) })
        #expect(statuses["hostile-hang"] == .timedOut)
        #expect(statuses["debian-ok"] == .scanned && statuses["suse-ok"] == .scanned && statuses["jump-inner"] == .scanned)
        #expect(try store.checkContent() == [])
    }
}
