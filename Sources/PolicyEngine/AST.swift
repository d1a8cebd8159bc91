/// A place in an expression's text, so every error can point at the character that caused it.
public struct SourcePosition: Sendable, Hashable {
    /// Offset from the start of the expression, in Unicode scalars (0-based); the policy loader
    /// maps it back into the YAML file.
    public var offset: Int
    /// 1-based line within the expression (block scalars span several lines).
    public var line: Int
    /// 1-based column within that line, in Unicode scalars.
    public var column: Int

    public init(offset: Int, line: Int, column: Int) {
        self.offset = offset
        self.line = line
        self.column = column
    }
}

/// The parsed, not yet checked, form of an expression.
///
/// Every node carries where it came from: `position` is the character an error about this node
/// points at (the operator of a binary expression, the name of a field or function), `span` the
/// whole text it covers, used to quote it in messages.
struct Expr: Sendable, Hashable {
    var kind: ExprKind
    var position: SourcePosition
    /// Scalar offsets of the node's whole text in the expression.
    var span: Range<Int>
}

indirect enum ExprKind: Sendable, Hashable {
    case literal(Literal)
    case list([Expr])
    case identifier(String)
    /// `base.field`
    case select(Expr, field: String)
    /// `base[index]`
    case index(Expr, Expr)
    /// `name(args)` or `receiver.name(args)`: functions, methods and macros alike; the checker
    /// decides which, so new functions need no parser change.
    case call(receiver: Expr?, function: String, arguments: [Expr])
    case unary(UnaryOperator, Expr)
    case binary(BinaryOperator, Expr, Expr)
}

enum Literal: Sendable, Hashable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// Seconds.
    case duration(Double)
    case string(String)
}

enum UnaryOperator: String, Sendable, Hashable {
    case not = "!"
    case negate = "-"
}

/// Binary operators, with CEL's precedence: `||` < `&&` < relations < additive < multiplicative.
enum BinaryOperator: String, Sendable, Hashable, CaseIterable {
    case or = "||"
    case and = "&&"
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="
    case `in` = "in"
    case add = "+"
    case subtract = "-"
    case multiply = "*"
    case divide = "/"
    case remainder = "%"

    /// Binding power for the Pratt parser; higher binds tighter.
    var precedence: Int {
        switch self {
        case .or: 1
        case .and: 2
        case .equal, .notEqual, .less, .lessOrEqual, .greater, .greaterOrEqual, .in: 3
        case .add, .subtract: 4
        case .multiply, .divide, .remainder: 5
        }
    }

    var isOrdering: Bool { [.less, .lessOrEqual, .greater, .greaterOrEqual].contains(self) }
    var isArithmetic: Bool { precedence >= 4 }
}
