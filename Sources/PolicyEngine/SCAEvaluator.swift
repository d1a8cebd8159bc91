import Foundation
import InventoryModel

/// Evaluates SCA rules over probe evidence as Wazuh 5's agent evaluates them on the host
/// (`sca_policy_check.cpp`, `check_condition_evaluator.cpp`).
///
/// A rule is found, not found, or *invalid*: it could not be judged on this host (a file with a
/// content test that does not exist, a program that is not installed, a key that is missing).
/// An invalid rule makes its check not applicable unless another rule already decided it, so a
/// `not` never turns "there is nothing to read" into a pass.
struct SCAEvaluator {
    enum Outcome: Equatable {
        case yes, no
        /// The rule cannot be judged on this host; the reason says why.
        case invalid(String)
        /// The evidence never came (the probe was not run or timed out): Wazuh's "not run".
        case notRun(String)
    }

    struct CheckResult {
        var verdict: Verdict
        var evidence: [EvidenceItem]
        var reasons: [String]
    }

    let context: EvaluationContext
    let isWindows: Bool

    /// Wazuh's aggregation: `all` fails at the first false rule, `any` passes at the first true
    /// one, `none` fails at the first true one; a result once decided stays. Undecided, a rule
    /// that was not run makes the check an error, an invalid one makes it not applicable, and
    /// otherwise `all` and `none` pass and `any` fails.
    func evaluate(_ check: SCACheck) -> CheckResult {
        var evidence: [EvidenceItem] = []
        var reasons: [String] = []
        var decided: Verdict?
        var sawInvalid = false
        var sawNotRun = false
        for rule in check.rules {
            let (outcome, detail) = evaluate(rule)
            let value: String
            switch outcome {
            case .yes:
                value = "true" + (detail.map { " (\($0))" } ?? "")
                if check.condition == .any { decided = .pass }
                if check.condition == .none { decided = .fail }
            case .no:
                value = "false" + (detail.map { " (\($0))" } ?? "")
                if check.condition == .all { decided = .fail }
            case .invalid(let why):
                sawInvalid = true
                reasons.append(why)
                value = "not applicable: \(why)"
            case .notRun(let why):
                sawNotRun = true
                reasons.append(why)
                value = "not judged: \(why)"
            }
            if evidence.count < EvidenceRecorder.itemLimit {
                evidence.append(
                    EvidenceItem(path: rule.text, value: String(value.prefix(EvidenceRecorder.valueLimit))))
            }
            // Decided already: later rules cannot change the verdict.
            if decided != nil { break }
        }
        let verdict: Verdict
        if let decided {
            verdict = decided
        } else if sawNotRun {
            verdict = .error
        } else if sawInvalid {
            verdict = .notApplicable
        } else {
            verdict = check.condition == .any ? .fail : .pass
        }
        return CheckResult(
            verdict: verdict, evidence: evidence,
            reasons: verdict == .notApplicable || verdict == .error ? reasons : [])
    }

    /// A rule's outcome (after `not`) and a detail for the evidence, such as the line that matched.
    func evaluate(_ rule: SCARule) -> (Outcome, String?) {
        let (outcome, detail) = evaluateTarget(rule.target)
        guard rule.negated else { return (outcome, detail) }
        switch outcome {
        case .yes: return (.no, detail)
        case .no: return (.yes, detail)
        case .invalid, .notRun: return (outcome, detail)
        }
    }

    private func section(_ probe: Probe) -> Evidence? { context.evidence[probe.evidenceName] }

    private static func notCollected(_ probe: Probe) -> Outcome {
        .notRun("\(probe.evidenceName) was not collected in this scan")
    }

    /// What a file, directory or tree probe found at its path.
    private enum PathState {
        case present(Evidence)
        case missing
        case unreadable
        case notThatKind
        /// A directory on the way is closed to the scan's account: whether anything is there is
        /// not known.
        case unreachable
        /// The section began but never ended: the batch was cut or timed out.
        case cut
    }

    private func state(_ probe: Probe) -> PathState? {
        guard let evidence = section(probe) else { return nil }
        guard let code = evidence.exitCode else { return evidence.truncated ? .cut : .present(evidence) }
        switch code {
        case 0: return .present(evidence)
        case Probe.Status.unreadable: return .unreadable
        case Probe.Status.notThatKind: return .notThatKind
        case Probe.Status.unreachable: return .unreachable
        default: return .missing
        }
    }

