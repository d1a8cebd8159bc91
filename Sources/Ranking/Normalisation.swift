import Foundation

/// How a raw value is brought onto a common scale, normally [0, 1], before weighting.
///
/// Normalisation sees every ranked unit's raw value (`population`, the units of the same peer
/// group that have data), because several official methods are relative: min-max and z-score
/// across units, or the ratio to the best unit.
public enum Normalisation: Codable, Sendable, Hashable {
    /// `raw / target`, capped at 1 (ITU style); a target of 0 or less gives 1 for any positive value.
    case ratioToTarget(Double)
    /// `log(raw) / log(target)`, capped to [0, 1] (ITU IDI style for figures spread over orders of
    /// magnitude, such as bandwidth); the target must be above 1.
    case logRatioToTarget(Double)
    /// The raw value is already a share; clamped to [0, 1].
    case share
    /// `(raw - min) / (max - min)` across the population. When every unit has the same value
    /// nobody is behind: a positive value gives 1, zero or less gives 0.
    case minMax
    /// `raw / best` where best is the population's highest value, capped at 1.
    case ratioToBest
    /// `(raw - mean) / standard deviation` across the population (population deviation, n);
    /// unbounded. Used for indicators averaged into a pillar that is then rescaled.
    case zScore
    /// z-score, then min-max of the z-scores to [0, 1] (UN EGDI style). For one indicator this
    /// equals min-max; it is kept as its own case so a method file can say what its source says.
    case zScoreMinMax
    /// Value bands to points; the result is the band's points over the highest band's points.
    case steps([StepBand])
    /// The value as it is, e.g. a pillar already normalised by the publisher.
    case raw

    /// The normalised value of `raw`; `population` holds every ranked unit's raw value.
    public func normalise(_ raw: Double, population: [Double]) -> Double {
        switch self {
        case .ratioToTarget(let target):
            guard target > 0 else { return raw > 0 ? 1 : 0 }
            return Self.clamp(raw / target)
        case .logRatioToTarget(let target):
            guard target > 1, raw > 1 else { return raw >= target && raw > 0 ? 1 : 0 }
            return Self.clamp(Foundation.log(raw) / Foundation.log(target))
        case .share:
            return Self.clamp(raw)
        case .minMax:
            return Self.minMax(raw, population)
        case .ratioToBest:
            guard let best = population.max(), best > 0 else { return raw > 0 ? 1 : 0 }
            return Self.clamp(raw / best)
        case .zScore:
            return Self.zScore(raw, population)
        case .zScoreMinMax:
            return Self.minMax(Self.zScore(raw, population), population.map { Self.zScore($0, population) })
        case .steps(let bands):
            let top = bands.map(\.points).max() ?? 0
            guard top > 0 else { return 0 }
            let earned = bands.filter { raw >= $0.from }.map(\.points).max() ?? 0
            return earned / top
        case .raw:
            return raw.isFinite ? raw : 0
        }
    }

    /// The smallest raw value that earns the most this normalisation can give, within `population`;
    /// `nil` when there is no such ceiling (z-score, raw). Explanations aim changes at it.
    func ceiling(population: [Double]) -> Double? {
        switch self {
        case .ratioToTarget(let target), .logRatioToTarget(let target): target > 0 ? target : nil
        case .share: 1
        case .minMax, .ratioToBest, .zScoreMinMax, .zScore: population.max()
        case .steps(let bands):
            bands.max { $0.points != $1.points ? $0.points < $1.points : $0.from > $1.from }?.from
        case .raw: nil
        }
    }

    private static func minMax(_ raw: Double, _ population: [Double]) -> Double {
        guard let low = population.min(), let high = population.max() else { return raw > 0 ? 1 : 0 }
        guard high > low else { return raw > 0 ? 1 : 0 }
        return clamp((raw - low) / (high - low))
    }

    private static func zScore(_ raw: Double, _ population: [Double]) -> Double {
        guard !population.isEmpty else { return 0 }
        let n = Double(population.count)
        let mean = population.reduce(0, +) / n
        let variance = population.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / n
        guard variance > 0 else { return 0 }
        return (raw - mean) / variance.squareRoot()
    }

    private static func clamp(_ value: Double) -> Double {
        guard value.isFinite else { return value == .infinity ? 1 : 0 }
        return min(max(value, 0), 1)
    }
}
