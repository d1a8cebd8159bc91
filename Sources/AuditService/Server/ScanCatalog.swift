import Audit
public import Foundation
public import Inventory
public import InventoryModel
public import Logging
public import Ranking

/// What the API and dashboard read: the newest scan judged and ranked, kept in memory, and each
/// stored scan's ranking for trends.
///
/// Scans never change once stored, so a scan's ranking is computed once, kept in the store as a
/// small summary (one row per scan and ranking method), and read back from there after a
/// restart; the newest scan's view is rebuilt only when a newer scan appears. Requests then read
/// prepared values, and answers already encoded for a scan are kept (`responses`): that is what
/// keeps the ranking, unit and findings endpoints fast on a store of thousands of hosts while a
/// scan is being stored (see `Benchmarks/ServiceLoad`).
public actor ScanCatalog {
    public nonisolated let store: AuditStore
    public nonisolated let method: RankingMethod
    /// How many stored scans a trend covers.
    public nonisolated let trendLength: Int
    /// The caller's logger, handed to the pipeline that computes diffs.
    public nonisolated let logger: Logger
    /// How long the newest scan id is trusted before the store is asked again. Requests never
    /// wait for that question: a new scan is noticed by the next request after it, and served
    /// once its view is built.
    public var freshness: Duration = .milliseconds(500)
    /// Encoded answers by scan and request, shared by every request (no actor hop to read it).
    public nonisolated let responses = ResponseCache()
    private var standings: [Int64: [Standing]] = [:]
    private var latest: Prepared?
    private var refreshing: Task<Void, Never>?
    private var checking: Task<Void, Never>?
    private var initial: Task<Prepared?, any Error>?
    private var checkedAt: ContinuousClock.Instant?
    /// Diffs asked for lately (stored scans never change, so a diff never goes stale).
    private var diffs: [DiffKey: ScanDiff] = [:]
    private var diffOrder: [DiffKey] = []
    /// The older scan's view asked for last (being built, or built).
    private var older: (Int64, Task<ScanView?, any Error>)?
    /// How many older scans' views were built (for tests).
    private(set) var olderBuilds = 0

    private struct DiffKey: Hashable {
        var from: Int64
        var to: Int64
    }

    /// A unit's place in one scan, as a trend needs it (and as the store keeps it).
    struct Standing: Codable, Sendable {
        var unit: String
        var score: Double
        var rank: Int
    }

    /// The newest scan's view with what every request around it needs, built together.
    struct Prepared: Sendable {
        var view: ScanView
        var trends: [String: [TrendPoint]]
        var scans: [ScanSummary]
    }

    public init(store: AuditStore, method: RankingMethod, trendLength: Int = 30, logger: Logger) {
        self.store = store
        self.method = method
        self.trendLength = trendLength
        self.logger = logger
    }

    /// The newest complete scan's view, or `nil` when the store holds none yet.
    ///
    /// When a newer scan lands, the view is rebuilt in the background while requests keep
    /// getting the previous one: a scan finishing never stalls the readers. Only the very first
    /// request waits for a build.
    public func current() async throws -> ScanView? { try await prepared()?.view }

    /// Each unit's score and rank over the last `trendLength` complete scans, oldest first.
    public func trends() async throws -> [String: [TrendPoint]] { try await prepared()?.trends ?? [:] }

    /// Every stored scan, newest first (as of the newest view).
    public func scans() async throws -> [ScanSummary] {
        if let prepared = try await prepared() { return prepared.scans }
        return try store.scans()
    }

    /// Makes the next request ask the store for a newer scan (the service calls it when a run
    /// stores one).
    public func invalidate() { checkedAt = nil }

    /// A stored scan's view: the newest's is kept; of the others, the one asked for last is kept
    /// too (a reader paging through an older scan's findings builds it once, not per page), and
    /// readers asking for the same scan at once wait for one build.
    public func view(scanID: Int64) async throws -> ScanView? {
        if let latest = try await current(), latest.scanID == scanID { return latest }
        if let (id, building) = older, id == scanID { return try await building.value }
        let (store, method) = (store, method)
        let building = Task { () async throws -> ScanView? in
            self.olderBuilds += 1
            return try await LowPriorityThread.run(nice: 0) { try Self.build(scanID: scanID, store: store, method: method) }
        }
        older = (scanID, building)
        do {
            return try await building.value
        } catch {
            if let (id, _) = older, id == scanID { older = nil }
            throw error
        }
    }

    /// What changed from stored scan `from` to stored scan `to`: the core's `ScanDiff` (hosts,
    /// findings, packages, ports, antivirus, sshd, rank moves), computed by the Audit layer as
    /// `ictaudit diff` computes it, so the API, the dashboard and the CLI say the same thing.
    /// `nil` when either scan is not stored.
    public func diff(from old: Int64, to new: Int64) async throws -> ScanDiff? {
        let key = DiffKey(from: old, to: new)
        if let known = diffs[key] { return known }
        var stored = Set(try await scans().map(\.id))
        if !stored.contains(old) || !stored.contains(new) { stored = Set(try store.scans().map(\.id)) }
        guard stored.contains(old), stored.contains(new) else { return nil }
        var pipeline = AuditPipeline(logger: logger)
        pipeline.rankingMethod = method
        let store = store
        let configured = pipeline
        let diff = try await LowPriorityThread.run(nice: 0) { try configured.diff(from: old, to: new, store: store) }
        diffs[key] = diff
        diffOrder.append(key)
        if diffOrder.count > 16 { diffs[diffOrder.removeFirst()] = nil }
        return diff
    }

    /// Computes and stores the ranking summary of a scan that was just stored and judged, from
    /// the snapshot still in memory, so trends never decode it again (the service calls it at the
    /// end of each run).
    public func summarise(_ snapshot: InventorySnapshot, findings: [Finding]) async throws {
        guard let scanID = snapshot.scanID else { return }
        let (store, method) = (store, method)
        // Scoring a large scan takes a second or more: on a thread of its own, never one of the
        // few threads that serve requests (a detached task held one and stalled every reader).
        let stored = try await LowPriorityThread.run {
            try Self.keep(method.score(snapshot, findings: findings), scanID: scanID, store: store, kind: Self.kind(method))
        }
        standings[scanID] = stored
        invalidate()
    }

    /// The same for a stored scan read back from the store (a resumed scan).
    public func summarise(scanID: Int64) async throws {
        let (store, method) = (store, method)
        let stored = try await LowPriorityThread.run { try Self.standings(of: scanID, store: store, method: method, kind: Self.kind(method)) }
        if let stored { standings[scanID] = stored }
        invalidate()
    }

    private func prepared() async throws -> Prepared? {
        if let latest {
            let fresh = checkedAt.map { ContinuousClock.now - $0 < freshness } ?? false
            if !fresh, checking == nil, refreshing == nil {
                // Asked off the actor and not awaited, on a thread of its own (the question waits while
                // a writer holds the store): a writer never stalls a reader, nor a thread readers need.
                let store = store
                checking = Task {
                    let newest = try? await LowPriorityThread.run(nice: 0) { try store.latestScanID() }
                    self.checked(newest)
                }
            }
            return latest
        }
        if let initial { return try await initial.value }
        guard let newest = try store.latestScanID() else { return nil }
        // Nothing to serve yet: build now (off the actor), and let every request wait for that one build.
        let task = Task { () async throws -> Prepared? in
            defer { self.initial = nil }
            let built = try await self.build(newest, nice: 0)
            self.install(built)
            self.checkedAt = .now
            return self.latest
        }
        initial = task
        return try await task.value
    }

    private func checked(_ newest: Int64??) {
        checking = nil
        checkedAt = .now
        guard let newest = newest ?? nil, let latest, newest != latest.view.scanID, refreshing == nil else { return }
        refreshing = Task { await self.refresh(newest) }
    }

    private func refresh(_ newest: Int64) async {
        if let built = try? await build(newest) { install(built) }
        refreshing = nil
    }

    /// Builds on a thread of its own; a rebuild (while the previous view is served) at a lower
    /// CPU priority, so requests keep the processor. The first build runs at normal priority:
    /// every request is waiting for it.
    private func build(_ newest: Int64, nice: Int32 = 5) async throws -> (Prepared, [Int64: [Standing]]) {
        let known = standings
        let (store, method, length) = (store, method, trendLength)
        return try await LowPriorityThread.run(nice: nice) {
            try Self.prepare(newest, store: store, method: method, known: known, trendLength: length)
        }
    }

    private func install(_ built: (Prepared, [Int64: [Standing]])) {
        if latest == nil || latest!.view.scanID <= built.0.view.scanID {
            latest = built.0
            responses.keep(scanID: built.0.view.scanID)
        }
        standings.merge(built.1) { old, _ in old }
        let kept = Set(built.0.scans.map(\.id))
        standings = standings.filter { kept.contains($0.key) }
    }

    /// Which summary holds a scan's standings under `method`: its id and a hash of its whole
    /// definition, so an edited method file is never read with another's figures.
    static func kind(_ method: RankingMethod) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in (try? encoder.encode(method)) ?? Data(method.id.utf8) {
            hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
        }
        return "ranking:\(method.id):\(String(hash, radix: 16))"
    }

    /// A scan's standings: from the store's summary, else scored now and kept there.
    static func standings(of scanID: Int64, store: AuditStore, method: RankingMethod, kind: String) throws -> [Standing]? {
        if let data = try store.summary(scanID: scanID, kind: kind) { return try JSONDecoder().decode([Standing].self, from: data) }
        guard let snapshot = try store.snapshot(id: scanID, evidence: false) else { return nil }
        let findings = try store.latestEvaluation(scanID: scanID)?.findings ?? []
        return try keep(method.score(snapshot, findings: findings), scanID: scanID, store: store, kind: kind)
    }

    static func keep(_ ranking: RankingResult, scanID: Int64, store: AuditStore, kind: String) throws -> [Standing] {
        let rows = ranking.units.map { Standing(unit: $0.unitID, score: $0.score * ranking.scale, rank: $0.rank) }
        try store.saveSummary(scanID: scanID, kind: kind, data: try JSONEncoder().encode(rows))
        return rows
    }

    /// Builds the view of scan `newest`, the standings of the trend's scans not in `known`, and
    /// the trends. Runs off the actor: it reads the store and scores whole scans.
    private static func prepare(
        _ newest: Int64, store: AuditStore, method: RankingMethod, known: [Int64: [Standing]], trendLength: Int
    ) throws -> (Prepared, [Int64: [Standing]]) {
        guard let view = try build(scanID: newest, store: store, method: method) else { throw ScanMissing(scanID: newest) }
        let kind = kind(method)
        var standings = known
        if standings[newest] == nil { standings[newest] = try keep(view.ranking, scanID: newest, store: store, kind: kind) }
        let scans = try store.scans()
        let window = Array(scans.filter(\.complete).prefix(trendLength).reversed())
        let missing = window.map(\.id).filter { standings[$0] == nil }
        for (id, data) in try store.summaries(kind: kind, scanIDs: missing) {
            standings[id] = try? JSONDecoder().decode([Standing].self, from: data)
        }
        var trends: [String: [TrendPoint]] = [:]
        for summary in window {
            if standings[summary.id] == nil {
                standings[summary.id] = try Self.standings(of: summary.id, store: store, method: method, kind: kind)
            }
            for unit in standings[summary.id] ?? [] {
                trends[unit.unit, default: []].append(TrendPoint(scanID: summary.id, date: summary.startedAt, score: unit.score, rank: unit.rank))
            }
        }
        return (Prepared(view: view, trends: trends, scans: scans), standings)
    }

    static func build(scanID: Int64, store: AuditStore, method: RankingMethod) throws -> ScanView? {
        guard let snapshot = try store.snapshot(id: scanID, evidence: false) else { return nil }
        let evaluation = try store.latestEvaluation(scanID: scanID)
        let findings = evaluation?.findings ?? []
        let (result, explained) = method.scoreAndExplain(snapshot, findings: findings, figures: DeclaredFigures())
        let explanations = explained.mapValues { LocalizedLines(vi: $0.lines(.vi), en: $0.lines(.en)) }
        return ScanView(
            scanID: scanID, inventoryName: snapshot.inventoryName, startedAt: snapshot.startedAt,
            finishedAt: snapshot.finishedAt, units: snapshot.units, hosts: snapshot.hosts.map(HostSummary.init),
            findings: findings, policies: evaluation?.policies ?? [], ranking: result, explanations: explanations)
    }
}

