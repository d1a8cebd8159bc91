public import Audit
public import Foundation
public import Inventory
public import InventoryModel
public import Logging
public import PolicyEngine
public import Ranking
public import Reports
public import SSHScan

/// Runs a schedule's audit: scan and store, judge, rank, write the schedule's report formats
/// into its dated folder.
///
/// Policies, waivers, the ranking method and catalogues are resolved by `AuditWorkspace`, the
/// same way the CLI resolves them, with the schedule's own choices over the service's. Sources are
/// read at each run, not when the service starts, so an edited policy or inventory is picked up
/// by the next run without a restart (and a broken one fails that run, with its position in the
/// log, not the service).
public struct ScheduledAudit: ScheduleRunner {
    public var workspace: AuditWorkspace
    public var store: AuditStore
    public var logger: Logger
    public var metrics: ServiceMetrics?
    public var knownHostsPath: String?
    /// Concurrency and host timeout (`scan_concurrency`, `host_timeout` in service.yaml).
    public var baseOptions = ScanOptions()
    /// Told of each host as it finishes and of the stored scan, for the dashboard's progress.
    public var onEvent: @Sendable (String, AuditEvent) -> Void = { _, _ in }
    /// Told of the scan once it is stored and judged (the service keeps its ranking summary).
    public var onStored: @Sendable (InventorySnapshot, [Finding]) async -> Void = { _, _ in }

    public init(workspace: AuditWorkspace, store: AuditStore, logger: Logger, metrics: ServiceMetrics?, knownHostsPath: String? = nil) {
        self.workspace = workspace
        self.store = store
        self.logger = logger
        self.metrics = metrics
        self.knownHostsPath = knownHostsPath
    }

    public func run(_ schedule: Schedule, fireTime: Date) async throws {
        let started = Date()
        do {
            try await audit(schedule, fireTime: fireTime)
            metrics?.scanFinished(seconds: Date().timeIntervalSince(started), trigger: "schedule", failed: false)
        } catch {
            metrics?.scanFinished(seconds: Date().timeIntervalSince(started), trigger: "schedule", failed: true)
            throw error
        }
    }

    /// The workspace with the schedule's choices over the service's.
    func workspace(for schedule: Schedule) -> AuditWorkspace {
        var workspace = workspace
        if !schedule.policies.isEmpty { workspace.options.policyPaths = schedule.policies }
        if let waivers = schedule.waivers { workspace.options.waivers = waivers }
        if let method = schedule.method { workspace.options.rankingMethod = method }
        return workspace
    }

    func audit(_ schedule: Schedule, fireTime: Date) async throws {
        let workspace = workspace(for: schedule)
        let plan = try workspace.inventory(schedule.inventory)
        let policies = try workspace.policies()
        let pipeline = try workspace.pipeline(logger: logger)
        let options = workspace.scanOptions(baseOptions, for: plan, knownHosts: knownHostsPath, policies: policies)
        let name = schedule.name
        let metrics = metrics
        let onEvent = onEvent
        let events: @Sendable (AuditEvent) -> Void = { event in
            if case .scan(.finished(let host, _, _)) = event { metrics?.hostFinished(host) }
            onEvent(name, event)
        }
        var reporting = pipeline
        reporting.reportFormats = schedule.formats
        let snapshot = try await pipeline.scanAndStore(plan, options: options, store: store, events: events)
        for capture in snapshot.captures { metrics?.captured(capture) }
        let findings = try pipeline.evaluate(snapshot, policies: policies, waivers: try workspace.waivers(), store: store, events: events)
        metrics?.latestScan(
            hostsByStatus: Dictionary(grouping: snapshot.hosts, by: \.status.rawValue).mapValues(\.count), findings: findings)
        let folder = URL(fileURLWithPath: schedule.outputDirectory(firedAt: fireTime))
        _ = try reporting.report(
            snapshot, findings: findings, policies: policies, outputDirectory: folder.path,
            language: Language(rawValue: schedule.language) ?? .vi, store: store, events: events)
        await onStored(snapshot, findings)
        if let keep = schedule.keep {
            let removed = try store.prune(keeping: keep, inventory: plan.name)
            if !removed.isEmpty {
                logger.info("old scans removed", metadata: ["schedule": "\(name)", "scans": "\(removed.map(String.init).joined(separator: ","))"])
            }
        }
        logger.info(
            "scheduled audit stored", metadata: ["schedule": "\(name)", "scan": "\(snapshot.scanID ?? 0)", "reports": "\(folder.path)"])
    }
}
