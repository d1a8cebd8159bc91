/// A closed set of fixed labels a user reads, each in Vietnamese and English.
///
/// Every module that shows labels (the reports, the dashboard) keeps its own key enum, and the
/// enum's `text` is one exhaustive `switch` returning `LocalizedText`: a key without both texts
/// does not compile. This protocol gives every such table the same lookups, so a label is read
/// one way whichever table it comes from.
public protocol LabelKey: CaseIterable, Sendable {
    /// The label in both languages.
    var text: LocalizedText { get }
}

extension LabelKey {
    /// The label in one language.
    public func text(in language: Language) -> String { text.text(language) }

    /// Every label in one language under its case name, for a template's table (`{{t.ranking}}`).
    public static func table(_ language: Language) -> [String: String] {
        Dictionary(uniqueKeysWithValues: allCases.map { ("\($0)", $0.text.text(language)) })
    }
}
