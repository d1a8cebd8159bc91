public import InventoryModel
import SourceYAML
public import Yams

extension Expression {
    /// Compiles an expression written as a YAML scalar in another file format (ranking methods),
    /// so its mistakes point at the file's line and column exactly as a policy's do.
    ///
    /// - Parameters:
    ///   - scalar: the node the expression was read from, with its mark.
    ///   - text: the whole file, to follow quotes, escapes and folded lines inside the scalar.
    ///   - file: the file name used in the error.
    public static func compile(
        _ scalar: Node.Scalar, in text: String, file: String, roots: [String: FactType],
        expecting: ExpressionType? = nil
    ) throws(PolicyError) -> Expression {
        do {
            return try Expression(scalar.string, roots: roots, expecting: expecting)
        } catch {
            throw YAMLDocument(text: text, file: file).error(error.problem, atOffset: error.position.offset, in: scalar)
        }
    }

    /// Whether the expression gives a number (int or double), as an indicator's value must.
    public var isNumeric: Bool { type == .int || type == .double || type == .dyn }
}
