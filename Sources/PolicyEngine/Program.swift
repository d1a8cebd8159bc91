import Synchronization
import InventoryModel

/// The checked, compiled form of an expression, from which its `EvaluationNode`s are built.
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

    /// For a path that starts at a macro variable ranging over a list known when compiling
    /// (`s.port` in `host.listening.exists(s, …)`): the list's path and the whole texts for the
    /// first elements, `host.listening[0].port` …, written once rather than on every host.
    private(set) var elementTexts: ElementPathTexts?

    init(root: String?, elementBase: String? = nil) {
        rooted = root
        rootedNumber = root.map(RootedPathNumbers.shared.number(for:))
        elementTexts = elementBase.map { ElementPathTexts.shared(base: $0, rest: "") }
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
        result.elementTexts = path.elementTexts.map {
            ElementPathTexts.shared(base: $0.base, rest: result.text)
        }
        return result
    }

    func makeIterator() -> IndexingIterator<[PathStep]> { steps.makeIterator() }
}

/// `base[i]rest` for the first few `i`: a macro reads most lists' elements on every host, and a
/// fleet's lists are short (listening sockets, antivirus products, ciphers).
final class ElementPathTexts: Sendable, Hashable {
    static let count = 32

    let base: String
    /// `base`'s `RootedPathNumbers` number.
    let baseNumber: Int
    let texts: [String]
    /// Each text's `RootedPathNumbers` number: `host.listening[0].port` names one fact of a host,
    /// whichever rule reads it, so an evaluator remembers it and writes its evidence once per host.
    let numbers: [Int]

    private static let known = Mutex<[String: ElementPathTexts]>([:])

    /// One object per element path, however many rules write it: judging a host touches every
    /// rule's paths, and shared ones stay in the processor's cache.
    static func shared(base: String, rest: String) -> ElementPathTexts {
        known.withLock { known in
            let key = base + "[]" + rest
            if let texts = known[key] { return texts }
            let texts = ElementPathTexts(base: base, rest: rest)
            known[key] = texts
            return texts
        }
    }

    private init(base: String, rest: String) {
        self.base = base
        baseNumber = RootedPathNumbers.shared.number(for: base)
        texts = (0..<Self.count).map { TextBuilding.elementPath(base, $0, rest) }
        numbers = texts.map(RootedPathNumbers.shared.number(for:))
    }

    /// The number of element `index` of the list numbered `list`; `nil` when that is another
    /// list or the element's text was not written ahead.
    func number(list: Int, index: Int) -> Int? {
        guard list == baseNumber, index < numbers.count else { return nil }
        return numbers[index]
    }

    /// One object per path (see `shared`), so the same object is the same path.
    static func == (a: ElementPathTexts, b: ElementPathTexts) -> Bool { a === b }

    func hash(into hasher: inout Hasher) { hasher.combine(ObjectIdentifier(self)) }
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