/// A scan listed in the store that could not be read back (deleted meanwhile by retention).
struct ScanMissing: Error, CustomStringConvertible {
    var scanID: Int64
    var description: String { "scan \(scanID) is no longer in the store" }
}

/// One point of a unit's trend.
public struct TrendPoint: Sendable, Hashable, Codable {
    public var scanID: Int64
    public var date: Date
    public var score: Double
    public var rank: Int
}

/// Lines of text in both languages.
public struct LocalizedLines: Sendable, Hashable {
    public var vi: [String]
    public var en: [String]
    public func lines(_ language: Language) -> [String] { language == .vi ? vi : en }
}

/// A host as the API lists it: what it is and how its scan went, without its raw evidence.
public struct HostSummary: Sendable, Hashable {
    public var endpoint: String
    public var unit: String
    public var status: HostStatus
    public var message: String?
    public var hostname: String?
    public var operatingSystem: String?
    public var kernel: String?
    public var antivirus: [String]
    public var listeningPorts: [Int]
    public var packages: Int?
    public var durationSeconds: Double

    init(_ host: HostScan) {
        endpoint = host.target.endpoint
        unit = host.target.unit
        status = host.status
        message = host.message
        hostname = host.facts?.hostname
        operatingSystem = host.facts?.os.map { $0.prettyName ?? $0.name ?? $0.id }
        kernel = host.facts?.kernel
        antivirus = host.facts?.antivirus.map { [$0.product, $0.version].compactMap { $0 }.joined(separator: " ") } ?? []
        listeningPorts = Array(Set(host.facts?.listening.map(\.port) ?? [])).sorted()
        packages = host.facts?.packages?.count
        durationSeconds = host.durationSeconds
    }
}

