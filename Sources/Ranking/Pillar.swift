public import InventoryModel

/// A sub-index (trụ cột, chỉ số thành phần): indicators combined by an aggregation, or a value the
/// unit declares directly, already normalised to [0, 1] by whoever computed it.
public struct Pillar: Codable, Sendable, Hashable, Identifiable {
    /// Stable id used in results and as the figures CSV column, e.g. `ha_tang_so`.
    public var id: String
    public var label: LocalizedText
    /// Relative weight, or maximum points when the method aggregates points.
    public var weight: Double
    /// How the pillar's indicators combine; unused when it has none.
    public var aggregation: Aggregation
    /// Applied to the pillar's combined value across the ranked units, e.g. min-max after averaging
    /// z-scores; `nil` keeps the combined value.
    public var normalisation: Normalisation?
    /// May be empty: the pillar's value then only comes from declared figures.
    public var indicators: [Indicator]

    public init(
        id: String, label: LocalizedText, weight: Double, aggregation: Aggregation = .weightedMean,
        normalisation: Normalisation? = nil, indicators: [Indicator] = []
    ) {
        self.id = id
        self.label = label
        self.weight = weight
        self.aggregation = aggregation
        self.normalisation = normalisation
        self.indicators = indicators
    }
}
