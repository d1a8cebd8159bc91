import Foundation
import Inventory
import InventoryModel
import Ranking

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
    private var rankings: [Int64: ScanRanking] = [:]
    private var latest: ScanView?

    public init(store: AuditStore, method: RankingMethod, trendLength: Int = 30) {
        self.store = store
        self.method = method
        self.trendLength = trendLength
    }

    /// The newest scan's view, or `nil` when the store holds no scan yet.
    public func current() throws -> ScanView? {
        guard let newest = try store.latestScanID() else { return nil }
        if let latest, latest.scanID == newest { return latest }
        let view = try build(scanID: newest)
        latest = view
        return view
    }

    /// A stored scan's view (the newest is cached; others are built on request).
    public func view(scanID: Int64) throws -> ScanView? {
        if let latest = try current(), latest.scanID == scanID { return latest }
        return try build(scanID: scanID)
    }

    /// Every stored scan, newest first.
    public func scans() throws -> [ScanSummary] { try store.scans() }

    /// Each unit's score and rank over the last `trendLength` scans, oldest first.
    public func trends() throws -> [String: [TrendPoint]] {
        let summaries = try store.scans().prefix(trendLength).reversed()
        var result: [String: [TrendPoint]] = [:]
        for summary in summaries {
            let ranking = try ranking(scanID: summary.id)
            for unit in ranking.result.units {
                result[unit.unitID, default: []].append(
                    TrendPoint(scanID: summary.id, date: summary.startedAt, score: unit.score * ranking.result.scale, rank: unit.rank))
            }
        }
        return result
    }

    private func ranking(scanID: Int64) throws -> ScanRanking {
        if let known = rankings[scanID] { return known }
        guard let snapshot = try store.snapshot(id: scanID) else { throw ScanMissing(scanID: scanID) }
        let findings = try store.latestEvaluation(scanID: scanID)?.findings ?? []
        let ranking = ScanRanking(result: method.score(snapshot, findings: findings))
        rankings[scanID] = ranking
        return ranking
    }

    private func build(scanID: Int64) throws -> ScanView? {
        guard let snapshot = try store.snapshot(id: scanID) else { return nil }
        let evaluation = try store.latestEvaluation(scanID: scanID)
        let findings = evaluation?.findings ?? []
        let result = method.score(snapshot, findings: findings)
        rankings[scanID] = ScanRanking(result: result)
        var explanations: [String: LocalizedLines] = [:]
        for unit in result.units {
            if let explanation = method.explain(unit.unitID, snapshot: snapshot, findings: findings, figures: DeclaredFigures()) {
                explanations[unit.unitID] = LocalizedLines(vi: explanation.lines(.vi), en: explanation.lines(.en))
            }
        }
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

struct ScanRanking: Sendable {
    var result: RankingResult
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

    /// Findings matching every filter given.
    public func findings(unit: String?, severity: Severity?, verdict: Verdict?, policy: String?, host: String? = nil) -> [Finding] {
        findings.filter {
            (unit == nil || $0.unit == unit) && (severity == nil || $0.severity == severity)
                && (verdict == nil || $0.verdict == verdict) && (policy == nil || $0.policyID == policy)
                && (host == nil || $0.host == host)
        }
    }
}
