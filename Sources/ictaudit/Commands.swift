import ArgumentParser
import Audit
import Foundation
import Inventory
import InventoryModel
import PolicyEngine

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Scan an inventory, store the scan, judge it and write ranked reports.",
        discussion: "Example: ictaudit audit inventory/demo.yaml --out reports/demo --store var/demo.sqlite\n\n"
            + DataSearch.helpText)

    @Argument(help: ArgumentHelp("Inventory file (YAML): units, SSH targets, captures.", valueName: "inventory"))
    var inventory: String
    @OptionGroup var report: ReportOptions
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var sources: WorkspaceOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let outcome = try await console.checked {
            try await sources.workspace(method: report.method, formats: report.formats()).audit(
                inventory: inventory, scan: scanFlags.options, knownHosts: scanFlags.knownHosts,
                outputDirectory: report.out, language: report.lang, logger: console.logger, events: console.show)
        }
        console.print(AuditSummary.lines(outcome, report.lang))
    }
}

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan an inventory's hosts over SSH and store the scan (no evaluation).",
        discussion: DataSearch.helpText)

    @Argument(help: ArgumentHelp("Inventory file (YAML).", valueName: "inventory"))
    var inventory: String
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var sources: WorkspaceOptions
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func run() async throws {
        let console = Console(language: lang)
        let snapshot = try await console.checked {
            try await sources.workspace().scan(
                inventory: inventory, scan: scanFlags.options, knownHosts: scanFlags.knownHosts,
                logger: console.logger, events: console.show)
        }
        console.print(AuditSummary.lines(snapshot, lang))
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge a stored scan against policies, without touching any host, and store the findings.",
        discussion: DataSearch.helpText)

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var sources: WorkspaceOptions
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func run() async throws {
        let console = Console(language: lang)
        let findings = try await console.checked {
            try sources.workspace().check(scan: scan, logger: console.logger, events: console.show)
        }
        console.print(AuditSummary.lines(findings, lang))
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rank units and write reports for a stored scan (judging it first if it has no findings yet).",
        discussion: "With --policy the scan is judged again against those policies.\n\n" + DataSearch.helpText)

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var report: ReportOptions
    @OptionGroup var sources: WorkspaceOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let outcome = try await console.checked {
            try sources.workspace(method: report.method, formats: report.formats()).report(
                scan: scan, outputDirectory: report.out, language: report.lang, logger: console.logger,
                events: console.show)
        }
        console.print(AuditSummary.lines(outcome, report.lang))
    }
}

struct ScansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scans", abstract: "List the scans in the store, newest first.")

    @Option(name: .long, help: ArgumentHelp("SQLite store file (default as for `audit`).", valueName: "path"))
    var store: String?

    func run() async throws {
        let workspace = AuditWorkspace(options: .init(store: store))
        let scans = try await Console(language: .vi).checked { try workspace.openStore().scans() }
        let formatter = ISO8601DateFormatter()
        for scan in scans {
            print("\(scan.id)\t\(formatter.string(from: scan.startedAt))\t\(scan.scanned)/\(scan.hosts)\t\(scan.inventoryName)")
        }
    }
}

struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "About the facts policies are written against.",
        subcommands: [Schema.self])

    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema", abstract: "Print every fact path, its type and its meaning, for policy authors.")

        @Option(name: .long, help: "Language of the descriptions: vi, en (default: both).")
        var lang: Language?

        func run() async throws {
            print(SchemaDocument.render(languages: lang.map { [$0] } ?? [.vi, .en]), terminator: "")
        }
    }
}
