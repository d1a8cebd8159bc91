public import InventoryModel

/// Judges hosts against policies: one `Finding` per scanned host and rule.
///
/// Named `PolicyEvaluator` rather than `PolicyEngine` so the type does not shadow the module's
/// name (which would break `PolicyEngine.Policy`-style qualified references).
public struct PolicyEvaluator: Sendable {
    public init() {}

    /// Findings for every scanned host of the snapshot, in host, policy and rule order.
    ///
    /// Hosts that were not scanned (unreachable, authentication failed, …) have no facts; they
    /// get no findings here and are reported by their status instead.
    /// Unit policies (``PolicyScope/unit``) follow, judged on each unit's inventory.
    public func evaluate(snapshot: InventorySnapshot, policies: [Policy]) -> [Finding] {
        let prepared = prepare(policies)
        var findings: [Finding] = []
        findings.reserveCapacity(snapshot.hosts.count * prepared.rules.count)
        for host in snapshot.hosts where host.status == .scanned {
            evaluate(host, prepared, into: &findings)
        }
        if policies.contains(where: { $0.scope == .unit }) {
            findings += evaluate(units: UnitInventory.build(snapshot), policies: policies)
        }
        return findings
    }

    /// Findings of the unit policies among `policies` for every unit, in unit, policy and rule
    /// order; each finding's host is `unit:<id>` and its evidence the `unit.*` facts it read.
    public func evaluate(units: [UnitInventory], policies: [Policy]) -> [Finding] {
        let prepared = Prepared(policies.filter { $0.scope == .unit })
        var findings: [Finding] = []
        for unit in units {
            evaluate(
                root: .tree(unit.factValue, root: "unit"), context: EvaluationContext(), prepared: prepared,
                target: Target(endpoint: "unit:\(unit.id)", unit: unit.id), into: &findings)
        }
        return findings
    }

    /// Findings for one host; empty unless its status is `scanned`.
    public func evaluate(host: HostScan, policies: [Policy]) -> [Finding] {
        evaluate(host: host, prepared: prepare(policies))
    }

    /// Policies made ready once for judging many hosts one at a time, as a scanner that stores
    /// each host's findings as it goes does.
    public struct Prepared: Sendable {
        fileprivate let policies: [PreparedPolicy]
        /// Every policy's rules' shared finding parts, in judging order: a host's n-th judgement is
        /// of `rules[n]`.
        fileprivate let rules: [Finding.Rule]

        fileprivate init(_ policies: [Policy]) {
            self.policies = policies.map(PreparedPolicy.init)
            rules = self.policies.flatMap { $0.rules.map(\.identity) }
        }
    }

    /// Host policies only: unit policies are judged on units (``evaluate(units:policies:)``).
    public func prepare(_ policies: [Policy]) -> Prepared {
        Prepared(policies.filter { $0.scope == .host })
    }

    /// Findings for one host with policies prepared beforehand; empty unless its status is `scanned`.
    public func evaluate(host: HostScan, prepared: Prepared) -> [Finding] {
        guard host.status == .scanned else { return [] }
        var findings: [Finding] = []
        findings.reserveCapacity(prepared.rules.count)
        evaluate(host, prepared, into: &findings)
        return findings
    }

    /// Findings for a host given as a fact tree (policy tests); the endpoint and unit default to
    /// the tree's `address:port` and `unit`.
    public func evaluate(
        facts: FactValue, context: EvaluationContext, policies: [Policy], endpoint: String? = nil,
        unit: String? = nil
    ) -> [Finding] {
        let address: String = if case .string(let a) = facts["address"] { a } else { "" }
        let port: String = if case .int(let p) = facts["port"] { ":\(p)" } else { "" }
        let unitID: String = if case .string(let u) = facts["unit"] { u } else { "" }
        var findings: [Finding] = []
        evaluate(
            root: .tree(facts, root: "host"), context: context, prepared: prepare(policies),
            target: Target(endpoint: endpoint ?? address + port, unit: unit ?? unitID),
            into: &findings)
        return findings
    }

    private func evaluate(
        _ host: HostScan, _ prepared: Prepared, into findings: inout [Finding]
    ) {
        // Its facts are built as rules first read them, each once per host.
        evaluate(
            root: .scan(host), context: EvaluationContext(host: host), prepared: prepared,
            target: Target(endpoint: host.target.endpoint, unit: host.target.unit), into: &findings)
    }

    /// Computed once per host rather than once per finding.
    private struct Target {
        var endpoint: String
        var unit: String
    }

    /// A rule's parts that judging needs, held by reference so judging a host copies none of
    /// each rule's texts and expressions.
    fileprivate final class PreparedRule: Sendable {
        /// Shared by every finding of the rule.
        let identity: Finding.Rule
        let when: Expression?
        let check: Expression

        init(_ rule: PolicyRule, policyID: String) {
            identity = Finding.Rule(
                policyID: policyID, ruleID: rule.id, title: rule.title, severity: rule.severity)
            when = rule.when
            check = rule.check
        }
    }

