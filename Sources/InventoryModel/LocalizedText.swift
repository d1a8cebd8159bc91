/// A label a user reads, in Vietnamese first and English second.
///
/// Every user-facing label in ictaudit exists in both languages, so reports can be
/// rendered for either audience without a lookup table that might miss a key.
public struct LocalizedText: Codable, Sendable, Hashable {
    public var vi: String
    public var en: String

    public init(vi: String, en: String) {
        self.vi = vi
        self.en = en
    }

    /// The text in the requested language.
    public func text(_ language: Language) -> String {
        switch language {
        case .vi: vi
        case .en: en
        }
    }
}

/// The languages reports are written in.
public enum Language: String, Codable, Sendable, CaseIterable {
    case vi
    case en
}
