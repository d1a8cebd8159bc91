public import Foundation
public import Inventory
public import InventoryModel
public import Ranking

/// What the API and dashboard read: the newest scan judged and ranked, kept in memory, and each
/// stored scan's ranking for trends.
///
/// Scans never change once stored, so a scan's ranking is computed once and kept; the newest
/// scan's view is rebuilt only when a newer scan appears. Requests then read prepared values:
/// that is what keeps the ranking, unit and findings endpoints fast on a store of thousands of
/// hosts (see `Benchmarks/ServiceLoad`).
public actor ScanCatalog {
    public let store: AuditStore
    public let method: RankingMethod
    /// How many stored scans a trend covers.
    public let trendLength: Int
    private var rankings: [Int64: RankingResult] = [:]
    private var latest: Prepared?
    private var refreshing: Task<Void, Never>?

    /// The newest scan's view with what every request around it needs, built together.
    struct Prepared: Sendable {
        var view: ScanView
        var trends: [String: [TrendPoint]]
        var scans: [ScanSummary]
    }

    public init(store: AuditStore, method: RankingMethod, trendLength: Int = 30) {
        self.store = store
        self.method = method
        self.trendLength = trendLength
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

    /// A stored scan's view (the newest is cached; others are built on request).
    public func view(scanID: Int64) async throws -> ScanView? {
        if let latest = try await current(), latest.scanID == scanID { return latest }
        return try Self.build(scanID: scanID, store: store, method: method)
    }

    private func prepared() async throws -> Prepared? {
        guard let newest = try store.latestScanID() else { return nil }
        if let latest, latest.view.scanID == newest { return latest }
        if latest != nil {
            if refreshing == nil { refreshing = Task { await self.refresh(newest) } }
            return latest
        }
        // Nothing to serve yet: build now (off the actor), and wait for it.
        let known = rankings
        let (store, method, length) = (store, method, trendLength)
        let built = try await Task.detached { try Self.prepare(newest, store: store, method: method, known: known, trendLength: length) }.value
        install(built)
        return latest
    }

    private func refresh(_ newest: Int64) async {
        let known = rankings
        let (store, method, length) = (store, method, trendLength)
        let built = try? await Task.detached { try Self.prepare(newest, store: store, method: method, known: known, trendLength: length) }.value
        if let built { install(built) }
        refreshing = nil
    }

    private func install(_ built: (Prepared, [Int64: RankingResult])) {
        if latest == nil || latest!.view.scanID <= built.0.view.scanID { latest = built.0 }
        rankings.merge(built.1) { old, _ in old }
    }

    /// Builds the view of scan `newest`, the rankings of the trend's scans not in `known`, and
    /// the trends. Runs off the actor: it reads the store and scores whole scans.
    private static func prepare(
        _ newest: Int64, store: AuditStore, method: RankingMethod, known: [Int64: RankingResult], trendLength: Int
    ) throws -> (Prepared, [Int64: RankingResult]) {
        guard let view = try build(scanID: newest, store: store, method: method) else { throw ScanMissing(scanID: newest) }
        var rankings = known
        rankings[newest] = view.ranking
        let scans = try store.scans()
        var trends: [String: [TrendPoint]] = [:]
        for summary in scans.filter(\.complete).prefix(trendLength).reversed() {
            if rankings[summary.id] == nil {
                guard let snapshot = try store.snapshot(id: summary.id) else { continue }
                let findings = try store.latestEvaluation(scanID: summary.id)?.findings ?? []
                rankings[summary.id] = method.score(snapshot, findings: findings)
            }
            let ranking = rankings[summary.id]!
            for unit in ranking.units {
                trends[unit.unitID, default: []].append(
                    TrendPoint(scanID: summary.id, date: summary.startedAt, score: unit.score * ranking.scale, rank: unit.rank))
            }
        }
        return (Prepared(view: view, trends: trends, scans: scans), rankings)
    }

    static func build(scanID: Int64, store: AuditStore, method: RankingMethod) throws -> ScanView? {
        guard let snapshot = try store.snapshot(id: scanID) else { return nil }
        let evaluation = try store.latestEvaluation(scanID: scanID)
        let findings = evaluation?.findings ?? []
        let result = method.score(snapshot, findings: findings)
        var explanations: [String: LocalizedLines] = [:]
        for unit in result.units {
            if let explanation = method.explain(unit.unitID, snapshot: snapshot, findings: findings, figures: DeclaredFigures()) {
                explanations[unit.unitID] = LocalizedLines(vi: explanation.lines(.vi), en: explanation.lines(.en))
            }
        }
        var byUnit: [String: [Int]] = [:]
        for (index, finding) in findings.enumerated() { byUnit[finding.unit, default: []].append(index) }
        return ScanView(
            scanID: scanID, inventoryName: snapshot.inventoryName, startedAt: snapshot.startedAt,
            finishedAt: snapshot.finishedAt, units: snapshot.units, hosts: snapshot.hosts.map(HostSummary.init),
            findings: findings, policies: evaluation?.policies ?? [], ranking: result, explanations: explanations,
            findingsByUnit: byUnit)
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

/// The newest (or a chosen) scan, judged and ranked, ready to serve.
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
    /// Positions in `findings` by unit, so a unit's findings are found without a pass over all.
    var findingsByUnit: [String: [Int]] = [:]

    /// Findings matching every filter given.
    public func findings(unit: String?, severity: Severity?, verdict: Verdict?, policy: String?, host: String? = nil) -> [Finding] {
        let candidates = unit.map { (findingsByUnit[$0] ?? []).map { findings[$0] } } ?? findings
        return candidates.filter {
            (unit == nil || $0.unit == unit) && (severity == nil || $0.severity == severity)
                && (verdict == nil || $0.verdict == verdict) && (policy == nil || $0.policyID == policy)
                && (host == nil || $0.host == host)
        }
    }
}