    private func evaluateTarget(_ target: SCARule.Target) -> (Outcome, String?) {
        switch target {
        case .files(let paths, let content):
            // Several paths (Wazuh 4's comma list): found when one is, else invalid when one is.
            var firstInvalid: (Outcome, String?)?
            for path in paths {
                let (outcome, detail) = file(path, content)
                switch outcome {
                case .yes: return (outcome, detail)
                case .no: continue
                case .invalid, .notRun: if firstInvalid == nil { firstInvalid = (outcome, detail) }
                }
            }
            return firstInvalid ?? (.no, content == nil ? "not found" : "no matching line")

        case .directories(let paths, let names, let content):
            var firstInvalid: (Outcome, String?)?
            for path in paths {
                let (outcome, detail) =
                    names.map { directory(path, names: $0, content: content) } ?? directoryExists(path)
                switch outcome {
                case .yes: return (outcome, detail)
                case .no: continue
                case .invalid, .notRun: if firstInvalid == nil { firstInvalid = (outcome, detail) }
                }
            }
            return firstInvalid ?? (.no, names == nil ? "no such directory" : "no matching file")

        case .process(let name):
            guard let list = section(.processes) else { return (Self.notCollected(.processes), nil) }
            for line in SCAPattern.lines(of: list.text) {
                let processName = line.split(separator: "\t", maxSplits: 1, omittingEmptySubsequences: false)[0]
                if processName == Substring(name) { return (.yes, String(line)) }
            }
            return (.no, "\(name) is not running")

        case .command(let command, let pattern):
            return program(command, pattern)

        case .registry(let key, let value, let content):
            return registry(key, value, content)
        }
    }

    /// `f:path` tests that a regular file exists; `f:path -> test` reads it, and is invalid when
    /// there is no regular file to read. What the scan's account may not see or read is not run
    /// (an `error` that says why), never a verdict root would not give.
    private func file(_ path: String, _ content: SCAPattern?) -> (Outcome, String?) {
        let probe = Probe.file(path)
        guard let state = state(probe) else { return (Self.notCollected(probe), nil) }
        switch (state, content) {
        case (.cut, _):
            return (.notRun("the scan was cut before \(path) was read"), nil)
        case (.present, nil):
            return (.yes, "\(path) exists")
        case (.missing, nil), (.notThatKind, nil):
            return (.no, "\(path) does not exist or is not a regular file")
        case (.unreadable, nil):
            // Wazuh's existence test stats the file and sees it; reading is not needed.
            return (.yes, "\(path) exists")
        case (.unreachable, _):
            return (.notRun(Self.closed(path)), nil)
        case (.missing, _?):
            return (.invalid("file '\(path)' does not exist"), nil)
        case (.notThatKind, _?):
            return (.invalid("'\(path)' is not a regular file"), nil)
        case (.unreadable, _?):
            return (.notRun(Self.unreadable(path)), nil)
        case (.present(let evidence), let content?):
            if evidence.truncated {
                return (.notRun("'\(path)' is larger than the scan reads; only its start arrived"), nil)
            }
            return judge(content, evidence.text, in: path)
        }
    }

    /// A content test over a file's text, with the line that decided it.
    private func judge(_ pattern: SCAPattern, _ text: String, in path: String) -> (Outcome, String?) {
        do {
            let (matched, line) = try pattern.matches(content: text)
            let where_ = line.map { "\(path):\($0.number): \($0.text)" }
            return matched ? (.yes, where_ ?? "\(path): no line matches the negated test") : (.no, where_ ?? "\(path): no matching line")
        } catch {
            return (.invalid("\(error.reason) in '\(path)'"), nil)
        }
    }

    /// `d:path` alone tests that a directory exists.
    private func directoryExists(_ path: String) -> (Outcome, String?) {
        let probe = Probe.directory(path)
        guard let state = state(probe) else { return (Self.notCollected(probe), nil) }
        switch state {
        case .present, .unreadable: return (.yes, "\(path) exists")
        case .missing, .notThatKind: return (.no, "\(path) does not exist or is not a directory")
        case .unreachable: return (.notRun(Self.closed(path)), nil)
        case .cut: return (.notRun("the scan was cut before \(path) was listed"), nil)
        }
    }

