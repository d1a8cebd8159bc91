import Audit
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import SSHScan
import Testing

/// Two published Wazuh SCA policies, scanned over a plain sshd serving this very machine, give
/// the verdict that Wazuh's semantics give for every check.
///
/// The other side is `Tests/Oracles/wazuh_sca.py`: a transliteration of Wazuh 5's evaluator
/// (rule by rule, condition by condition, commands split and run as Wazuh's `wm_exec` runs them)
/// that reads this machine directly, with no SSH and none of ictaudit's code. Both run on the
/// same machine a moment apart, so a difference is a difference in judgement, not in the host.
@Suite(
    .enabled(if: LocalSSHHost.unavailableReason == nil, "\(LocalSSHHost.unavailableReason ?? "")"),
    .enabled(if: SCAOracle.unavailableReason == nil, "\(SCAOracle.unavailableReason ?? "")"),
    .serialized)
struct WazuhSCARealHostTests {
    static let fixtures = SCAOracle.fixtures
    static let oracle = Lab.repositoryRoot.appendingPathComponent("Tests/Oracles/wazuh_sca.py").path

    /// The oracle's verdict per check id of one policy file.
    static func oracleVerdicts(_ file: String) async throws -> (policy: String, verdicts: [String: String]) {
        let result = try await CommandRunner.run("/usr/bin/python3", [oracle, file], timeout: .seconds(600))
        guard result.status == 0 else {
            Issue.record("the oracle failed on \(file): \(result.standardError)")
            return ("", [:])
        }
        let json = try JSONSerialization.jsonObject(with: result.standardOutput) as? [String: Any] ?? [:]
        let (policy, body) = try #require(json.first)
        let checks = (body as? [String: Any])?["checks"] as? [String: [String: Any]] ?? [:]
        return (policy, checks.compactMapValues { $0["verdict"] as? String })
    }

    @Test(
        "Every check of CIS Debian 12 and of the distribution-independent policy agrees with Wazuh's semantics on this machine, scanned as root",
        arguments: ["cis_debian12.yml", "sca_distro_independent_linux.yml"])
    func agreesWithWazuh(file: String) async throws {
        // Scan and oracle read the same machine a moment apart: no other test may change it meanwhile.
        try await LocalHostState.exclusive { try await compare(file: file) }
    }

    func compare(file: String) async throws {
        let host = try await LocalSSHHost.shared()
        let path = Self.fixtures.appendingPathComponent(file).path
        let set = try PolicyCatalogue.load(paths: [path])
        let policy = try #require(set.sca.first)
        let options = set.requesting(
            into: ScanOptions(hostTimeout: 600, knownHostsPath: host.knownHostsPath))
        let scanner = await HostScanner(options: options)
        let key = CredentialReference.keyFile(path: host.clientKeyPath, passphraseEnvironment: nil)
        let scan = await scanner.scan(
            SSHTarget(address: host.address, port: host.port, user: "root", unit: "u", credential: key))
        #expect(scan.status == .scanned, "\(scan.message ?? "")")
        #expect(scan.execCount == 1)
        let findings = policy.evaluate(host: scan)
        #expect(findings.count == policy.checks.count)

        let (oracleID, expected) = try await Self.oracleVerdicts(path)
        #expect(oracleID == policy.id)
        #expect(expected.count == policy.checks.count)
        var disagreements: [String] = []
        for finding in findings {
            let ours = finding.verdict.rawValue
            let theirs = expected[finding.ruleID] ?? "missing"
            if ours != theirs {
                let evidence = finding.evidence.map { "\($0.path) => \($0.value)" }.joined(separator: "; ")
                disagreements.append("\(finding.ruleID): ictaudit \(ours), Wazuh \(theirs) [\(finding.message ?? "")] \(evidence)")
            }
        }
        let agreeing = findings.count - disagreements.count
        print("\(file): \(agreeing) of \(findings.count) checks agree with Wazuh's semantics")
        #expect(disagreements.isEmpty, Comment(rawValue: "\(agreeing)/\(findings.count) agree:\n" + disagreements.joined(separator: "\n")))
    }
}

/// The Python oracle's needs: python3 with PyYAML (`.ci/run` installs it) and the fixtures.
enum SCAOracle {
    static let fixtures = Lab.repositoryRoot.deletingLastPathComponent().appendingPathComponent("shared/fixtures/sca")

    static var unavailableReason: String? {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/python3") else {
            return "python3 is missing (apt-get install python3)"
        }
        let probe = Process()
        probe.executableURL = URL(fileURLWithPath: "/usr/bin/python3")
        probe.arguments = ["-c", "import yaml"]
        probe.standardOutput = FileHandle.nullDevice
        probe.standardError = FileHandle.nullDevice
        guard (try? probe.run()) != nil else { return "python3 does not start" }
        probe.waitUntilExit()
        if probe.terminationStatus != 0 { return "python3 lacks PyYAML (apt-get install python3-yaml)" }
        if !FileManager.default.fileExists(atPath: fixtures.path) {
            return "needs ../shared/fixtures/sca beside the checkout"
        }
        return nil
    }
}
