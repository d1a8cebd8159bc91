public import Foundation
public import Inventory
public import InventoryModel
public import Logging
public import PacketScan
public import PolicyEngine
public import Ranking
public import Reports
public import SSHScan

/// Everything an audit needs, resolved from the user's choices, the environment and the
/// installed layout: which policies, waivers, catalogues, ranking method and store.
///
/// The CLI and the service both build one and ask it, so a command line and a scheduled job
/// resolve the same way; every decision a command makes is made here. Files are read here too, so
/// the core only ever parses text it is handed.
public struct AuditWorkspace: Sendable {
    /// What the user chose; `nil` or empty means "the default", found by `DataSearch`.
    public struct Options: Sendable {
        /// A data directory holding `policies/` (the `--data` flag).
        public var dataDirectory: String?
        /// Policy files or folders (`--policy`); when given, a report judges the scan again.
        public var policyPaths: [String]
        public var waivers: String?
        /// A ranking method file, or the name of one in the data's `ranking/` folder (`dti-2022-province`).
        public var rankingMethod: String?
        /// The capture catalogue folder (MAC vendors, OS signatures, antivirus update domains).
        public var catalogues: String?
        /// The SQLite store file.
        public var store: String?
        /// The report formats to write (`--format`).
        public var reportFormats: [ReportFormat] = ReportFormat.defaults
        /// Print the HTML report to PDF with headless Chromium (`--pdf`).
        public var writePDF = false
        /// The scan "since the last scan" compares with (`--compare`).
        public var compareScan: Int64?

        public init(
            dataDirectory: String? = nil, policyPaths: [String] = [], waivers: String? = nil,
            rankingMethod: String? = nil, catalogues: String? = nil, store: String? = nil
        ) {
            self.dataDirectory = dataDirectory
            self.policyPaths = policyPaths
            self.waivers = waivers
            self.rankingMethod = rankingMethod
            self.catalogues = catalogues
            self.store = store
        }

        /// The report flags: formats as the user lists them (`html,md`, `all`), PDF, the scan to compare with.
        public mutating func report(formats: String, pdf: Bool, compare: Int64?) throws {
            reportFormats = try ReportFormat.parseList(formats)
            writePDF = pdf
            compareScan = compare
        }
    }

    public var options: Options
    public var search: DataSearch

    /// `search` defaults to this process's environment, binary and directory with `options.dataDirectory`
    /// as the explicit choice.
    public init(options: Options = Options(), search: DataSearch? = nil) {
        self.options = options
        var search = search ?? DataSearch()
        search.explicit = options.dataDirectory ?? search.explicit
        self.search = search
    }

    // MARK: Data

    /// The policies folder of the data directory (its `catalogues/` and `ranking/` inside).
    public func dataFolder() throws(WorkspaceError) -> URL {
        try search.policiesFolder()
    }

    /// The policy paths to load: the user's, else the data directory's policies folder.
    public func policyPaths() throws(WorkspaceError) -> [String] {
        options.policyPaths.isEmpty ? [try dataFolder().path] : options.policyPaths
    }

    public func policies() throws -> PolicySet {
        try PolicyCatalogue.load(paths: policyPaths())
    }

    /// The policies when there are any to find: a scan gathers their evidence if it can, and
    /// scans without them otherwise.
    public func policiesIfAny() throws -> PolicySet? {
        if options.policyPaths.isEmpty, (try? dataFolder()) == nil { return nil }
        return try policies()
    }

    /// The `*.tests.yaml` examples under the given paths, else under the data's policies folder.
    public func policyTestSuites(_ paths: [String]) throws -> [URL] {
        try PolicyCatalogue.testSuites(in: paths.isEmpty ? [try dataFolder().path] : paths)
    }

    public func waivers() throws -> WaiverSet? {
        try options.waivers.map { try WaiverSet.load(contentsOf: URL(fileURLWithPath: $0)) }
    }

