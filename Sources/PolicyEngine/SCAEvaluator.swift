import Foundation
import InventoryModel

/// Evaluates SCA rules over probe evidence with Wazuh's three-valued results.
struct SCAEvaluator {
    enum Outcome {
        case yes, no
        /// The rule cannot be evaluated on this host; the reason says why.
        case invalid(String)
    }

    struct CheckResult {
        var verdict: Verdict
        var evidence: [EvidenceItem]
        var reasons: [String]
    }

    let context: EvaluationContext
    let isWindows: Bool

    /// Wazuh's aggregation: `all` fails on a false rule, `any` passes on a true one, `none` fails
    /// on a true one; otherwise an invalid rule makes the check not applicable.
    func evaluate(_ check: SCACheck) -> CheckResult {
        var evidence: [EvidenceItem] = []
        var reasons: [String] = []
        var sawTrue = false
        var sawFalse = false
        for rule in check.rules {
            let (outcome, detail) = evaluate(rule)
            let value: String
            switch outcome {
            case .yes:
                sawTrue = true
                value = "true" + (detail.map { " (\($0))" } ?? "")
            case .no:
                sawFalse = true
                value = "false" + (detail.map { " (\($0))" } ?? "")
            case .invalid(let why):
                reasons.append(why)
                value = "not applicable: \(why)"
            }
            if evidence.count < EvidenceRecorder.itemLimit {
                evidence.append(
                    EvidenceItem(
                        path: rule.text, value: String(value.prefix(EvidenceRecorder.valueLimit))))
            }
            // Decided already: later rules cannot change the verdict.
            if (check.condition == .all && sawFalse) || (check.condition != .all && sawTrue) {
                break
            }
        }
        let verdict: Verdict
        switch check.condition {
        case .all: verdict = sawFalse ? .fail : reasons.isEmpty ? .pass : .notApplicable
        case .any: verdict = sawTrue ? .pass : reasons.isEmpty ? .fail : .notApplicable
        case .none: verdict = sawTrue ? .fail : reasons.isEmpty ? .pass : .notApplicable
        }
        return CheckResult(
            verdict: verdict, evidence: evidence, reasons: verdict == .notApplicable ? reasons : [])
    }

    /// A rule's outcome (after `not`) and a detail for the evidence, such as the line that matched.
    func evaluate(_ rule: SCARule) -> (Outcome, String?) {
        let (outcome, detail) = evaluateTarget(rule.target)
        guard rule.negated else { return (outcome, detail) }
        switch outcome {
        case .yes: return (.no, detail)
        case .no: return (.yes, detail)
        case .invalid: return (outcome, detail)
        }
    }

    private func section(_ probe: Probe) -> Evidence? { context.evidence[probe.evidenceName] }

    private func evaluateTarget(_ target: SCARule.Target) -> (Outcome, String?) {
        switch target {
        case .files(let paths, let content):
            var missing: [String] = []
            for path in paths {
                guard let file = section(.file(path)) else {
                    missing.append(path)
                    continue
                }
                guard file.exitCode ?? 0 == 0 else { continue }
                guard let content else { return (.yes, "\(path) exists") }
                if let match = content.firstMatch(in: file.text) {
                    return (.yes, "\(path):\(match.number): \(match.line)")
                }
            }
            if !missing.isEmpty {
                return (
                    .invalid(
                        "\(missing.map { "file:" + $0 }.joined(separator: ", ")) was not collected in this scan"
                    ), nil
                )
            }
            return (.no, content == nil ? "not found" : "no matching line")

        case .directories(let paths, let names, let content):
            for path in paths {
                guard let listing = section(.directory(path)) else {
                    return (.invalid("dir:\(path) was not collected in this scan"), nil)
                }
                guard listing.exitCode ?? 0 == 0 else { continue }
                guard names != nil || content != nil else { return (.yes, "\(path) exists") }
                for entry in Evaluator.lines(of: listing.text)
                where names?.matches(line: entry) ?? true {
                    let full = path.hasSuffix("/") ? path + entry : path + "/" + entry
                    guard let content else { return (.yes, full) }
                    guard let file = section(.file(full)) else {
                        return (.invalid("file:\(full) was not collected in this scan"), nil)
                    }
                    if file.exitCode ?? 0 == 0, let match = content.firstMatch(in: file.text) {
                        return (.yes, "\(full):\(match.number): \(match.line)")
                    }
                }
            }
            return (.no, "no matching file")

        case .process(let name):
            guard let list = section(.processes) else {
                return (.invalid("the process list was not collected in this scan"), nil)
            }
            for line in Evaluator.lines(of: list.text) {
                let program = line.split(separator: " ").first.map {
                    $0.split(separator: "/").last ?? $0
                }
                if let program, program == Substring(name) { return (.yes, String(line)) }
            }
            return (.no, "\(name) is not running")

        case .command(let command, let content):
            guard let output = section(.command(command, run: command)) else {
                return (.invalid("the output of '\(command)' was not collected in this scan"), nil)
            }
            guard let content else { return (.yes, "ran") }
            if let match = content.firstMatch(in: output.text) {
                return (.yes, "line \(match.number): \(match.line)")
            }
            return (.no, "no matching line")

        case .registry(let key, let valueName, let content):
            guard isWindows else {
                return (.invalid("registry rules apply to Windows hosts only"), nil)
            }
            guard let values = section(.registry(key)) else {
                return (.invalid("registry:\(key) was not collected in this scan"), nil)
            }
            guard values.exitCode ?? 0 == 0 else { return (.no, "the key does not exist") }
            guard let valueName else { return (.yes, "the key exists") }
            for line in Evaluator.lines(of: values.text) {
                let parts = line.split(
                    separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.first.map({ $0.lowercased() == valueName.lowercased() }) == true else {
                    continue
                }
                let data = parts.count > 1 ? parts[1] : ""
                guard let content else { return (.yes, "\(valueName) exists") }
                return content.matches(line: data)
                    ? (.yes, "\(valueName) = \(data)") : (.no, "\(valueName) = \(data)")
            }
            return (.no, "\(valueName) is not set")
        }
    }
}
