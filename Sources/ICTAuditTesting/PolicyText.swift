/// Policy files written by code, for the tests and benchmarks that need a policy of a given shape.
///
/// Text, not a parsed `Policy`: the caller parses it with the loader under test, so errors and
/// positions come from the real reader. Every shape is built by `policy(…)`, whose layout tests
/// rely on: the header's extra lines start at line 5, the first rule's lines after `remediation`
/// at line 11 without a header.
public enum PolicyText {
    /// One rule: its id and severity, and its lines after `remediation` (check, when,
    /// description…), each indented by four spaces as in a policy file.
    public struct Rule: Sendable {
        public var id: String
        public var severity: String
        public var title: (vi: String, en: String)
        public var body: String

        public init(id: String, severity: String = "low", title: (vi: String, en: String) = ("Tiêu đề", "Title"), body: String) {
            self.id = id
            self.severity = severity
            self.title = title
            self.body = body
        }
    }

    /// A policy `id` whose `header` lines (indented by two spaces: `applies_to`, `probes`, `scope`)
    /// follow its title, then its rules.
    public static func policy(
        id: String, version: String = "1", title: (vi: String, en: String) = ("Thử", "Test"), header: String = "",
        rules: [Rule]
    ) -> String {
        let rules = rules.map { rule in
            """
              - id: \(rule.id)
                severity: \(rule.severity)
                title: { vi: "\(rule.title.vi)", en: "\(rule.title.en)" }
                rationale: { vi: "Lý do", en: "Rationale" }
                remediation: { vi: "Khắc phục", en: "Remediation" }
            \(rule.body)
            """
        }
        return """
            policy:
              id: \(id)
              version: "\(version)"
              title: { vi: "\(title.vi)", en: "\(title.en)" }
            \(header.isEmpty ? "" : header + "\n")rules:
            \(rules.joined(separator: "\n"))
            """
    }

    /// A valid policy whose single rule `r1` ends with `tail` (line 11 onwards), for loader tests
    /// that point at a line and column inside the rule.
    public static func oneRule(tail: String) -> String {
        policy(
            id: "test-policy", version: "1.0", title: ("Chính sách thử", "Test policy"),
            rules: [Rule(id: "r1", severity: "high", body: tail)])
    }

    /// A valid policy whose single rule `r0` checks `check`; `commands` are probe commands it
    /// declares (name, what to run), for tests that judge one expression against one host.
    public static func oneCheck(_ check: String, commands: [(name: String, run: String)] = []) -> String {
        rules([(nil, check)], id: "check-test", title: ("Thử", "Test"), severity: "low", commands: commands)
    }

    /// A policy of `count` rules `r0`, `r1`, … cycling through `shapes` (a check and an optional
    /// `when`), all of one severity; `commands` are probe commands it declares.
    public static func rules(
        _ shapes: [(when: String?, check: String)], count: Int? = nil, id: String, title: (vi: String, en: String),
        severity: String, commands: [(name: String, run: String)] = []
    ) -> String {
        let probes =
            commands.isEmpty
            ? "" : "  probes:\n    commands:\n" + commands.map { "      - { name: \($0.name), run: \"\($0.run)\" }" }.joined(separator: "\n")
        let rules = (0..<(count ?? shapes.count)).map { index in
            let shape = shapes[index % shapes.count]
            return Rule(
                id: "r\(index)", severity: severity, title: ("Quy tắc \(index)", "Rule \(index)"),
                body: (shape.when.map { "    when: '\($0)'\n" } ?? "") + "    check: '\(shape.check)'")
        }
        return policy(id: id, title: title, header: probes, rules: rules)
    }
}
