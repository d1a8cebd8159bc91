import Foundation
public import Inventory
public import InventoryModel
import PolicyEngine
import Ranking

extension AuditPipeline {
    /// What changed from stored scan `old` to stored scan `new`: hosts, facts, findings and ranks.
    ///
    /// Findings are each scan's newest stored evaluation; a scan never judged is judged now
    /// against `policies` (and the evaluation stored) when they are given, else its findings are
    /// left out of the comparison. Units are ranked with `rankingMethod` on both sides.
    public func diff(
        from old: Int64, to new: Int64, store: AuditStore, policies: PolicySet? = nil
    ) throws -> ScanDiff {
        func side(_ id: Int64) throws -> ScanDiff.Side {
            guard let snapshot = try store.snapshot(id: id) else {
                throw StoreError(path: store.path, problem: .noScan(id))
            }
            var findings = try store.latestEvaluation(scanID: id)?.findings
            if findings == nil, let policies {
                findings = try evaluate(snapshot, policies: policies, store: store)
            }
            return ScanDiff.Side(
                snapshot: snapshot, findings: findings,
                standings: findings.map { rank(snapshot, findings: $0).standings })
        }
        return ScanDiff(from: try side(old), to: try side(new))
    }
}
