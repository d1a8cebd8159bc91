public import Audit
public import Foundation
public import Hummingbird
public import Inventory
public import InventoryModel
public import Logging
public import Ranking
public import SSHScan
public import ServiceLifecycle
public import UnixSignals

/// Everything `ictaudit serve` runs, wired together: store, tokens, scheduler, HTTP server and
/// metrics, under one service group that stops cleanly on SIGTERM (systemd) or SIGINT.
public struct AuditService: Sendable {
    public let configuration: ServiceConfiguration
    public let server: AuditServer
    public let scheduler: Scheduler?
    public let logger: Logger
    let workspace: AuditWorkspace
    let store: AuditStore

    public init(configuration: ServiceConfiguration, logger: Logger, clock: any ScheduleClock = SystemScheduleClock()) async throws {
        self.configuration = configuration
        self.logger = logger
        let store = try AuditStore(path: configuration.store)
        self.store = store
        let workspace = AuditWorkspace(
            options: .init(
                dataDirectory: configuration.data, policyPaths: configuration.policies, rankingMethod: configuration.method,
                catalogues: configuration.catalogues, store: configuration.store))
        self.workspace = workspace
        let method = try workspace.rankingMethod()
        let catalog = ScanCatalog(store: store, method: method, logger: logger)
        let metrics = ServiceMetrics()
        let runs = RunLog()
        var scheduler: Scheduler?
        if let path = configuration.schedules {
            let schedules = try ScheduleFile.load(path: path)
            var runner = ScheduledAudit(
                workspace: workspace, store: store, logger: logger, metrics: metrics, knownHostsPath: configuration.knownHosts)
            runner.baseOptions = configuration.scanOptions
            // The scan's ranking summary is kept as the run ends, so trends never decode it again.
            runner.onStored = { snapshot, findings in try? await catalog.summarise(snapshot, findings: findings) }
            runner.onEvent = { schedule, event in runs.record(schedule: schedule, event) }
            scheduler = Scheduler(
                schedules: schedules, clock: clock, runner: runner, stateFile: configuration.state, logger: logger,
                onEvent: { event in
                    runs.record(event)
                    metrics.scheduler(event)
                })
        }
        self.scheduler = scheduler
        server = try await AuditServer(
            catalog: catalog, tokens: try TokenStore(path: configuration.tokens),
            scheduler: scheduler, runs: runs, metrics: metrics, logger: logger)
    }

    /// Finishes every scan a crash or `kill -9` left incomplete: only the hosts not yet stored
    /// are scanned, so none is lost and none is scanned twice.
    @Sendable func resumeIncompleteScans() async {
        do {
            let pipeline = try workspace.pipeline(logger: logger)
            let policies = try? workspace.policiesIfAny()
            let (knownHosts, base) = (configuration.knownHosts, configuration.scanOptions)
            let resumed = try await pipeline.resumeIncompleteScans(store: store) { plan in
                workspace.scanOptions(base, for: plan, knownHosts: knownHosts, policies: policies ?? nil)
            }
            for snapshot in resumed {
                logger.notice("interrupted scan completed", metadata: ["scan": "\(snapshot.scanID ?? 0)", "hosts": "\(snapshot.hosts.count)"])
                // Judged as a scheduled run is, so the dashboard shows its findings.
                if let policies = policies ?? nil {
                    _ = try pipeline.evaluate(snapshot, policies: policies, waivers: try? workspace.waivers(), store: store)
                }
                if let id = snapshot.scanID { try? await server.catalog.summarise(scanID: id) }
            }
        } catch {
            logger.error("cannot resume interrupted scans", metadata: ["error": "\(error)"])
        }
    }

    /// Serves until SIGTERM or SIGINT.
    public func run() async throws {
        let tls = try configuration.tlsCertificate.map { certificate in
            try ServiceTLS.configuration(certificate: certificate, key: configuration.tlsKey ?? "")
        }
        let app = try server.application(host: configuration.host, port: configuration.port, tls: tls)
        var services: [any Service] = [app]
        if let scheduler { services.append(SchedulerService(scheduler: scheduler, resume: resumeIncompleteScans)) }
        let group = ServiceGroup(
            configuration: .init(services: services, gracefulShutdownSignals: [.sigterm, .sigint], logger: logger))
        logger.info(
            "ictaudit serve listening",
            metadata: [
                "address": "\(tls == nil ? "http" : "https")://\(configuration.host):\(configuration.port)", "store": "\(configuration.store)",
            ])
        try await group.run()
    }
}

/// The scheduler as a lifecycle service: first finishes scans a crash left incomplete, then
/// runs until the group shuts down.
struct SchedulerService: Service {
    let scheduler: Scheduler
    let resume: @Sendable () async -> Void

    func run() async throws {
        await resume()
        await cancelWhenGracefulShutdown { await scheduler.run() }
    }
}
