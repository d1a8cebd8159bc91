import InventoryModel

/// A compiled, type-checked expression: parse and check once, evaluate on every host.
///
/// ```swift
/// let check = try Expression("host.sshd.permit_root_login == \"no\"", expecting: .bool)
/// let result = check.evaluate(["host": scan.factValue])
/// ```
public struct Expression: Sendable, CustomStringConvertible {
    /// The text as written.
    public let source: String
    /// The static type of the whole expression.
    public let type: ExpressionType

    let program: Program
    /// `program` as the nodes it is evaluated with.
    let node: EvaluationNode
    /// Root names in slot order (the checker gives roots the first slots).
    let rootNames: [String]
    let slotCount: Int
    /// The probes (`file(…)`, `command(…)`) the expression reads, in a stable order.
    public let probes: [Probe]

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
            let what = expecting == .bool ? "a bool condition" : expecting.withArticle
            throw ExpressionError(
                "the expression must be \(what), but it is \(type.withArticle)", at: expr.position)
        }
        self.source = source
        self.type = type
        self.program = program
        self.node = EvaluationNode.compile(program)
        self.rootNames = roots.keys.sorted()
        self.slotCount = checker.slotCount
        self.probes = checker.probes.sorted()
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
