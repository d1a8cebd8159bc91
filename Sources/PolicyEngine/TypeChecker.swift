import InventoryModel

/// Checks an `Expr` against the fact schema and compiles it to a `Program`.
///
/// Every mistake a policy author can make in an expression (a misspelt field, comparing a port
/// with a string, `exists` on a single value) is caught here, when the policy loads, rather than
/// turning into a silent `fail` on every host.
struct TypeChecker {
    /// The functions and macros the language knows, for suggestions.
    static let functions = [
        "all", "exists", "count", "filter", "map", "size", "matches", "contains", "startsWith",
        "endsWith", "lower", "upper", "trim", "lines", "version", "days_since", "file", "command",
        "int", "double", "string",
    ]

    struct Variable {
        var name: String
        var type: ExpressionType
        var slot: Int
        /// For a macro variable: the path text of the list it ranges over, when that is known
        /// before evaluating (a path from a root), so element paths can be written ahead.
        var elementBase: String? = nil
    }

    private let source: [Unicode.Scalar]
    var scope: [Variable]
    /// The highest slot number in use plus one: how many bindings the evaluator needs.
    var slotCount: Int
    /// Slots below this hold roots, whose path texts are fixed.
    private(set) var rootCount = 0
    /// The commands `command(name)` may name, by name; `nil` accepts any name (a lone expression).
    let commands: [String: Probe]?
    /// The probes the expression reads, for the policy to gather.
    var probes: Set<Probe> = []

    /// Roots get the first slots, in name order, so a caller can bind them by name once.
    init(source: String, roots: [String: FactType], commands: [String: Probe]? = nil) {
        self.commands = commands
        self.source = Array(source.unicodeScalars)
        scope = roots.keys.sorted().enumerated().map {
            Variable(name: $1, type: ExpressionType(roots[$1]!), slot: $0)
        }
        slotCount = scope.count
        rootCount = scope.count
    }

    func text(_ expr: Expr) -> String {
        var s = String.UnicodeScalarView()
        s.append(contentsOf: source[expr.span.clamped(to: 0..<source.count)])
        return String(s)
    }

    mutating func check(_ expr: Expr) throws(ExpressionError) -> (Program, ExpressionType) {
        switch expr.kind {
        case .literal(let literal):
            switch literal {
            case .null: return (.constant(.null), .null)
            case .bool(let b): return (.constant(.bool(b)), .bool)
            case .int(let i): return (.constant(.int(i)), .int)
            case .double(let d): return (.constant(.double(d)), .double)
            case .duration(let seconds): return (.constant(.double(seconds)), .duration)
            case .string(let s): return (.constant(.string(s)), .string)
            }

        case .list(let elements):
            var programs: [Program] = []
            var elementType = ExpressionType.dyn
            for element in elements {
                let (program, type) = try check(element)
                if type == .null {
                    throw ExpressionError(.listNull, at: element.position)
                }
                guard let unified = elementType.unified(with: type) else {
                    throw ExpressionError(.listMixed(elementType.description, type.description), at: element.position)
                }
                elementType = unified
                programs.append(program)
            }
            // A list of constants is built once, here, not on every evaluation.
            let constants = programs.compactMap { if case .constant(let v) = $0 { v } else { nil } }
            if constants.count == programs.count {
                return (.constant(.list(constants)), .list(elementType))
            }
            return (.list(programs), .list(elementType))

        case .identifier(let name):
            guard let variable = scope.last(where: { $0.name == name }) else {
                let suggestion = Suggestion.nearest(to: name, among: scope.map(\.name))
                throw ExpressionError(.unknownName(name, suggestion: suggestion), at: expr.position)
            }
            let isRoot = variable.slot < rootCount
            return (
                .path(
                    slot: variable.slot,
                    steps: PathSteps(root: isRoot ? name : nil, elementBase: variable.elementBase)),
                variable.type
            )

        case .select(let base, let field):
            let (program, type) = try check(base)
            switch type {
            case .object(let object):
                guard let member = object.field(field) else {
                    let suggestion = Suggestion.nearest(to: field, among: object.fields.map(\.name))
                    throw ExpressionError(.unknownField(field, object: object.name, suggestion: suggestion), at: expr.position)
                }
                guard case .path(let slot, let steps) = program else {
                    throw ExpressionError(.fieldsOnlyFromPaths, at: expr.position)
                }
                return (
                    .path(slot: slot, steps: steps + .field(field)), ExpressionType(member.type)
                )
            case .list:
                throw ExpressionError(.fieldOfList(field, base: text(base), type: type.description), at: expr.position)
            default:
                throw ExpressionError(.fieldOfValue(field, base: text(base), type: type.description), at: expr.position)
            }

        case .index(let base, let subscriptExpr):
            let (program, type) = try check(base)
            guard case .list(let element) = type else {
                throw ExpressionError(.indexNotList(base: text(base), type: type.description), at: expr.position)
            }
            guard case .literal(.int(let i)) = subscriptExpr.kind, i >= 0, i <= Int64(Int32.max)
            else {
                throw ExpressionError(.indexNotWhole, at: subscriptExpr.position)
            }
            guard case .path(let slot, let steps) = program else {
                throw ExpressionError(.indexOnlyPaths, at: expr.position)
            }
            return (.path(slot: slot, steps: steps + .index(Int(i))), element)

        case .call(let receiver, let function, let arguments):
            return try checkCall(expr, receiver: receiver, function: function, arguments: arguments)

        case .unary(.not, let operand):
            let (program, type) = try check(operand)
            try requireBool(type, of: operand, role: .operand(of: "!"))
            return (.not(program), .bool)

        case .unary(.negate, let operand):
            let (program, type) = try check(operand)
            switch (program, type) {
            case (.constant(.int(let i)), _): return (.constant(.int(-i)), .int)
            case (.constant(.double(let d)), _): return (.constant(.double(-d)), .double)
            case (.constant(.double(let d)), .duration): return (.constant(.double(-d)), .duration)
            case (_, .int), (_, .double), (_, .duration): return (.negate(program), type)
            default: throw ExpressionError(.negate(type: type.description), at: expr.position)
            }

        case .binary(let op, let lhs, let rhs):
            return try checkBinary(expr, op, lhs, rhs)
        }
    }

