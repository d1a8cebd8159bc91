
/// Checks any file a policy author writes — a policy, a policy test suite, a waiver file or a
/// Wazuh SCA policy — by loading it exactly as an audit would, and says what it holds.
public enum PolicyLinter {
    /// What a file turned out to be, for the one-line summary `ictaudit policy lint` prints.
    public enum Kind: String, Sendable {
        case policy, tests, waivers, sca
    }

    /// What a file holds, counted; `description` is the English line ("policy baseline-linux 1.0:
    /// 17 rules, 2 probes"), and the CLI words it in the reader's language from these counts.
    public enum Summary: Sendable, Hashable, CustomStringConvertible {
        case policy(id: String, version: String, rules: Int, probes: Int)
        case tests(cases: Int, expectations: Int)
        case waivers(Int)
        case sca(id: String, checks: Int, probes: Int)

        public var description: String {
            switch self {
            case .policy(let id, let version, let rules, let probes): "policy \(id) \(version): \(rules) rules, \(probes) probes"
            case .tests(let cases, let expectations): "policy tests: \(cases) cases, \(expectations) expectations"
            case .waivers(let count): "waivers: \(count)"
            case .sca(let id, let checks, let probes): "Wazuh SCA policy \(id): \(checks) checks, \(probes) probes"
            }
        }
    }

    /// Loads a file's text (`name` is used in errors and to tell test suites by their name); what
    /// it holds, or the first problem as a `PolicyError` at `file:line:column`.
    public static func lint(text: String, name: String) throws(PolicyError) -> (
        kind: Kind, summary: Summary
    ) {
        let kind = Self.kind(of: text, name: name)
        switch kind {
        case .policy:
            let policy = try Policy.parse(text: text, file: name)
            return (kind, .policy(id: policy.id, version: policy.version, rules: policy.rules.count, probes: policy.probes.count))
        case .tests:
            let suite = try PolicyTestSuite.parse(text: text, file: name)
            let expectations = suite.cases.map(\.expectations.count).reduce(0, +)
            return (kind, .tests(cases: suite.cases.count, expectations: expectations))
        case .waivers:
            let set = try WaiverSet.parse(text: text, file: name)
            return (kind, .waivers(set.waivers.count))
        case .sca:
            let policy = try SCAPolicy.parse(text: text, file: name)
            return (kind, .sca(id: policy.id, checks: policy.checks.count, probes: policy.probes.count))
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
