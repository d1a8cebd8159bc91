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
        func store(_ choices: ServiceConfiguration.Choices, _ environment: [String: String]) throws -> String {
            try ServiceConfiguration.resolve(choices, environment: environment, systemFile: noFile, systemDataDirectory: system).store
        }
        #expect(try store(.init(), [:]) == ".ictaudit/ictaudit.sqlite")
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: true)
        #expect(try store(.init(), [:]) == system + "/ictaudit.sqlite")
        #expect(try store(.init(), ["ICTAUDIT_DATA": "/srv/env"]) == "/srv/env/ictaudit.sqlite")
        #expect(try store(.init(data: "/srv/flag"), ["ICTAUDIT_DATA": "/srv/env"]) == "/srv/flag/ictaudit.sqlite")
        let tokens = try ServiceConfiguration.resolve(
            .init(data: "/srv/flag"), environment: [:], systemFile: noFile, systemDataDirectory: system
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
        func resolve(_ choices: ServiceConfiguration.Choices) throws -> ServiceConfiguration {
            try ServiceConfiguration.resolve(
                choices, environment: [:], systemFile: system.path, systemDataDirectory: folder.appendingPathComponent("none").path)
        }

        let fromSystem = try resolve(.init(data: "/srv/d"))
        #expect(fromSystem.store == folder.appendingPathComponent("system.sqlite").path)
        #expect(fromSystem.host == "0.0.0.0" && fromSystem.port == 9000)
        #expect(fromSystem.logFormat == .json)
        #expect(fromSystem.tokens == "/srv/d/tokens.json")

        let fromChosen = try resolve(.init(config: chosen.path, data: "/srv/d"))
        #expect(fromChosen.store == "/srv/chosen.sqlite")
        #expect(fromChosen.port == 8470 && fromChosen.logFormat == .text)

        let flags = try resolve(
            .init(data: "/srv/d", store: "/srv/flag.sqlite", schedules: "/srv/s.yaml", listen: "[::1]:8471", logFormat: "text"))
        #expect(flags.store == "/srv/flag.sqlite" && flags.schedules == "/srv/s.yaml")
        #expect(flags.host == "::1" && flags.port == 8471 && flags.logFormat == .text)
    }

    @Test("a bad --listen or --log-format is an error naming the flag")
    func badFlags() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = folder.appendingPathComponent("none").path
        for (choices, flag) in [
            (ServiceConfiguration.Choices(data: none, listen: "localhost"), "--listen"),
            (ServiceConfiguration.Choices(data: none, logFormat: "xml"), "--log-format"),
        ] {
            do {
                _ = try ServiceConfiguration.resolve(choices, environment: [:], systemFile: none, systemDataDirectory: none)
                Issue.record("\(flag) was accepted")
            } catch let error as SourceError {
                #expect(error.file == flag, "\(error)")
            }
        }
    }
}
