import Foundation
import InventoryModel

/// Why an expression has no value on a host: an unknown fact, named by its path.
struct EvaluationFailure: Error, Sendable {
    var message: String
}

/// The state of judging one host: its root values and macro variables, the facts already looked
/// up, and the evidence read so far. `EvaluationNode`s do the operations; this reads facts,
/// records them, and writes the messages of unknown facts.
struct Evaluator {
    /// Where a bound value came from, kept cheap: the `host.listening[2]` text is only built when
    /// evidence or a message needs it.
    enum Origin {
        case root(String)
        /// An element of the list at this path; which element is `Binding.index`.
        case element(of: String)
    }

    struct Binding {
        /// A root's value; a macro variable's is `elements[index]`.
        var value: FactValue
        var origin: Origin
        /// The list a macro variable ranges over, set once per macro rather than an element at a
        /// time: its elements are only read when a fact is not yet remembered.
        var elements: [FactValue]? = nil
        /// The element's index, for an element origin.
        var index = 0
        /// The `RootedPathNumbers` number of the list an element came from, when the list is a
        /// path from a root; `nil` otherwise.
        var listNumber: Int? = nil
    }

    /// Slots; the first hold the roots, which stay bound for the evaluator's whole life.
    var bindings: [Binding]
    var evidence: EvidenceRecorder
    /// Root-path facts already looked up, by `PathSteps.rootedNumber`: the roots never change
    /// while one evaluator judges a host's rules, so neither do these.
    private var rootedFacts: [FactValue?] = []
    let context: EvaluationContext
    /// The root slot bound to a scanned host whose facts are built one top-level field at a time,
    /// on first read (`HostScan.fact(named:)`), and the fields built so far.
    private var lazySlot = -1
    private var lazyHost: HostScan?
    /// Searched in order: a host's rules read a dozen or so top-level facts, and comparing short
    /// names costs less than hashing them.
    private var lazyFields: [(name: String, value: FactValue)] = []

    /// A regular expression test already done on this host (see `regexMatches`).
    struct RegexResult {
        var regex: CompiledRegex
        var text: String
        var matched: Bool
    }

    static let regexResultLimit = 8
    var regexResults: [RegexResult] = []

    init(bindings: [Binding], context: EvaluationContext = EvaluationContext()) {
        self.bindings = bindings
        self.context = context
        let numbers = RootedPathNumbers.shared.count
        rootedFacts = Array(repeating: nil, count: numbers)
        evidence = EvidenceRecorder(numbers: numbers)
    }

    /// Readies the evaluator for the next expression: its evidence starts empty and it has a
    /// slot for each of the expression's roots and macro variables.
    mutating func begin(slotCount: Int) {
        evidence.reset()
        while bindings.count < slotCount {
            bindings.append(Binding(value: .null, origin: .root("")))
        }
    }

    /// Binds `values` to the first slots, named `names`, for the next policy's expressions.
    mutating func bindRoots(_ values: [FactValue], names: [String]) {
        for (slot, (value, name)) in zip(values, names).enumerated() {
            let binding = Binding(value: value, origin: .root(name))
            if slot < bindings.count { bindings[slot] = binding } else { bindings.append(binding) }
        }
        lazySlot = -1
    }

    /// Binds the roots `names` for the next policy's expressions: `host` to `scan`, whose facts
    /// are built as rules read them, and any other root to its value in `others` (else null).
    /// Like the facts it remembers, the fields built so far are the one host's an evaluator judges.
    mutating func bindRoots(host scan: HostScan, names: [String], others: [String: FactValue] = [:]) {
        bindRoots(names.map { others[$0] ?? .null }, names: names)
        if let slot = names.firstIndex(of: "host") {
            lazySlot = slot
            lazyHost = scan
        }
    }

    // MARK: Facts

    /// Records a fact read; the path text is only built while the evidence has room.
    mutating func record(
        _ slot: Int, _ steps: PathSteps, _ value: FactValue, suffix: String = ""
    ) {
        guard evidence.hasRoom else { return }
        if let rooted = steps.rooted {
            if suffix.isEmpty {
                evidence.record(rooted, value, number: steps.rootedNumber)
            } else {
                evidence.record(rooted + suffix, value)
            }
            return
        }
        switch bindings[slot].origin {
        case .root(let name):
            evidence.record(name + steps.text + suffix, value)
        case .element(let base):
            let index = bindings[slot].index
            if suffix.isEmpty, let number = elementNumber(slot, steps.elementTexts) {
                evidence.record(steps.elementTexts!.texts[index], value, number: number)
                return
            }
            let rest = suffix.isEmpty ? steps.text : steps.text + suffix
            evidence.record(element: base, index: index, rest: rest, value)
        }
    }

