public import ArgumentParser
import Audit
import Reports
public import InventoryModel
import SSHScan

/// `--data`: where policies, catalogues and ranking methods are found when not named one by one.
struct DataOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "Data directory holding policies/ (with catalogues/ and ranking/). Default: searched as below.", valueName: "dir"))
    var data: String?
}

/// `--lang` where it chooses the language of what a command prints.
struct LanguageOption: ParsableArguments {
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi
}

/// Where the policies, waivers and store of a stage come from.
struct WorkspaceOptions: ParsableArguments {
    @Option(name: .customLong("policy"), help: ArgumentHelp(
        "Policy file or folder of *.yaml policies; repeatable. Default: the data directory's policies/.", valueName: "path"))
    var policies: [String] = []
    @Option(name: .long, help: ArgumentHelp(
        "Waiver file (YAML): approved exceptions per rule and host or unit, each with an expiry date.", valueName: "file"))
    var waivers: String?
    @Option(name: .long, help: ArgumentHelp(
        "SQLite store file. Default: $ICTAUDIT_STORE, else $XDG_DATA_HOME/ictaudit/ictaudit.sqlite, else ~/.local/share/ictaudit/ictaudit.sqlite.",
        valueName: "path"))
    var store: String?
    @OptionGroup var data: DataOptions

    /// The workspace the flags describe; what they leave open is found by `DataSearch`.
    func workspace(report: ReportOptions? = nil) throws -> AuditWorkspace {
        var options = AuditWorkspace.Options(
            dataDirectory: data.data, policyPaths: policies, waivers: waivers, rankingMethod: report?.method, store: store)
        if let report { try options.report(formats: report.format, pdf: report.pdf, compare: report.compare) }
        return AuditWorkspace(options: options)
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
        // The command's --lang is parsed beside this group, so it is read from the line itself.
        let language = CommandLineError.language(CommandLine.arguments)
        guard concurrency >= 1 else { throw ValidationError(UsageProblem.atLeastOne(flag: "--concurrency").text(language)) }
        guard timeout > 0, connectTimeout > 0 else { throw ValidationError(UsageProblem.timeouts.text(language)) }
    }

    var options: ScanOptions {
        ScanOptions(connectTimeout: connectTimeout, hostTimeout: timeout, concurrency: concurrency, acceptNewHostKeys: acceptNew)
    }
}

struct ReportOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("Folder to write the reports into (report.html, report.md, report.json, …).", valueName: "dir"))
    var out: String
    @Option(name: .long, help: ArgumentHelp("Report formats, comma-separated: html, md, json, csv, xlsx, junit, oscal, or all.", valueName: "list"))
    var format: String = ReportFormat.defaults.map(\.rawValue).joined(separator: ",")
    @Flag(name: .long, help: "Also print the HTML report to report.pdf (A4) with headless Chromium.")
    var pdf = false
    @Option(name: .long, help: ArgumentHelp(
        "Scan to compare with in \"since the last scan\" (default: the previous scan of the same inventory).", valueName: "scan"))
    var compare: Int64?
    @Option(name: .long, help: "Report language: vi (Tiếng Việt) or en.")
    var lang: Language = .vi
    @Option(name: .long, help: ArgumentHelp(
        "Ranking method: a file, or a name in the data's ranking/ folder (ict-index); default: the basic readiness method.", valueName: "method"))
    var method: String?
}

extension Language: ExpressibleByArgument {}
extension AssetRegister.Format: ExpressibleByArgument {}
extension RankRequest.Format: ExpressibleByArgument {}
extension CaptureRequest.Format: ExpressibleByArgument {}
