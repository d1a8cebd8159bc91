import ArgumentParser
import Audit
import AuditService
import Foundation
import InventoryModel
import Logging

/// `ictaudit serve`: the scheduled-scan service with its API and dashboard; `serve token …`
/// manages API tokens.
struct ServeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "serve", abstract: "Run the service: scheduled scans, the HTTP API and dashboard, /metrics.",
        discussion: """
            Reads /etc/ictaudit/service.yaml (or --config). Every API call and page needs a token:
              ictaudit serve token add NAME --role viewer|auditor|admin
            The token is printed once; only its SHA-256 is kept.
            """,
        subcommands: [Run.self, Token.self], defaultSubcommand: Run.self)

    struct Options: ParsableArguments {
        @Option(name: .long, help: ArgumentHelp(
            "Service configuration (YAML). Default: /etc/ictaudit/service.yaml when it exists.", valueName: "file"))
        var config: String?
        @Option(name: .long, help: ArgumentHelp(
            "Data directory holding policies/ (with catalogues/ and ranking/); overrides the configuration's data:.", valueName: "dir"))
        var data: String?
        @Option(name: .long, help: ArgumentHelp(
            "Store, tokens and scheduler state when the configuration names none. Default: $ICTAUDIT_STATE_DIR, "
                + "$STATE_DIRECTORY (systemd), /var/lib/ictaudit when writable, else .ictaudit.",
            valueName: "dir"))
        var stateDir: String?
        @Option(name: .long, help: ArgumentHelp("Store file; overrides the configuration.", valueName: "path"))
        var store: String?
        @Option(name: .long, help: ArgumentHelp("Schedules file (YAML); overrides the configuration.", valueName: "file"))
        var schedules: String?
        @Option(name: .long, help: ArgumentHelp("Address to listen on, HOST:PORT.", valueName: "address"))
        var listen: String?
        @Option(name: .long, help: "Log format: text or json.")
        var logFormat: String?
        @OptionGroup var language: LanguageOption

        func resolved() async throws -> ServiceConfiguration {
            try await Console.checked(language.lang) {
                try ServiceConfiguration.resolve(
                    config: config, data: data, stateDirectory: stateDir, store: store, schedules: schedules, listen: listen, logFormat: logFormat)
            }
        }
    }

    struct Run: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "run", abstract: "Serve until stopped (the default).")
        @OptionGroup var options: Options

        func run() async throws {
            let configuration = try await options.resolved()
            if configuration.logFormat == .json { LoggingSystem.bootstrap { JSONLogHandler(label: $0) } }
            try await AuditService(configuration: configuration, logger: Logger(label: "ictaudit.serve")).run()
        }
    }

    struct Token: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "token", abstract: "Manage API tokens.", subcommands: [Add.self, List.self, Revoke.self])

        struct Add: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "add", abstract: "Make a token and print it (the only time it is shown).")
            @OptionGroup var options: Options
            @Argument(help: "A name for the token (who or what uses it).") var name: String
            @Option(name: .long, help: "Role: viewer (read only), auditor (also starts scans), admin.") var role: String = "viewer"

            func run() async throws {
                guard let role = Role(rawValue: role) else { throw ValidationError(UsageProblem.role.text(options.language.lang)) }
                print(try TokenStore(path: try await options.resolved().tokens).issue(name: name, role: role))
            }
        }

        struct List: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "list", abstract: "List tokens by name and role (never the tokens).")
            @OptionGroup var options: Options

            func run() async throws {
                for entry in try TokenStore(path: try await options.resolved().tokens).all {
                    print("\(entry.name)\t\(entry.role.rawValue)\t\(entry.created.ISO8601Format())")
                }
            }
        }

        struct Revoke: AsyncParsableCommand {
            static let configuration = CommandConfiguration(commandName: "revoke", abstract: "Remove a token.")
            @OptionGroup var options: Options
            @Argument var name: String

            func run() async throws {
                guard try TokenStore(path: try await options.resolved().tokens).revoke(name: name) else {
                    throw ValidationError(UsageProblem.noToken(name).text(options.language.lang))
                }
            }
        }
    }
}

/// `ictaudit schedule list`: each schedule's next fire times.
struct ScheduleCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "schedule", abstract: "About scheduled scans.", subcommands: [List.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "Show each schedule's next fire times.")
        @Argument(help: ArgumentHelp("Schedules file (YAML). Default: the service configuration's.", valueName: "file"))
        var file: String?
        @Option(name: .long, help: "How many fire times per schedule.") var count = 3
        @OptionGroup var options: ServeCommand.Options

        func run() async throws {
            let configured = file == nil ? try await options.resolved().schedules : nil
            guard let path = file ?? configured else { throw ValidationError(UsageProblem.noSchedulesFile.text(options.language.lang)) }
            CommandOutput.terminal.print(
                try await Console.checked(options.language.lang) { try ScheduleFile.fireTimes(path: path, count: count) })
        }
    }
}
