import InventoryModel

/// The form a `Program` is evaluated in: one object per operation, built once per expression.
///
/// Walking the `Program` enum copies each case's payload out of its box, a retain and a release
/// per child per host; a node reads its children as stored constants. The operations rules use
/// most get nodes of their own; the rest are evaluated by `Evaluator` from their `Program`.
/// Every node keeps its `Program`, which messages and evidence are written from.
class EvaluationNode: @unchecked Sendable {
    let program: Program

    init(_ program: Program) {
        self.program = program
    }

    func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        try evaluator.value(program)
    }

    func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        try evaluator.condition(program)
    }

    /// The node for `program`, with its children compiled too.
    static func compile(_ program: Program) -> EvaluationNode {
        switch program {
        case .constant(let value):
            return ConstantNode(program, value)
        case .path(let slot, let steps):
            return PathNode(program, slot, steps)
        case .not(let operand):
            return NotNode(program, compile(operand))
        case .and(let left, let right):
            return AndNode(program, compile(left), compile(right))
        case .or(let left, let right):
            return OrNode(program, compile(left), compile(right))
        case .compare(let op, let left, .constant(let constant)) where !constant.isNull:
            return CompareConstantNode(program, op, compile(left), constant)
        case .compare(let op, let left, let right):
            return CompareNode(program, op, compile(left), compile(right))
        case .contains(let element, .constant(.list(let items))):
            return ContainsConstantNode(program, compile(element), items)
        case .isNull(let operand, let negated):
            return IsNullNode(program, compile(operand), negated: negated)
        case .contains(let element, let list):
            return ContainsNode(program, compile(element), compile(list))
        case .exists(let list, let slot, let predicate):
            return MacroNode(program, .exists, list, slot, compile(predicate))
        case .all(let list, let slot, let predicate):
            return MacroNode(program, .all, list, slot, compile(predicate))
        case .arithmetic(let op, let left, let right):
            return ArithmeticNode(program, op, compile(left), compile(right))
        case .builtin(let function, let arguments)
        where [.startsWith, .endsWith, .containsText].contains(function) && !arguments[0].isProbe:
            return TextTestNode(program, function, compile(arguments[0]), compile(arguments[1]))
        case .builtin(let function, let arguments)
        where (function == .lower || function == .upper) && arguments.count == 1:
            return CaseNode(program, upper: function == .upper, compile(arguments[0]))
        case .matches(let operand, let regex) where !operand.isProbe:
            return MatchesNode(program, compile(operand), regex)
        default:
            return EvaluationNode(program)
        }
    }
}

/// A node whose value is a bool: `value` wraps `condition`.
class ConditionNode: EvaluationNode, @unchecked Sendable {
    final override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        .bool(try condition(&evaluator))
    }
}

final class ConstantNode: EvaluationNode, @unchecked Sendable {
    let constant: FactValue

    init(_ program: Program, _ constant: FactValue) {
        self.constant = constant
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        constant
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        guard case .bool(let b) = constant else { throw evaluator.unknown(program) }
        return b
    }
}

/// A fact path. The parts every read needs are kept apart from `steps`, so a read copies no
/// `PathSteps` (four reference counts) on every host.
final class PathNode: EvaluationNode, @unchecked Sendable {
    let slot: Int
    let steps: PathSteps
    let rootedNumber: Int?
    let elementTexts: ElementPathTexts?

    init(_ program: Program, _ slot: Int, _ steps: PathSteps) {
        self.slot = slot
        self.steps = steps
        rootedNumber = steps.rootedNumber
        elementTexts = steps.elementTexts
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        evaluator.read(self)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        guard case .bool(let b) = try value(&evaluator) else { throw evaluator.unknown(program) }
        return b
    }
}

final class NotNode: ConditionNode, @unchecked Sendable {
    let operand: EvaluationNode

    init(_ program: Program, _ operand: EvaluationNode) {
        self.operand = operand
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        !(try operand.condition(&evaluator))
    }
}

/// `&&`: a false on either side wins over an unknown on the other (CEL's commutative rule).
final class AndNode: ConditionNode, @unchecked Sendable {
    let left: EvaluationNode
    let right: EvaluationNode

    init(_ program: Program, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.left = left
        self.right = right
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        var failure: EvaluationFailure?
        do { if try !left.condition(&evaluator) { return false } } catch { failure = error }
        do { if try !right.condition(&evaluator) { return false } } catch { throw failure ?? error }
        if let failure { throw failure }
        return true
    }
}

/// `||`: a true on either side wins over an unknown on the other.
final class OrNode: ConditionNode, @unchecked Sendable {
    let left: EvaluationNode
    let right: EvaluationNode

    init(_ program: Program, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.left = left
        self.right = right
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        var failure: EvaluationFailure?
        do { if try left.condition(&evaluator) { return true } } catch { failure = error }
        do { if try right.condition(&evaluator) { return true } } catch { throw failure ?? error }
        if let failure { throw failure }
        return false
    }
}

final class CompareNode: ConditionNode, @unchecked Sendable {
    let op: ComparisonOperator
    let left: EvaluationNode
    let right: EvaluationNode

    init(_ program: Program, _ op: ComparisonOperator, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.op = op
        self.left = left
        self.right = right
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let l = try left.value(&evaluator)
        let r = try right.value(&evaluator)
        if l.isNull { throw evaluator.unknown(left.program) }
        if r.isNull { throw evaluator.unknown(right.program) }
        return try Evaluator.compare(op, l, r)
    }
}

