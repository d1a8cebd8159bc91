import InventoryModel

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

    public init(
        id: String, label: LocalizedText, measure: Measure, normalisation: Normalisation,
        weight: Double
    ) {
        self.id = id
        self.label = label
        self.measure = measure
        self.normalisation = normalisation
        self.weight = weight
    }
}
