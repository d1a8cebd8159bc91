import ArgumentParser
import Audit
import Foundation
import InventoryModel
import PolicyEngine

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit", abstract: "Scan an inventory, store the scan, judge it and write ranked reports.",
        discussion: "Example: ictaudit audit inventory/demo.yaml --out reports/demo --store var/demo.sqlite\n\n" + DataSearch.helpText)

    @Argument(help: ArgumentHelp("Inventory file (YAML): units, SSH targets, captures.", valueName: "inventory"))
    var inventory: String
    @OptionGroup var report: ReportOptions
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var sources: WorkspaceOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let outcome = try await console.checked {
            try await sources.workspace(report: report).audit(
                inventory: inventory, scan: scanFlags.options, knownHosts: scanFlags.knownHosts, outputDirectory: report.out,
                language: report.lang, logger: console.logger, events: console.show)
        }
        console.output.print(AuditSummary.lines(outcome, report.lang))
    }
}

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan an inventory's hosts over SSH and store the scan (no evaluation).",
        discussion: """
            Each host is stored as it finishes. A scan cut short (crash, kill -9) keeps its finished \
            hosts; `ictaudit scan --resume ID` scans only the hosts it still lacks (`ictaudit scans` lists them).

            """ + DataSearch.helpText)

    @Argument(help: ArgumentHelp("Inventory file (YAML); not with --resume, which uses the scan's own plan.", valueName: "inventory"))
    var inventory: String?
    @Option(name: .long, help: ArgumentHelp("Continue the incomplete scan with this id.", valueName: "id"))
    var resume: Int64?
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var sources: WorkspaceOptions
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard (inventory == nil) != (resume == nil) else {
            throw ValidationError(UsageProblem.scanSource.text(language.lang))
        }
    }

    func run() async throws {
        let console = Console(language: language.lang)
        let snapshot = try await console.checked {
            try await sources.workspace().scan(
                resume.map(ScanSource.resume) ?? .inventory(inventory!), scan: scanFlags.options, knownHosts: scanFlags.knownHosts,
                logger: console.logger, events: console.show)
        }
        console.output.print(AuditSummary.lines(snapshot, language.lang))
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check", abstract: "Judge a stored scan against policies, without touching any host, and store the findings.",
        discussion: DataSearch.helpText)

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var sources: WorkspaceOptions
    @OptionGroup var language: LanguageOption

    func run() async throws {
        let console = Console(language: language.lang)
        let findings = try await console.checked { try sources.workspace().check(scan: scan, logger: console.logger, events: console.show) }
        console.output.print(AuditSummary.lines(findings, language.lang))
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Rank units and write reports for a stored scan (judging it first if it has no findings yet).",
        discussion: "With --policy the scan is judged again against those policies.\n\n" + DataSearch.helpText)

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var report: ReportOptions
    @OptionGroup var sources: WorkspaceOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let outcome = try await console.checked {
            try sources.workspace(report: report).report(
                scan: scan, outputDirectory: report.out, language: report.lang, logger: console.logger, events: console.show)
        }
        console.output.print(AuditSummary.lines(outcome, report.lang))
    }
}

struct ScansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scans", abstract: "List the scans in the store, newest first.")

    @Option(name: .long, help: ArgumentHelp("SQLite store file (default as for `audit`).", valueName: "path"))
    var store: String?
    @OptionGroup var language: LanguageOption

    func run() async throws {
        try await Console(language: language.lang).checked {
            try AuditWorkspace(options: .init(store: store)).listScans(language: language.lang, output: .terminal)
        }
    }
}

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff", abstract: "What changed between two stored scans: hosts, findings, facts and ranks.",
        discussion: "Example: ictaudit diff 12 13. A scan never judged is judged first when --policy is given.")

    @Argument(help: ArgumentHelp("The earlier scan's id.", valueName: "scan-a"))
    var old: Int64
    @Argument(help: ArgumentHelp("The later scan's id.", valueName: "scan-b"))
    var new: Int64
    @OptionGroup var sources: WorkspaceOptions
    @Flag(name: .long, help: "Print the diff as JSON.")
    var json = false
    @OptionGroup var language: LanguageOption

    func run() async throws {
        let console = Console(language: language.lang)
        try await console.checked {
            try sources.workspace().diff(
                from: old, to: new, json: json, language: language.lang, logger: console.logger, output: console.output)
        }
    }
}

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune", abstract: "Keep the newest N complete scans of each inventory; remove older scans and what only they used.")

    @Option(name: .long, help: "Complete scans to keep per inventory.")
    var keep: Int
    @Option(name: .long, help: "Only this inventory's scans (its name as `ictaudit scans` shows it).")
    var inventory: String?
    @Flag(name: .long, help: "Give the freed space back to the file system (rewrites the file).")
    var vacuum = false
    @Option(name: .long, help: ArgumentHelp("SQLite store file (default as for `audit`).", valueName: "path"))
    var store: String?
    @OptionGroup var language: LanguageOption

    func validate() throws {
        guard keep >= 1 else { throw ValidationError(UsageProblem.atLeastOne(flag: "--keep").text(language.lang)) }
    }

    func run() async throws {
        let console = Console(language: language.lang)
        let outcome = try await console.checked {
            try AuditWorkspace(options: .init(store: store)).prune(keeping: keep, inventory: inventory, vacuum: vacuum)
        }
        console.output.print(outcome.lines(language.lang))
    }
}

struct FactsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "facts", abstract: "About the facts policies are written against.", subcommands: [Schema.self])

    struct Schema: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "schema", abstract: "Print every fact path, its type and its meaning, for policy authors.")

        @Option(name: .long, help: "Language of the descriptions: vi, en (default: both).")
        var lang: Language?

        func run() async throws {
            CommandOutput.terminal.print(SchemaDocument.everyFact(in: lang), terminator: "")
        }
    }
}
