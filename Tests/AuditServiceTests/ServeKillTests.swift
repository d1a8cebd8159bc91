import Foundation
#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif
import ICTAuditTesting
import Inventory
import InventoryModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// Nothing collected is lost by the service: a real `ictaudit serve` killed with SIGKILL while
/// the scan it started (through the API) is half done, then started again, finishes that scan by
/// itself, scanning only the hosts not yet stored, so every host ends in the scan exactly once.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct ServeKillTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `hostile-hang` never answers its batch: with two hosts at a time it holds one slot for the
    /// whole host timeout while the other slot goes on, so there is time to kill mid-scan.
    static let hosts = ["debian-ok", "debian-old", "hostile-hang", "rhel-ok", "suse-ok", "hostile", "jump-inner"]

    struct Setup {
        var work: URL
        var config: String
        var store: String
        var port: Int
    }

    private func setUp(_ lab: Lab) throws -> Setup {
        let work = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-serve-kill-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        let inventory = try lab.inventoryYAML(
            name: "Dịch vụ bị ngắt", units: "  - { id: don-vi, name: { vi: \"Đơn vị\", en: \"Unit\" }, staff: 7 }",
            targets: Self.hosts.map { ($0, $0, "don-vi") })
        try inventory.write(to: work.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        // Fires once a year: only the API starts this schedule here.
        try """
            schedules:
              - name: lab
                cron: "0 3 1 1 *"
                inventory: inventory.yaml
                formats: [json]
                output: reports/%n
                missed: skip
            """.write(to: work.appendingPathComponent("schedules.yaml"), atomically: true, encoding: .utf8)
        let port = 19_000 + Int(getpid() % 1000)
        let policies = Self.root.appendingPathComponent("policies").path
        try """
            listen: 127.0.0.1:\(port)
            store: store.sqlite
            tokens: tokens.json
            schedules: schedules.yaml
            state: scheduler-state.json
            known_hosts: \(lab.knownHostsPath)
            policies: [\(policies)]
            catalogues: \(policies)/catalogues
            scan_concurrency: 2
            host_timeout: 8
            log_format: json
            """.write(to: work.appendingPathComponent("service.yaml"), atomically: true, encoding: .utf8)
        return Setup(
            work: work, config: work.appendingPathComponent("service.yaml").path, store: work.appendingPathComponent("store.sqlite").path,
            port: port)
    }

    private func serve(_ executable: String, _ setup: Setup, log name: String) throws -> Process {
        try BuiltTool.launch(executable, ["serve", "run", "--config", setup.config], log: setup.work.appendingPathComponent(name))
    }

    private func request(_ setup: Setup, _ path: String, method: String = "GET", token: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(setup.port)\(path)")!)
        request.httpMethod = method
        request.setValue("Bearer \(token)", forHTTPHeaderField: "Authorization")
        let (body, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: body, as: UTF8.self))
    }

    private func waitForHealth(_ setup: Setup, _ process: Process) async throws {
        for _ in 0..<300 where process.isRunning {
            if (try? String(contentsOf: URL(string: "http://127.0.0.1:\(setup.port)/healthz")!, encoding: .utf8)) == "ok\n" { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        Issue.record("ictaudit serve did not answer /healthz")
    }

    @Test("kill -9 of ictaudit serve mid-scan, restart: the service finishes the scan by itself, every host once, none scanned again")
    func killedServiceResumesItsScan() async throws {
        let executable = try #require(BuiltTool.path, "build the ictaudit executable first (swift build --build-tests)")
        let lab = try await Lab.shared()
        let setup = try setUp(lab)
        defer { try? FileManager.default.removeItem(at: setup.work) }
        let issued = try await CommandRunner.run(
            executable, ["serve", "token", "add", "kiem-toan", "--role", "auditor", "--config", setup.config], timeout: .seconds(60))
        try #require(issued.status == 0, "\(issued.standardError)")
        let token = issued.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)

        let first = try serve(executable, setup, log: "serve-1.log")
        defer { if first.isRunning { kill(first.processIdentifier, SIGKILL) } }
        try await waitForHealth(setup, first)
        let (status, body) = try await request(setup, "/api/v1/schedules/lab/run", method: "POST", token: token)
        #expect(status == 202, "\(body)")

        // Kill once two hosts are committed, while hostile-hang holds one of the two slots.
        var before: InventorySnapshot?
        let deadline = Date().addingTimeInterval(90)
        while Date() < deadline, first.isRunning {
            if let store = try? AuditStore(path: setup.store), let id = try? store.scans().first?.id,
                let partial = try? store.snapshot(id: id), partial.hosts.count >= 2
            {
                kill(first.processIdentifier, SIGKILL)
                before = partial
                break
            }
            try await Task.sleep(for: .milliseconds(50))
        }
        first.waitUntilExit()
        let firstLog = (try? String(contentsOf: setup.work.appendingPathComponent("serve-1.log"), encoding: .utf8)) ?? ""
        let killed = try #require(before, "the service's scan never committed two hosts: \(firstLog)")
        #expect(first.terminationReason == .uncaughtSignal && first.terminationStatus == SIGKILL)

        let store = try AuditStore(path: setup.store)
        let scanID = try #require(killed.scanID)
        let doneAtKill = try #require(try store.pendingScan(id: scanID)).done
        #expect(doneAtKill.count >= 2 && doneAtKill.count < Self.hosts.count, "killed with \(doneAtKill.count) hosts stored")
        #expect(try store.latestScanID() == nil, "an incomplete scan is not the latest scan")
        let storedAtKill = try #require(try store.snapshot(id: scanID))

        // Started again: the service resumes the interrupted scan on its own, nobody asks it to.
        let second = try serve(executable, setup, log: "serve-2.log")
        defer { if second.isRunning { kill(second.processIdentifier, SIGKILL) } }
        try await waitForHealth(setup, second)
        let finishBy = Date().addingTimeInterval(120)
        while Date() < finishBy, second.isRunning, try store.isComplete(scanID: scanID) != true {
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(try store.isComplete(scanID: scanID) == true)
        #expect(try store.latestScanID() == scanID)
        #expect(try store.scans().count == 1, "the restart resumed the scan; it did not start another")

        let final = try #require(try store.snapshot(id: scanID))
        #expect(final.hosts.map(\.target.name) == Self.hosts.map { Optional($0) }, "every host once, in plan order")
        for host in storedAtKill.hosts {
            #expect(final.hosts.contains(host), "\(host.target.name ?? "") was stored before the kill and must not be scanned again")
        }
        let statuses = Dictionary(uniqueKeysWithValues: final.hosts.map { ($0.target.name!, $0.status) })
        #expect(statuses["hostile-hang"] == .timedOut)
        #expect(statuses["debian-ok"] == .scanned && statuses["suse-ok"] == .scanned && statuses["jump-inner"] == .scanned)
        #expect(try store.checkContent() == [])

        // The resumed scan is judged, and the running service serves it.
        var served = ""
        for _ in 0..<100 {
            let (code, units) = try await request(setup, "/api/v1/units", token: token)
            if code == 200, units.contains("\"id\":\(scanID)") { served = units; break }
            try await Task.sleep(for: .milliseconds(100))
        }
        #expect(served.contains("\"id\":\"don-vi\""), "the API serves the resumed scan")
        #expect(try store.latestEvaluation(scanID: scanID)?.findings.isEmpty == false)
        let secondLog = try String(contentsOf: setup.work.appendingPathComponent("serve-2.log"), encoding: .utf8)
        #expect(secondLog.contains("interrupted scan completed"))
        kill(second.processIdentifier, SIGTERM)
        second.waitUntilExit()
        #expect(second.terminationStatus == 0, "SIGTERM stops the service cleanly")
    }
}