    /// `d:path -> names [-> content]`: some file below `path` (walked without following links)
    /// has a matching name, and with a content test, matching text.
    private func directory(_ path: String, names: SCAPattern, content: SCAPattern?) -> (Outcome, String?) {
        let probe = Probe.tree(path, contents: content.map { _ in SCANameFilter.filter(for: names) })
        guard let state = state(probe) else { return (Self.notCollected(probe), nil) }
        let walk: Evidence
        switch state {
        case .present(let evidence): walk = evidence
        case .missing: return (.invalid("path '\(path)' does not exist"), nil)
        case .notThatKind: return (.invalid("'\(path)' is not a directory"), nil)
        case .unreadable: return (.notRun(Self.unreadable(path)), nil)
        case .unreachable: return (.notRun(Self.closed(path)), nil)
        case .cut: return (.notRun("the scan was cut before \(path) was walked"), nil)
        }
        let tree = SCATree(parsing: walk.text)
        var problem: Outcome?
        for entry in tree.entries {
            switch entry.kind {
            case .directory, .link: continue
            case .unlistable:
                if problem == nil { problem = .notRun(Self.unreadable("\(path)/\(entry.path.dropFirst(2))")) }
                continue
            case .file, .other: break
            }
            let full = path.hasSuffix("/") ? path + entry.path.dropFirst(2) : path + "/" + entry.path.dropFirst(2)
            let nameMatches: Bool
            if names.isRegex {
                do {
                    nameMatches = try names.matches(content: String(entry.name)).matched
                } catch {
                    return (.invalid("\(error.reason) for directory '\(path)'"), nil)
                }
            } else {
                nameMatches = entry.name == Substring(names.text)
            }
            guard nameMatches else { continue }
            guard let content else { return (.yes, full) }
            switch tree.contents[entry.path] {
            case .text(let text)?:
                let (outcome, detail) = judge(content, text, in: full)
                switch outcome {
                case .yes: return (outcome, detail)
                case .no: continue
                case .invalid, .notRun: return (outcome, detail)
                }
            case .unreadable?:
                return (.notRun(Self.unreadable(full)), nil)
            case nil:
                if problem == nil {
                    problem = .notRun(
                        walk.truncated
                            ? "the walk of '\(path)' was larger than the scan reads; '\(full)' did not arrive"
                            : "the text of '\(full)' was not collected")
                }
            }
        }
        if let problem { return (problem, nil) }
        if walk.truncated {
            return (.notRun("the walk of '\(path)' was larger than the scan reads"), nil)
        }
        return (.no, "no matching file below \(path)")
    }

    /// `c:text [-> test]`: the program runs (exit status 127 means it could not: invalid); its
    /// output, standard error included, trimmed of blank lines at both ends, is matched line by
    /// line for a regex or numeric test and whole for a plain text.
    private func program(_ command: String, _ pattern: SCAPattern?) -> (Outcome, String?) {
        let probe = Probe.program(command)
        guard let output = section(probe) else { return (Self.notCollected(probe), nil) }
        guard var code = output.exitCode else {
            return (.notRun("'\(command)' did not finish within the scan's time limit"), nil)
        }
        if code == 127 {
            return (.invalid("command '\(command)' could not be run (exit status 127: not installed?)"), nil)
        }
        // Wazuh starts the program itself (CreateProcess) and a missing one cannot start; our
        // probe goes through cmd.exe, which says so with exit status 9009 ("is not recognized").
        if isWindows && code == 9009 {
            return (.invalid("command '\(command)' could not be run (cmd.exe exit status 9009: not recognized as a program)"), nil)
        }
        var text = output.text
        if code == Probe.Status.failedWithoutRoot, text.hasPrefix(Probe.Status.notRootMarker + " ") {
            let firstLine = text.prefix { $0 != "\n" }
            let status = firstLine.dropFirst(Probe.Status.notRootMarker.count + 1)
            text = String(text.dropFirst(firstLine.count + 1))
            if let refusal = Self.refusal(in: text) {
                return (
                    .notRun(
                        "'\(command)' failed (exit status \(status)) under an account other than root, saying \"\(refusal)\": "
                            + "a refusal root would not get is not an answer; scan as root or allow it through sudo -n"), nil
                )
            }
            code = Int(status) ?? code
        }
        guard let pattern else { return (.yes, "ran, exit status \(code)") }
        text = Self.trimmingNewlines(text)
        switch pattern.body {
        case .literal(let literal):
            return text == literal ? (.yes, "the output is '\(literal)'") : (.no, "the output differs")
        case .minterms:
            do {
                let (matched, line) = try pattern.matches(content: text)
                let where_ = line.map { "line \($0.number): \($0.text)" }
                return matched ? (.yes, where_ ?? "no line matches the negated test") : (.no, where_ ?? "no matching line")
            } catch {
                return (.invalid("\(error.reason) in the output of '\(command)'"), nil)
            }
        }
    }

