public import InventoryModel

/// Units ranked only among themselves, as ministries with public services are ranked apart from
/// those without. Population-relative normalisations (min-max, z-score, best unit) also see only
/// the group, so one group's leader does not move another group's scores.
public struct PeerGroup: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var label: LocalizedText
    /// Members named in the method file; the figures CSV may also place a unit with a `group` column.
    public var units: [String]

    public init(id: String, label: LocalizedText, units: [String] = []) {
        self.id = id
        self.label = label
        self.units = units
    }
}
