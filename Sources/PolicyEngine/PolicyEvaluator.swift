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
        let roots = ["host": host.factValue]
        var findings: [Finding] = []
        for policy in policies {
            for rule in policy.rules {
                findings.append(evaluate(rule, of: policy, roots: roots, host: host))
            }
        }
        return findings
    }

    private func evaluate(
        _ rule: PolicyRule, of policy: Policy, roots: [String: FactValue], host: HostScan
    ) -> Finding {
        var finding = Finding(
            policyID: policy.id, ruleID: rule.id, title: rule.title, severity: rule.severity,
            host: host.target.endpoint,
            unit: host.target.unit, verdict: .error)
        if let when = rule.when {
            let applicable = when.evaluate(roots)
            switch applicable.outcome {
            case .value(.bool(false)):
                finding.verdict = .notApplicable
                finding.message = "The rule does not apply: \(when.source) is false."
                finding.evidence = applicable.evidence
                return finding
            case .value(.bool(true)):
                break
            case .value(let other):
                finding.message =
                    "Cannot tell whether the rule applies: its condition gave \(other)."
                finding.evidence = applicable.evidence
                return finding
            case .unknown(let why):
                finding.message = "Cannot tell whether the rule applies: \(why)."
                finding.evidence = applicable.evidence
                return finding
            }
        }
        let result = rule.check.evaluate(roots)
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
