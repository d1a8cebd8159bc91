import Foundation
import ICTAuditTesting
import Testing

@testable import PolicyEngine

/// The host filters the files a directory walk sends with `awk` and an ERE translated from the
/// rule's PCRE name test. A filter narrower than the test would hide files from the evaluator,
/// so every name the real test accepts must pass the filter in a real `awk`.
struct SCANameFilterTests {
    static let names = [
        "audit.rules", "AUDIT.RULES", "x.rules.bak", ".rules", "99-finalize.rules", "journald.conf", "a.conf~",
        "inetd.conf", "inetd.d", "xinetd.conf", "INETD.CONF", "inetd.", "sudoers", "#sudoers", "README",
        "50-default.conf", "pwquality.conf", "chrony.conf", "n[1]", "a-b_c@d", "tab\tname", "ü.conf",
    ]

    /// Every name test of a `d:` rule in the five published policies, and a few harder ones.
    static func patterns() throws -> [String] {
        var found: Set<String> = []
        for name in SCAPolicyTests.expectedChecks.keys {
            let policy = try SCAPolicyTests.load(name)
            for check in policy.checks {
                for rule in check.rules {
                    if case .directories(_, let names?, _) = rule.target { found.insert(names.text) }
                }
            }
        }
        return found.sorted() + [
            #"r:^[a-z0-9_-]+\.conf$"#, #"r:\d{2}-\w+"#, #"r:(audit|journald)\.(rules|conf)$"#, "r:[^.]+$",
            #"r:\bword"#, "r:(?i)x", "r:a*+b", "inetd.conf", "!r:^# && r:.*",
        ]
    }

    @Test("For every published name test, awk with the translated filter lets through every name the test accepts")
    func filterIsNeverNarrower() async throws {
        for text in try Self.patterns() {
            let pattern = try SCAPattern.parse(text, offset: 0)
            let filter = SCANameFilter.filter(for: pattern)
            let input = Self.names.joined(separator: "\n") + "\n"
            let result = try await CommandRunner.run(
                "/bin/sh", ["-c", "printf '%s' \"$1\" | F=\"$2\" awk '$0 ~ ENVIRON[\"F\"]'", "sh", input, filter],
                timeout: .seconds(10))
            #expect(result.status == 0, "awk refused \(filter) for \(text): \(result.standardError)")
            let passed = Set(result.standardOutputText.split(separator: "\n").map(String.init))
            let accepted = Self.names.filter { name in
                pattern.isRegex ? ((try? pattern.matches(content: name).matched) ?? false) : name == pattern.text
            }
            #expect(Set(accepted).isSubset(of: passed), "\(text) → \(filter)")
        }
    }

    @Test("Plain PCRE translates exactly; what has no ERE form falls back to every file")
    func translation() throws {
        #expect(SCANameFilter.ere(fromPCRE: #".+\.rules$"#) == #".+\.[rR][uU][lL][eE][sS]$"#)
        #expect(SCANameFilter.ere(fromPCRE: #"inetd\.[\w@-]+"#) == #"[iI][nN][eE][tT][dD]\.[A-Za-z0-9_@-]+"#)
        #expect(SCANameFilter.ere(fromPCRE: #"\bword"#) == nil)
        #expect(SCANameFilter.ere(fromPCRE: "(?i)x") == nil)
        #expect(SCANameFilter.filter(for: try SCAPattern.parse("r:(?=x)", offset: 0)) == SCANameFilter.everything)
        #expect(SCANameFilter.filter(for: try SCAPattern.parse("sudo.conf", offset: 0)) == #"^sudo\.conf$"#)
    }
}
