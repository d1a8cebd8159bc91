public import InventoryModel

/// A Wazuh Security Configuration Assessment policy, evaluated agentless from probe evidence.
///
/// Each check's rules read files, directories, processes, command output or registry keys that
/// the scanner gathered in its single round trip (``probes``). A rule is true, false or — when
/// its evidence is missing or cannot apply, such as a registry rule on Linux — invalid; as in
/// Wazuh, a check with an invalid rule that is not decided otherwise is `not_applicable`, and so
/// is every check of a policy whose requirements the host does not meet.
public struct SCAPolicy: Sendable {
    public var id: String
    public var name: String
    public var description: String?
    public var references: [String]
    public var file: String
    /// Every probe the checks and requirements read, each once.
    public var probes: [Probe]
    public internal(set) var checks: [SCACheck]
    var requirements: SCACheck?

    /// Findings for one scanned host, one per check, in file order; empty unless it was scanned.
    public func evaluate(host: HostScan) -> [Finding] {
        guard host.status == .scanned else { return [] }
        return evaluate(
            context: EvaluationContext(host: host), isWindows: host.facts?.os?.family == "windows",
            endpoint: host.target.endpoint, unit: host.target.unit)
    }

    /// Findings from probe evidence alone; registry rules apply only when `isWindows`.
    public func evaluate(
        context: EvaluationContext, isWindows: Bool, endpoint: String, unit: String
    )
        -> [Finding]
    {
        let evaluator = SCAEvaluator(context: context, isWindows: isWindows)
        var unmet: String?
        if let requirements {
            let result = evaluator.evaluate(requirements)
            if result.verdict != .pass {
                unmet =
                    "The host does not meet the policy's requirements (\(requirements.title))"
                    + (result.reasons.isEmpty
                        ? "." : ": " + result.reasons.joined(separator: "; ") + ".")
            }
        }
        return checks.map { check in
            let title = LocalizedText(vi: check.title, en: check.title)
            func finding(_ verdict: Verdict, message: String?, evidence: [EvidenceItem] = []) -> Finding {
                Finding(
                    policyID: id, ruleID: check.id, title: title, severity: .medium, host: endpoint,
                    unit: unit, verdict: verdict, message: message, evidence: evidence)
            }
            if let unmet { return finding(.notApplicable, message: unmet) }
            let result = evaluator.evaluate(check)
            return finding(
                result.verdict, message: result.reasons.isEmpty ? nil : result.reasons.joined(separator: "; "),
                evidence: result.evidence)
        }
    }
}

/// One SCA check: an id, texts, and rules joined by `all`, `any` or `none`.
public struct SCACheck: Sendable {
    public enum Condition: String, Sendable, CaseIterable {
        case all, any, none
    }

    public var id: String
    public var title: String
    public var description: String?
    public var rationale: String?
    public var remediation: String?
    public var condition: Condition
    var rules: [SCARule]
    /// The line the check starts on.
    public var line: Int
}