/// `fact <op> constant`, the commonest check: the constant is compared where it is stored.
final class CompareConstantNode: ConditionNode, @unchecked Sendable {
    let op: ComparisonOperator
    let left: EvaluationNode
    let constant: FactValue

    init(_ program: Program, _ op: ComparisonOperator, _ left: EvaluationNode, _ constant: FactValue) {
        self.op = op
        self.left = left
        self.constant = constant
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let l = try left.value(&evaluator)
        if l.isNull { throw evaluator.unknown(left.program) }
        return try Evaluator.compare(op, l, constant)
    }
}

/// `element in [constants]`.
final class ContainsConstantNode: ConditionNode, @unchecked Sendable {
    let element: EvaluationNode
    let items: [FactValue]

    init(_ program: Program, _ element: EvaluationNode, _ items: [FactValue]) {
        self.element = element
        self.items = items
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let e = try element.value(&evaluator)
        if e.isNull { throw evaluator.unknown(element.program) }
        for item in items where Evaluator.equal(e, item) { return true }
        return false
    }
}

final class IsNullNode: ConditionNode, @unchecked Sendable {
    let operand: EvaluationNode
    let negated: Bool

    init(_ program: Program, _ operand: EvaluationNode, negated: Bool) {
        self.operand = operand
        self.negated = negated
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        try operand.value(&evaluator).isNull != negated
    }
}

/// `element in list`.
final class ContainsNode: ConditionNode, @unchecked Sendable {
    let element: EvaluationNode
    let list: EvaluationNode

    init(_ program: Program, _ element: EvaluationNode, _ list: EvaluationNode) {
        self.element = element
        self.list = list
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let e = try element.value(&evaluator)
        let l = try list.value(&evaluator)
        if e.isNull { throw evaluator.unknown(element.program) }
        guard case .list(let items) = l else { throw evaluator.unknown(list.program) }
        return items.contains { Evaluator.equal(e, $0) }
    }
}

/// `list.exists(x, p)` and `list.all(x, p)`: an unknown element is absorbed when another decides.
final class MacroNode: ConditionNode, @unchecked Sendable {
    enum Kind { case exists, all }

    let kind: Kind
    let list: Program
    let slot: Int
    let predicate: EvaluationNode

    init(_ program: Program, _ kind: Kind, _ list: Program, _ slot: Int, _ predicate: EvaluationNode) {
        self.kind = kind
        self.list = list
        self.slot = slot
        self.predicate = predicate
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        // `exists` stops at the first element that holds, `all` at the first that does not.
        let decisive = kind == .exists
        var failure: EvaluationFailure?
        let items: [FactValue]
        if case .path(let listSlot, let steps) = list, let number = steps.rootedNumber {
            items = try evaluator.elements(ofListAt: listSlot, steps, number: number, binding: slot)
        } else {
            items = try evaluator.elements(of: list, binding: slot)
        }
        for (index, item) in items.enumerated() {
            evaluator.bind(slot, item, index)
            do { if try predicate.condition(&evaluator) == decisive { return decisive } } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return !decisive
    }
}

final class ArithmeticNode: EvaluationNode, @unchecked Sendable {
    let op: ArithmeticOperator
    let left: EvaluationNode
    let right: EvaluationNode

    init(_ program: Program, _ op: ArithmeticOperator, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.op = op
        self.left = left
        self.right = right
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        let l = try left.value(&evaluator)
        if l.isNull { throw evaluator.unknown(left.program) }
        let r = try right.value(&evaluator)
        if r.isNull { throw evaluator.unknown(right.program) }
        return try Evaluator.arithmetic(op, l, r)
    }
}

/// `startsWith`, `endsWith` and `contains` on a fact's text (probe output records its matching
/// lines, so it stays with `Evaluator`).
final class TextTestNode: ConditionNode, @unchecked Sendable {
    let function: Builtin
    let subject: EvaluationNode
    let part: EvaluationNode

    init(_ program: Program, _ function: Builtin, _ subject: EvaluationNode, _ part: EvaluationNode) {
        self.function = function
        self.subject = subject
        self.part = part
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let first = try subject.value(&evaluator)
        if first.isNull { throw evaluator.unknown(subject.program) }
        let second = try part.value(&evaluator)
        guard case .string(let s) = first else { throw evaluator.unknown(subject.program) }
        guard case .string(let t) = second else { throw evaluator.unknown(part.program) }
        switch function {
        case .startsWith: return s.hasPrefix(t)
        case .endsWith: return s.hasSuffix(t)
        default: return Evaluator.contains(s, t)
        }
    }
}

/// `lower()` and `upper()`.
final class CaseNode: EvaluationNode, @unchecked Sendable {
    let upper: Bool
    let subject: EvaluationNode

    init(_ program: Program, upper: Bool, _ subject: EvaluationNode) {
        self.upper = upper
        self.subject = subject
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        let first = try subject.value(&evaluator)
        guard case .string(let s) = first else { throw evaluator.unknown(subject.program) }
        return .string(
            Evaluator.asciiCased(s, upper: upper) ?? (upper ? s.uppercased() : s.lowercased()))
    }
}

final class MatchesNode: ConditionNode, @unchecked Sendable {
    let subject: EvaluationNode
    let regex: CompiledRegex

    init(_ program: Program, _ subject: EvaluationNode, _ regex: CompiledRegex) {
        self.subject = subject
        self.regex = regex
        super.init(program)
    }

    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        guard case .string(let text) = try subject.value(&evaluator) else {
            throw evaluator.unknown(subject.program)
        }
        return evaluator.regexMatches(regex, text)
    }
}

extension Program {
    var isProbe: Bool {
        if case .probe = self { return true }
        return false
    }
}