    /// A path's value, recorded as evidence: what a fact path does on every read. The path's
    /// number is worked out once, for both remembering the fact and recording it.
    mutating func read(_ path: PathNode) -> FactValue {
        let slot = path.slot
        guard let number = path.rootedNumber ?? elementNumber(slot, path.elementTexts) else {
            let value = walk(slot, path.steps)
            record(slot, path.steps, value)
            return value
        }
        let value = remembered(number, path)
        if evidence.hasRoom {
            evidence.record(number: number, value) {
                path.steps.rooted ?? path.elementTexts!.texts[bindings[slot].index]
            }
        }
        return value
    }

    /// A path's value without recording it.
    mutating func resolve(_ path: PathNode) -> FactValue {
        guard let number = path.rootedNumber ?? elementNumber(path.slot, path.elementTexts) else {
            return walk(path.slot, path.steps)
        }
        return remembered(number, path)
    }

    /// As `remembered(_:_:_:)`, asking the node for its steps only when the fact is not yet
    /// remembered: handing `PathSteps` over copies it, and counts four references.
    private mutating func remembered(_ number: Int, _ path: PathNode) -> FactValue {
        if number < rootedFacts.count, let known = rootedFacts[number] { return known }
        return remembered(number, path.slot, path.steps)
    }

    /// A path's value without recording it, for operators that record something more telling.
    private mutating func resolvePath(_ program: Program) -> FactValue {
        guard case .path(let slot, let steps) = program else { return .null }
        return resolve(slot, steps)
    }

    mutating func resolve(_ slot: Int, _ steps: PathSteps) -> FactValue {
        guard let number = steps.rootedNumber ?? elementNumber(slot, steps.elementTexts) else {
            return walk(slot, steps)
        }
        return remembered(number, slot, steps)
    }

    /// The fact numbered `number`, looked up in the tree the first time only.
    private mutating func remembered(_ number: Int, _ slot: Int, _ steps: PathSteps) -> FactValue {
        if number < rootedFacts.count, let known = rootedFacts[number] { return known }
        let value = walk(slot, steps)
        if number >= rootedFacts.count {
            rootedFacts.append(contentsOf: repeatElement(nil, count: number - rootedFacts.count + 1))
        }
        rootedFacts[number] = value
        return value
    }

    /// The number of `host.listening[2].port` when the slot is bound to an element of a list
    /// whose path was known when compiling: the same fact in every rule that reads it.
    private func elementNumber(_ slot: Int, _ texts: ElementPathTexts?) -> Int? {
        guard let texts, let listNumber = bindings[slot].listNumber else {
            return nil
        }
        return texts.number(list: listNumber, index: bindings[slot].index)
    }

    private mutating func walk(_ slot: Int, _ steps: PathSteps) -> FactValue {
        var current = bindings[slot].elements.map { $0[bindings[slot].index] } ?? bindings[slot].value
        var rest = steps.makeIterator()
        if slot == lazySlot {
            // A first field names a top-level fact: built once per host, and only if read.
            if case .field(let name)? = steps.steps.first {
                current = lazyField(name)
                _ = rest.next()
            } else {
                current = lazyField("")
            }
        }
        while let step = rest.next() {
            switch step {
            case .field(let name):
                current = current[name]
            case .index(let i):
                guard case .list(let items) = current, i < items.count else { return .null }
                current = items[i]
            }
        }
        return current
    }

    /// A top-level fact of the lazily bound host; `""` is the whole host.
    private mutating func lazyField(_ name: String) -> FactValue {
        for index in lazyFields.indices where lazyFields[index].name == name { return lazyFields[index].value }
        guard let host = lazyHost else { return .null }
        let value = name.isEmpty ? host.factValue : host.fact(named: name)
        lazyFields.append((name, value))
        return value
    }

    private func pathText(_ slot: Int, _ steps: PathSteps) -> String {
        if let rooted = steps.rooted { return rooted }
        switch bindings[slot].origin {
        case .root(let name):
            return name + steps.text
        case .element(let base):
            let index = bindings[slot].index
            if elementNumber(slot, steps.elementTexts) != nil { return steps.elementTexts!.texts[index] }
            // One allocation for `host.listening[2].port`: this runs for every element a macro reads.
            return TextBuilding.elementPath(base, index, steps.text)
        }
    }

