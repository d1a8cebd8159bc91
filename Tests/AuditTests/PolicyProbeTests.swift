import Audit
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import SSHScan
import Testing

/// Evidence a policy asks for travels in the scan's single round trip and is judged from the store.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct PolicyProbeTests {
    static let policyText = """
        policy:
          id: probe-test
          version: "1"
          title: { vi: "Thử bằng chứng bổ sung", en: "Extra evidence test" }
          probes:
            directories: ["/etc/ssh"]
            commands:
              - { name: os-id, run: "sed -n 's/^ID=//p' /etc/os-release" }
        rules:
          - id: root-login-off-in-file
            severity: high
            title: { vi: "Tệp cấu hình tắt đăng nhập root", en: "Config file turns root login off" }
            rationale: { vi: "Kiểm tra trực tiếp tệp.", en: "Reads the file itself." }
            remediation: { vi: "Đặt PermitRootLogin no.", en: "Set PermitRootLogin no." }
            check: file("/etc/ssh/sshd_config").contains("PermitRootLogin no")
          - id: os-is-debian
            severity: low
            title: { vi: "Hệ điều hành Debian", en: "Debian system" }
            rationale: { vi: "Ví dụ lệnh.", en: "A command example." }
            remediation: { vi: "Không.", en: "None." }
            check: command("os-id").trim() == "debian"
        """

    @Test("Files and commands a policy declares are gathered in the one exec and judged per host")
    func probesReachTheRules() async throws {
        let lab = try await Lab.shared()
        let policy = try Policy.parse(text: Self.policyText, file: "probe-test.yaml")
        let requests = EvidenceRequest.needed(by: [policy])
        #expect(Set(requests.map(\.evidenceName)) == ["dir:/etc/ssh", "command:os-id", "file:/etc/ssh/sshd_config"])

        let (ok, old) = try await scanPair(lab, "debian-ok", "rhel-ok", requests: requests, timeout: 20)
        let listing = try #require(ok.evidence.first { $0.name == "dir:/etc/ssh" })
        #expect(listing.text.split(separator: "\n").contains("sshd_config"))
        #expect(ok.evidence.first { $0.name == "command:os-id" }?.text == "debian\n")

        let findings = PolicyEvaluator().evaluate(
            snapshot: InventorySnapshot(inventoryName: "t", startedAt: Date(), finishedAt: Date(), units: [], hosts: [ok, old]),
            policies: [policy])
        let verdicts = Dictionary(uniqueKeysWithValues: findings.map { ("\($0.host) \($0.ruleID)", $0.verdict) })
        #expect(verdicts["\(ok.target.endpoint) root-login-off-in-file"] == .pass)
        #expect(verdicts["\(ok.target.endpoint) os-is-debian"] == .pass)
        #expect(verdicts["\(old.target.endpoint) os-is-debian"] == .fail)
    }
}

/// A real public Wazuh SCA policy runs agentless: its files and commands ride in the one exec.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct WazuhSCAAuditTests {
    static let fixture = Lab.repositoryRoot.deletingLastPathComponent()
        .appendingPathComponent("shared/fixtures/sca/cis_debian12.yml").path

    @Test(
        "CIS Debian 12 (Wazuh SCA) is judged from one round trip: every check gets a verdict, some pass, some fail",
        .enabled(if: FileManager.default.fileExists(atPath: fixture), "needs ../shared/fixtures/sca beside the checkout"))
    func scaPolicyOverTheLab() async throws {
        let lab = try await Lab.shared()
        let set = try PolicyCatalogue.load(paths: [Self.fixture])
        #expect(set.policies.isEmpty)
        let sca = try #require(set.sca.first)
        let requests = set.evidenceRequests(for: .linux)
        #expect(set.evidenceRequests(for: .windows).isEmpty)
        #expect(requests.contains(.file(path: "/etc/debian_version")))
        #expect(requests.contains(.program(text: "sshd -T")))
        let (debian12, debian9) = try await scanPair(lab, "debian-ok", "debian-old", requests: requests, timeout: 60)
        #expect(debian12.status == .scanned, "\(debian12.message ?? "")")
        #expect(debian12.execCount == 1)
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Date(), finishedAt: Date(), units: [], hosts: [debian12, debian9])
        let findings = set.evaluate(snapshot)
        #expect(findings.count == 2 * sca.checks.count)
        let on12 = findings.filter { $0.host == debian12.target.endpoint }
        #expect(Set(on12.map(\.verdict)).isSuperset(of: [.pass, .fail, .notApplicable]))
        // As in Wazuh: a host that does not meet the requirements (Debian 9) gets not applicable everywhere.
        let on9 = findings.filter { $0.host == debian9.target.endpoint }
        #expect(on9.allSatisfy { $0.verdict == .notApplicable && $0.message?.contains("requirements") == true })
    }
}

/// Two lab hosts scanned one after the other with the evidence a policy asks for.
private func scanPair(_ lab: Lab, _ first: String, _ second: String, requests: [EvidenceRequest], timeout: Double)
    async throws -> (HostScan, HostScan)
{
    let scanner = await HostScanner(
        options: ScanOptions(hostTimeout: timeout, knownHostsPath: lab.knownHostsPath, evidenceRequests: requests))
    return (await scanner.scan(try lab.target(first)), await scanner.scan(try lab.target(second)))
}
