import ArgumentParser
import Audit
import Foundation
import Inventory
import InventoryModel
import PolicyEngine
import Reports

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
            try await sources.workspace(report: report).audit(
                inventory: inventory, scan: scanFlags.options, knownHosts: scanFlags.knownHosts,
                outputDirectory: report.out, language: report.lang, logger: console.logger, events: console.show)
        }
        console.print(AuditSummary.lines(outcome, report.lang))
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
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func validate() throws {
        guard (inventory == nil) != (resume == nil) else {
            throw ValidationError("give an inventory file to start a scan, or --resume ID to continue one (not both)")
        }
    }

    func run() async throws {
        let console = Console(language: lang)
        let snapshot = try await console.checked {
            let workspace = try sources.workspace()
            if let resume {
                return try await workspace.resume(
                    scan: resume, scan: scanFlags.options, knownHosts: scanFlags.knownHosts, logger: console.logger,
                    events: console.show)
            }
            return try await workspace.scan(
                inventory: inventory!, scan: scanFlags.options, knownHosts: scanFlags.knownHosts,
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
            try sources.workspace(report: report).report(
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
            let state = scan.complete ? "" : "\tincomplete \(scan.hosts)/\(scan.planned): ictaudit scan --resume \(scan.id)"
            print("\(scan.id)\t\(formatter.string(from: scan.startedAt))\t\(scan.scanned)/\(scan.hosts)\t\(scan.inventoryName)\(state)")
        }
    }
}

struct DiffCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "What changed between two stored scans: hosts, findings, facts and ranks.",
        discussion: "Example: ictaudit diff 12 13. A scan never judged is judged first when --policy is given.")

    @Argument(help: ArgumentHelp("The earlier scan's id.", valueName: "scan-a"))
    var old: Int64
    @Argument(help: ArgumentHelp("The later scan's id.", valueName: "scan-b"))
    var new: Int64
    @OptionGroup var sources: WorkspaceOptions
    @Flag(name: .long, help: "Print the diff as JSON.")
    var json = false
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func run() async throws {
        let console = Console(language: lang)
        let diff = try await console.checked { try sources.workspace().diff(from: old, to: new, logger: console.logger) }
        if json {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            print(String(decoding: try encoder.encode(diff), as: UTF8.self))
        } else {
            print(diff.plainText(lang, printable: TerminalText.printable), terminator: "")
        }
    }
}

struct PruneCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "prune",
        abstract: "Keep the newest N complete scans of each inventory; remove older scans and what only they used.")

    @Option(name: .long, help: "Complete scans to keep per inventory.")
    var keep: Int
    @Option(name: .long, help: "Only this inventory's scans (its name as `ictaudit scans` shows it).")
    var inventory: String?
    @Flag(name: .long, help: "Give the freed space back to the file system (rewrites the file).")
    var vacuum = false
    @Option(name: .long, help: ArgumentHelp("SQLite store file (default as for `audit`).", valueName: "path"))
    var store: String?
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func validate() throws {
        guard keep >= 1 else { throw ValidationError("--keep must be at least 1") }
    }

    func run() async throws {
        let console = Console(language: lang)
        let (removed, size) = try await console.checked {
            let store = try AuditWorkspace(options: .init(store: store)).openStore()
            let removed = try store.prune(keeping: keep, inventory: inventory)
            if vacuum { try store.vacuum() }
            return (removed, try store.size())
        }
        let ids = removed.isEmpty ? "" : " (\(removed.map(String.init).joined(separator: ", ")))"
        console.print([
            lang == .vi
                ? "Đã xoá \(removed.count) lần quét\(ids); kho \(size.fileBytes) byte, \(size.freeBytes) byte trống"
                : "Removed \(removed.count) scans\(ids); store \(size.fileBytes) bytes, \(size.freeBytes) free"
        ])
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
            print(
                SchemaDocument.render(
                    languages: lang.map { [$0] } ?? [.vi, .en], roots: FactSchema.roots.merging(FactSchema.unitRoots) { a, _ in a }),
                terminator: "")
        }
    }
}
