import InventoryModel

/// Checks an `Expr` against the fact schema and compiles it to a `Program`.
///
/// Every mistake a policy author can make in an expression (a misspelt field, comparing a port
/// with a string, `exists` on a single value) is caught here, when the policy loads, rather than
/// turning into a silent `fail` on every host.
struct TypeChecker {
    /// The functions and macros the language knows, for suggestions.
    static let functions = ["all", "exists", "size"]

    private struct Variable {
        var name: String
        var type: ExpressionType
        var slot: Int
    }

    private let source: [Unicode.Scalar]
    private var scope: [Variable]
    /// The highest slot number in use plus one: how many bindings the evaluator needs.
    private(set) var slotCount: Int

    /// Roots get the first slots, in name order, so a caller can bind them by name once.
    init(source: String, roots: [String: FactType]) {
        self.source = Array(source.unicodeScalars)
        scope = roots.keys.sorted().enumerated().map {
            Variable(name: $1, type: ExpressionType(roots[$1]!), slot: $0)
        }
        slotCount = scope.count
    }

    private func text(_ expr: Expr) -> String {
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
            case .string(let s): return (.constant(.string(s)), .string)
            }

        case .list(let elements):
            var programs: [Program] = []
            var elementType = ExpressionType.dyn
            for element in elements {
                let (program, type) = try check(element)
                if type == .null {
                    throw ExpressionError("a list cannot hold null", at: element.position)
                }
                guard let unified = elementType.unified(with: type) else {
                    throw ExpressionError(
                        "list elements must all have one type; found \(elementType) and \(type)",
                        at: element.position)
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
                let hint = Suggestion.hint(for: name, among: scope.map(\.name))
                throw ExpressionError("unknown name '\(name)'\(hint)", at: expr.position)
            }
            return (.path(slot: variable.slot, steps: []), variable.type)

        case .select(let base, let field):
            let (program, type) = try check(base)
            switch type {
            case .object(let object):
                guard let member = object.field(field) else {
                    let hint = Suggestion.hint(for: field, among: object.fields.map(\.name))
                    throw ExpressionError(
                        "unknown field '\(field)' on \(object.name)\(hint)", at: expr.position)
                }
                guard case .path(let slot, let steps) = program else {
                    throw ExpressionError(
                        "fields can only be read from fact paths", at: expr.position)
                }
                return (
                    .path(slot: slot, steps: steps + [.field(field)]), ExpressionType(member.type)
                )
            case .list:
                throw ExpressionError(
                    "cannot read field '\(field)' of \(text(base)), which is \(type.withArticle); "
                        + "use \(text(base)).exists(x, x.\(field) ...) or all(...) to look inside the list",
                    at: expr.position)
            default:
                throw ExpressionError(
                    "cannot read field '\(field)' of \(text(base)), which is \(type.withArticle)",
                    at: expr.position)
            }

        case .index(let base, let subscriptExpr):
            let (program, type) = try check(base)
            guard case .list(let element) = type else {
                throw ExpressionError(
                    "only lists can be indexed; \(text(base)) is \(type.withArticle)",
                    at: expr.position)
            }
            guard case .literal(.int(let i)) = subscriptExpr.kind, i >= 0, i <= Int64(Int32.max)
            else {
                throw ExpressionError(
                    "a list index must be a non-negative whole number, such as [0]",
                    at: subscriptExpr.position)
            }
            guard case .path(let slot, let steps) = program else {
                throw ExpressionError("only fact paths can be indexed", at: expr.position)
            }
            return (.path(slot: slot, steps: steps + [.index(Int(i))]), element)

        case .call(let receiver, let function, let arguments):
            return try checkCall(expr, receiver: receiver, function: function, arguments: arguments)

        case .unary(.not, let operand):
            let (program, type) = try check(operand)
            try requireBool(type, of: operand, role: "the operand of '!'")
            return (.not(program), .bool)

        case .unary(.negate, let operand):
            let (program, type) = try check(operand)
            switch (program, type) {
            case (.constant(.int(let i)), _): return (.constant(.int(-i)), .int)
            case (.constant(.double(let d)), _): return (.constant(.double(-d)), .double)
            case (_, .int), (_, .double): return (.negate(program), type)
            default: throw ExpressionError("'-' needs a number, found \(type)", at: expr.position)
            }

        case .binary(let op, let lhs, let rhs):
            return try checkBinary(expr, op, lhs, rhs)
        }
    }

    private func requireBool(_ type: ExpressionType, of expr: Expr, role: String)
        throws(ExpressionError)
    {
        guard type == .bool || type == .dyn else {
            throw ExpressionError(
                "\(role) must be a bool condition, but \(text(expr)) is \(type.withArticle)",
                at: expr.position)
        }
    }

    private mutating func checkBinary(_ expr: Expr, _ op: BinaryOperator, _ lhs: Expr, _ rhs: Expr)
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        if op.isArithmetic {
            throw ExpressionError(
                "arithmetic ('\(op.rawValue)') is not supported yet", at: expr.position)
        }
        let (left, leftType) = try check(lhs)
        let (right, rightType) = try check(rhs)
        switch op {
        case .and, .or:
            try requireBool(leftType, of: lhs, role: "the left side of '\(op.rawValue)'")
            try requireBool(rightType, of: rhs, role: "the right side of '\(op.rawValue)'")
            return (op == .and ? .and(left, right) : .or(left, right), .bool)

        case .in:
            guard case .list(let element) = rightType else {
                throw ExpressionError(
                    "the right side of 'in' must be a list, but \(text(rhs)) is \(rightType.withArticle)",
                    at: rhs.position)
            }
            guard leftType != .null else {
                throw ExpressionError("null cannot be looked for in a list", at: lhs.position)
            }
            guard leftType.isComparable(with: element) else {
                throw ExpressionError(
                    "cannot look for \(leftType.withArticle) in \(rightType.withArticle)",
                    at: expr.position)
            }
            return (.contains(element: left, list: right), .bool)

        case .equal, .notEqual:
            if leftType == .null || rightType == .null {
                let other = leftType == .null ? right : left
                return (.isNull(other, negated: op == .notEqual), .bool)
            }
            guard leftType.isComparable(with: rightType) else {
                throw ExpressionError(
                    "cannot compare \(leftType) with \(rightType) using '\(op.rawValue)'",
                    at: expr.position)
            }
            return (.compare(ComparisonOperator(op)!, left, right), .bool)

        default:
            guard leftType.isOrderable(with: rightType) else {
                throw ExpressionError(
                    "'\(op.rawValue)' needs two numbers, two strings or two dates, but found \(leftType) and \(rightType)",
                    at: expr.position)
            }
            return (.compare(ComparisonOperator(op)!, left, right), .bool)
        }
    }

    private mutating func checkCall(
        _ expr: Expr, receiver: Expr?, function: String, arguments: [Expr]
    ) throws(ExpressionError) -> (Program, ExpressionType) {
        switch (function, receiver) {
        case ("size", let receiver?):
            guard arguments.isEmpty else {
                throw ExpressionError("size() takes no arguments", at: arguments[0].position)
            }
            return try checkSize(receiver, at: expr.position)
        case ("size", nil):
            guard arguments.count == 1 else {
                throw ExpressionError("size(x) takes one argument", at: expr.position)
            }
            return try checkSize(arguments[0], at: expr.position)
        case ("exists", let receiver?), ("all", let receiver?):
            return try checkMacro(expr, function: function, range: receiver, arguments: arguments)
        case ("exists", nil), ("all", nil):
            throw ExpressionError(
                "'\(function)' is a list method: write list.\(function)(x, condition)",
                at: expr.position)
        default:
            let hint = Suggestion.hint(for: function, among: Self.functions)
            throw ExpressionError("unknown function '\(function)'\(hint)", at: expr.position)
        }
    }

    private mutating func checkSize(_ operand: Expr, at position: SourcePosition)
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        let (program, type) = try check(operand)
        switch type {
        case .list, .string, .dyn: return (.size(program), .int)
        default:
            throw ExpressionError(
                "size() needs a list or a string, but \(text(operand)) is \(type.withArticle)",
                at: position)
        }
    }

    /// `list.exists(x, p)` and `list.all(x, p)`: `x` is bound to each element in turn, in a slot of
    /// its own, visible only inside `p`.
    private mutating func checkMacro(_ expr: Expr, function: String, range: Expr, arguments: [Expr])
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        guard arguments.count == 2 else {
            throw ExpressionError(
                "\(function) takes a variable name and a condition: \(function)(x, condition)",
                at: expr.position)
        }
        guard case .identifier(let name) = arguments[0].kind else {
            throw ExpressionError(
                "the first argument of \(function) must be a variable name, such as x",
                at: arguments[0].position)
        }
        if scope.contains(where: { $0.name == name }) {
            throw ExpressionError(
                "the name '\(name)' is already in use; choose another variable name",
                at: arguments[0].position)
        }
        let (list, listType) = try check(range)
        let elementType: ExpressionType
        switch listType {
        case .list(let element): elementType = element
        case .dyn: elementType = .dyn
        default:
            throw ExpressionError(
                "'\(function)' needs a list, but \(text(range)) is \(listType.withArticle)",
                at: expr.position)
        }
        let slot = scope.count
        scope.append(Variable(name: name, type: elementType, slot: slot))
        slotCount = max(slotCount, scope.count)
        defer { scope.removeLast() }
        let (predicate, predicateType) = try check(arguments[1])
        try requireBool(predicateType, of: arguments[1], role: "the condition of \(function)")
        let program: Program =
            function == "exists"
            ? .exists(list: list, slot: slot, predicate: predicate)
            : .all(list: list, slot: slot, predicate: predicate)
        return (program, .bool)
    }
}
