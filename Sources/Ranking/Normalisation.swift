/// How a raw indicator value is mapped onto [0, 1] before weighting.
///
/// Normalisation sees every unit's raw value, not just one, so population-relative methods
/// (min-max, z-score) can join as new cases without changing the call sites.
public enum Normalisation: Codable, Sendable, Hashable {
    /// `raw / target`, capped at 1; a target of 0 or less gives 1 for any positive value.
    case ratioToTarget(Double)
    /// The raw value is already a share; clamped to [0, 1].
    case share

    /// The normalised value of `raw`; `population` holds every unit's raw value for this indicator.
    public func normalise(_ raw: Double, population: [Double]) -> Double {
        switch self {
        case .ratioToTarget(let target):
            guard target > 0 else { return raw > 0 ? 1 : 0 }
            return Self.clamp(raw / target)
        case .share:
            return Self.clamp(raw)
        }
    }

    private static func clamp(_ value: Double) -> Double {
        guard value.isFinite else { return value == .infinity ? 1 : 0 }
        return min(max(value, 0), 1)
    }
}
