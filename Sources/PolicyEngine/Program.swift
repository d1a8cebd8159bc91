import InventoryModel

/// The checked, compiled form of an expression: what the evaluator walks.
///
/// Names are resolved away: variables are slot numbers, field paths are a slot plus steps, macros
/// know their variable's slot, regular expressions are compiled. Evaluating never re-reads the
/// text or looks a name up anywhere but in the fact's own object dictionary.
indirect enum Program: Sendable, Hashable {
    case constant(FactValue)
    case list([Program])
    /// A variable (a root such as `host`, or a macro variable) followed by fields and indexes.
    case path(slot: Int, steps: PathSteps)
    case not(Program)
    case negate(Program)
    case and(Program, Program)
    case or(Program, Program)
    case compare(ComparisonOperator, Program, Program)
    /// Ordering by version segments rather than by text.
    case compareVersions(ComparisonOperator, Program, Program)
    /// `left == null` or `left != null`: the only comparisons an unknown value may take part in.
    case isNull(Program, negated: Bool)
    case contains(element: Program, list: Program)
    case exists(list: Program, slot: Int, predicate: Program)
    case all(list: Program, slot: Int, predicate: Program)
    case count(list: Program, slot: Int, predicate: Program)
    case filter(list: Program, slot: Int, predicate: Program)
    case map(list: Program, slot: Int, transform: Program)
    case size(Program)
    case arithmetic(ArithmeticOperator, Program, Program)
    case matches(Program, CompiledRegex)
    case builtin(Builtin, [Program])
    /// Probe output named by the policy: `file:/etc/login.defs`, `command:auditd-enabled`.
    case probe(Probe)
}

enum PathStep: Sendable, Hashable {
    case field(String)
    case index(Int)
}

/// The steps of a fact path with their text written once, when the expression is compiled, so
/// recording evidence on every host does not rebuild `host.sshd.permit_root_login` each time.
struct PathSteps: Sendable, Hashable, Sequence {
    private(set) var steps: [PathStep] = []
    /// `.sshd.permit_root_login`, `[0].name`.
    private(set) var text = ""
    /// The whole path when it starts at a root (`host.sshd.permit_root_login`); `nil` for a
    /// macro variable, whose text depends on the element it is bound to.
    private(set) var rooted: String?
    /// `rooted`'s number in `RootedPathNumbers`, by which an evaluator remembers the fact.
    private(set) var rootedNumber: Int?

    init(root: String?) {
        rooted = root
        rootedNumber = root.map(RootedPathNumbers.shared.number(for:))
    }

    static func + (path: PathSteps, step: PathStep) -> PathSteps {
        var result = path
        result.steps.append(step)
        let piece: String
        switch step {
        case .field(let name): piece = "." + name
        case .index(let i): piece = "[\(i)]"
        }
        result.text += piece
        result.rooted = result.rooted.map { $0 + piece }
        result.rootedNumber = result.rooted.map(RootedPathNumbers.shared.number(for:))
        return result
    }

    func makeIterator() -> IndexingIterator<[PathStep]> { steps.makeIterator() }
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

/// Arithmetic after type checking: which operation on which runtime representation.
enum ArithmeticOperator: Sendable, Hashable {
    case addInt, subtractInt, multiplyInt, divideInt, remainderInt
    case addDouble, subtractDouble, multiplyDouble, divideDouble
    case concatenateStrings, concatenateLists
    /// Dates are compared and shifted in seconds; a duration is a double of seconds.
    case addDuration(toDate: Bool)
    case subtractDuration(fromDate: Bool)
    case subtractDates
}

/// Functions whose arguments are plain values (no variable binding).
enum Builtin: String, Sendable, Hashable {
    case lower, upper, trim, lines, startsWith, endsWith, containsText
    case version, daysSince, toInt, toDouble, toText
}
