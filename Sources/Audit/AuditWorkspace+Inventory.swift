public import Foundation
public import InventoryModel
public import Reports

extension AuditWorkspace {
    /// The asset register of a stored scan (the newest complete one when `scan` is nil), for
    /// `ictaudit inventory`; `unit` narrows it to one unit, which must be one of the scan's.
    public func assetRegister(scan: Int64?, unit: String?, language: Language) throws -> AssetRegister {
        let snapshot = try storedSnapshot(try openStore(), id: scan)
        if let unit, !snapshot.units.contains(where: { $0.id == unit }) {
            let ids = snapshot.units.map(\.id)
            let hint = NameSuggestion.nearest(to: unit, among: ids).map { "; did you mean '\($0)'?" } ?? ""
            throw WorkspaceError(
                "scan \(snapshot.scanID.map(String.init) ?? "?") has no unit '\(unit)' (units: \(ids.joined(separator: ", ")))\(hint)")
        }
        return AssetRegister(snapshot: snapshot, unit: unit, language: language)
    }
}
