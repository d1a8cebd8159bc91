public import Foundation
public import InventoryModel
import SourceYAML
import Yams

/// Examples written next to a policy (`baseline-linux.tests.yaml`): hosts described by their
/// facts, and the verdict each rule must give on them. Policy authors test rules without hosts.
///
/// ```yaml
/// policy: baseline-linux.yaml          # optional: defaults to this file's name without .tests
/// cases:
///   - name: "compliant Debian server"
///     scan_time: 2025-06-15              # optional: the reference time for days_since()
///     host:                              # facts, as `ictaudit facts schema` lists them
///       os: { id: debian, family: debian }
///       sshd: { permit_root_login: "no" }
///     evidence:                          # optional: probe output by evidence name
///       "file:/etc/login.defs": "PASS_MAX_DAYS 90\n"
///     expect:
///       ssh-no-root-login: pass
/// ```
public struct PolicyTestSuite: Sendable {
    public struct Case: Sendable {
        public var name: String
        public var host: FactValue
        public var context: EvaluationContext
        /// Rule id → expected verdict, with where it was written.
        public var expectations: [Expectation]
    }

    public struct Expectation: Sendable {
        public var ruleID: String
        public var verdict: Verdict
        public var line: Int
        public var column: Int
    }

    /// One expectation that did not hold, printed as `file:line:column: …` in either language.
    public struct Failure: Sendable, CustomStringConvertible {
        public var file: String
        public var line: Int
        public var column: Int
        /// The test case's name.
        public var testCase: String
        public var reason: Reason

        public enum Reason: Sendable, Hashable {
            case noRule(policy: String, rule: String, suggestion: String?)
            /// `why`: the finding's own message (the evaluator's words), `evidence` as cited.
            case verdict(rule: String, expected: Verdict, got: Verdict, why: String?, evidence: String)
        }

        /// The sentence after the position, in `language`.
        public func message(_ language: Language) -> String {
            func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
            let head = t("ca '\(testCase)': ", "case '\(testCase)': ")
            switch reason {
            case .noRule(let policy, let rule, let suggestion):
                return head + t("chính sách '\(policy)' không có quy tắc '\(rule)'", "policy '\(policy)' has no rule '\(rule)'")
                    + NameSuggestion.didYouMean(suggestion, language)
            case .verdict(let rule, let expected, let got, let why, let evidence):
                return head
                    + t(
                        "quy tắc '\(rule)' cần kết luận \(expected.rawValue), nhận được \(got.rawValue)",
                        "rule '\(rule)' expected \(expected.rawValue), got \(got.rawValue)")
                    + (why.map { " (\($0))" } ?? "") + (evidence.isEmpty ? "" : t("; bằng chứng: ", "; evidence: ") + evidence)
            }
        }

        /// In English (logs, tests).
        public var message: String { message(.en) }
        public func text(_ language: Language) -> String { "\(file):\(line):\(column): \(message(language))" }
        public var description: String { text(.en) }
    }

    public var file: String
    /// The policy file, as written (relative to the suite's folder); `nil` means the default.
    public var policyPath: String?
    public var cases: [Case]

    /// The policy file this suite tests: as written, or `name.tests.yaml` → `name.yaml`.
    public func policyURL(relativeTo suiteURL: URL) -> URL {
        let folder = suiteURL.deletingLastPathComponent()
        if let policyPath { return URL(fileURLWithPath: policyPath, relativeTo: folder) }
        let name = suiteURL.lastPathComponent.replacingOccurrences(of: ".tests.", with: ".")
        return folder.appendingPathComponent(name)
    }

    /// Runs every case against `policy`; the failures, empty when all expectations hold.
    public func run(_ policy: Policy) -> [Failure] {
        let evaluator = PolicyEvaluator()
        var failures: [Failure] = []
        for testCase in cases {
            let findings = evaluator.evaluate(
                facts: testCase.host, context: testCase.context, policies: [policy])
            for expectation in testCase.expectations {
                func fail(_ reason: Failure.Reason) {
                    failures.append(
                        Failure(
                            file: file, line: expectation.line, column: expectation.column, testCase: testCase.name,
                            reason: reason))
                }
                guard let finding = findings.first(where: { $0.ruleID == expectation.ruleID })
                else {
                    let suggestion = Suggestion.nearest(to: expectation.ruleID, among: policy.rules.map(\.id))
                    fail(.noRule(policy: policy.id, rule: expectation.ruleID, suggestion: suggestion))
                    continue
                }
                if finding.verdict != expectation.verdict {
                    let evidence = finding.evidence.map { "\($0.path) = \($0.value)" }.joined(
                        separator: ", ")
                    fail(
                        .verdict(
                            rule: expectation.ruleID, expected: expectation.verdict, got: finding.verdict, why: finding.message,
                            evidence: evidence))
                }
            }
        }
        return failures
    }

