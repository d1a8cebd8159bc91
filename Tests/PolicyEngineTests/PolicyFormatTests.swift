import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PolicyEngine

/// A policy with a header tail (after `title`) and one rule `r1` with a description and a tail, for
/// format tests (a two-line header puts the rule's tail at line 14).
private func policy(header: String = "", rule: String) -> String {
    PolicyText.policy(
        id: "fmt", header: header,
        rules: [.init(id: "r1", body: "    description: { vi: \"Mô tả\", en: \"Description\" }\n" + rule)])
}

struct PolicyFormatTests {
    @Test("probes: declared commands and directories plus every file() a rule reads")
    func probes() throws {
        let text = policy(
            header: """
                  probes:
                    directories: ["/etc/sudoers.d"]
                    commands:
                      - { name: auditd, run: "systemctl is-enabled auditd" }
                """,
            rule: """
                    check: command("auditd").trim() == "enabled" && file("/etc/login.defs").contains("UMASK")
                """)
        let loaded = try Policy.parse(text: text, file: "p.yaml")
        #expect(
            loaded.probes == [
                .command("auditd", run: "systemctl is-enabled auditd"),
                .directory("/etc/sudoers.d"),
                .file("/etc/login.defs"),
            ])
        #expect(loaded.rules[0].description == LocalizedText(vi: "Mô tả", en: "Description"))
        let other = try Policy.parse(
            text: policy(rule: #"    check: file("/etc/login.defs") != null"#), file: "q.yaml")
        #expect(Policy.probes(of: [loaded, other]).count == 3)
    }

    @Test("command() must name a declared command, with a suggestion, at its position")
    func undeclaredCommand() throws {
        let text = policy(
            header: """
                  probes:
                    commands: [{ name: auditd, run: "systemctl is-enabled auditd" }]
                """,
            rule: #"    check: command("audit") == "enabled""#)
        let error = try #require(loadError(text))
        #expect(
            error.message
                == "no command named 'audit' under the policy's probes; did you mean 'auditd'?")
        #expect(error.line == 14)
        #expect(error.column == 20)
    }

    @Test("applies_to makes every rule not applicable on other hosts")
    func appliesTo() throws {
        let loaded = try Policy.parse(
            text: policy(
                header: #"  applies_to: host.os.family == "windows""#,
                rule: "    check: host.port == 22"),
            file: "w.yaml")
        let findings = PolicyEvaluator().evaluate(host: Fixtures.compliant, policies: [loaded])
        #expect(findings.map(\.verdict) == [.notApplicable])
        #expect(findings[0].ruleID == "r1")
        #expect(findings[0].severity == .low)
        #expect(
            findings[0].message
                == #"The policy does not apply: host.os.family == "windows" is false."#)
    }

    @Test("A probe key that is misspelt gets a suggestion")
    func probeKeyTypo() throws {
        let error = try #require(
            loadError(policy(header: "  probes:\n    file: [\"/etc/x\"]", rule: "    check: true")))
        #expect(error.message == "unknown key 'file' in 'probes'; did you mean 'files'?")
        #expect((error.line, error.column) == (6, 5))
    }
}