    /// What programs print when an account other than root is refused (sshd without its host keys,
    /// nft and iptables without CAP_NET_ADMIN, auditctl, a file the account cannot open), lower case.
    static let refusals = [
        "permission denied", "operation not permitted", "no hostkeys available", "must be root", "must be run as root",
        "must be superuser", "are you root", "only root", "requires root", "root privileges", "need to be root",
        "access denied", "not allowed",
    ]

    /// The line of a failed program's output that says it was refused, if one does.
    static func refusal(in text: String) -> String? {
        text.split(separator: "\n").first { line in
            let lower = line.lowercased()
            return refusals.contains { lower.contains($0) }
        }.map { String($0.prefix(200)) }
    }

    private static func unreadable(_ path: String) -> String {
        "'\(path)' exists but the scan's account cannot read it (permission denied); scan as root to judge this rule"
    }

    private static func closed(_ path: String) -> String {
        "whether '\(path)' exists cannot be seen: a directory on the way is closed to the scan's account; scan as root to judge this rule"
    }

    static func trimmingNewlines(_ text: String) -> String {
        var scalars = Substring(text).unicodeScalars
        while scalars.first == "\n" { scalars.removeFirst() }
        while scalars.last == "\n" { scalars.removeLast() }
        return String(scalars)
    }

    /// `r:key` tests that the key exists; `r:key -> name` that a subkey or value of that name
    /// does (subkeys first, as Wazuh's `RegistryRuleEvaluator` enumerates them); `r:key -> value
    /// -> test` reads the value's data. A missing key makes the last two invalid, and a key that
    /// could not be read (access denied) makes any of them invalid, as Wazuh's exception does.
    private func registry(_ key: String, _ valueName: SCAPattern?, _ content: SCAPattern?) -> (Outcome, String?) {
        guard isWindows else {
            return (.invalid("registry rules apply to Windows hosts only"), nil)
        }
        let probe = Probe.registry(key)
        guard let listing = section(probe) else { return (Self.notCollected(probe), nil) }
        switch listing.exitCode {
        case 0?, nil: break
        case Probe.Status.missing?:
            guard valueName != nil else { return (.no, "the key does not exist") }
            return (.invalid("registry key '\(key)' does not exist"), nil)
        case let code?:
            let said = listing.text.trimmingCharacters(in: .whitespacesAndNewlines)
            return (.invalid("registry key '\(key)' could not be read (exit status \(code)\(said.isEmpty ? "" : ": \(said)"))"), nil)
        }
        guard let valueName else { return (.yes, "the key exists") }
        var subkeys: [Substring] = []
        var entries: [(name: Substring, data: Substring)] = []
        // PowerShell ends its lines with CR LF: the CR is not part of a name or of data.
        for full in SCAPattern.lines(of: listing.text) {
            let line = full.hasSuffix("\r") ? full.dropLast() : full
            let parts = line.split(separator: "\t", maxSplits: 2, omittingEmptySubsequences: false)
            switch parts.first {
            case "K" where parts.count >= 2: subkeys.append(line.dropFirst(2))
            case "V" where parts.count >= 2: entries.append((parts[1], parts.count > 2 ? parts[2] : ""))
            default: continue
            }
        }
        func nameMatches(_ candidate: Substring) -> Bool {
            if valueName.isRegex {
                return (try? valueName.matches(content: String(candidate)).matched) ?? false
            }
            return candidate.lowercased() == valueName.text.lowercased()
        }
        guard let content else {
            if let subkey = subkeys.first(where: nameMatches) { return (.yes, "subkey \(subkey) exists") }
            return entries.contains { nameMatches($0.name) }
                ? (.yes, "\(valueName.text) exists") : (.no, "\(valueName.text) is not set")
        }
        guard let entry = entries.first(where: { $0.name.lowercased() == valueName.text.lowercased() }) else {
            return (.invalid("registry value '\(valueName.text)' does not exist in key '\(key)'"), nil)
        }
        let data = String(entry.data)
        switch content.body {
        case .literal(let literal):
            return data.lowercased() == literal.lowercased()
                ? (.yes, "\(valueName.text) = \(data)") : (.no, "\(valueName.text) = \(data)")
        case .minterms:
            let matched = (try? content.matches(content: data).matched) ?? false
            return matched ? (.yes, "\(valueName.text) = \(data)") : (.no, "\(valueName.text) = \(data)")
        }
    }
}