    func describe(_ program: Program) -> String {
        switch program {
        case .path(let slot, let steps): pathText(slot, steps)
        case .size(let operand): describe(operand)
        case .negate(let operand): describe(operand)
        case .probe(let probe): probe.evidenceName
        case .builtin(_, let arguments) where arguments.count == 1: describe(arguments[0])
        case .builtin(.version, let arguments): describe(arguments[0])
        default: "a value"
        }
    }

    func unknown(_ program: Program) -> EvaluationFailure {
        if case .probe(let probe) = program {
            return EvaluationFailure(
                message: "\(probe.evidenceName) does not exist or cannot be read on this host")
        }
        let described = describe(program)
        if described.hasPrefix("host."), let reason = lazyHost?.unknownReason(ofFact: String(described.dropFirst(5))) {
            return EvaluationFailure(message: "\(described) is unknown on this host: \(reason)")
        }
        return EvaluationFailure(message: "\(described) is unknown on this host")
    }

    /// The list a macro ranges over. Its elements are recorded one field at a time by the
    /// predicate; the list itself only when it is empty or unknown, which is what explains the verdict.
    ///
    /// A list at a path from a root has its text and number from compiling: nothing to describe on
    /// each host, and the slot's origin is only set when another list last used the slot.
    mutating func elements(of listNode: EvaluationNode, binding slot: Int) throws(EvaluationFailure)
        -> [FactValue]
    {
        let list = listNode.program
        let base: String
        let listValue: FactValue
        let listNumber: Int?
        if let path = listNode.asPath, let number = path.rootedNumber, let rooted = path.steps.rooted {
            (base, listNumber) = (rooted, number)
            listValue = resolve(path)
        } else {
            let described = describe(list)
            (base, listNumber) = (described == "a value" ? "list" : described, nil)
            listValue = list.isPath ? resolvePath(list) : try listNode.value(&self)
        }
        guard case .list(let items) = listValue else {
            if list.isPath { evidence.record(base, listValue, number: listNumber) }
            throw unknown(list)
        }
        if items.isEmpty, list.isPath { evidence.record(base, listValue, number: listNumber) }
        if listNumber == nil || bindings[slot].listNumber != listNumber {
            bindings[slot].origin = .element(of: base)
            bindings[slot].listNumber = listNumber
        }
        bindings[slot].index = 0
        bindings[slot].elements = items
        return items
    }

    /// Binds a macro variable to element `index` of the list `elements(of:binding:)` gave.
    mutating func bind(_ slot: Int, _ index: Int) {
        bindings[slot].index = index
    }

    // MARK: Comparison

    /// Equality with numbers compared by value across int and double.
    static func equal(_ a: FactValue, _ b: FactValue) -> Bool {
        switch (a, b) {
        case (.int(let x), .double(let y)): Double(x) == y
        case (.double(let x), .int(let y)): x == Double(y)
        case (.list(let x), .list(let y)):
            x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        default: a == b
        }
    }

    /// -1, 0 or 1 for values that have an order; `nil` for those that do not.
    static func order(_ a: FactValue, _ b: FactValue) -> Int? {
        func sign<T: Comparable>(_ x: T, _ y: T) -> Int { x < y ? -1 : x == y ? 0 : 1 }
        switch (a, b) {
        case (.int(let x), .int(let y)): return sign(x, y)
        case (.int(let x), .double(let y)): return sign(Double(x), y)
        case (.double(let x), .int(let y)): return sign(x, Double(y))
        case (.double(let x), .double(let y)): return sign(x, y)
        case (.string(let x), .string(let y)): return sign(x, y)
        case (.date(let x), .date(let y)): return sign(x, y)
        default: return nil
        }
    }

    static func compare(_ op: ComparisonOperator, _ a: FactValue, _ b: FactValue)
        throws(EvaluationFailure) -> Bool
    {
        switch op {
        case .equal: return equal(a, b)
        case .notEqual: return !equal(a, b)
        default:
            guard let order = order(a, b) else {
                throw EvaluationFailure(
                    message: "cannot compare \(a) with \(b) using '\(op.rawValue)'")
            }
            switch op {
            case .less: return order < 0
            case .lessOrEqual: return order <= 0
            case .greater: return order > 0
            default: return order >= 0
            }
        }
    }
}

extension Program {
    var isPath: Bool {
        if case .path = self { return true }
        return false
    }
}
