/// How the parts of a pillar, or the pillars of a method, are combined into one value in [0, 1].
public enum Aggregation: String, Codable, Sendable, Hashable, CaseIterable {
    /// Σ weight × value / Σ weight.
    case weightedMean = "weighted_mean"
    /// The plain mean: weights are ignored, as the ICT Index averages its three pillars.
    case mean
    /// Σ points earned / Σ maximum points: the arithmetic of point schemes (DTI out of 1000, MIC
    /// points). Each part's weight is its maximum points and its value the share of them earned.
    case points

    /// The share of the total each part carries; they add up to 1 unless every weight is 0.
    func shares(_ weights: [Double]) -> [Double] {
        switch self {
        case .mean:
            return weights.map { _ in weights.isEmpty ? 0 : 1 / Double(weights.count) }
        case .weightedMean, .points:
            let total = weights.reduce(0, +)
            return weights.map { total > 0 ? $0 / total : 0 }
        }
    }
}
