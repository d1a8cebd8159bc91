import Foundation
public import Inventory
public import InventoryModel
public import SSHScan

extension AuditPipeline {
    /// Scans a plan into the store host by host: the scan row (with its plan) is written first,
    /// each host is committed as it finishes, and the scan is marked complete when the last host
    /// is in. A crash loses at most the hosts in flight; `resume(scanID:…)` scans only those.
    public func scanAndStore(
        _ plan: AuditPlan, options: ScanOptions, store: AuditStore,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> InventorySnapshot {
        let scanID = try store.beginScan(plan, at: Date())
        let pending = PendingScan(id: scanID, plan: plan, startedAt: Date(), done: [])
        return try await finish(pending, options: options, store: store, events: events)
    }

    /// Scans the hosts of an interrupted scan that have no result yet, then completes it.
    ///
    /// `options` should be what the scan was started with (the CLI rebuilds them from the same
    /// flags and policies; the service from its schedule). Resuming a complete scan changes
    /// nothing and returns it.
    public func resume(
        scanID: Int64, options: (AuditPlan) -> ScanOptions, store: AuditStore,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> InventorySnapshot {
        guard let pending = try store.pendingScan(id: scanID) else {
            guard let snapshot = try store.snapshot(id: scanID) else { throw StoreError(path: store.path, problem: .noScan(scanID)) }
            return snapshot
        }
        return try await finish(pending, options: options(pending.plan), store: store, events: events)
    }

    /// Resumes every scan left incomplete (by a crash, `kill -9`, a power cut), oldest first: what
    /// the service does when it starts.
    public func resumeIncompleteScans(
        store: AuditStore, options: (AuditPlan) -> ScanOptions,
        events: @escaping @Sendable (AuditEvent) -> Void = { _ in }
    ) async throws -> [InventorySnapshot] {
        var resumed: [InventorySnapshot] = []
        for pending in try store.pendingScans() {
            resumed.append(try await finish(pending, options: options(pending.plan), store: store, events: events))
        }
        return resumed
    }

    /// Scans what `pending` still lacks, committing each host, and completes the scan.
    private func finish(
        _ pending: PendingScan, options: ScanOptions, store: AuditStore,
        events: @escaping @Sendable (AuditEvent) -> Void
    ) async throws -> InventorySnapshot {
        let plan = pending.plan
        let remaining = pending.remaining
        events(.began(scanID: pending.id, planned: plan.targets.count, remaining: remaining.count))
        events(.scanning(hosts: remaining.count))
        var options = options
        var unreadableConfig: String?
        if options.sshConfig == nil, let path = plan.sshConfigPath {
            do {
                options.sshConfig = try SSHConfig.load(path: path)
            } catch {
                // Guessing how to reach hosts without the file the inventory names would be wrong:
                // every host says why it was not scanned.
                unreadableConfig = "cannot read the ssh_config \(path): \(error.localizedDescription)"
            }
        }
        let configError = unreadableConfig
        let scanner = HostScanner(options: options, environment: environment, logger: logger)
        let limit = max(1, options.concurrency)
        var saveError: (any Error)?
        var results: [Int: HostScan] = [:]
        try await withThrowingTaskGroup(of: (Int, HostScan).self) { group in
            var next = 0
            var completed = 0
            func launch() {
                let (position, target) = remaining[next]
                next += 1
                events(.scan(.started(target)))
                group.addTask {
                    if let configError {
                        return (position, HostScan(target: target, status: .error, message: configError, startedAt: Date(), durationSeconds: 0))
                    }
                    return (position, await scanner.scan(target))
                }
            }
            while next < min(limit, remaining.count) { launch() }
            while let (position, host) = try await group.next() {
                do {
                    try store.saveHost(host, position: position, scanID: pending.id)
                } catch {
                    // The store refuses (disk full, another process resuming): stop starting hosts;
                    // what is committed stays and the scan can be resumed.
                    saveError = error
                    group.cancelAll()
                    break
                }
                results[position] = host
                completed += 1
                events(.scan(.finished(host, completed: completed, total: remaining.count)))
                if next < remaining.count { launch() }
            }
        }
        if let saveError { throw saveError }
        if !plan.captures.isEmpty { events(.capturing(sources: plan.captures.count)) }
        let captures = await CaptureRunner(catalogueDirectory: catalogueDirectory, liveSeconds: liveCaptureSeconds)
            .run(plan)
        let finished = Date()
        guard try store.completeScan(pending.id, captures: captures, at: finished) else {
            throw StoreError(path: store.path, problem: .scanLacksHosts(pending.id))
        }
        events(.stored(scanID: pending.id))
        // A fresh scan has every host in memory; a resumed one reads the earlier hosts back.
        guard pending.done.isEmpty, results.count == plan.targets.count else {
            guard let snapshot = try store.snapshot(id: pending.id) else {
                throw StoreError(path: store.path, problem: .scanVanished(pending.id))
            }
            return snapshot
        }
        return InventorySnapshot(
            scanID: pending.id, inventoryName: plan.name, startedAt: pending.startedAt, finishedAt: finished,
            units: plan.units, hosts: plan.targets.indices.map { results[$0]! }, captures: captures)
    }
}
