import Audit
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import SSHScan
import Testing

/// Less privilege never changes a judgement (issue 16 §1): this machine, served by a plain sshd,
/// scanned as root and as a plain account while it holds an account with an empty password (a
/// condition only a read of /etc/shadow sees) gives every rule of every shipped pack root's
/// verdict or `error`, never pass for fail, fail for pass, or not applicable for either. A host
/// must not rank higher because it was scanned with less privilege.
@Suite(
    .enabled(if: LocalSSHHost.unavailableReason == nil, "\(LocalSSHHost.unavailableReason ?? "")"),
    .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/userdel"), "needs userdel (passwd)"),
    .serialized)
struct LessPrivilegeTests {
    static let shipped = Lab.repositoryRoot.appendingPathComponent("policies").path
    /// Exists only for the test's duration; its shadow password field is empty.
    static let emptyAccount = "ictaudit-nopw\(getpid() % 10_000)"

    @discardableResult
    static func run(_ tool: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    @Test("every rule of every shipped pack: the plain account's verdict is root's or error, with an empty-password account present")
    func plainNeverJudgesOtherwise() async throws {
        // The empty-password account must not be seen by other tests reading this machine.
        try await LocalHostState.exclusive { try await compareRootAndPlain() }
    }

    func compareRootAndPlain() async throws {
        let host = try await LocalSSHHost.shared()
        // No home, no login shell: the account only has to exist in /etc/shadow with an empty field.
        try #require(
            Self.run("/usr/sbin/useradd", ["-M", "-s", "/usr/sbin/nologin", Self.emptyAccount]) == 0,
            "cannot create \(Self.emptyAccount)")
        defer { Self.run("/usr/sbin/userdel", [Self.emptyAccount]) }
        try #require(Self.run("/usr/bin/passwd", ["-d", Self.emptyAccount]) == 0, "cannot empty its password")

        let set = try PolicyCatalogue.load(paths: [Self.shipped])
        let scanner = HostScanner(
            options: set.requesting(into: ScanOptions(hostTimeout: 120, knownHostsPath: host.knownHostsPath)))
        let key = CredentialReference.keyFile(path: host.clientKeyPath, passphraseEnvironment: nil)
        var scans: [HostScan] = []
        for user in ["root", host.plainUser] {
            let scan = await scanner.scan(
                SSHTarget(address: host.address, port: host.port, user: user, unit: "u", name: user, credential: key))
            #expect(scan.status == .scanned, "\(user): \(scan.message ?? "")")
            #expect(scan.execCount == 1)
            scans.append(scan)
        }
        Self.run("/usr/sbin/userdel", [Self.emptyAccount])

        func verdicts(_ scan: HostScan) -> [String: Finding] {
            let findings = set.evaluate(
                InventorySnapshot(inventoryName: "t", startedAt: Date(), finishedAt: Date(), units: [], hosts: [scan]))
            return Dictionary(findings.map { ("\($0.policyID)/\($0.ruleID)", $0) }, uniquingKeysWith: { first, _ in first })
        }
        let root = verdicts(scans[0])
        let plain = verdicts(scans[1])
        #expect(root.count == plain.count)
        #expect(root.count > 50)

        // The condition is seen by root and not guessed by the plain account.
        #expect(root["baseline-linux/acct-no-empty-passwords"]?.verdict == .fail)
        #expect(plain["baseline-linux/acct-no-empty-passwords"]?.verdict == .error)

        var changed: [String] = []
        for (rule, asRoot) in root.sorted(by: { $0.key < $1.key }) {
            guard let asPlain = plain[rule] else {
                changed.append("\(rule): no finding as plain")
                continue
            }
            if asPlain.verdict != asRoot.verdict && asPlain.verdict != .error {
                changed.append(
                    "\(rule): root \(asRoot.verdict) (\(asRoot.message ?? "")), plain \(asPlain.verdict) (\(asPlain.message ?? ""))")
            }
        }
        #expect(changed.isEmpty, "less privilege changed a judgement:\n\(changed.joined(separator: "\n"))")
    }

    @Test(
        "the Wazuh SCA fixture policies: the plain account's verdict is root's or error (sshd -T without host keys is not an answer)",
        .enabled(if: SCAOracle.unavailableReason == nil, "\(SCAOracle.unavailableReason ?? "")"),
        arguments: ["cis_debian12.yml", "sca_distro_independent_linux.yml"])
    func scaPlainNeverJudgesOtherwise(file: String) async throws {
        try await LocalHostState.exclusive {
            let host = try await LocalSSHHost.shared()
            let set = try PolicyCatalogue.load(paths: [SCAOracle.fixtures.appendingPathComponent(file).path])
            let policy = try #require(set.sca.first)
            let scanner = HostScanner(
                options: set.requesting(into: ScanOptions(hostTimeout: 600, knownHostsPath: host.knownHostsPath)))
            let key = CredentialReference.keyFile(path: host.clientKeyPath, passphraseEnvironment: nil)
            var verdicts: [[String: Finding]] = []
            for user in ["root", host.plainUser] {
                let scan = await scanner.scan(
                    SSHTarget(address: host.address, port: host.port, user: user, unit: "u", name: user, credential: key))
                #expect(scan.status == .scanned, "\(user): \(scan.message ?? "")")
                verdicts.append(
                    Dictionary(policy.evaluate(host: scan).map { ($0.ruleID, $0) }, uniquingKeysWith: { first, _ in first }))
            }
            let (root, plain) = (verdicts[0], verdicts[1])
            #expect(root.count == policy.checks.count)
            var changed: [String] = []
            var errors = 0
            for (check, asRoot) in root.sorted(by: { $0.key < $1.key }) {
                guard let asPlain = plain[check] else {
                    changed.append("\(check): no finding as plain")
                    continue
                }
                if asPlain.verdict == .error && asRoot.verdict != .error { errors += 1 }
                if asPlain.verdict != asRoot.verdict && asPlain.verdict != .error {
                    changed.append(
                        "\(check): root \(asRoot.verdict) (\(asRoot.message ?? "")), plain \(asPlain.verdict) (\(asPlain.message ?? ""))")
                }
            }
            print("\(file): as the plain account \(root.count - changed.count - errors) of \(root.count) checks as root, \(errors) error, \(changed.count) changed")
            #expect(changed.isEmpty, "less privilege changed a judgement:\n\(changed.joined(separator: "\n"))")
        }
    }
}