    /// The chosen method: a file path, else a name in the data's `ranking/` folder; the basic
    /// readiness method when none was chosen.
    public func rankingMethod() throws -> RankingMethod {
        guard let choice = options.rankingMethod else { return .basic() }
        if FileManager.default.fileExists(atPath: choice) || choice.contains("/") || choice.hasSuffix(".yaml") {
            return try RankingMethod.load(contentsOf: URL(fileURLWithPath: choice))
        }
        let folder = try dataFolder().appendingPathComponent("ranking")
        let file = folder.appendingPathComponent(choice + ".yaml")
        guard FileManager.default.fileExists(atPath: file.path) else {
            let names = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? [])
                .filter { $0.hasSuffix(".yaml") }.map { String($0.dropLast(5)) }.sorted()
            let nearest = NameSuggestion.nearest(to: choice, among: names)
            throw WorkspaceError(
                vi: "không có tệp phương pháp xếp hạng '\(choice)' và không có phương pháp tên đó trong \(folder.path)"
                    + (nearest.map { "; có phải '\($0)'?" } ?? ""),
                en: "no ranking method file '\(choice)' and no method of that name in \(folder.path)"
                    + NameSuggestion.hint(for: choice, among: names))
        }
        return try RankingMethod.load(contentsOf: file)
    }

    /// The capture catalogue folder: the user's, else the data's `catalogues/`.
    public func cataloguesFolder() throws(WorkspaceError) -> String {
        if let chosen = options.catalogues {
            guard DataSearch.isFolder(chosen) else { throw WorkspaceError(
                    vi: "--catalogues chỉ tới \(chosen), đó không phải là thư mục", en: "--catalogues names \(chosen), which is not a folder") }
            return chosen
        }
        return try dataFolder().appendingPathComponent("catalogues").path
    }

    public func captureCatalogues() throws -> CaptureCatalogues {
        try CaptureCatalogues.load(directory: cataloguesFolder())
    }

    /// Names antivirus products on hosts; without it products keep their Security Center names and
    /// Linux finds ClamAV only, so a scan goes on without it.
    public func antivirusCatalogue() -> SSHScan.AntivirusCatalogue? {
        guard let folder = try? cataloguesFolder() else { return nil }
        return try? SSHScan.AntivirusCatalogue.load(path: folder + "/antivirus.yaml")
    }

    // MARK: Inventory and store

    public func inventory(_ path: String) throws -> AuditPlan {
        try InventoryFile.load(path: path)
    }

    /// The store the user chose, else `$ICTAUDIT_STORE`, else the XDG data home's.
    public func storePath() -> String {
        options.store ?? AuditStore.defaultPath(environment: search.environment)
    }

    public func openStore() throws -> AuditStore {
        try AuditStore(path: storePath())
    }

    /// The stored scan `id`, else the newest.
    public func storedSnapshot(_ store: AuditStore, id: Int64?) throws -> InventorySnapshot {
        guard let scanID = try id ?? store.latestScanID() else {
            throw WorkspaceError(
                vi: "kho \(store.path) chưa có lần quét nào; hãy chạy `ictaudit scan` trước",
                en: "the store \(store.path) holds no scan yet; run `ictaudit scan` first")
        }
        guard let snapshot = try store.snapshot(id: scanID) else {
            throw WorkspaceError(vi: "không có lần quét \(scanID) trong \(store.path)", en: "there is no scan \(scanID) in \(store.path)")
        }
        // Judging or reporting a scan that lacks hosts would present a partial estate as the whole.
        if try store.isComplete(scanID: scanID) == false {
            throw WorkspaceError(
                vi: "lần quét \(scanID) chưa xong (\(snapshot.hosts.count) máy có kết quả); chạy `ictaudit scan --resume \(scanID)`",
                en: "scan \(scanID) is incomplete (\(snapshot.hosts.count) hosts have a result); run `ictaudit scan --resume \(scanID)`")
        }
        return snapshot
    }

    // MARK: The pipeline

    /// Scan options for a plan: the known_hosts file the user chose, else the inventory's, else
    /// the user's own; the antivirus catalogue; the evidence the policies need.
    public func scanOptions(
        _ base: ScanOptions, for plan: AuditPlan, knownHosts: String? = nil, policies: PolicySet? = nil
    ) -> ScanOptions {
        var options = base
        options.knownHostsPath = knownHosts ?? plan.knownHostsPath ?? KnownHosts.userDefaultPath
        options.antivirusCatalogue = options.antivirusCatalogue ?? antivirusCatalogue()
        return policies?.requesting(into: options) ?? options
    }

    /// A pipeline with this workspace's catalogues and ranking method, logging to the caller's logger.
    public func pipeline(logger: Logger) throws -> AuditPipeline {
        var pipeline = AuditPipeline(logger: logger, environment: search.environment)
        pipeline.catalogueDirectory = try? cataloguesFolder()
        pipeline.rankingMethod = try rankingMethod()
        pipeline.reportFormats = options.reportFormats
        pipeline.writePDF = options.writePDF
        pipeline.compareScan = options.compareScan
        return pipeline
    }

    /// Whether a report reuses the findings stored with a scan: yes, unless the user named
    /// policies to judge it against again.
    public var reusesStoredFindings: Bool { options.policyPaths.isEmpty }

    /// The findings a report of `snapshot` shows: those stored with it (today's waivers applied),
    /// or, when the user named policies or none are stored, a fresh evaluation that is stored too.
    public func findingsForReport(
        _ snapshot: InventorySnapshot, policies: PolicySet, store: AuditStore, pipeline: AuditPipeline,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> [Finding] {
        let waivers = try waivers()
        if reusesStoredFindings, let id = snapshot.scanID, let stored = try store.latestEvaluation(scanID: id) {
            return waivers?.apply(to: stored.findings, at: Date()) ?? stored.findings
        }
        return try pipeline.evaluate(snapshot, policies: policies, waivers: waivers, store: store, events: events)
    }
}
