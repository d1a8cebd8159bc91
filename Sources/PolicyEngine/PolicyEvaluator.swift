import InventoryModel

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
    public func evaluate(snapshot: InventorySnapshot, policies: [Policy]) -> [Finding] {
        let prepared = policies.map(PreparedPolicy.init)
        var findings: [Finding] = []
        findings.reserveCapacity(snapshot.hosts.count * prepared.map(\.rules.count).reduce(0, +))
        for host in snapshot.hosts where host.status == .scanned {
            evaluate(host, prepared, into: &findings)
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
    }

    public func prepare(_ policies: [Policy]) -> Prepared {
        Prepared(policies: policies.map(PreparedPolicy.init))
    }

    /// Findings for one host with policies prepared beforehand; empty unless its status is `scanned`.
    public func evaluate(host: HostScan, prepared: Prepared) -> [Finding] {
        guard host.status == .scanned else { return [] }
        var findings: [Finding] = []
        findings.reserveCapacity(prepared.policies.reduce(0) { $0 + $1.rules.count })
        evaluate(host, prepared.policies, into: &findings)
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
            facts: facts, context: context, policies: policies.map(PreparedPolicy.init),
            target: Target(endpoint: endpoint ?? address + port, unit: unit ?? unitID),
            into: &findings)
        return findings
    }

    private func evaluate(
        _ host: HostScan, _ policies: [PreparedPolicy], into findings: inout [Finding]
    ) {
        // Converted once per host; every rule reads the same tree.
        evaluate(
            facts: host.factValue, context: EvaluationContext(host: host), policies: policies,
            target: Target(endpoint: host.target.endpoint, unit: host.target.unit), into: &findings)
    }

    /// Computed once per host rather than once per finding.
    private struct Target {
        var endpoint: String
        var unit: String
    }

    /// A rule's parts that every finding needs, held by reference so judging a host does not
    /// copy each rule's texts.
    fileprivate final class PreparedRule: Sendable {
        let id: String
        let title: LocalizedText
        let severity: Severity
        let when: Expression?
        let check: Expression

        init(_ rule: PolicyRule) {
            id = rule.id
            title = rule.title
            severity = rule.severity
            when = rule.when
            check = rule.check
        }
    }

    fileprivate struct PreparedPolicy: Sendable {
        let id: String
        let title: LocalizedText
        let appliesTo: Expression?
        let rules: [PreparedRule]
        /// The roots of the policy's expressions, in slot order (the fact schema's).
        let rootNames: [String]

        init(_ policy: Policy) {
            id = policy.id
            title = policy.title
            appliesTo = policy.appliesTo
            rules = policy.rules.map(PreparedRule.init)
            rootNames = policy.rules.first?.check.rootNames ?? ["host"]
        }
    }

    private func evaluate(
        facts: FactValue, context: EvaluationContext, policies: [PreparedPolicy], target: Target,
        into findings: inout [Finding]
    ) {
        for policy in policies {
            let roots = ["host": facts]
            var evaluator = Evaluator(
                bindings: policy.rootNames.map {
                    .init(value: roots[$0] ?? .null, origin: .root($0))
                },
                context: context)
            var policyGate: Judgement?
            if let appliesTo = policy.appliesTo {
                policyGate = applicability(appliesTo, &evaluator, what: "policy")
            }
            for rule in policy.rules {
                let judgement = policyGate ?? judge(rule, &evaluator)
                findings.append(
                    Finding(
                        policyID: policy.id, ruleID: rule.id, title: rule.title,
                        severity: rule.severity,
                        host: target.endpoint, unit: target.unit, verdict: judgement.verdict,
                        message: judgement.message, evidence: judgement.evidence))
            }
        }
    }

    /// A verdict with its explanation, before it becomes a `Finding`: built in place so judging
    /// two million rules does not copy two million findings.
    private struct Judgement {
        var verdict: Verdict
        var message: String?
        var evidence: [EvidenceItem]
    }

    /// `nil` when the condition holds; otherwise why the rule (or the whole policy) is not
    /// judged: `not_applicable` when it is false, `error` when it cannot be told.
    private func applicability(_ condition: Expression, _ evaluator: inout Evaluator, what: String)
        -> Judgement?
    {
        // Evidence is written out only when the condition stops the rule and the finding keeps it.
        switch condition.outcome(with: &evaluator) {
        case .value(.bool(true)):
            return nil
        case .value(.bool(false)):
            return Judgement(
                verdict: .notApplicable,
                message: "The \(what) does not apply: \(condition.source) is false.",
                evidence: evaluator.evidence.items())
        case .value(let other):
            return Judgement(
                verdict: .error,
                message: "Cannot tell whether the \(what) applies: its condition gave \(other).",
                evidence: evaluator.evidence.items())
        case .unknown(let why):
            return Judgement(
                verdict: .error, message: "Cannot tell whether the \(what) applies: \(why).",
                evidence: evaluator.evidence.items())
        }
    }

    private func judge(_ rule: PreparedRule, _ evaluator: inout Evaluator) -> Judgement {
        if let when = rule.when, let skipped = applicability(when, &evaluator, what: "rule") {
            return skipped
        }
        let result = rule.check.evaluate(with: &evaluator)
        switch result.outcome {
        case .value(.bool(let passed)):
            return Judgement(
                verdict: passed ? .pass : .fail, message: nil, evidence: result.evidence)
        case .value(let other):
            return Judgement(
                verdict: .error, message: "The check gave \(other) instead of true or false.",
                evidence: result.evidence)
        case .unknown(let why):
            return Judgement(
                verdict: .error, message: "Cannot judge: \(why).", evidence: result.evidence)
        }
    }
}