/// The newest (or a chosen) scan, judged and ranked, ready to serve, with the indexes its
/// requests need (by unit, by host), built once with it.
public struct ScanView: Sendable {
    public var scanID: Int64
    public var inventoryName: String
    public var startedAt: Date
    public var finishedAt: Date
    public var units: [InventoryModel.Unit]
    public var hosts: [HostSummary]
    public var findings: [Finding]
    public var policies: [String]
    public var ranking: RankingResult
    public var explanations: [String: LocalizedLines]
    /// Positions in `findings` by unit and by host, so a filter never passes over all of them.
    let findingsByUnit: [String: [Int]]
    let findingsByHost: [String: [Int]]
    let findingsByVerdict: [Verdict: [Int]]
    /// Positions already computed, by filter: a reader paging through one filter's findings
    /// costs a binary search per page, not a pass over every finding of the scan.
    private let matches = PositionMemo()
    /// Positions in `hosts` by endpoint and by unit.
    let hostByEndpoint: [String: Int]
    let hostsByUnit: [String: [Int]]
    /// Failed findings per host endpoint.
    public let failedByHost: [String: Int]

    public init(
        scanID: Int64, inventoryName: String, startedAt: Date, finishedAt: Date, units: [InventoryModel.Unit], hosts: [HostSummary],
        findings: [Finding], policies: [String], ranking: RankingResult, explanations: [String: LocalizedLines]
    ) {
        (self.scanID, self.inventoryName, self.startedAt, self.finishedAt) = (scanID, inventoryName, startedAt, finishedAt)
        (self.units, self.hosts, self.findings, self.policies) = (units, hosts, findings, policies)
        (self.ranking, self.explanations) = (ranking, explanations)
        var byUnit: [String: [Int]] = [:]
        var byHost: [String: [Int]] = [:]
        var byVerdict: [Verdict: [Int]] = [:]
        var failed: [String: Int] = [:]
        for (index, finding) in findings.enumerated() {
            byUnit[finding.unit, default: []].append(index)
            byHost[finding.host, default: []].append(index)
            byVerdict[finding.verdict, default: []].append(index)
            if finding.verdict == .fail { failed[finding.host, default: 0] += 1 }
        }
        (findingsByUnit, findingsByHost, findingsByVerdict, failedByHost) = (byUnit, byHost, byVerdict, failed)
        var endpoints: [String: Int] = [:]
        var unitHosts: [String: [Int]] = [:]
        for (index, host) in hosts.enumerated() {
            if endpoints[host.endpoint] == nil { endpoints[host.endpoint] = index }
            unitHosts[host.unit, default: []].append(index)
        }
        (hostByEndpoint, hostsByUnit) = (endpoints, unitHosts)
    }

