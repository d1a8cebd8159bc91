import InventoryModel

/// The outcome of ranking every unit of a snapshot under one method.
public struct RankingResult: Codable, Sendable, Hashable {
    public var methodID: String
    public var methodName: LocalizedText
    /// In rank order; tied units by unit id.
    public var units: [UnitScore]

    public init(methodID: String, methodName: LocalizedText, units: [UnitScore]) {
        self.methodID = methodID
        self.methodName = methodName
        self.units = units
    }
}

/// One unit's index and rank, with every indicator that went into it.
public struct UnitScore: Codable, Sendable, Hashable {
    public var unitID: String
    public var unitName: LocalizedText
    /// In the method's order.
    public var indicators: [IndicatorScore]
    /// The weighted mean of the normalised indicator values, in [0, 1], at full precision;
    /// round only for display.
    public var score: Double
    /// Competition rank ("1224"), starting at 1.
    public var rank: Int

    public init(
        unitID: String, unitName: LocalizedText, indicators: [IndicatorScore], score: Double,
        rank: Int
    ) {
        self.unitID = unitID
        self.unitName = unitName
        self.indicators = indicators
        self.score = score
        self.rank = rank
    }
}

/// One indicator for one unit: the raw figure, its normalised value and its share of the index.
public struct IndicatorScore: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var raw: Double
    /// In [0, 1].
    public var normalised: Double
    /// The indicator's weight as the method gives it.
    public var weight: Double
    /// `weight × normalised / sum of weights`; a unit's contributions add up to its score.
    public var contribution: Double
    /// `false` when there was nothing to measure (no judged rules, no hosts, no staff declared): the
    /// value is then 0 by convention, and a report should say so rather than show a plain 0.
    public var hasData: Bool
    /// Why the raw value is what it is, counts included.
    public var explanation: LocalizedText

    public init(
        id: String, label: LocalizedText, raw: Double, normalised: Double, weight: Double,
        contribution: Double,
        hasData: Bool, explanation: LocalizedText
    ) {
        self.id = id
        self.label = label
        self.raw = raw
        self.normalised = normalised
        self.weight = weight
        self.contribution = contribution
        self.hasData = hasData
        self.explanation = explanation
    }
}
