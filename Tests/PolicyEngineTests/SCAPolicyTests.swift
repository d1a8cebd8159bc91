import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

struct SCAPolicyTests {
    /// `../shared/fixtures/sca/` next to the repository: real Wazuh policies, read in place.
    static var fixtures: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent()
            .appendingPathComponent("shared/fixtures/sca")
    }

    static let expectedChecks = [
        "cis_debian12.yml": 207, "cis_rhel9_linux.yml": 159, "cis_ubuntu22-04.yml": 207,
        "cis_win11_enterprise.yml": 482, "sca_distro_independent_linux.yml": 190,
    ]

    static func load(_ name: String) throws -> SCAPolicy {
        let url = fixtures.appendingPathComponent(name)
        return try SCAPolicy.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path)
    }

    @Test(
        "Every check of every published Wazuh policy loads", arguments: expectedChecks.keys.sorted()
    )
    func loadsEveryCheck(name: String) throws {
        let policy = try Self.load(name)
        #expect(policy.checks.count == Self.expectedChecks[name])
        #expect(policy.requirements != nil)
        #expect(!policy.probes.isEmpty)
        #expect(policy.checks.allSatisfy { !$0.rules.isEmpty })
    }

    static func evidence(_ sections: [String: String], missing: [String] = []) -> EvaluationContext
    {
        var all: [String: Evidence] = [:]
        for (name, text) in sections {
            all[name] = Evidence(name: name, source: "test", content: Data(text.utf8), exitCode: 0)
        }
        for name in missing {
            all[name] = Evidence(name: name, source: "test", content: Data(), exitCode: 1)
        }
        return EvaluationContext(evidence: all)
    }

    static let debianRequirements = [
        "file:/etc/debian_version": "12.5\n", "file:/proc/sys/kernel/ostype": "Linux\n",
        "file:/etc/os-release":
            "PRETTY_NAME=\"Debian GNU/Linux 12 (bookworm)\"\nNAME=\"Debian GNU/Linux\"\nVERSION=\"12 (bookworm)\"\n",
    ]

    static func verdict(
        _ policy: SCAPolicy, _ id: String, _ context: EvaluationContext, windows: Bool = false
    )
        -> Finding
    {
        let only = SCAPolicy(
            id: policy.id, name: policy.name, references: [], file: policy.file, probes: [],
            checks: policy.checks.filter { $0.id == id }, requirements: policy.requirements)
        return only.evaluate(
            context: context, isWindows: windows, endpoint: "10.0.0.5:22", unit: "u")[0]
    }

    @Test("A Debian 12 check passes and fails on sshd -T output, with the line as evidence")
    func debianMaxAuthTries() throws {
        let policy = try Self.load("cis_debian12.yml")
        let check = try #require(policy.checks.first { $0.title.contains("MaxAuthTries") })
        var sections = Self.debianRequirements
        sections["program:sshd -T"] = "port 22\nmaxauthtries 4\n"
        let pass = Self.verdict(policy, check.id, Self.evidence(sections))
        #expect(pass.verdict == .pass)
        #expect(pass.evidence.map(\.value) == ["true (line 2: maxauthtries 4)"])
        sections["program:sshd -T"] = "maxauthtries 6\n"
        #expect(Self.verdict(policy, check.id, Self.evidence(sections)).verdict == .fail)
    }

    @Test("Evidence that was not collected makes a check an error that says so, never a verdict")
    func notCollected() throws {
        let policy = try Self.load("cis_debian12.yml")
        let check = try #require(policy.checks.first { $0.title.contains("MaxAuthTries") })
        let finding = Self.verdict(policy, check.id, Self.evidence(Self.debianRequirements))
        #expect(finding.verdict == .error)
        #expect(finding.message == "program:sshd -T was not collected in this scan")
    }

    @Test("A host that fails the requirements gets not applicable for every check")
    func requirementsUnmet() throws {
        let policy = try Self.load("cis_debian12.yml")
        var sections = Self.debianRequirements
        sections["file:/etc/debian_version"] = "11.9\n"
        let findings = policy.evaluate(
            context: Self.evidence(sections), isWindows: false, endpoint: "h:22", unit: "u")
        #expect(findings.count == 207)
        #expect(findings.allSatisfy { $0.verdict == .notApplicable })
        #expect(
            findings[0].message?.hasPrefix(
                "The host does not meet the policy's requirements (Check Debian version.)") == true)
    }

    @Test("Registry checks run on Windows hosts only")
    func registry() throws {
        let policy = try Self.load("cis_win11_enterprise.yml")
        let check = try #require(
            policy.checks.first {
                $0.rules.last?.text.hasSuffix("RelaxMinimumPasswordLengthLimits -> 1") == true
            })
        #expect(check.rules.count == 3)
        let key = #"registry:HKEY_LOCAL_MACHINE\System\CurrentControlSet\Control\SAM"#
        let requirement = #"registry:HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion"#
        let context = Self.evidence([
            key: "V\tRelaxMinimumPasswordLengthLimits\t1\n",
            requirement: "V\tProductName\tWindows 10 Pro\n",
        ])
        #expect(Self.verdict(policy, check.id, context, windows: true).verdict == .pass)
        let linux = Self.verdict(policy, check.id, context, windows: false)
        #expect(linux.verdict == .notApplicable)
        #expect(linux.message?.contains("registry rules apply to Windows hosts only") == true)
    }

    static let small = """
        policy: { id: demo, name: "Demo" }
        variables:
          $sshd: /etc/ssh/sshd_config
        checks:
          - id: 1
            title: "No root login"
            condition: all
            rules:
              - 'f:$sshd -> !r:^\\s*# && r:PermitRootLogin\\s+no'
              - 'not f:$sshd -> r:^\\s*PermitRootLogin\\s+yes'
          - id: 2
            title: "auditd running, telnet absent"
            condition: any
            rules:
              - 'p:auditd'
              - 'not d:/etc/xinetd.d -> r:telnet -> r:disable\\s*=\\s*no'
          - id: 3
            title: "No world-writable legacy"
            condition: none
            rules:
              - 'f:/etc/hosts.equiv'
              - 'c:stat -c %a /etc/shadow -> n:^(\\d+)$ compare > 640'
        """

    @Test("Variables, content tests, not, none, numeric compare and directories")
    func semantics() throws {
        let policy = try SCAPolicy.parse(text: Self.small, file: "demo.yml")
        #expect(
            policy.probes.map(\.evidenceName) == [
                "file:/etc/hosts.equiv", "file:/etc/ssh/sshd_config", "processes",
                "program:stat -c %a /etc/shadow", "tree:/etc/xinetd.d ~ [tT][eE][lL][nN][eE][tT]",
            ])
        let context = Self.evidence(
            [
                "file:/etc/ssh/sshd_config": "# PermitRootLogin yes\nPermitRootLogin no\n",
                "processes": "init\t/sbin/init\nsshd\t/usr/sbin/sshd -D\n",
                "tree:/etc/xinetd.d ~ [tT][eE][lL][nN][eE][tT]":
                    "F ./telnet\nF ./chargen\nC ./telnet\n| service telnet\n| {\n|   disable = no\n| }\n",
                "program:stat -c %a /etc/shadow": "640\n",
            ], missing: ["file:/etc/hosts.equiv"])
        let findings = policy.evaluate(
            context: context, isWindows: false, endpoint: "h:22", unit: "u")
        #expect(findings.map(\.verdict) == [.pass, .fail, .pass])
        #expect(
            findings[0].evidence[0].value == "true (/etc/ssh/sshd_config:2: PermitRootLogin no)")
        #expect(
            findings[1].evidence.map(\.value) == [
                "false (auditd is not running)", "false (/etc/xinetd.d/telnet:3:   disable = no)",
            ])
    }

    @Test("Malformed SCA rules fail at file:line:column")
    func errors() throws {
        func error(_ rule: String) -> String? {
            let text =
                "policy: { id: x, name: X }\nchecks:\n  - id: 1\n    title: t\n    condition: all\n    rules:\n      - '\(rule)'\n"
            do {
                _ = try SCAPolicy.parse(text: text, file: "x.yml")
                return nil
            } catch { return error.description }
        }
        #expect(
            error("q:/etc/passwd") == "x.yml:7:10: unknown rule type 'q:'; use f:, d:, p:, c: or r:"
        )
        #expect(
            error("f:/etc/passwd -> r:(unclosed")
                == "x.yml:7:29: '(unclosed' is not a valid regular expression")
        #expect(
            error("c:sshd -T -> n:^maxauthtries (\\d+) compare about 4")
                == "x.yml:7:53: after 'compare' write an operator (<, <=, ==, !=, >=, >) and a whole number"
        )
        #expect(error("p:sshd -> r:x") == "x.yml:7:20: a 'p:' rule takes no '->' part")
    }
}