    /// The host with this endpoint, if the scan has it.
    public func host(_ endpoint: String) -> HostSummary? { hostByEndpoint[endpoint].map { hosts[$0] } }

    /// A unit's hosts, in scan order.
    public func hosts(unit: String) -> [HostSummary] { (hostsByUnit[unit] ?? []).map { hosts[$0] } }

    /// Findings matching every filter given.
    public func findings(unit: String?, severity: Severity?, verdict: Verdict?, policy: String?, host: String? = nil) -> [Finding] {
        positions(unit: unit, severity: severity, verdict: verdict, policy: policy, host: host).map { findings[$0] }
    }

    /// Positions in `findings` of those matching every filter, in order: a page of them is
    /// named by the position after its last (the API's cursor).
    public func positions(unit: String?, severity: Severity?, verdict: Verdict?, policy: String?, host: String? = nil) -> [Int] {
        let key = [unit ?? "", severity?.rawValue ?? "", verdict?.rawValue ?? "", policy ?? "", host ?? ""].joined(separator: "\u{1}")
        if let known = matches[key] { return known }
        // The narrowest index the filter names, then the other conditions on those alone.
        var candidates: [Int]?
        for list in [host.map { findingsByHost[$0] ?? [] }, unit.map { findingsByUnit[$0] ?? [] }, verdict.map { findingsByVerdict[$0] ?? [] }]
        where list != nil && list!.count < candidates?.count ?? Int.max {
            candidates = list
        }
        let found = (candidates ?? Array(findings.indices)).filter {
            (unit == nil || findings[$0].unit == unit) && (severity == nil || findings[$0].severity == severity)
                && (verdict == nil || findings[$0].verdict == verdict) && (policy == nil || findings[$0].policyID == policy)
                && (host == nil || findings[$0].host == host)
        }
        matches[key] = found
        return found
    }
}

/// Filter results of one view, shared by every request reading it; a lock, so readers never
/// queue behind an actor to look. Bounded: past `budget` positions kept (8 bytes each, 16 MiB)
/// it starts again empty.
final class PositionMemo: @unchecked Sendable {
    private let lock = NSLock()
    private var known: [String: [Int]] = [:]
    private var kept = 0
    let budget = 2 << 20

    subscript(key: String) -> [Int]? {
        get { lock.withLock { known[key] } }
        set {
            guard let newValue else { return }
            lock.withLock {
                if kept + newValue.count > budget { (known, kept) = ([:], 0) }
                kept += newValue.count - (known.updateValue(newValue, forKey: key)?.count ?? 0)
            }
        }
    }
}
