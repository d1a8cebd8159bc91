import Foundation
import Inventory
public import InventoryModel
import PolicyEngine
public import Ranking

extension AuditWorkspace {
    /// Figures a unit declared (CSV), checked against the method's indicators; none without a file.
    public func declaredFigures(_ path: String?, method: RankingMethod) throws -> DeclaredFigures {
        guard let path else { return DeclaredFigures() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw WorkspaceError("cannot read the figures file \(path): \(error.localizedDescription)")
        }
        return try DeclaredFigures.parseCSV(text, file: path, method: method)
    }

    /// A stored scan and its latest findings, for figures measured rather than declared.
    public func measured(scan id: Int64?) throws -> (snapshot: InventorySnapshot, findings: [Finding]) {
        let store = try openStore()
        let snapshot = try storedSnapshot(store, id: id)
        return (snapshot, try store.latestEvaluation(scanID: snapshot.scanID!)?.findings ?? [])
    }
}