    func requireBool(_ type: ExpressionType, of expr: Expr, role: ExpressionProblem.Role)
        throws(ExpressionError)
    {
        guard type == .bool || type == .dyn else {
            throw ExpressionError(.notBool(role, expression: text(expr), type: type.description), at: expr.position)
        }
    }

    private mutating func checkBinary(_ expr: Expr, _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr)
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        let (left, leftType) = try check(lhs)
        let (right, rightType) = try check(rhs)
        if op.isArithmetic {
            return try arithmetic(expr, op, (left, leftType, lhs), (right, rightType, rhs))
        }
        switch op {
        case .and, .or:
            try requireBool(leftType, of: lhs, role: .left(of: op.rawValue))
            try requireBool(rightType, of: rhs, role: .right(of: op.rawValue))
            return (op == .and ? .and(left, right) : .or(left, right), .bool)

        case .in:
            guard case .list(let element) = rightType else {
                throw ExpressionError(.inNotList(expression: text(rhs), type: rightType.description), at: rhs.position)
            }
            guard leftType != .null else {
                throw ExpressionError(.inNull, at: lhs.position)
            }
            guard leftType.isComparable(with: element) else {
                throw ExpressionError(.cannotLookFor(leftType.description, in: rightType.description), at: expr.position)
            }
            return (.contains(element: left, list: right), .bool)

        case .equal, .notEqual:
            if leftType == .null || rightType == .null {
                let other = leftType == .null ? right : left
                return (.isNull(other, negated: op == .notEqual), .bool)
            }
            guard leftType.isComparable(with: rightType) else {
                throw ExpressionError(
                    .compare(leftType.description, rightType.description, op: op.rawValue, versionHint: versionHint(leftType, rightType)),
                    at: expr.position)
            }
            if leftType == .version {
                return (.compareVersions(ComparisonOperator(op)!, left, right), .bool)
            }
            return (.compare(ComparisonOperator(op)!, left, right), .bool)

        default:
            guard leftType.isOrderable(with: rightType) else {
                throw ExpressionError(
                    .ordering(op: op.rawValue, leftType.description, rightType.description, versionHint: versionHint(leftType, rightType)),
                    at: expr.position)
            }
            if leftType == .version {
                return (.compareVersions(ComparisonOperator(op)!, left, right), .bool)
            }
            return (.compare(ComparisonOperator(op)!, left, right), .bool)
        }
    }
}
