import InventoryModel

/// The form a `Program` is evaluated in: one object per operation, built once per expression.
///
/// Walking the `Program` enum copies each case's payload out of its box, a retain and a release
/// per child per host; a node reads its children as stored constants. Every node keeps its
/// `Program`, which messages and evidence are written from.
///
/// Unknown (`null`) facts follow CEL's rules for errors: they make a comparison unknown, but
/// `&&` and `||` absorb them when the other side decides (`false && unknown` is `false`, in either
/// order), and `exists`/`all` absorb them when another element decides.
///
/// Nodes are immutable once built; `@unchecked` only because a class with subclasses cannot have
/// its `Sendable` conformance checked.
class EvaluationNode: @unchecked Sendable {
    let program: Program

    init(_ program: Program) {
        self.program = program
    }

    /// The node as a fact path, if it is one: asked on every host by macros and `size()`, where a
    /// dynamic cast would cost more than this call.
    var asPath: PathNode? { nil }

    /// Every kind of node gives a value; the base class only states the contract.
    func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        preconditionFailure("\(Self.self) must override value(_:)")
    }

    func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        guard case .bool(let b) = try value(&evaluator) else { throw evaluator.unknown(program) }
        return b
    }

    /// The node for `program`, with its children compiled too.
    static func compile(_ program: Program) -> EvaluationNode {
        switch program {
        case .constant(let value):
            return ConstantNode(program, value)
        case .list(let elements):
            return ListNode(program, elements.map(compile))
        case .path(let slot, let steps):
            return PathNode(program, slot, steps)
        case .not(let operand):
            return NotNode(program, compile(operand))
        case .negate(let operand):
            return NegateNode(program, compile(operand))
        case .size(let operand):
            return SizeNode(program, compile(operand))
        case .and(let left, let right):
            return AndNode(program, compile(left), compile(right))
        case .or(let left, let right):
            return OrNode(program, compile(left), compile(right))
        case .compare(let op, let left, .constant(let constant)) where !constant.isNull:
            return CompareConstantNode(program, op, compile(left), constant)
        case .compare(let op, let left, let right):
            return CompareNode(program, op, compile(left), compile(right))
        case .compareVersions(let op, let left, let right):
            return CompareVersionsNode(program, op, compile(left), compile(right))
        case .isNull(let operand, let negated):
            return IsNullNode(program, compile(operand), negated: negated)
        case .contains(let element, .constant(.list(let items))):
            return ContainsConstantNode(program, compile(element), items)
        case .contains(let element, let list):
            return ContainsNode(program, compile(element), compile(list))
        case .exists(let list, let slot, let predicate):
            return MacroNode(program, .exists, compile(list), slot, compile(predicate))
        case .all(let list, let slot, let predicate):
            return MacroNode(program, .all, compile(list), slot, compile(predicate))
        case .count(let list, let slot, let predicate):
            return ListMacroNode(program, .count, compile(list), slot, compile(predicate))
        case .filter(let list, let slot, let predicate):
            return ListMacroNode(program, .filter, compile(list), slot, compile(predicate))
        case .map(let list, let slot, let transform):
            return ListMacroNode(program, .map, compile(list), slot, compile(transform))
        case .arithmetic(let op, let left, let right):
            return ArithmeticNode(program, op, compile(left), compile(right))
        case .matches(let operand, let regex):
            return MatchesNode(program, compile(operand), regex)
        case .builtin(let function, let arguments):
            return BuiltinNode(program, function, arguments.map(compile))
        case .probe(let probe):
            return ProbeNode(program, probe)
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

    override var asPath: PathNode? { self }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        evaluator.read(self)
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

/// A condition on two operands.
class BinaryConditionNode: ConditionNode, @unchecked Sendable {
    let left: EvaluationNode
    let right: EvaluationNode

    init(_ program: Program, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.left = left
        self.right = right
        super.init(program)
    }
}

/// A comparison of two operands by an operator.
class ComparisonNode: BinaryConditionNode, @unchecked Sendable {
    let op: ComparisonOperator

    init(_ program: Program, _ op: ComparisonOperator, _ left: EvaluationNode, _ right: EvaluationNode) {
        self.op = op
        super.init(program, left, right)
    }
}

/// `&&`: a false on either side wins over an unknown on the other (CEL's commutative rule).
final class AndNode: BinaryConditionNode, @unchecked Sendable {
    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        var failure: EvaluationFailure?
        do { if try !left.condition(&evaluator) { return false } } catch { failure = error }
        do { if try !right.condition(&evaluator) { return false } } catch { throw failure ?? error }
        if let failure { throw failure }
        return true
    }
}

/// `||`: a true on either side wins over an unknown on the other.
final class OrNode: BinaryConditionNode, @unchecked Sendable {
    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        var failure: EvaluationFailure?
        do { if try left.condition(&evaluator) { return true } } catch { failure = error }
        do { if try right.condition(&evaluator) { return true } } catch { throw failure ?? error }
        if let failure { throw failure }
        return false
    }
}

final class CompareNode: ComparisonNode, @unchecked Sendable {
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

/// `element in list`: `left` is the element, `right` the list.
final class ContainsNode: BinaryConditionNode, @unchecked Sendable {
    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let e = try left.value(&evaluator)
        let l = try right.value(&evaluator)
        if e.isNull { throw evaluator.unknown(left.program) }
        guard case .list(let items) = l else { throw evaluator.unknown(right.program) }
        return items.contains { Evaluator.equal(e, $0) }
    }
}

