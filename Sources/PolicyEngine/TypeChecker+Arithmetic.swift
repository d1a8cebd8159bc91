/// Which arithmetic applies to which types, decided once when the expression is checked.
extension TypeChecker {
    typealias Operand = (program: Program, type: ExpressionType, expr: Expr)

    /// `+ - * / %` over numbers (int with int stays int; any double makes a double), `+` joining
    /// strings or lists, and time arithmetic: `date - date` is a duration, `date ± duration` a
    /// date, durations add, subtract and scale by numbers.
    func arithmetic(_ expr: Expr, _ op: BinaryOperator, _ l: Operand, _ r: Operand)
        throws(ExpressionError) -> (Program, ExpressionType)
    {
        func make(_ a: ArithmeticOperator, _ type: ExpressionType) -> (Program, ExpressionType) {
            (.arithmetic(a, l.program, r.program), type)
        }
        switch (op, l.type, r.type) {
        case (.add, .int, .int): return make(.addInt, .int)
        case (.subtract, .int, .int): return make(.subtractInt, .int)
        case (.multiply, .int, .int): return make(.multiplyInt, .int)
        case (.divide, .int, .int): return make(.divideInt, .int)
        case (.remainder, .int, .int): return make(.remainderInt, .int)
        case (.add, _, _) where l.type.isNumeric && r.type.isNumeric:
            return make(.addDouble, .double)
        case (.subtract, _, _) where l.type.isNumeric && r.type.isNumeric:
            return make(.subtractDouble, .double)
        case (.multiply, _, _) where l.type.isNumeric && r.type.isNumeric:
            return make(.multiplyDouble, .double)
        case (.divide, _, _) where l.type.isNumeric && r.type.isNumeric:
            return make(.divideDouble, .double)
        case (.add, .string, .string): return make(.concatenateStrings, .string)
        case (.add, .list(let a), .list(let b)):
            guard let element = a.unified(with: b) else { break }
            return make(.concatenateLists, .list(element))
        case (.subtract, .date, .date): return make(.subtractDates, .duration)
        case (.add, .date, .duration): return make(.addDuration(toDate: true), .date)
        case (.subtract, .date, .duration): return make(.subtractDuration(fromDate: true), .date)
        case (.add, .duration, .duration): return make(.addDuration(toDate: false), .duration)
        case (.subtract, .duration, .duration):
            return make(.subtractDuration(fromDate: false), .duration)
        case (.multiply, .duration, _) where r.type.isNumeric:
            return make(.multiplyDouble, .duration)
        case (.multiply, _, .duration) where l.type.isNumeric:
            return make(.multiplyDouble, .duration)
        case (.divide, .duration, _) where r.type.isNumeric: return make(.divideDouble, .duration)
        case (.divide, .duration, .duration): return make(.divideDouble, .double)
        default: break
        }
        if l.type == .dyn || r.type == .dyn {
            throw ExpressionError(.unknownOperands(op: op.rawValue, expression: text(l.type == .dyn ? l.expr : r.expr)), at: expr.position)
        }
        throw ExpressionError(.combine(op: op.rawValue, l.type.description, r.type.description), at: expr.position)
    }

    /// A hint for comparing a version with a string, the usual slip.
    /// Whether comparing these types calls for `version("…")` around the text.
    func versionHint(_ a: ExpressionType, _ b: ExpressionType) -> Bool {
        (a == .version && b == .string) || (a == .string && b == .version)
    }
}
