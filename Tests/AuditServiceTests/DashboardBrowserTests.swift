import Audit
import Foundation
import Hummingbird
import HummingbirdTesting
import ICTAuditTesting
import Inventory
import Logging
import Testing

@testable import AuditService

/// The dashboard in a real headless Chromium (Debian's `chromium`), over a real server on
/// 127.0.0.1 whose schedule scans the real SSH lab.
struct DashboardBrowserTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// Serves `server` on 127.0.0.1 and runs a walk script of `Browser/` in Chromium against it
    /// (arguments: chromium, base URL, then `arguments`); returns the JSON report it prints.
    static func walk(_ script: String, server: AuditServer, _ arguments: [String], timeout: Duration) async throws -> [String: Any] {
        let report = try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let port = try #require(client.port)
            let result = try await CommandRunner.run(
                "/usr/bin/env",
                ["python3", root.appendingPathComponent("Tests/AuditServiceTests/Browser/\(script)").path, "/usr/bin/chromium",
                 "http://127.0.0.1:\(port)"] + arguments,
                timeout: timeout)
            #expect(result.status == 0, "\(result.standardError)")
            return try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] ?? [:]
        }
        print("\(script): \(report)")
        return report
    }

    @Test("sign in with a token, open the ranking, a unit and a host, start a lab scan and see it finish; screenshots show the table and the chart")
    func walkTheDashboard() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            try Test.cancel("chromium is not installed (apt-get install chromium)")
        }
        if let reason = Lab.unavailableReason {
            try Test.cancel(Comment(rawValue: reason))
        }
        let lab = try await Lab.shared()
        let fixture = try ServiceFixture(scans: 2, units: 3, hosts: 24)
        defer { fixture.remove() }

        // An inventory of the lab's hosts, and a schedule over it that only a click will start.
        let inventory = fixture.folder.appendingPathComponent("lab.yaml")
        try lab.inventoryYAML(
            name: "Phòng thử nghiệm",
            units: """
                  - { id: lab-a, name: { vi: "Đơn vị A", en: "Unit A" }, staff: 3 }
                  - { id: lab-b, name: { vi: "Đơn vị B", en: "Unit B" }, staff: 2 }
                """,
            targets: lab.hosts.enumerated().filter { ["debian-ok", "debian-old", "hostile"].contains($0.element) }.map {
                ($0.element, $0.element, $0.offset % 2 == 0 ? "lab-a" : "lab-b")
            }
        ).write(to: inventory, atomically: true, encoding: .utf8)
        let schedules = fixture.folder.appendingPathComponent("schedules.yaml")
        try """
            schedules:
              - name: demo
                cron: "0 2 1 1 *"
                inventory: lab.yaml
                output: reports/%n/%Y-%m-%d
            """.write(to: schedules, atomically: true, encoding: .utf8)

        let metrics = ServiceMetrics()
        let runs = RunLog()
        var runner = ScheduledAudit(
            workspace: AuditWorkspace(options: .init(dataDirectory: Self.root.path, store: fixture.store.path)),
            store: fixture.store, logger: Logger(label: "test"), metrics: metrics, knownHostsPath: lab.knownHostsPath)
        runner.onEvent = { runs.record(schedule: $0, $1) }
        let scheduler = Scheduler(
            schedules: try ScheduleFile.load(path: schedules.path), clock: SystemScheduleClock(), runner: runner, stateFile: nil,
            logger: Logger(label: "test"), onEvent: { runs.record($0) })
        let server = try await fixture.server(scheduler: scheduler, runs: runs, metrics: metrics)
        let shots = fixture.folder.appendingPathComponent("shots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)

        let report = try await Self.walk("dashboard_walk.py", server: server, [fixture.auditor, "demo", shots.path], timeout: .seconds(420))
        #expect(report["after_login_path"] as? String == "/")
        #expect(report["ranking_heading"] as? String == "Xếp hạng đơn vị")
        #expect(report["ranking_rows"] as? Int == 3)
        #expect(report["chart_bars"] as? Int == 3)
        // The screenshot, not just the DOM: text on the table's header shade, and bar-blue in the chart.
        #expect((report["table_text_pixels"] as? Int ?? 0) > 300)
        #expect((report["table_header_pixels"] as? Int ?? 0) > 1000)
        #expect((report["chart_bar_pixels"] as? Int ?? 0) > 2000)
        #expect((report["unit_path"] as? String)?.hasPrefix("/units/unit-") == true)
        #expect((report["unit_hosts"] as? Int ?? 0) > 0)
        #expect((report["host_path"] as? String)?.hasPrefix("/hosts/10.0.") == true)
        #expect(report["host_page_scripts"] as? Int == 0)
        #expect(report["after_run_path"] as? String == "/runs")
        #expect(report["run_state"] as? String == "completed", "\(report["run_row"] ?? "")")
        // The lab scan became the newest scan (scan 3 after the fixture's two).
        #expect((report["ranking_scan_after_run"] as? String)?.contains("#3") == true)
        #expect((report["csp_violations"] as? [String])?.isEmpty == true, "\(report["csp_violations"] ?? "")")
        for name in ["ranking.png", "unit.png", "host.png", "runs.png"] {
            #expect(FileManager.default.fileExists(atPath: shots.appendingPathComponent(name).path))
        }
        // Copy the screenshots where a person can look at them after the run.
        let keep = Self.root.appendingPathComponent(".build/dashboard-screenshots")
        try? FileManager.default.removeItem(at: keep)
        try? FileManager.default.copyItem(at: shots, to: keep)
    }
}