/// `list.exists(x, p)` and `list.all(x, p)`: an unknown element is absorbed when another decides.
final class MacroNode: ConditionNode, @unchecked Sendable {
    enum Kind { case exists, all }

    let kind: Kind
    let list: EvaluationNode
    let slot: Int
    let predicate: EvaluationNode

    init(_ program: Program, _ kind: Kind, _ list: EvaluationNode, _ slot: Int, _ predicate: EvaluationNode) {
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
        for index in try evaluator.elements(of: list, binding: slot).indices {
            evaluator.bind(slot, index)
            do { if try predicate.condition(&evaluator) == decisive { return decisive } } catch {
                failure = failure ?? error
            }
        }
        if let failure { throw failure }
        return !decisive
    }
}

/// `count`, `filter` and `map`: the values a macro builds from a list.
final class ListMacroNode: EvaluationNode, @unchecked Sendable {
    enum Kind { case count, filter, map }

    let kind: Kind
    let list: EvaluationNode
    let slot: Int
    let body: EvaluationNode

    init(_ program: Program, _ kind: Kind, _ list: EvaluationNode, _ slot: Int, _ body: EvaluationNode) {
        self.kind = kind
        self.list = list
        self.slot = slot
        self.body = body
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        var count: Int64 = 0
        var values: [FactValue] = []
        var failure: EvaluationFailure?
        for (index, item) in try evaluator.elements(of: list, binding: slot).enumerated() {
            evaluator.bind(slot, index)
            switch kind {
            case .count:
                // One unknown element leaves the count unknown; the first failure is reported.
                do { if try body.condition(&evaluator) { count += 1 } } catch { failure = failure ?? error }
            case .filter:
                if try body.condition(&evaluator) { values.append(item) }
            case .map:
                let result = try body.value(&evaluator)
                if result.isNull { throw evaluator.unknown(body.program) }
                values.append(result)
            }
        }
        if let failure { throw failure }
        return kind == .count ? .int(count) : .list(values)
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

/// `text.matches(regex)`; on a whole file or command output, the lines that matched are the
/// evidence.
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
        let matched = evaluator.regexMatches(regex, text)
        if case .probe(let probe) = subject.program {
            evaluator.recordLines(of: text, from: probe) { regex.matches(String($0)) }
        }
        return matched
    }
}

final class ListNode: EvaluationNode, @unchecked Sendable {
    let elements: [EvaluationNode]

    init(_ program: Program, _ elements: [EvaluationNode]) {
        self.elements = elements
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        var values: [FactValue] = []
        values.reserveCapacity(elements.count)
        for element in elements { values.append(try element.value(&evaluator)) }
        return .list(values)
    }
}

final class NegateNode: EvaluationNode, @unchecked Sendable {
    let operand: EvaluationNode

    init(_ program: Program, _ operand: EvaluationNode) {
        self.operand = operand
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        switch try operand.value(&evaluator) {
        case .int(let i): return .int(0 &- i)
        case .double(let d): return .double(-d)
        default: throw evaluator.unknown(operand.program)
        }
    }
}

/// `size()` of a list or text. Of a fact path, the evidence is the size (`host.listening.size()`),
/// which says more than the whole list would.
final class SizeNode: EvaluationNode, @unchecked Sendable {
    let operand: EvaluationNode

    init(_ program: Program, _ operand: EvaluationNode) {
        self.operand = operand
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        let path = operand.asPath
        let operandValue =
            if let path { evaluator.resolve(path) } else { try operand.value(&evaluator) }
        let size: Int
        switch operandValue {
        case .list(let items): size = items.count
        case .string(let s): size = s.count
        default:
            if let path { evaluator.record(path.slot, path.steps, operandValue) }
            throw evaluator.unknown(operand.program)
        }
        if let path { evaluator.record(path.slot, path.steps, .int(Int64(size)), suffix: ".size()") }
        return .int(Int64(size))
    }
}

/// Ordering by version segments rather than by text.
final class CompareVersionsNode: ComparisonNode, @unchecked Sendable {
    override func condition(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> Bool {
        let l = try left.value(&evaluator)
        let r = try right.value(&evaluator)
        guard case .string(let a) = l else { throw evaluator.unknown(left.program) }
        guard case .string(let b) = r else { throw evaluator.unknown(right.program) }
        let order = VersionOrder.compare(a, b)
        switch op {
        case .equal: return order == 0
        case .notEqual: return order != 0
        case .less: return order < 0
        case .lessOrEqual: return order <= 0
        case .greater: return order > 0
        case .greaterOrEqual: return order >= 0
        }
    }
}

/// Functions of values: text, time, versions and conversions (see `Evaluator.builtin`).
final class BuiltinNode: EvaluationNode, @unchecked Sendable {
    let function: Builtin
    let arguments: [EvaluationNode]

    init(_ program: Program, _ function: Builtin, _ arguments: [EvaluationNode]) {
        self.function = function
        self.arguments = arguments
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        try evaluator.builtin(function, arguments)
    }
}

/// Probe output named by the policy: `file:/etc/login.defs`, `command:auditd-enabled`.
final class ProbeNode: EvaluationNode, @unchecked Sendable {
    let probe: Probe

    init(_ program: Program, _ probe: Probe) {
        self.probe = probe
        super.init(program)
    }

    override func value(_ evaluator: inout Evaluator) throws(EvaluationFailure) -> FactValue {
        try evaluator.probeValue(probe)
    }
}
