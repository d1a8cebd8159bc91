import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PolicyEngine

struct BaselinePolicyTests {
    static func baseline() throws -> Policy {
        try Fixtures.policy("baseline-linux.yaml")
    }

    static let expectedRules = [
        "ssh-no-root-login", "ssh-no-password-authentication", "ssh-no-empty-passwords",
        "ssh-no-weak-ciphers",
        "ssh-no-weak-macs", "ssh-no-weak-kex", "ssh-max-auth-tries", "ssh-no-x11-forwarding",
        "ssh-login-grace-time",
        "ssh-log-level", "net-no-telnet", "net-no-ftp", "net-no-r-services", "av-installed",
        "av-signatures-fresh",
        "av-running", "hw-bios-age", "acct-password-max-age", "acct-password-min-length",
        "acct-single-uid0",
        "acct-no-empty-passwords", "acct-session-timeout", "log-system-logging", "log-auditd",
        "time-synchronized",
        "fw-default-deny-input", "patch-no-pending-security-updates",
    ]

    @Test("The shipped baseline-linux.yaml loads without errors")
    func shippedPolicyLoads() throws {
        let policy = try Self.baseline()
        #expect(policy.id == "baseline-linux")
        #expect(policy.rules.map(\.id) == Self.expectedRules)
        #expect(policy.references.contains("TCVN 11930:2017"))
        #expect(policy.references.contains("Nghị định 85/2016/NĐ-CP"))
        for rule in policy.rules {
            #expect(
                !rule.title.vi.isEmpty && rule.title.vi != rule.title.en,
                "rule \(rule.id) needs a Vietnamese title")
            #expect(!rule.rationale.vi.isEmpty && !rule.remediation.vi.isEmpty, "rule \(rule.id)")
        }
    }

    @Test("A compliant host passes every baseline rule")
    func compliantHostPasses() throws {
        let findings = PolicyEvaluator().evaluate(
            host: Fixtures.compliant, policies: [try Self.baseline()])
        #expect(findings.count == Self.expectedRules.count)
        let notPassed = findings.filter { $0.verdict != .pass }.map {
            "\($0.ruleID): \($0.verdict) \($0.message ?? "")"
        }
        #expect(notPassed == [])
    }

    @Test("A deliberately non-compliant host fails every baseline rule")
    func nonCompliantHostFails() throws {
        let findings = PolicyEvaluator().evaluate(
            host: Fixtures.nonCompliant, policies: [try Self.baseline()])
        #expect(findings.filter { $0.verdict == .fail }.map(\.ruleID) == Self.expectedRules)
        let telnet = try #require(findings.first { $0.ruleID == "net-no-telnet" })
        #expect(telnet.severity == .critical)
        #expect(telnet.host == "10.0.0.6:22")
        #expect(telnet.unit == "so-tttt")
        #expect(telnet.evidence.contains(EvidenceItem(path: "host.listening[2].port", value: "23")))
        let root = try #require(findings.first { $0.ruleID == "ssh-no-root-login" })
        #expect(
            root.evidence == [
                EvidenceItem(path: "host.sshd.permit_root_login", value: "\"prohibit-password\"")
            ])
    }

    @Test("Stale signatures and a stopped service fail only their own rules")
    func antivirusDetails() throws {
        let stale = Fixtures.host(antivirus: [
            Antivirus(
                product: "ClamAV", installed: true, running: false,
                signatureDate: Fixtures.scanTime.addingTimeInterval(-30 * Fixtures.day))
        ])
        let findings = PolicyEvaluator().evaluate(host: stale, policies: [try Self.baseline()])
        #expect(
            findings.filter { $0.verdict != .pass }.map(\.ruleID) == [
                "av-signatures-fresh", "av-running",
            ])
        let fresh = try #require(findings.first { $0.ruleID == "av-signatures-fresh" })
        #expect(
            fresh.evidence.contains(
                EvidenceItem(path: "host.antivirus[0].signature_age_days", value: "30")))
    }
}

