
/// Checks any file a policy author writes — a policy, a policy test suite, a waiver file or a
/// Wazuh SCA policy — by loading it exactly as an audit would, and says what it holds.
public enum PolicyLinter {
    /// What a file turned out to be, for the one-line summary `ictaudit policy lint` prints.
    public enum Kind: String, Sendable {
        case policy, tests, waivers, sca
    }

    /// Loads a file's text (`name` is used in errors and to tell test suites by their name); a
    /// summary such as "policy baseline-linux 1.0: 17 rules, 2 probes", or the first problem as a
    /// `PolicyError` at `file:line:column`.
    public static func lint(text: String, name: String) throws(PolicyError) -> (
        kind: Kind, summary: String
    ) {
        let kind = Self.kind(of: text, name: name)
        switch kind {
        case .policy:
            let policy = try Policy.parse(text: text, file: name)
            return (
                kind,
                "policy \(policy.id) \(policy.version): \(policy.rules.count) rules, \(policy.probes.count) probes"
            )
        case .tests:
            let suite = try PolicyTestSuite.parse(text: text, file: name)
            let expectations = suite.cases.map(\.expectations.count).reduce(0, +)
            return (kind, "policy tests: \(suite.cases.count) cases, \(expectations) expectations")
        case .waivers:
            let set = try WaiverSet.parse(text: text, file: name)
            return (kind, "waivers: \(set.waivers.count)")
        case .sca:
            let policy = try SCAPolicy.parse(text: text, file: name)
            return (
                kind,
                "Wazuh SCA policy \(policy.id): \(policy.checks.count) checks, \(policy.probes.count) probes"
            )
        }
    }

    /// Decided by the file's name and its first top-level key, so a typo inside is still
    /// reported by the right loader.
    static func kind(of text: String, name: String) -> Kind {
        if name.hasSuffix(".tests.yaml") || name.hasSuffix(".tests.yml") { return .tests }
        for line in text.split(separator: "\n") where !line.hasPrefix(" ") && !line.hasPrefix("#") {
            if line.hasPrefix("waivers:") { return .waivers }
            if line.hasPrefix("checks:") || line.hasPrefix("requirements:") { return .sca }
            if line.hasPrefix("cases:") { return .tests }
        }
        return .policy
    }
}
