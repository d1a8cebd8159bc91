public import InventoryModel

/// The outcome of ranking every unit under one method.
public struct RankingResult: Codable, Sendable, Hashable {
    public var methodID: String
    public var methodName: LocalizedText
    /// In rank order (within each peer group, groups in the method's order); tied units by unit id.
    public var units: [UnitScore]
    /// Display multiplier of the method (1 for an index, 100 for a 100-point scale).
    public var scale: Double
    /// Decimals to show; values are kept at full precision.
    public var decimals: Int

    public init(
        methodID: String, methodName: LocalizedText, units: [UnitScore], scale: Double = 1,
        decimals: Int = 4
    ) {
        self.methodID = methodID
        self.methodName = methodName
        self.units = units
        self.scale = scale
        self.decimals = decimals
    }
}

/// One unit's index and rank, with every pillar and indicator that went into it.
public struct UnitScore: Codable, Sendable, Hashable {
    public var unitID: String
    public var unitName: LocalizedText
    /// In the method's order.
    public var indicators: [IndicatorScore]
    /// The aggregated pillar values, in [0, 1], at full precision; round only for display.
    public var score: Double
    /// Competition rank ("1224") within the unit's peer group, starting at 1.
    public var rank: Int
    /// In the method's order.
    public var pillars: [PillarScore]
    /// The peer group the unit was ranked in, if the method has groups.
    public var group: String?
    public var tier: Tier?

    public init(
        unitID: String, unitName: LocalizedText, indicators: [IndicatorScore], score: Double,
        rank: Int, pillars: [PillarScore] = [], group: String? = nil, tier: Tier? = nil
    ) {
        self.unitID = unitID
        self.unitName = unitName
        self.indicators = indicators
        self.score = score
        self.rank = rank
        self.pillars = pillars
        self.group = group
        self.tier = tier
    }
}

/// One pillar for one unit: its value and its share of the score.
public struct PillarScore: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    /// Normally in [0, 1].
    public var value: Double
    /// The pillar's weight or maximum points as the method gives it.
    public var weight: Double
    /// The part of the unit's score this pillar makes; a unit's pillar contributions add up to its score.
    public var contribution: Double
    /// `declared` when the unit reported the pillar's value directly, `measured` when it was
    /// computed from indicators (some of which may themselves be declared), `missing` otherwise.
    public var source: FigureSource

    public init(
        id: String, label: LocalizedText, value: Double, weight: Double, contribution: Double,
        source: FigureSource
    ) {
        self.id = id
        self.label = label
        self.value = value
        self.weight = weight
        self.contribution = contribution
        self.source = source
    }
}

/// One indicator for one unit: the raw figure, its normalised value and its share of the index.
public struct IndicatorScore: Codable, Sendable, Hashable {
    public var id: String
    public var label: LocalizedText
    public var raw: Double
    /// Normally in [0, 1] (a z-score is not).
    public var normalised: Double
    /// The indicator's weight as the method gives it.
    public var weight: Double
    /// Its part of the unit's score; a unit's indicator contributions add up to the score of the
    /// pillars computed from indicators.
    public var contribution: Double
    /// `false` when there was nothing to measure (no judged rules, no hosts, no staff declared): the
    /// value is then 0 by convention, and a report should say so rather than show a plain 0.
    public var hasData: Bool
    /// Why the raw value is what it is, counts included.
    public var explanation: LocalizedText
    /// Whether ictaudit measured the figure or the unit declared it.
    public var source: FigureSource

    public init(
        id: String, label: LocalizedText, raw: Double, normalised: Double, weight: Double,
        contribution: Double,
        hasData: Bool, explanation: LocalizedText, source: FigureSource = .measured
    ) {
        self.id = id
        self.label = label
        self.raw = raw
        self.normalised = normalised
        self.weight = weight
        self.contribution = contribution
        self.hasData = hasData
        self.explanation = explanation
        self.source = source
    }
}