    fileprivate struct PreparedPolicy: Sendable {
        let appliesTo: Expression?
        let rules: [PreparedRule]
        /// The roots of the policy's expressions, in slot order (the fact schema's).
        let rootNames: [String]

        init(_ policy: Policy) {
            appliesTo = policy.appliesTo
            rules = policy.rules.map { PreparedRule($0, policyID: policy.id) }
            rootNames = policy.rules.first?.check.rootNames ?? [policy.scope.rawValue]
        }
    }

    /// A finding before the host's evidence is complete: its evidence is a range of citations.
    private struct Judgement {
        var verdict: Verdict
        var message: String?
        var evidence: Range<Int>
    }

    /// What the `host` root is bound to.
    private enum Root {
        /// A fact tree bound to the root of that name, as policy tests and unit policies give it.
        case tree(FactValue, root: String)
        /// A scanned host, whose tree is built one top-level fact at a time as rules read it.
        case scan(HostScan)
    }

    /// Judges every rule of every policy on one host with one evaluator, so a fact read by rules of
    /// several policies is looked up and written out once; the findings then share the host's
    /// evidence items (`Finding.Subject`).
    private func evaluate(
        root: Root, context: EvaluationContext, prepared: Prepared, target: Target,
        into findings: inout [Finding]
    ) {
        guard !prepared.rules.isEmpty else { return }
        var evaluator = Evaluator(bindings: [], context: context)
        var boundRoots: [String]? = nil
        var citations: [UInt32] = []
        // Sized for a couple of facts per rule, so the buffer does not grow a step at a time on
        // every host.
        citations.reserveCapacity(prepared.rules.count * 2)
        var judged: [Judgement] = []
        judged.reserveCapacity(prepared.rules.count)
        for policy in prepared.policies {
            if boundRoots != policy.rootNames {
                // A path's number names it from its root's name, not its slot: remembered facts stay valid.
                switch root {
                case .tree(let facts, let name):
                    evaluator.bindRoots(policy.rootNames.map { $0 == name ? facts : .null }, names: policy.rootNames)
                case .scan(let host):
                    evaluator.bindRoots(host: host, names: policy.rootNames)
                }
                boundRoots = policy.rootNames
            }
            var policyGate: Judgement?
            if let appliesTo = policy.appliesTo {
                policyGate = applicability(appliesTo, &evaluator, what: "policy", citing: &citations)
            }
            for rule in policy.rules {
                judged.append(policyGate ?? judge(rule, &evaluator, citing: &citations))
            }
        }
        let subject = Finding.Subject(
            host: target.endpoint, unit: target.unit, items: evaluator.evidence.hostItems,
            citations: citations)
        for (rule, judgement) in zip(prepared.rules, judged) {
            findings.append(
                Finding(
                    rule: rule, subject: subject, verdict: judgement.verdict,
                    evidence: judgement.evidence, message: judgement.message))
        }
    }

    /// `nil` when the condition holds; otherwise why the rule (or the whole policy) is not
    /// judged: `not_applicable` when it is false, `error` when it cannot be told.
    private func applicability(
        _ condition: Expression, _ evaluator: inout Evaluator, what: String, citing citations: inout [UInt32]
    ) -> Judgement? {
        // Evidence is written out only when the condition stops the rule and the finding keeps it.
        let verdict: Verdict
        let message: String
        switch condition.condition(with: &evaluator) {
        case .value(true):
            return nil
        case .value(false):
            (verdict, message) = (.notApplicable, "The \(what) does not apply: \(condition.source) is false.")
        case .other(let other):
            (verdict, message) = (.error, "Cannot tell whether the \(what) applies: its condition gave \(other).")
        case .unknown(let why):
            (verdict, message) = (.error, "Cannot tell whether the \(what) applies: \(why).")
        }
        return Judgement(verdict: verdict, message: message, evidence: evaluator.evidence.cite(into: &citations))
    }

    private func judge(_ rule: PreparedRule, _ evaluator: inout Evaluator, citing citations: inout [UInt32])
        -> Judgement
    {
        if let when = rule.when,
            let skipped = applicability(when, &evaluator, what: "rule", citing: &citations)
        {
            return skipped
        }
        let verdict: Verdict
        var message: String? = nil
        switch rule.check.condition(with: &evaluator) {
        case .value(let passed):
            verdict = passed ? .pass : .fail
        case .other(let other):
            (verdict, message) = (.error, "The check gave \(other) instead of true or false.")
        case .unknown(let why):
            (verdict, message) = (.error, "Cannot judge: \(why).")
        }
        return Judgement(verdict: verdict, message: message, evidence: evaluator.evidence.cite(into: &citations))
    }
}
