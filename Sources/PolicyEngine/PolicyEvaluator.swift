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
        snapshot.hosts.flatMap { evaluate(host: $0, policies: policies) }
    }

    /// Findings for one host; empty unless its status is `scanned`.
    public func evaluate(host: HostScan, policies: [Policy]) -> [Finding] {
        guard host.status == .scanned else { return [] }
        // Converted once per host; every rule reads the same tree.
        return evaluate(
            facts: host.factValue, context: EvaluationContext(host: host), policies: policies,
            endpoint: host.target.endpoint, unit: host.target.unit)
    }

    /// Findings for a host given as a fact tree (policy tests, benchmarks); the endpoint and unit
    /// default to the tree's `address:port` and `unit`.
    public func evaluate(
        facts: FactValue, context: EvaluationContext, policies: [Policy], endpoint: String? = nil,
        unit: String? = nil
    ) -> [Finding] {
        let roots = ["host": facts]
        let address: String = if case .string(let a) = facts["address"] { a } else { "" }
        let port: String = if case .int(let p) = facts["port"] { ":\(p)" } else { "" }
        let unitID: String = if case .string(let u) = facts["unit"] { u } else { "" }
        let target = Target(endpoint: endpoint ?? address + port, unit: unit ?? unitID)
        var findings: [Finding] = []
        for policy in policies {
            findings.reserveCapacity(findings.count + policy.rules.count)
            var notApplicable: Finding?
            if let appliesTo = policy.appliesTo {
                let template = Finding(
                    policyID: policy.id, ruleID: "", title: policy.title, severity: .info,
                    host: target.endpoint, unit: target.unit, verdict: .error)
                let gate = applicability(appliesTo, roots, context, template, what: "policy")
                if let gate { notApplicable = gate }
            }
            // Indexing rather than `for rule in`: passing the element straight on borrows it
            // instead of copying every field of the rule on every host.
            for i in policy.rules.indices {
                if var skipped = notApplicable {
                    skipped.ruleID = policy.rules[i].id
                    skipped.title = policy.rules[i].title
                    skipped.severity = policy.rules[i].severity
                    findings.append(skipped)
                } else {
                    findings.append(evaluate(policy.rules[i], of: policy.id, roots, context, target))
                }
            }
        }
        return findings
    }

    /// Computed once per host rather than once per finding.
    private struct Target {
        var endpoint: String
        var unit: String
    }

    /// `nil` when the condition holds; otherwise the finding that says why the rule (or the whole
    /// policy) is not judged: `not_applicable` when it is false, `error` when it cannot be told.
    private func applicability(
        _ condition: Expression, _ roots: [String: FactValue], _ context: EvaluationContext,
        _ template: Finding, what: String
    ) -> Finding? {
        var finding = template
        let applicable = condition.evaluate(roots, context: context)
        finding.evidence = applicable.evidence
        switch applicable.outcome {
        case .value(.bool(true)):
            return nil
        case .value(.bool(false)):
            finding.verdict = .notApplicable
            finding.message = "The \(what) does not apply: \(condition.source) is false."
        case .value(let other):
            finding.message = "Cannot tell whether the \(what) applies: its condition gave \(other)."
        case .unknown(let why):
            finding.message = "Cannot tell whether the \(what) applies: \(why)."
        }
        return finding
    }

    private func evaluate(
        _ rule: PolicyRule, of policyID: String, _ roots: [String: FactValue],
        _ context: EvaluationContext, _ target: Target
    ) -> Finding {
        var finding = Finding(
            policyID: policyID, ruleID: rule.id, title: rule.title, severity: rule.severity,
            host: target.endpoint, unit: target.unit, verdict: .error)
        if let when = rule.when,
            let skipped = applicability(when, roots, context, finding, what: "rule")
        {
            return skipped
        }
        let result = rule.check.evaluate(roots, context: context)
        finding.evidence = result.evidence
        switch result.outcome {
        case .value(.bool(let passed)):
            finding.verdict = passed ? .pass : .fail
        case .value(let other):
            finding.message = "The check gave \(other) instead of true or false."
        case .unknown(let why):
            finding.message = "Cannot judge: \(why)."
        }
        return finding
    }
}
