public import InventoryModel

/// A compiled, type-checked expression: parse and check once, evaluate on every host.
///
/// ```swift
/// let check = try Expression("host.sshd.permit_root_login == \"no\"", expecting: .bool)
/// let result = check.evaluate(host: scan)
/// ```
public struct Expression: Sendable, CustomStringConvertible {
    /// Everything compiled, behind one reference: rules hold expressions, and judging a rule on
    /// every host would otherwise copy (and count references to) each of these parts.
    private let compiled: Compiled

    private final class Compiled: Sendable {
        let source: String
        let type: ExpressionType
        let program: Program
        let node: EvaluationNode
        /// Whether `node` is a `ConditionNode`, which gives a bool or fails (a comparison, `&&`, a
        /// macro, …), as every check and `when` does: judged without wrapping the bool in a value
        /// and an outcome.
        let isCondition: Bool
        let rootNames: [String]
        let slotCount: Int
        let probes: [Probe]

        init(
            source: String, type: ExpressionType, program: Program, rootNames: [String], slotCount: Int,
            probes: [Probe]
        ) {
            self.source = source
            self.type = type
            self.program = program
            node = EvaluationNode.compile(program)
            isCondition = node is ConditionNode
            self.rootNames = rootNames
            self.slotCount = slotCount
            self.probes = probes
        }
    }

    /// The text as written.
    public var source: String { compiled.source }
    /// The static type of the whole expression.
    public var type: ExpressionType { compiled.type }

    var program: Program { compiled.program }
    /// `program` as the nodes it is evaluated with.
    var node: EvaluationNode { compiled.node }
    /// Root names in slot order (the checker gives roots the first slots).
    var rootNames: [String] { compiled.rootNames }
    var slotCount: Int { compiled.slotCount }
    /// The probes (`file(…)`, `command(…)`) the expression reads, in a stable order.
    public var probes: [Probe] { compiled.probes }

    /// Parses and checks `source` against `roots` (by default the fact schema's roots).
    ///
    /// - Parameter expecting: the type the whole expression must have, such as `.bool` for a check.
    public init(
        _ source: String, roots: [String: FactType] = FactSchema.roots,
        expecting: ExpressionType? = nil
    ) throws(ExpressionError) {
        try self.init(source, roots: roots, expecting: expecting, commands: nil)
    }

    /// As the public initialiser, with the commands a policy declares: `command(name)` must name one.
    init(
        _ source: String, roots: [String: FactType] = FactSchema.roots,
        expecting: ExpressionType?, commands: [String: Probe]?
    ) throws(ExpressionError) {
        let expr = try Parser.parse(source)
        var checker = TypeChecker(source: source, roots: roots, commands: commands)
        let (program, type) = try checker.check(expr)
        if let expecting, type != expecting, type != .dyn {
            throw ExpressionError(
                .wrongResult(expected: expecting.description, condition: expecting == .bool, got: type.description), at: expr.position)
        }
        compiled = Compiled(
            source: source, type: type, program: program, rootNames: roots.keys.sorted(),
            slotCount: checker.slotCount, probes: checker.probes.sorted())
    }

    public var description: String { source }

    /// Evaluates with the given root values (`["host": scan.factValue]`); a missing root is unknown.
    ///
    /// `context` supplies the scan time for `days_since` and the probe output for `file` and
    /// `command`; without it those are unknown.
    public func evaluate(
        _ roots: [String: FactValue], context: EvaluationContext = EvaluationContext()
    )
        -> ExpressionResult
    {
        let bindings = rootNames.map {
            Evaluator.Binding(value: roots[$0] ?? .null, origin: .root($0))
        }
        var evaluator = Evaluator(bindings: bindings, context: context)
        return evaluate(with: &evaluator)
    }

    /// Evaluates with `host` bound to a scanned host, whose facts are built as the expression
    /// reads them (a server's package list is not built for a rule on its SSH settings), and the
    /// other roots taken from `roots`.
    public func evaluate(
        host: HostScan, _ roots: [String: FactValue] = [:], context: EvaluationContext = EvaluationContext()
    ) -> ExpressionResult {
        var evaluator = Evaluator(bindings: [], context: context)
        evaluator.bindRoots(host: host, names: rootNames, others: roots)
        return evaluate(with: &evaluator)
    }

    /// Evaluates with an evaluator whose first slots already hold this expression's roots, so a
    /// caller judging many rules on one host binds the host once.
    func evaluate(with evaluator: inout Evaluator) -> ExpressionResult {
        let outcome = outcome(with: &evaluator)
        return ExpressionResult(outcome: outcome, evidence: evaluator.evidence.items())
    }

    /// The outcome alone; the facts read stay in `evaluator.evidence` until the next evaluation,
    /// so a caller that discards them (a `when` that holds) never writes them out as text.
    func outcome(with evaluator: inout Evaluator) -> ExpressionResult.Outcome {
        evaluator.begin(slotCount: slotCount)
        let outcome: ExpressionResult.Outcome
        do {
            outcome = .value(try node.value(&evaluator))
        } catch {
            outcome = .unknown(error.message)
        }
        return outcome
    }
}

extension Expression {
    /// What a condition (a check, a `when`) gave.
    enum ConditionOutcome {
        case value(Bool)
        /// A value that is not a bool, which only an expression of type `dyn` can give.
        case other(FactValue)
        case unknown(String)
    }

    /// The outcome of a condition; the facts read stay in `evaluator.evidence`, as with `outcome`.
    func condition(with evaluator: inout Evaluator) -> ConditionOutcome {
        guard compiled.isCondition else {
            switch outcome(with: &evaluator) {
            case .value(.bool(let b)): return .value(b)
            case .value(let other): return .other(other)
            case .unknown(let why): return .unknown(why)
            }
        }
        // The same answers as `outcome`: a condition node's value is its bool.
        evaluator.begin(slotCount: slotCount)
        do {
            // Called on the stored node, not a bound copy of it: the call then takes no reference
            // count, on every rule of every host.
            return .value(try compiled.node.condition(&evaluator))
        } catch {
            return .unknown(error.message)
        }
    }
}

/// What an evaluation gave, and the facts it read to get there.
public struct ExpressionResult: Sendable, Hashable {
    public enum Outcome: Sendable, Hashable {
        case value(FactValue)
        /// A fact the answer depends on is unknown; the message names it.
        case unknown(String)
    }

    public var outcome: Outcome
    /// Fact paths read and their values, first read first, each path once, at most 20.
    public var evidence: [EvidenceItem]

    /// The value when it is a bool; `nil` for unknown.
    public var bool: Bool? {
        if case .value(.bool(let b)) = outcome { return b }
        return nil
    }
}
