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
            let nearest = NameSuggestion.nearest(to: unit, among: ids)
            let scan = snapshot.scanID.map(String.init) ?? "?"
            let units = ids.joined(separator: ", ")
            throw WorkspaceError(
                vi: "lần quét \(scan) không có đơn vị '\(unit)' (các đơn vị: \(units))" + (nearest.map { "; có phải '\($0)'?" } ?? ""),
                en: "scan \(scan) has no unit '\(unit)' (units: \(units))" + (nearest.map { "; did you mean '\($0)'?" } ?? ""))
        }
        return AssetRegister(snapshot: snapshot, unit: unit, language: language)
    }
}
