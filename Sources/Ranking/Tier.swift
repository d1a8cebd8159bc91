public import InventoryModel

/// A named band of scores (Tốt / Khá, A–E). A unit is in the highest tier whose `minimum` its
/// displayed score reaches.
public struct Tier: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var label: LocalizedText
    /// On the method's display scale (`RankingMethod.scale`), inclusive.
    public var minimum: Double

    public init(id: String, label: LocalizedText, minimum: Double) {
        self.id = id
        self.label = label
        self.minimum = minimum
    }
}
