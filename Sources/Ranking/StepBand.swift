/// One band of a step score: a value at least `from` earns `points`.
///
/// Official point schemes (WAN coverage "up to 50 points") are written as bands, not formulas,
/// so the file reads like the decision it copies.
public struct StepBand: Codable, Sendable, Hashable {
    public var from: Double
    public var points: Double

    public init(from: Double, points: Double) {
        self.from = from
        self.points = points
    }
}
