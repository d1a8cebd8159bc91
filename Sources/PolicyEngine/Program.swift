import InventoryModel

/// The checked, compiled form of an expression: what the evaluator walks.
///
/// Names are resolved away: variables are slot numbers, field paths are a slot plus steps, macros
/// know their variable's slot. Evaluating never re-reads the text or looks a name up anywhere but
/// in the fact's own object dictionary.
indirect enum Program: Sendable, Hashable {
    case constant(FactValue)
    case list([Program])
    /// A variable (a root such as `host`, or a macro variable) followed by fields and indexes.
    case path(slot: Int, steps: [PathStep])
    case not(Program)
    case negate(Program)
    case and(Program, Program)
    case or(Program, Program)
    case compare(ComparisonOperator, Program, Program)
    /// `left == null` or `left != null`: the only comparisons an unknown value may take part in.
    case isNull(Program, negated: Bool)
    case contains(element: Program, list: Program)
    case exists(list: Program, slot: Int, predicate: Program)
    case all(list: Program, slot: Int, predicate: Program)
    case size(Program)
}

enum PathStep: Sendable, Hashable {
    case field(String)
    case index(Int)
}

enum ComparisonOperator: String, Sendable, Hashable {
    case equal = "=="
    case notEqual = "!="
    case less = "<"
    case lessOrEqual = "<="
    case greater = ">"
    case greaterOrEqual = ">="

    init?(_ op: BinaryOperator) {
        self.init(rawValue: op.rawValue)
    }
}
