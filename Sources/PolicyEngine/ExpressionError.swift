import InventoryModel

/// A mistake in an expression's text or types, found when the expression is compiled.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// Why, worded in either language.
    public var problem: ExpressionProblem
    /// The character the mistake is at.
    public var position: SourcePosition

    public init(_ problem: ExpressionProblem, at position: SourcePosition) {
        self.problem = problem
        self.position = position
    }

    /// In English (logs, tests).
    public var message: String { problem.text(.en) }

    public var description: String { "\(position.line):\(position.column): \(message)" }
}
