import ArgumentParser
import Audit
import Foundation
import Inventory
import InventoryModel
import PolicyEngine
import SSHScan

struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "SQLite store file. Default: $ICTAUDIT_STORE, else $XDG_DATA_HOME/ictaudit/ictaudit.sqlite, else ~/.local/share/ictaudit/ictaudit.sqlite.",
            valueName: "path"))
    var store: String?

    func open() throws -> AuditStore {
        try AuditStore(path: store ?? AuditStore.defaultPath())
    }
}

struct ScanFlags: ParsableArguments {
    @Flag(name: .long, help: "Record host keys never seen before in known_hosts (a changed key is still refused).")
    var acceptNew = false

    @Option(name: .long, help: ArgumentHelp("known_hosts file; overrides the inventory's and ~/.ssh/known_hosts.", valueName: "path"))
    var knownHosts: String?

    @Option(name: .long, help: "Hosts scanned at once.")
    var concurrency = 16

    @Option(name: .long, help: ArgumentHelp("Seconds one host may take in all (connect, authenticate, probe).", valueName: "seconds"))
    var timeout: Double = 30

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for the TCP connection.", valueName: "seconds"))
    var connectTimeout: Double = 5

    func validate() throws {
        guard concurrency >= 1 else { throw ValidationError("--concurrency must be at least 1") }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError("timeouts must be positive") }
    }

    func options(for plan: AuditPlan) -> ScanOptions {
        ScanOptions(
            connectTimeout: connectTimeout, hostTimeout: timeout, concurrency: concurrency,
            knownHostsPath: knownHosts ?? plan.knownHostsPath ?? KnownHosts.userDefaultPath,
            acceptNewHostKeys: acceptNew,
            // Without the catalogue, products keep their Security Center names and Linux finds ClamAV only.
            antivirusCatalogue: try? AntivirusCatalogue.load(
                path: PolicyCatalogue.defaultLocation() + "/catalogues/antivirus.yaml"))
    }
}

struct PolicyOptions: ParsableArguments {
    @Option(
        name: .customLong("policy"),
        help: ArgumentHelp(
            "Policy file or folder of *.yaml policies; repeatable. Default: $ICTAUDIT_POLICIES, else ./policies.",
            valueName: "path"))
    var paths: [String] = []

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Waiver file (YAML): approved exceptions per rule and host or unit, each with an expiry date.",
            valueName: "file"))
    var waivers: String?

    func loadWaivers() throws -> WaiverSet? {
        try waivers.map { try WaiverSet.load(contentsOf: URL(fileURLWithPath: $0)) }
    }
}

struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder to write report.html, report.md and report.json into.", valueName: "dir"))
    var out: String

    @Option(name: .long, help: "Report language: vi (Tiếng Việt) or en.")
    var lang: Language = .vi
}

extension Language: ExpressibleByArgument {}
