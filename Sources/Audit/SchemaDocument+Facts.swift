public import InventoryModel
public import PolicyEngine

extension SchemaDocument {
    /// `ictaudit facts schema`: every fact path a policy or a ranking indicator can read (hosts
    /// and units), in one language or, by default, both.
    public static func everyFact(in language: Language?) -> String {
        render(
            languages: language.map { [$0] } ?? [.vi, .en],
            roots: FactSchema.roots.merging(FactSchema.unitRoots) { host, _ in host })
    }
}
