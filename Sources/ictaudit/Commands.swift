import ArgumentParser
import Audit
import Foundation
import Inventory
import InventoryModel
import PolicyEngine
import SSHScan

struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Scan an inventory, store the scan, judge it and write ranked reports.",
        discussion: "Example: ictaudit audit inventory/demo.yaml --out reports/demo --store var/demo.sqlite")

    @Argument(help: ArgumentHelp("Inventory file (YAML): units, SSH targets, captures.", valueName: "inventory"))
    var inventory: String
    @OptionGroup var report: ReportOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var policyOptions: PolicyOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let plan = try console.checked { try InventoryFile.load(path: inventory) }
        let policies = try console.checked { try PolicyCatalogue.load(paths: policyOptions.resolvedPaths) }
        let waivers = try console.checked { try policyOptions.loadWaivers() }
        let store = try console.checked { try storeOptions.open() }
        var pipeline = AuditPipeline(logger: console.logger)
        pipeline.catalogueDirectory = PolicyCatalogue.defaultLocation() + "/catalogues"
        let outcome = try await pipeline.run(
            plan: plan, options: scanFlags.options(for: plan), policies: policies, waivers: waivers, store: store,
            outputDirectory: report.out, language: report.lang, events: console.show)
        console.summarise(outcome)
    }
}

struct ScanCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan", abstract: "Scan an inventory's hosts over SSH and store the scan (no evaluation).")

    @Argument(help: ArgumentHelp("Inventory file (YAML).", valueName: "inventory"))
    var inventory: String
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var scanFlags: ScanFlags
    @OptionGroup var policyOptions: PolicyOptions
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func run() async throws {
        let console = Console(language: lang)
        let plan = try console.checked { try InventoryFile.load(path: inventory) }
        let store = try console.checked { try storeOptions.open() }
        // Gather the evidence the policies will need, so `check` can judge this scan later.
        var options = scanFlags.options(for: plan)
        if !policyOptions.paths.isEmpty || FileManager.default.fileExists(atPath: PolicyCatalogue.defaultLocation()) {
            let policies = try console.checked { try PolicyCatalogue.load(paths: policyOptions.resolvedPaths) }
            options = policies.requesting(into: options)
        }
        var pipeline = AuditPipeline(logger: console.logger)
        pipeline.catalogueDirectory = PolicyCatalogue.defaultLocation() + "/catalogues"
        let snapshot = try await pipeline.scanAndStore(
            plan, options: options, store: store, events: console.show)
        console.summarise(snapshot)
    }
}

struct CheckCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Judge a stored scan against policies, without touching any host, and store the findings.")

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var policyOptions: PolicyOptions
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi

    func run() async throws {
        let console = Console(language: lang)
        let store = try console.checked { try storeOptions.open() }
        let snapshot = try console.storedSnapshot(store, id: scan)
        let policies = try console.checked { try PolicyCatalogue.load(paths: policyOptions.resolvedPaths) }
        let waivers = try console.checked { try policyOptions.loadWaivers() }
        let findings = try AuditPipeline(logger: console.logger).evaluate(
            snapshot, policies: policies, waivers: waivers, store: store, events: console.show)
        console.summarise(findings)
    }
}

struct ReportCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Rank units and write reports for a stored scan (judging it first if it has no findings yet).")

    @Option(name: .long, help: "Scan id (default: the newest scan).")
    var scan: Int64?
    @OptionGroup var report: ReportOptions
    @OptionGroup var storeOptions: StoreOptions
    @OptionGroup var policyOptions: PolicyOptions

    func run() async throws {
        let console = Console(language: report.lang)
        let store = try console.checked { try storeOptions.open() }
        let snapshot = try console.storedSnapshot(store, id: scan)
        let pipeline = AuditPipeline(logger: console.logger)
        let policies = try console.checked { try PolicyCatalogue.load(paths: policyOptions.resolvedPaths) }
        let waivers = try console.checked { try policyOptions.loadWaivers() }
        let findings: [Finding]
        if policyOptions.paths.isEmpty, let stored = try store.latestEvaluation(scanID: snapshot.scanID!) {
            findings = waivers?.apply(to: stored.findings, at: Date()) ?? stored.findings
        } else {
            findings = try pipeline.evaluate(
                snapshot, policies: policies, waivers: waivers, store: store, events: console.show)
        }
        let outcome = try pipeline.report(
            snapshot, findings: findings, policies: policies, outputDirectory: report.out, language: report.lang,
            events: console.show)
        console.summarise(outcome)
    }
}

struct ScansCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "scans", abstract: "List the scans in the store, newest first.")

    @OptionGroup var storeOptions: StoreOptions

    func run() async throws {
        let console = Console(language: .vi)
        let store = try console.checked { try storeOptions.open() }
        let formatter = ISO8601DateFormatter()
        for scan in try store.scans() {
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

extension PolicyOptions {
    var resolvedPaths: [String] { paths.isEmpty ? [PolicyCatalogue.defaultLocation()] : paths }
}
