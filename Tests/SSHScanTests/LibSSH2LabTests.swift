import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// Scans of the lab's real sshd hosts through libssh2: facts, host-key checks, authentication.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct LibSSH2LabTests {
    private func target(_ lab: Lab, _ host: String, key: String? = nil, user: String = "ictlab") throws -> SSHTarget {
        SSHTarget(
            address: "127.0.0.1", port: try lab.port(of: host), user: user, unit: "u", name: host,
            credential: .keyFile(path: key ?? lab.clientKeyPath, passphraseEnvironment: nil))
    }

    private func scanner(_ lab: Lab, knownHosts: String? = nil, acceptNew: Bool = false) -> HostScanner {
        HostScanner(
            options: ScanOptions(hostTimeout: 20, knownHostsPath: knownHosts ?? lab.knownHostsPath, acceptNewHostKeys: acceptNew))
    }

    private func temporaryFile(_ name: String) -> String {
        FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-\(UUID().uuidString)-\(name)").path
    }

    @Test("The compliant Debian host's facts are read exactly over one libssh2 exec")
    func debianFacts() async throws {
        let lab = try await Lab.shared()
        let result = await scanner(lab).scan(try target(lab, "debian-ok"))
        #expect(result.status == .scanned, "\(result.message ?? "")")
        let facts = try #require(result.facts)
        #expect(facts.hostname == "srv-dvc-01")
        #expect(facts.os?.id == "debian")
        #expect(facts.os?.versionID == "12")
        #expect(facts.os?.family == "debian")
        #expect(facts.sshd?.source == "sshd_config")
        #expect(facts.sshd?.value("permitrootlogin") == "no")
        #expect(facts.sshd?.value("passwordauthentication") == "no")
        #expect(facts.listening.contains(ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22)))
        #expect(!facts.listening.contains { $0.port == 23 })
        let clam = try #require(facts.antivirus.first { $0.product == "ClamAV" })
        #expect(clam.installed)
        #expect(clam.running == true)
        #expect(clam.isFresh(at: result.startedAt, maxAgeDays: 2))
        #expect(result.serverBanner?.hasPrefix("SSH-2.0-OpenSSH") == true)
        #expect(result.hostKeyFingerprint?.hasPrefix("SHA256:") == true)
        #expect(result.evidence.map(\.name).contains("os-release"))

        // The same probe through the OpenSSH client yields the same facts: libssh2 loses nothing.
        let batch = ProbeBatch.linux
        let viaOpenSSH = try await lab.openSSH("debian-ok", command: batch.command, input: batch.input)
        // (The daemon's KEXINIT comes from the scanner's second connection, not from the batch.)
        var batchFacts = facts
        batchFacts.sshOffer = nil
        #expect(LinuxFactsParser.facts(from: batch.sections(from: viaOpenSSH.standardOutput)) == batchFacts)
    }

    @Test("The outdated host shows its weak settings, telnet and FTP, and no antivirus")
    func outdatedHostFacts() async throws {
        let lab = try await Lab.shared()
        let result = await scanner(lab).scan(try target(lab, "debian-old"))
        #expect(result.status == .scanned, "\(result.message ?? "")")
        let facts = try #require(result.facts)
        #expect(facts.os?.versionID == "9")
        #expect(facts.sshd?.value("permitrootlogin") == "yes")
        #expect(Set(facts.listening.filter { $0.proto == .tcp }.map(\.port)).isSuperset(of: [21, 23]))
        #expect(facts.antivirus.allSatisfy { !$0.installed })
    }

    @Test("A host whose key differs from known_hosts is refused and recorded as host key changed")
    func changedHostKeyIsRefused() async throws {
        let lab = try await Lab.shared()
        let result = await scanner(lab, acceptNew: true).scan(try target(lab, "changed-key"))
        #expect(result.status == .hostKeyChanged)
        #expect(result.message?.contains("differs from the one recorded") == true)
        #expect(result.facts == nil)
        #expect(result.evidence.isEmpty)
    }

    @Test("An unknown host key is refused by default; --accept-new records it and later scans verify it")
    func acceptNewRecordsUnknownKeys() async throws {
        let lab = try await Lab.shared()
        let knownHosts = temporaryFile("known_hosts")
        let refused = await scanner(lab, knownHosts: knownHosts).scan(try target(lab, "rhel-ok"))
        #expect(refused.status == .hostKeyUnknown)
        #expect(refused.message?.contains("--accept-new") == true)

        let accepted = await scanner(lab, knownHosts: knownHosts, acceptNew: true).scan(try target(lab, "rhel-ok"))
        #expect(accepted.status == .scanned)
        let recorded = try String(contentsOfFile: knownHosts, encoding: .utf8)
        #expect(recorded.hasPrefix("[127.0.0.1]:\(try lab.port(of: "rhel-ok")) ssh-ed25519 "))

        let verified = await scanner(lab, knownHosts: knownHosts).scan(try target(lab, "rhel-ok"))
        #expect(verified.status == .scanned)
        #expect(verified.facts?.os?.family == "rhel")
    }

    @Test("A key the server does not know ends as auth failed, naming the key and the methods offered")
    func unknownKeyFailsAuthentication() async throws {
        let lab = try await Lab.shared()
        let key = temporaryFile("ed25519")
        try run("/usr/bin/ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", key)
        let result = await scanner(lab).scan(try target(lab, "debian-ok", key: key))
        #expect(result.status == .authFailed)
        #expect(result.message?.contains("refused the key \(key)") == true)
        #expect(result.message?.contains("publickey") == true)
    }

    @Test("An RSA key refused by a modern OpenSSH says libssh2 cannot sign with SHA-2")
    func rsaKeyRefusalIsExplained() async throws {
        let lab = try await Lab.shared()
        let key = temporaryFile("rsa")
        try run("/usr/bin/ssh-keygen", "-q", "-t", "rsa", "-b", "2048", "-N", "", "-f", key)
        // The server knows the key: the refusal is about the signature algorithm, not the key.
        try lab.authorize(publicKeyFile: key + ".pub")
        let result = await scanner(lab).scan(try target(lab, "debian-ok", key: key))
        #expect(result.status == .authFailed)
        #expect(result.message?.contains("RSA/SHA-1") == true)
        #expect(result.message?.contains("ed25519 or ECDSA") == true)
    }

    @Test("A password variable that is not set is an auth failure that names the variable, not the secret")
    func missingPasswordVariable() async throws {
        let lab = try await Lab.shared()
        var t = try target(lab, "debian-ok")
        t.credential = .passwordEnvironment("ICTAUDIT_TEST_UNSET_PASSWORD")
        let result = await HostScanner(
            options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath), environment: [:]
        ).scan(t)
        #expect(result.status == .authFailed)
        #expect(result.message?.contains("$ICTAUDIT_TEST_UNSET_PASSWORD") == true)
    }

    @Test("The hostile host's markup is kept as data: hostname and banner come back verbatim")
    func hostileHostIsJustData() async throws {
        let lab = try await Lab.shared()
        let result = await scanner(lab).scan(try target(lab, "hostile"))
        #expect(result.status == .scanned)
        #expect(result.facts?.hostname?.contains("<script>") == true)
        #expect(result.serverBanner?.contains("<script>") == true)
    }

    private func run(_ tool: String, _ arguments: String...) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
    }
}
