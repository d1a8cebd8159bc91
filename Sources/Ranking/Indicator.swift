public import InventoryModel

/// One measured quantity of a ranking method: what to measure, how to bring it onto [0, 1], and
/// how much it weighs in the index.
///
/// Indicators carry their own id and bilingual label so that a method file can add new ones
/// without the report or the result types changing shape.
public struct Indicator: Codable, Sendable, Hashable, Identifiable {
    /// Stable id used in results, reports and method files, e.g. `computers_per_staff`.
    public var id: String
    public var label: LocalizedText
    public var measure: Measure
    public var normalisation: Normalisation
    /// Relative weight; the index divides by the sum of all weights, so weights need not add up to 1.
    public var weight: Double
    /// Where the declared figure comes from when the audit measured nothing (`declared_value:`),
    /// an expression over `unit` such as `unit.internet.contracted_per_staff_mbps`; a figure in
    /// the figures CSV or the inventory's `declared:` under the indicator's id still wins.
    public var declaredValue: String?

    public init(
        id: String, label: LocalizedText, measure: Measure, normalisation: Normalisation,
        weight: Double, declaredValue: String? = nil
    ) {
        self.declaredValue = declaredValue
        self.id = id
        self.label = label
        self.measure = measure
        self.normalisation = normalisation
        self.weight = weight
    }
}
