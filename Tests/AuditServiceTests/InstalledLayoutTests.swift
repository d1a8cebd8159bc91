import Foundation
import ICTAuditTesting
import Testing

/// The installed layout works on its own: scripts/install.sh stages the binary, its resource
/// bundles and its data under a prefix, and the installed `ictaudit`, run from a folder outside
/// the checkout with a bare environment, finds its policies under the prefix's share/ictaudit and
/// renders the HTML report from the templates installed beside it.
struct InstalledLayoutTests {
    @Test("an audit run with the installed binary, outside the checkout, writes the HTML report from the installed templates")
    func installedBinaryRendersHTML() async throws {
        guard let build = InstallTests.buildDirectory else {
            try Test.cancel("no built ictaudit binary (swift build first)")
        }
        let work = URL(fileURLWithPath: "/tmp").appendingPathComponent("ictaudit-installed-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: work, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: work) }
        let stage = work.appendingPathComponent("stage")
        let staged = try await CommandRunner.run(
            "/usr/bin/env",
            ["DESTDIR=\(stage.path)", "PREFIX=/opt/ictaudit", "BUILD_DIR=\(build)", "SYSTEMD_DIR=/lib/systemd/system", "bash",
             InstallTests.root.appendingPathComponent("scripts/install.sh").path],
            timeout: .seconds(300))
        try #require(staged.status == 0, "\(staged.standardError)")
        let prefix = stage.appendingPathComponent("opt/ictaudit")
        let binary = prefix.appendingPathComponent("bin/ictaudit").path
        #expect(FileManager.default.isExecutableFile(atPath: binary))

        // Mark the installed template, so the report proves which copy it was rendered from
        // (SwiftPM's bundle lookup would otherwise fall back to the build folder).
        let template = prefix.appendingPathComponent("lib/ictaudit/ictaudit_Reports.resources/Templates/report.mustache")
        let marker = "<!-- installed-layout-\(UUID().uuidString) -->"
        let original = try String(contentsOf: template, encoding: .utf8)
        try (original + marker + "\n").write(to: template, atomically: true, encoding: .utf8)

        let run = work.appendingPathComponent("run")
        try FileManager.default.createDirectory(at: run, withIntermediateDirectories: true)
        try """
            inventory:
              name: "Cài đặt thử"
            defaults:
              user: audit
              credential: { agent: true }
            units:
              - { id: don-vi-cai-dat, name: { vi: "Đơn vị cài đặt", en: "Installed unit" }, staff: 5 }
            targets:
              - { name: may-tat, address: 127.0.0.1, port: 1, unit: don-vi-cai-dat }
            """.write(to: run.appendingPathComponent("inventory.yaml"), atomically: true, encoding: .utf8)
        let audit = Process()
        audit.executableURL = URL(fileURLWithPath: binary)
        audit.arguments = ["audit", "inventory.yaml", "--out", "out", "--store", "store.sqlite", "--lang", "vi"]
        audit.currentDirectoryURL = run
        audit.environment = ["PATH": "/usr/bin:/bin", "HOME": run.path, "LANG": "C.UTF-8"]
        let output = Pipe()
        audit.standardOutput = output
        audit.standardError = output
        audit.standardInput = FileHandle.nullDevice
        try audit.run()
        let text = String(decoding: output.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        audit.waitUntilExit()
        #expect(audit.terminationStatus == 0, "\(text)")
        let html = try String(contentsOf: run.appendingPathComponent("out/report.html"), encoding: .utf8)
        #expect(html.contains(marker), "the report was not rendered from the installed templates")
        #expect(html.contains("<html") && html.contains("Đơn vị cài đặt"))
        #expect(html.contains("may-tat") || html.contains("127.0.0.1:1"))
    }
}
