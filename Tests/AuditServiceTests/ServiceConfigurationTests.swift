import Audit
import AuditService
import Foundation
import InventoryModel
import Testing

/// `ictaudit serve`, `serve token` and `schedule list` resolve the service's configuration through
/// `ServiceConfiguration.resolve`: these tests pin its order (flag, environment, system folder,
/// fallback; file under flags) and keep the state folder apart from the data folder on real folders and files.
struct ServiceConfigurationTests {
    private func scratch() throws -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-config-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        return folder
    }

    @Test("the state folder is --state-dir, else $ICTAUDIT_STATE_DIR, else systemd's $STATE_DIRECTORY, else the system folder when writable, else .ictaudit")
    func stateFolderOrder() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let system = folder.appendingPathComponent("var-lib").path
        let noFile = folder.appendingPathComponent("no-service.yaml").path
        func store(state: String? = nil, _ environment: [String: String]) throws -> String {
            try ServiceConfiguration.resolve(
                stateDirectory: state, environment: environment, systemFile: noFile, systemStateDirectory: system
            ).store
        }
        #expect(try store([:]) == ".ictaudit/ictaudit.sqlite")
        try FileManager.default.createDirectory(atPath: system, withIntermediateDirectories: true)
        #expect(try store([:]) == system + "/ictaudit.sqlite")
        #expect(try store(["STATE_DIRECTORY": "/var/lib/a:/var/lib/b"]) == "/var/lib/a/ictaudit.sqlite")
        #expect(try store(["ICTAUDIT_STATE_DIR": "/srv/env", "STATE_DIRECTORY": "/var/lib/a"]) == "/srv/env/ictaudit.sqlite")
        #expect(try store(state: "/srv/flag", ["ICTAUDIT_STATE_DIR": "/srv/env"]) == "/srv/flag/ictaudit.sqlite")
        let flagged = try ServiceConfiguration.resolve(
            stateDirectory: "/srv/flag", environment: [:], systemFile: noFile, systemStateDirectory: system)
        #expect(flagged.tokens == "/srv/flag/tokens.json" && flagged.state == "/srv/flag/scheduler-state.json")
    }

    @Test("$ICTAUDIT_DATA and --data mean the data folder (policies), as for every command: never where the service writes")
    func dataIsNotState() throws {
        let folder = try scratch()
        defer { try? FileManager.default.removeItem(at: folder) }
        let none = folder.appendingPathComponent("none").path
        let file = folder.appendingPathComponent("service.yaml")
        try "data: /srv/file-data\n".write(to: file, atomically: true, encoding: .utf8)

        let fromEnvironment = try ServiceConfiguration.resolve(
            environment: ["ICTAUDIT_DATA": "/srv/env-data"], systemFile: none, systemStateDirectory: none)
        #expect(fromEnvironment.store == ".ictaudit/ictaudit.sqlite", "$ICTAUDIT_DATA does not move the store")
        #expect(fromEnvironment.data == nil, "left to the workspace's DataSearch, which reads $ICTAUDIT_DATA")
        #expect(try ServiceConfiguration.resolve(config: file.path, environment: [:], systemFile: none, systemStateDirectory: none).data == "/srv/file-data")
        let flag = try ServiceConfiguration.resolve(
            config: file.path, data: "/srv/flag-data", environment: [:], systemFile: none, systemStateDirectory: none)
        #expect(flag.data == "/srv/flag-data" && flag.store == ".ictaudit/ictaudit.sqlite")

        // What the service's workspace then finds: the data folder the variable names.
        let data = folder.appendingPathComponent("data")
        try FileManager.default.createDirectory(at: data.appendingPathComponent("policies"), withIntermediateDirectories: true)
        let search = DataSearch(
            explicit: fromEnvironment.data, environment: ["ICTAUDIT_DATA": data.path], configurationDirectory: none,
            executablePath: nil, currentDirectory: "/")
        #expect(try AuditWorkspace(options: .init(dataDirectory: fromEnvironment.data), search: search).dataFolder().path == data.path + "/policies")
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
            stateDirectory: "/srv/d", environment: [:], systemFile: system.path, systemStateDirectory: none)
        #expect(fromSystem.store == folder.appendingPathComponent("system.sqlite").path)
        #expect(fromSystem.host == "0.0.0.0" && fromSystem.port == 9000)
        #expect(fromSystem.logFormat == .json)
        #expect(fromSystem.tokens == "/srv/d/tokens.json")

        let fromChosen = try ServiceConfiguration.resolve(
            config: chosen.path, stateDirectory: "/srv/d", environment: [:], systemFile: system.path, systemStateDirectory: none)
        #expect(fromChosen.store == "/srv/chosen.sqlite")
        #expect(fromChosen.port == 8470 && fromChosen.logFormat == .text)

        let flags = try ServiceConfiguration.resolve(
            stateDirectory: "/srv/d", store: "/srv/flag.sqlite", schedules: "/srv/s.yaml", listen: "[::1]:8471", logFormat: "text",
            environment: [:], systemFile: system.path, systemStateDirectory: none)
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
                    stateDirectory: none, listen: listen, logFormat: logFormat, environment: [:], systemFile: none, systemStateDirectory: none)
                Issue.record("\(flag) was accepted")
            } catch let error as SourceError {
                #expect(error.file == flag, "\(error)")
            }
        }
    }
}
