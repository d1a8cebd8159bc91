public import Foundation
public import Inventory
public import InventoryModel
public import Logging
public import PolicyEngine
public import Ranking
public import Reports
public import SSHScan

/// The one place the CLI and the service call: plan → scan → store → evaluate → rank → render.
///
/// Each stage is also callable alone, so a stored scan can be judged or reported again without
/// touching a host.
public struct AuditPipeline: Sendable {
    public static let toolVersion = "0.1.0"

    /// The caller's logger: the executable configures logging, the pipeline only writes to it.
    public var logger: Logger
    public var environment: [String: String]
    /// Where the capture catalogues (MAC vendors, OS signatures, antivirus update domains) live.
    public var catalogueDirectory: String?
    /// How long an inventory's live interface captures run during an audit.
    public var liveCaptureSeconds: Double = 60
    /// How units are scored and ranked in reports (`policies/ranking/*.yaml`, or the basic method).
    public var rankingMethod: RankingMethod = .basic()

    public init(
        logger: Logger,
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) {
        self.logger = logger
        self.environment = environment
    }

    /// Scans every target of the plan and returns the snapshot (not yet stored).
    public func scan(
        _ plan: AuditPlan, options: ScanOptions, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async -> InventorySnapshot {
        events(.scanning(hosts: plan.targets.count))
        let started = Date()
        var options = options
        if options.sshConfig == nil, let path = plan.sshConfigPath {
            do {
                options.sshConfig = try SSHConfig.load(path: path)
            } catch {
                // Guessing how to reach hosts without the file the inventory names would be wrong:
                // every host says why it was not scanned.
                let hosts = plan.targets.map {
                    HostScan(
                        target: $0, status: .error, message: "cannot read the ssh_config \(path): \(error.localizedDescription)",
                        startedAt: started, durationSeconds: 0)
                }
                return InventorySnapshot(
                    inventoryName: plan.name, startedAt: started, finishedAt: Date(), units: plan.units, hosts: hosts)
            }
        }
        let scanner = HostScanner(options: options, environment: environment, logger: logger)
        let hosts = await scanner.scan(plan.targets) { events(.scan($0)) }
        if !plan.captures.isEmpty { events(.capturing(sources: plan.captures.count)) }
        let captures = await CaptureRunner(catalogueDirectory: catalogueDirectory, liveSeconds: liveCaptureSeconds)
            .run(plan)
        return InventorySnapshot(
            inventoryName: plan.name, startedAt: started, finishedAt: Date(), units: plan.units, hosts: hosts,
            captures: captures)
    }

    /// Judges a snapshot against policies, applies the waivers in force today, and stores the
    /// evaluation when the scan is stored.
    public func evaluate(
        _ snapshot: InventorySnapshot, policies: PolicySet, waivers: WaiverSet? = nil, store: AuditStore?,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> [Finding] {
        var findings = policies.evaluate(snapshot) + WireMerge.findings(snapshot)
        if let waivers { findings = waivers.apply(to: findings, at: Date()) }
        if let store, let scanID = snapshot.scanID {
            try store.saveEvaluation(scanID: scanID, policies: policies.ids, findings: findings, at: Date())
        }
        events(.evaluated(findings: findings.count, policies: policies.count))
        return findings
    }

    /// Scores and ranks units with `rankingMethod`.
    public func rank(_ snapshot: InventorySnapshot, findings: [Finding]) -> RankingResult {
        rankingMethod.score(snapshot, findings: findings)
    }

    /// Which report formats `report` and `run` write (`--format`).
    public var reportFormats: [ReportFormat] = ReportFormat.defaults
    /// Whether to print the HTML report to `report.pdf` with headless Chromium (`--pdf`).
    public var writePDF = false
    /// The stored scan "since the last scan" compares with (`--compare`); default: the previous
    /// scan of the same inventory.
    public var compareScan: Int64?

    /// Renders the chosen report formats into `directory`, side by side, each file replaced
    /// atomically.
    public func writeReports(
        _ input: ReportInput, to directory: String, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> [String] {
        let folder = URL(fileURLWithPath: directory)
        // The formats render side by side, each into its own folder writer (files never interleave);
        // the folder is made first so two formats never race to make it.
        try ReportWriteError.makeFolder(folder)
        let sinks = try ReportRenderers.write(input, formats: reportFormats) { _ in
            ReportFolder(folder) { events(.reportWritten(path: $0)) }
        }
        var written = sinks.flatMap { ($0 as? ReportFolder)?.written ?? [] }
        if writePDF {
            let html = folder.appendingPathComponent("report.html")
            if !FileManager.default.fileExists(atPath: html.path) {
                let pages = ReportFolder(folder)
                try HTMLReport().write(input, to: pages)
                written += pages.written
            }
            let pdf = folder.appendingPathComponent("report.pdf").path
            let printer = PDFPrinter(environment: environment)
            if let browser = printer.browser() {
                try printer.print(html: html.path, to: pdf, browser: browser)
                written.append(pdf)
                events(.reportWritten(path: pdf))
            } else {
                events(.reportSkipped(path: pdf, reason: PDFPrinter.missing))
            }
        }
        return written
    }

    /// Evaluates, ranks and renders a snapshot: everything after the scan.
    /// With a store, the report also says what changed since the previous scan and draws the trend.
    public func report(
        _ snapshot: InventorySnapshot, findings: [Finding], policies: PolicySet, outputDirectory: String,
        language: Language, store: AuditStore? = nil, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> AuditOutcome {
        let ranking = rank(snapshot, findings: findings)
        events(.ranked(units: ranking.units.count))
        var input = ReportInput(
            snapshot: snapshot, findings: findings, ranking: ranking, generatedAt: Date(), language: language,
            policies: policies.names, toolVersion: Self.toolVersion)
        if let store {
            let history = try ReportHistory.load(
                for: snapshot, findings: findings, ranking: ranking, method: rankingMethod, store: store,
                compare: compareScan)
            input.changes = history.changes
            input.trend = history.trend
        }
        let files = try writeReports(input, to: outputDirectory, events: events)
        return AuditOutcome(snapshot: snapshot, findings: findings, ranking: ranking, reportFiles: files)
    }

    /// The whole audit of an inventory: scan, store, evaluate, rank, report.
    public func run(
        plan: AuditPlan, options: ScanOptions, policies: PolicySet, waivers: WaiverSet? = nil, store: AuditStore,
        outputDirectory: String, language: Language, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> AuditOutcome {
        let options = policies.requesting(into: options)
        let snapshot = try await scanAndStore(plan, options: options, store: store, events: events)
        let findings = try evaluate(snapshot, policies: policies, waivers: waivers, store: store, events: events)
        return try report(
            snapshot, findings: findings, policies: policies, outputDirectory: outputDirectory, language: language,
            store: store, events: events)
    }
}

/// What an audit produced.
public struct AuditOutcome: Sendable {
    public var snapshot: InventorySnapshot
    public var findings: [Finding]
    public var ranking: RankingResult
    public var reportFiles: [String]
}
