import AuditService
import Foundation
import InventoryModel
import Testing

/// `ictaudit serve`, `serve token` and `schedule list` resolve the service's configuration through
/// `ServiceConfiguration.resolve`: these tests pin its order (flag, environment, system folder,
/// fallback; file under flags) on real folders and files.
struct ServiceConfigurationTests {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the data folder is --data, else $ICTAUDIT_DATA, else the system folder when writable, else .ictaudit")
    func dataFolderOrder() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let system = folder.appendingPathComponent("var-lib").path
        let noFile = folder.appendingPathComponent("no-service.yaml").path
        func store(data: String? = nil, _ environment: [String: String]) throws -> String {
            try ServiceConfiguration.resolve(data: data, environment: environment, systemFile: noFile, systemDataDirectory: system).store
        }
        #expect(try store([:]) == ".ictaudit/ictaudit.sqlite")
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: true)
        #expect(try store([:]) == system + "/ictaudit.sqlite")
        #expect(try store(["ICTAUDIT_DATA": "/srv/env"]) == "/srv/env/ictaudit.sqlite")
        #expect(try store(data: "/srv/flag", ["ICTAUDIT_DATA": "/srv/env"]) == "/srv/flag/ictaudit.sqlite")
        let tokens = try ServiceConfiguration.resolve(
            data: "/srv/flag", environment: [:], systemFile: noFile, systemDataDirectory: system
        ).tokens
        #expect(tokens == "/srv/flag/tokens.json")
    }

    @Test("the system file is read when it exists, --config replaces it, and single-value flags win over both")
    func fileThenFlags() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let system = folder.appendingPathComponent("service.yaml")
        try "store: system.sqlite\nlisten: \"0.0.0.0:9000\"\nlog_format: json\n".write(to: system, atomically: true, encoding: .utf8)
        let chosen = folder.appendingPathComponent("chosen.yaml")
        try "store: /srv/chosen.sqlite\n".write(to: chosen, atomically: true, encoding: .utf8)
        let none = folder.appendingPathComponent("none").path

        let fromSystem = try ServiceConfiguration.resolve(
            data: "/srv/d", environment: [:], systemFile: system.path, systemDataDirectory: none)
        #expect(fromSystem.store == folder.appendingPathComponent("system.sqlite").path)
        #expect(fromSystem.host == "0.0.0.0" && fromSystem.port == 9000)
        #expect(fromSystem.logFormat == .json)
        #expect(fromSystem.tokens == "/srv/d/tokens.json")

        let fromChosen = try ServiceConfiguration.resolve(
            config: chosen.path, data: "/srv/d", environment: [:], systemFile: system.path, systemDataDirectory: none)
        #expect(fromChosen.store == "/srv/chosen.sqlite")
        #expect(fromChosen.port == 8470 && fromChosen.logFormat == .text)

        let flags = try ServiceConfiguration.resolve(
            data: "/srv/d", store: "/srv/flag.sqlite", schedules: "/srv/s.yaml", listen: "[::1]:8471", logFormat: "text",
            environment: [:], systemFile: system.path, systemDataDirectory: none)
        #expect(flags.store == "/srv/flag.sqlite" && flags.schedules == "/srv/s.yaml")
        #expect(flags.host == "::1" && flags.port == 8471 && flags.logFormat == .text)
    }

    @Test("a bad --listen or --log-format is an error naming the flag")
    func badFlags() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = folder.appendingPathComponent("none").path
        for (listen, logFormat, flag) in [("localhost", nil, "--listen"), (nil, "xml", "--log-format")] {
            do {
                _ = try ServiceConfiguration.resolve(
                    data: none, listen: listen, logFormat: logFormat, environment: [:], systemFile: none, systemDataDirectory: none)
                Issue.record("\(flag) was accepted")
            } catch let error as SourceError {
                #expect(error.file == flag, "\(error)")
            }
        }
    }
}
