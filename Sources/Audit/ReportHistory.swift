import Foundation
public import Inventory
public import InventoryModel
public import Ranking
public import Reports

/// What a report says about the past, read from the store: the changes since the previous scan of
/// the same inventory (or the scan the user named with `--compare`), and each unit's score over
/// the stored scans for the trend chart.
///
/// Earlier scans are ranked again with the method of this report, so a trend never mixes two
/// methods' scales; scans that were never judged against policies are left out of the trend (their
/// rule-based indicators would read as zero) and compared without findings.
public struct ReportHistory: Sendable {
    public var changes: ScanDiff?
    public var trend: [ScanScores]

    /// How many stored scans the trend chart shows at most (the newest ones).
    public static let trendLimit = 12

    public static func load(
        for snapshot: InventorySnapshot, findings: [Finding], ranking: RankingResult, method: RankingMethod,
        store: AuditStore, compare: Int64? = nil
    ) throws -> ReportHistory {
        guard let currentID = snapshot.scanID else { return ReportHistory(changes: nil, trend: []) }
        let earlier = try store.scans()
            .filter { $0.inventoryName == snapshot.inventoryName && $0.id < currentID }
            .sorted { $0.id < $1.id }

        let current = ScanDiff.Side(snapshot: snapshot, findings: findings, standings: ranking.standings)
        var changes: ScanDiff?
        if let previousID = compare ?? earlier.last?.id {
            guard let previous = try store.snapshot(id: previousID) else {
                throw ReportHistoryError.noSuchScan(previousID)
            }
            let stored = try store.latestEvaluation(scanID: previousID)?.findings
            let standings = stored.map { method.score(previous, findings: $0).standings }
            changes = ScanDiff(
                from: ScanDiff.Side(snapshot: previous, findings: stored, standings: standings), to: current)
        }

        var trend: [ScanScores] = []
        for summary in earlier.suffix(trendLimit - 1) {
            guard let stored = try store.latestEvaluation(scanID: summary.id),
                let old = try store.snapshot(id: summary.id)
            else { continue }
            trend.append(scores(method.score(old, findings: stored.findings), old))
        }
        trend.append(scores(ranking, snapshot))
        return ReportHistory(changes: changes, trend: trend)
    }

    private static func scores(_ ranking: RankingResult, _ snapshot: InventorySnapshot) -> ScanScores {
        ScanScores(
            scanID: snapshot.scanID, startedAt: snapshot.startedAt,
            scores: Dictionary(
                ranking.units.map { ($0.unitID, $0.score * ranking.scale) }, uniquingKeysWith: { first, _ in first }))
    }
}

/// `--compare` named a scan the store does not hold.
public enum ReportHistoryError: WordedError, CustomStringConvertible, Sendable {
    case noSuchScan(Int64)

    public var description: String { text(.en) }

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.noSuchScan(let id), .en): "--compare: no scan \(id) in the store (ictaudit scans lists them)"
        case (.noSuchScan(let id), .vi): "--compare: kho không có lần quét \(id) (ictaudit scans liệt kê các lần quét)"
        }
    }
}
