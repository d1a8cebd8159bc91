public import InventoryModel

/// Figures units report themselves, as the ministry process works: one row per unit, one value per
/// indicator or pillar id. Units that cannot be scanned are ranked from these alone.
public struct DeclaredFigures: Sendable, Hashable {
    public struct Row: Sendable, Hashable {
        public var unit: String
        public var name: LocalizedText?
        /// A peer group id, when the figures place the unit in one.
        public var group: String?
        /// By indicator or pillar id; a missing id is a figure not reported.
        public var values: [String: Double]

        public init(unit: String, name: LocalizedText? = nil, group: String? = nil, values: [String: Double]) {
            self.unit = unit
            self.name = name
            self.group = group
            self.values = values
        }
    }

    public var rows: [Row]

    public init(rows: [Row] = []) {
        self.rows = rows
    }

    func row(_ unit: String) -> Row? { rows.first { $0.unit == unit } }
}
