/// A mistake in an expression's text or types, found when the expression is compiled.
public struct ExpressionError: Error, Sendable, Hashable, CustomStringConvertible {
    /// A plain English sentence.
    public var message: String
    /// The character the mistake is at.
    public var position: SourcePosition

    public init(_ message: String, at position: SourcePosition) {
        self.message = message
        self.position = position
    }

    public var description: String { "\(position.line):\(position.column): \(message)" }
}
