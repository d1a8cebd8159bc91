import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import ICTAuditTesting
import Testing

/// The Debian package, built from scripts/install.sh's layout, installed with dpkg, run as its
/// own user, and removed again; its systemd unit checked by systemd-analyze.
@Suite(.serialized)
struct InstallTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The ictaudit binary the tests were built beside.
    static var buildDirectory: String? {
        for candidate in [".build/debug", ".build/release"] {
            let path = root.appendingPathComponent(candidate).path
            if FileManager.default.isExecutableFile(atPath: path + "/ictaudit") { return path }
        }
        return nil
    }

    static var skipReason: String? {
        if getuid() != 0 { return "installing a package needs root" }
        for tool in ["/usr/bin/dpkg-deb", "/usr/bin/dpkg", "/usr/bin/systemd-analyze", "/usr/sbin/runuser"]
        where !FileManager.default.isExecutableFile(atPath: tool) {
            return "\(tool) is not installed"
        }
        if buildDirectory == nil { return "no built ictaudit binary (swift build first)" }
        return nil
    }

    @Test("the .deb installs with dpkg -i, its unit passes systemd-analyze verify, ictaudit serve runs as user ictaudit, and dpkg --purge removes it")
    func debianPackage() async throws {
        if let reason = Self.skipReason {
            try Test.cancel(Comment(rawValue: reason))
        }
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-deb-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: out) }
        let built = try await CommandRunner.run(
            "/usr/bin/env", ["BUILD_DIR=\(Self.buildDirectory!)", "OUT=\(out.path)", "VERSION=0.0.1-test", "COMPRESSION=none", "bash", Self.root.appendingPathComponent("scripts/package-deb.sh").path],
            timeout: .seconds(300))
        try #require(built.status == 0, "\(built.standardError)")
        let deb = built.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines)

        let contents = try await CommandRunner.run("/usr/bin/dpkg-deb", ["--contents", deb], timeout: .seconds(60)).standardOutputText
        for path in [
            "./usr/lib/ictaudit/ictaudit", "./usr/bin/ictaudit", "./usr/lib/ictaudit/ictaudit_AuditService.resources/",
            "./usr/share/ictaudit/policies/ranking/ict-index.yaml", "./etc/ictaudit/service.yaml", "./lib/systemd/system/ictaudit.service",
        ] {
            #expect(contents.contains(path), "\(path) missing from the package")
        }

        let installed = try await CommandRunner.run("/usr/bin/dpkg", ["-i", deb], timeout: .seconds(300))
        try #require(installed.status == 0, "\(installed.standardError)")
        defer { _ = try? Self.runSync("/usr/bin/dpkg", ["--purge", "ictaudit"]) }

        let verify = try await CommandRunner.run(
            "/usr/bin/systemd-analyze", ["verify", "--man=no", "/lib/systemd/system/ictaudit.service"], timeout: .seconds(60))
        #expect(verify.status == 0, "systemd-analyze verify: \(verify.standardError)")
        let unit = try String(contentsOfFile: "/lib/systemd/system/ictaudit.service", encoding: .utf8)
        for line in ["User=ictaudit", "ProtectSystem=strict", "ReadWritePaths=/var/lib/ictaudit", "NoNewPrivileges=true", "ExecStart=/usr/bin/ictaudit serve"] {
            #expect(unit.contains(line))
        }
        let owner = try FileManager.default.attributesOfItem(atPath: "/var/lib/ictaudit")[.ownerAccountName] as? String
        #expect(owner == "ictaudit")

        // Run it as systemd would: its own user, the installed configuration, on a free port.
        let token = try await CommandRunner.run(
            "/usr/sbin/runuser", ["-u", "ictaudit", "--", "/usr/bin/ictaudit", "serve", "token", "add", "test", "--role", "viewer"],
            timeout: .seconds(60))
        try #require(token.status == 0, "\(token.standardError)")
        let port = 18_000 + Int(getpid() % 1000)
        let server = Process()
        server.executableURL = URL(fileURLWithPath: "/usr/sbin/runuser")
        server.arguments = ["-u", "ictaudit", "--", "/usr/bin/ictaudit", "serve", "run", "--config", "/etc/ictaudit/service.yaml", "--listen", "127.0.0.1:\(port)", "--log-format", "json"]
        let log = Pipe()
        server.standardError = log
        server.standardOutput = FileHandle.nullDevice
        try server.run()
        defer { if server.isRunning { server.terminate() } }
        var health = ""
        for _ in 0..<100 where health != "ok\n" {
            try await Task.sleep(for: .milliseconds(100))
            health = (try? String(contentsOf: URL(string: "http://127.0.0.1:\(port)/healthz")!, encoding: .utf8)) ?? ""
        }
        #expect(health == "ok\n")
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)/api/v1/schedules")!)
        request.setValue("Bearer \(token.standardOutputText.trimmingCharacters(in: .whitespacesAndNewlines))", forHTTPHeaderField: "Authorization")
        let (body, response) = try await URLSession.shared.data(for: request)
        #expect((response as? HTTPURLResponse)?.statusCode == 200)
        #expect(String(decoding: body, as: UTF8.self).contains("hang-ngay"))
        server.terminate()
        server.waitUntilExit()
        let logText = String(decoding: log.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(logText.contains("\"message\":\"ictaudit serve listening\""))
        #expect(FileManager.default.fileExists(atPath: "/var/lib/ictaudit/ictaudit.sqlite"))

        let purged = try await CommandRunner.run("/usr/bin/dpkg", ["--purge", "ictaudit"], timeout: .seconds(120))
        #expect(purged.status == 0, "\(purged.standardError)")
        #expect(!FileManager.default.fileExists(atPath: "/usr/bin/ictaudit"))
        #expect(!FileManager.default.fileExists(atPath: "/usr/lib/ictaudit"))
        #expect(!FileManager.default.fileExists(atPath: "/var/lib/ictaudit"))
    }

    static func runSync(_ tool: String, _ arguments: [String]) throws -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        process.waitUntilExit()
        return process.terminationStatus
    }
}
