/// Policy files written by code, for the tests and benchmarks that need a policy of a given shape.
///
/// Text, not a parsed `Policy`: the caller parses it with the loader under test, so errors and
/// positions come from the real reader.
public enum PolicyText {
    /// A valid policy whose single rule `r1` ends with `tail` (line 11 onwards), for loader tests
    /// that point at a line and column inside the rule.
    public static func oneRule(tail: String) -> String {
        """
        policy:
          id: test-policy
          version: "1.0"
          title: { vi: "Chính sách thử", en: "Test policy" }
        rules:
          - id: r1
            severity: high
            title: { vi: "Tiêu đề", en: "Title" }
            rationale: { vi: "Lý do", en: "Rationale" }
            remediation: { vi: "Khắc phục", en: "Remediation" }
        \(tail)
        """
    }

    /// A valid policy whose single rule `r0` checks `check`; `commands` are probe commands it
    /// declares (name, what to run), for tests that judge one expression against one host.
    public static func oneCheck(_ check: String, commands: [(name: String, run: String)] = []) -> String {
        rules([(nil, check)], id: "check-test", title: ("Thử", "Test"), severity: "low", commands: commands)
    }

    /// A policy of `count` rules `r0`, `r1`, … cycling through `shapes` (a check and an optional
    /// `when`), all of one severity.
    public static func rules(
        _ shapes: [(when: String?, check: String)], count: Int? = nil, id: String, title: (vi: String, en: String),
        severity: String, commands: [(name: String, run: String)] = []
    ) -> String {
        let probes =
            commands.isEmpty
            ? "" : "\n  probes:\n    commands:\n" + commands.map { "      - { name: \($0.name), run: \"\($0.run)\" }" }.joined(separator: "\n")
        let rules = (0..<(count ?? shapes.count)).map { index in
            let shape = shapes[index % shapes.count]
            return """
                  - id: r\(index)
                    severity: \(severity)
                    title: { vi: "Quy tắc \(index)", en: "Rule \(index)" }
                    rationale: { vi: "r", en: "r" }
                    remediation: { vi: "m", en: "m" }
                \(shape.when.map { "    when: '\($0)'\n" } ?? "")    check: '\(shape.check)'
                """
        }
        return """
            policy:
              id: \(id)
              version: "1"
              title: { vi: "\(title.vi)", en: "\(title.en)" }\(probes)
            rules:
            \(rules.joined(separator: "\n"))
            """
    }
}
