import Foundation
import Inventory
public import InventoryModel
public import Logging
public import PacketScan
public import SSHScan

/// The stages as the CLI and the service run them: each resolves what it needs from the workspace
/// and calls the pipeline, so a command line and a scheduled job do exactly the same thing.
extension AuditWorkspace {
    /// Scan, store, judge, rank and write reports for an inventory file.
    public func audit(
        inventory: String, scan: ScanOptions, knownHosts: String? = nil, outputDirectory: String, language: Language,
        logger: Logger, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> AuditOutcome {
        let plan = try self.inventory(inventory)
        let policies = try policies()
        return try await pipeline(logger: logger).run(
            plan: plan, options: scanOptions(scan, for: plan, knownHosts: knownHosts), policies: policies,
            waivers: try waivers(), store: try openStore(), outputDirectory: outputDirectory, language: language,
            events: events)
    }

    /// Scan and store an inventory's hosts, gathering the evidence the policies need (when there are
    /// any) so a later `check` can judge the scan without touching a host.
    public func scan(
        inventory: String, scan: ScanOptions, knownHosts: String? = nil, logger: Logger,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> InventorySnapshot {
        let plan = try self.inventory(inventory)
        let options = scanOptions(scan, for: plan, knownHosts: knownHosts, policies: try policiesIfAny())
        return try await pipeline(logger: logger).scanAndStore(
            plan, options: options, store: try openStore(), events: events)
    }

    /// Continue an interrupted scan: only the hosts it still lacks are scanned, with options built
    /// as for `scan` from the scan's stored plan.
    public func resume(
        scan id: Int64, scan base: ScanOptions, knownHosts: String? = nil, logger: Logger,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> InventorySnapshot {
        let policies = try policiesIfAny()
        return try await pipeline(logger: logger).resume(
            scanID: id, options: { scanOptions(base, for: $0, knownHosts: knownHosts, policies: policies) },
            store: try openStore(), events: events)
    }

    /// `ictaudit scan`: a new scan of an inventory file, or the rest of an interrupted one.
    public func scan(
        _ source: ScanSource, scan base: ScanOptions, knownHosts: String? = nil, logger: Logger,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> InventorySnapshot {
        switch source {
        case .inventory(let path):
            try await scan(inventory: path, scan: base, knownHosts: knownHosts, logger: logger, events: events)
        case .resume(let id):
            try await resume(scan: id, scan: base, knownHosts: knownHosts, logger: logger, events: events)
        }
    }

    /// What changed between two stored scans; a scan never judged is judged with the policies the
    /// user named (none named: its findings are left out of the comparison).
    public func diff(from old: Int64, to new: Int64, logger: Logger) throws -> ScanDiff {
        let store = try openStore()
        let policies = options.policyPaths.isEmpty ? nil : try self.policies()
        return try pipeline(logger: logger).diff(from: old, to: new, store: store, policies: policies)
    }

    /// Judge a stored scan (the newest without `id`) and store the findings.
    public func check(
        scan id: Int64?, logger: Logger, events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> [Finding] {
        let store = try openStore()
        return try pipeline(logger: logger).evaluate(
            try storedSnapshot(store, id: id), policies: try policies(), waivers: try waivers(), store: store,
            events: events)
    }

    /// Rank and write reports for a stored scan, reusing its findings unless policies were named.
    public func report(
        scan id: Int64?, outputDirectory: String, language: Language, logger: Logger,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) throws -> AuditOutcome {
        let store = try openStore()
        let snapshot = try storedSnapshot(store, id: id)
        let pipeline = try pipeline(logger: logger)
        let policies = try policies()
        let findings = try findingsForReport(
            snapshot, policies: policies, store: store, pipeline: pipeline, events: events)
        return try pipeline.report(
            snapshot, findings: findings, policies: policies, outputDirectory: outputDirectory, language: language,
            store: store, events: events)
    }

    /// Read a capture file, or capture live on an interface (60 s when neither a duration nor a
    /// packet count bounds it), attributing hosts to the units of `inventory`.
    public func capture(
        file: String?, interface: String?, inventory: String?, options: CaptureOptions
    ) throws -> CaptureReport {
        let units = try inventory.map { try self.inventory($0).units } ?? []
        let catalogues = try captureCatalogues()
        if let file {
            return try PacketCapture.analyse(file: file, units: units, catalogues: catalogues, options: options)
        }
        guard let interface else { throw WorkspaceError(vi: "hãy cho một tệp bắt gói tin hoặc một giao diện mạng", en: "give a capture file or an interface") }
        var options = options
        if options.duration == nil && options.count == nil { options.duration = 60 }
        return try PacketCapture.capture(interface: interface, units: units, catalogues: catalogues, options: options)
    }
}

/// What a scan scans: the hosts of an inventory file, or those an interrupted scan still lacks
/// (its stored plan names them).
public enum ScanSource: Sendable, Hashable {
    case inventory(String)
    case resume(Int64)
}
