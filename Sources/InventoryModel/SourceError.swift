public import Foundation

/// A mistake in a file a person wrote (inventory, policy, waiver, ranking method, CSV), pointing at
/// the line and column to fix.
///
/// Printed as `file:line:column: sentence`, the form editors and CI logs turn into links. Every
/// loader reports this one type, so the CLI prints them all the same way; the sentence comes from
/// the loader's typed `problem`, in the reader's language (`text(_:)`), English in `description`.
public struct SourceError: Error, Sendable, Hashable, LocalizedError, CustomStringConvertible {
    public var file: String
    /// 1-based.
    public var line: Int
    /// 1-based, in Unicode scalars (as libyaml and most editors count).
    public var column: Int
    /// Why the file cannot be read, worded in either language.
    public var problem: any SourceProblem

    public init(file: String, line: Int, column: Int, problem: any SourceProblem) {
        self.file = file
        self.line = line
        self.column = column
        self.problem = problem
    }

    /// An error known by its English sentence only (`UntranslatedProblem`): what a test expects,
    /// compared with a loader's by place and English text. Loaders give a typed reason instead
    /// (`YAMLDocument.error` takes only a `SourceProblem`).
    public init(file: String, line: Int, column: Int, message: String) {
        self.init(file: file, line: line, column: column, problem: UntranslatedProblem(message))
    }

    /// The sentence in English (logs, the service, tests that match on it).
    public var message: String { problem.text(.en) }

    /// `file:line:column: sentence` in `language`, as the CLI prints it after `lỗi:` / `error:`.
    public func text(_ language: Language) -> String { "\(file):\(line):\(column): \(problem.text(language))" }

    public var description: String { text(.en) }
    public var errorDescription: String? { description }

    /// The same place and the same English sentence: how tests and callers that built an error
    /// from its English text (`init(file:line:column:message:)`) compare it with a loader's.
    public static func == (a: SourceError, b: SourceError) -> Bool {
        a.file == b.file && a.line == b.line && a.column == b.column && a.problem.text(.en) == b.problem.text(.en)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(file)
        hasher.combine(line)
        hasher.combine(column)
        hasher.combine(problem.text(.en))
    }
}
