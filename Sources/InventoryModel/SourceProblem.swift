/// Why a file a person wrote cannot be read, as a typed reason each loader defines (an enum with
/// the names and values the sentence needs).
///
/// Each reason words itself in Vietnamese and English with one exhaustive `switch`, so a new
/// mistake without both sentences does not compile; `SourceError` puts `file:line:column:` in front.
/// The English sentence is also the error's `description`, the one logs and the service print.
public protocol SourceProblem: Sendable, CustomStringConvertible {
    /// The sentence after `file:line:column: `, in `language`.
    func text(_ language: Language) -> String
}

extension SourceProblem {
    public var description: String { text(.en) }
}

/// A problem known only by its English sentence: an error a test builds to compare with a
/// loader's (`SourceError.init(file:line:column:message:)`). Loaders word their own reasons.
public struct UntranslatedProblem: SourceProblem, Hashable {
    public var english: String
    public init(_ english: String) { self.english = english }
    public func text(_ language: Language) -> String { english }
}