struct PolicyEvaluatorTests {
    static let policy: Policy = {
        let text = PolicyText.oneRule(
            tail: #"    when: host.os.family != "windows""# + "\n"
                + #"    check: host.sshd.permit_root_login == "no""#)
        return try! Policy.parse(text: text, file: "t.yaml")
    }()

    @Test("Findings carry the policy, rule, title, severity, host endpoint and unit")
    func findingFields() throws {
        let finding = try #require(
            PolicyEvaluator().evaluate(host: Fixtures.compliant, policies: [Self.policy]).first)
        #expect(finding.policyID == "test-policy")
        #expect(finding.ruleID == "r1")
        #expect(finding.title == LocalizedText(vi: "Tiêu đề", en: "Title"))
        #expect(finding.severity == .high)
        #expect(finding.host == "10.0.0.5:22")
        #expect(finding.unit == "so-tttt")
        #expect(finding.verdict == .pass)
        #expect(finding.message == nil)
    }

    @Test("A false 'when' gives not_applicable")
    func notApplicable() throws {
        let windows = Fixtures.host(os: Fixtures.windows, sshd: nil)
        let finding = try #require(
            PolicyEvaluator().evaluate(host: windows, policies: [Self.policy]).first)
        #expect(finding.verdict == .notApplicable)
        #expect(finding.evidence == [EvidenceItem(path: "host.os.family", value: "\"windows\"")])
    }

    @Test("An unknown fact gives error with a message naming it")
    func unknownGivesError() throws {
        let finding = try #require(
            PolicyEvaluator().evaluate(host: Fixtures.host(sshd: nil), policies: [Self.policy])
                .first)
        #expect(finding.verdict == .error)
        #expect(
            finding.message == "Cannot judge: host.sshd.permit_root_login is unknown on this host.")
        let noOS = try #require(
            PolicyEvaluator().evaluate(host: Fixtures.host(os: nil), policies: [Self.policy]).first)
        #expect(noOS.verdict == .error)
        #expect(
            noOS.message
                == "Cannot tell whether the rule applies: host.os.family is unknown on this host.")
    }

    @Test("Only scanned hosts are judged")
    func onlyScannedHosts() {
        let snapshot = InventorySnapshot(
            inventoryName: "test", startedAt: Fixtures.scanTime, finishedAt: Fixtures.scanTime,
            units: [],
            hosts: [
                Fixtures.compliant, Fixtures.host(address: "10.0.0.9", status: .unreachable),
                Fixtures.nonCompliant,
                Fixtures.host(address: "10.0.0.10", status: .authFailed),
            ])
        let findings = PolicyEvaluator().evaluate(
            snapshot: snapshot, policies: [Self.policy, Self.policy])
        #expect(
            findings.map(\.host) == ["10.0.0.5:22", "10.0.0.5:22", "10.0.0.6:22", "10.0.0.6:22"])
        #expect(findings.map(\.verdict) == [.pass, .pass, .fail, .fail])
    }
}

struct SchemaDocumentTests {
    @Test("Every schema path is listed with its type and both descriptions")
    func bilingual() {
        let text = SchemaDocument.render()
        let lines = text.split(separator: "\n").map(String.init)
        let rootLogin = lines.first { $0.hasPrefix("host.sshd.permit_root_login ") }
        #expect(rootLogin?.contains(" string ") == true)
        #expect(rootLogin?.hasSuffix(" PermitRootLogin") == true)
        #expect(
            lines.contains {
                $0.hasPrefix("host.sshd.login_grace_time ")
                    && $0.hasSuffix("LoginGraceTime (giây) — LoginGraceTime (seconds)")
            })
        #expect(
            lines.contains { $0.hasPrefix("host.listening[].port ") && $0.hasSuffix("Cổng — Port") }
        )
        #expect(
            lines.contains { $0.hasPrefix("host.antivirus ") && $0.contains("list<Antivirus>") })
        #expect(
            text.hasPrefix(
                "Lược đồ dữ kiện cho biểu thức chính sách / Fact schema for policy expressions\n"))
    }

    @Test("One language can be chosen")
    func singleLanguage() {
        let vi = SchemaDocument.render(languages: [.vi])
        let en = SchemaDocument.render(languages: [.en])
        #expect(vi.contains("Hệ điều hành") && !vi.contains("Operating system"))
        #expect(en.contains("Operating system") && !en.contains("Hệ điều hành"))
        #expect(en.hasPrefix("Fact schema for policy expressions\n"))
    }
}