    public static func parse(text: String, file: String) throws(PolicyError) -> PolicyTestSuite {
        let doc = YAMLDocument(text: text, file: file)
        let top = try doc.fields(
            of: try doc.root(expecting: .vi("danh sách 'cases'", en: "a 'cases' list")),
            in: .vi("tệp kiểm thử chính sách", en: "the policy test file"),
            allowed: ["policy", "cases"], required: ["cases"])
        let policyPath = try top["policy"].map { n throws(PolicyError) in
            try doc.string(n, key: "policy")
        }
        var cases: [Case] = []
        for item in try doc.sequence(
            top["cases"]!, key: "cases",
            of: .vi("ca kiểm thử, mỗi ca bắt đầu bằng '- name:'", en: "test cases, each starting with '- name:'"))
        {
            cases.append(try testCase(item, doc))
        }
        return PolicyTestSuite(file: file, policyPath: policyPath, cases: cases)
    }


    private static func testCase(_ node: Node, _ doc: YAMLDocument) throws(PolicyError) -> Case {
        let f = try doc.fields(
            of: node, in: .vi("một ca kiểm thử", en: "a test case"),
            allowed: ["name", "scan_time", "host", "evidence", "expect"],
            required: ["name", "host", "expect"])
        let name = try doc.string(f["name"]!, key: "name")
        let host = try FactDocument(doc: doc).value(
            f["host"]!, .object(FactSchema.host), path: "host")
        var context = EvaluationContext()
        if let timeNode = f["scan_time"] {
            let text = try doc.string(timeNode, key: "scan_time")
            guard let time = FactDocument.date(text) else {
                throw doc.error(PolicyProblem.scanTime, at: timeNode)
            }
            context.now = time
        }
        if let evidenceNode = f["evidence"] {
            let sections = try doc.fields(
                of: evidenceNode, in: .key("evidence"), allowed: [], required: [], allowAny: true)
            for (sectionName, value) in sections {
                var content = ""
                var exitCode = 0
                if case .mapping = value {
                    let e = try doc.fields(
                        of: value, in: .vi("bằng chứng '\(sectionName)'", en: "evidence '\(sectionName)'"),
                        allowed: ["content", "exit_code"], required: [])
                    content = e["content"]?.string ?? ""
                    if let codeNode = e["exit_code"] {
                        guard let code = codeNode.int else {
                            throw doc.error(PolicyProblem.exitCode, at: codeNode)
                        }
                        exitCode = code
                    }
                } else {
                    guard let text = value.string else {
                        throw doc.error(PolicyProblem.evidenceForm(section: sectionName), at: value)
                    }
                    content = text
                }
                context.evidence[sectionName] = Evidence(
                    name: sectionName, source: "policy test", content: Data(content.utf8),
                    exitCode: exitCode)
            }
        }
        var expectations: [Expectation] = []
        guard case .mapping(let expect) = f["expect"]! else {
            throw doc.error(PolicyProblem.expectForm, at: f["expect"]!)
        }
        for (key, value) in expect {
            let text = try doc.string(value, key: "expect")
            guard let verdict = Verdict(rawValue: text) else {
                let names = Verdict.allCases.map(\.rawValue)
                throw doc.error(
                    PolicyProblem.unknownVerdict(text, names: names, suggestion: Suggestion.nearest(to: text, among: names)),
                    at: value)
            }
            expectations.append(
                Expectation(
                    ruleID: key.string ?? "", verdict: verdict, line: key.mark?.line ?? 1,
                    column: key.mark?.column ?? 1))
        }
        return Case(name: name, host: host, context: context, expectations: expectations)
    }
}
