import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// Targets reached through a bastion (ProxyJump): both hops' keys checked, one probe round trip.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct JumpHostTests {
    private func knownHosts(_ lab: Lab, adding lines: [String]) throws -> String {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-jump-\(UUID().uuidString)").path
        let base = try String(contentsOfFile: lab.knownHostsPath, encoding: .utf8)
        try (base + lines.map { $0 + "\n" }.joined()).write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    private func target(_ lab: Lab, _ host: String, via bastionPort: Int) throws -> SSHTarget {
        let key = CredentialReference.keyFile(path: lab.clientKeyPath, passphraseEnvironment: nil)
        return SSHTarget(
            address: "127.0.0.1", port: try lab.port(of: host), user: lab.user, unit: "u", credential: key,
            jump: JumpHost(address: "127.0.0.1", port: bastionPort, user: lab.user, credential: key))
    }

    @Test("A host behind a bastion is scanned through a direct-tcpip channel with the same facts as directly")
    func scansThroughBastion() async throws {
        let lab = try await Lab.shared()
        let bastion = try Bastion(lab: lab, port: try TCPTestListener.closedPort(), permitOpen: [try lab.port(of: "rhel-ok")])
        var options = ScanOptions(hostTimeout: 20, knownHostsPath: try knownHosts(lab, adding: [bastion.knownHostsLine]))
        options.readServerOffer = true
        let scanner = HostScanner(options: options)
        let viaJump = await scanner.scan(try target(lab, "rhel-ok", via: bastion.port))
        #expect(viaJump.status == .scanned, "\(viaJump.message ?? "")")
        var direct = try target(lab, "rhel-ok", via: 0)
        direct.jump = nil
        let directScan = await scanner.scan(direct)
        // Only the direct scan can open a second connection for the daemon's KEXINIT.
        #expect(viaJump.facts?.sshOffer == nil)
        #expect(directScan.facts?.sshOffer != nil)
        var directFacts = directScan.facts
        directFacts?.sshOffer = nil
        #expect(viaJump.facts == directFacts)
        #expect(viaJump.facts?.hostname == "app01.ttcntt.local")
    }

    @Test("A bastion whose port was taken meanwhile starts on another one and answers SSH there")
    func bastionMovesOffATakenPort() async throws {
        let lab = try await Lab.shared()
        let taken = try TCPTestListener.silent()
        let bastion = try Bastion(lab: lab, port: taken.port, permitOpen: [try lab.port(of: "rhel-ok")])
        #expect(bastion.port != taken.port)
        #expect(bastion.knownHostsLine.hasPrefix("[127.0.0.1]:\(bastion.port) ssh-ed25519 "))
        // Its key is not in the lab's known_hosts: refused there, which proves an sshd answered.
        let scanner = HostScanner(options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath))
        let result = await scanner.scan(try target(lab, "rhel-ok", via: bastion.port))
        #expect(result.status == .hostKeyUnknown)
    }

    @Test("The bastion's own key is verified: an unknown bastion stops the scan before any forwarding")
    func bastionKeyIsVerified() async throws {
        let lab = try await Lab.shared()
        let bastion = try Bastion(lab: lab, port: try TCPTestListener.closedPort(), permitOpen: [try lab.port(of: "rhel-ok")])
        let scanner = HostScanner(options: ScanOptions(hostTimeout: 20, knownHostsPath: lab.knownHostsPath))
        let result = await scanner.scan(try target(lab, "rhel-ok", via: bastion.port))
        #expect(result.status == .hostKeyUnknown)
        #expect(result.message?.hasPrefix("jump host 127.0.0.1:\(bastion.port): ") == true)
    }

    @Test("The inner host's key is verified too: a changed key behind the bastion is refused")
    func innerKeyIsVerified() async throws {
        let lab = try await Lab.shared()
        let bastion = try Bastion(lab: lab, port: try TCPTestListener.closedPort(), permitOpen: [try lab.port(of: "changed-key")])
        let scanner = HostScanner(
            options: ScanOptions(hostTimeout: 20, knownHostsPath: try knownHosts(lab, adding: [bastion.knownHostsLine])))
        let result = await scanner.scan(try target(lab, "changed-key", via: bastion.port))
        #expect(result.status == .hostKeyChanged)
        #expect(result.message?.hasPrefix("the host key of [127.0.0.1]:\(try lab.port(of: "changed-key"))") == true)
    }

    @Test("A bastion that may not forward to the target says so")
    func forwardingRefusalIsExplained() async throws {
        let lab = try await Lab.shared()
        let bastion = try Bastion(lab: lab, port: try TCPTestListener.closedPort(), permitOpen: [1])
        let scanner = HostScanner(
            options: ScanOptions(hostTimeout: 20, knownHostsPath: try knownHosts(lab, adding: [bastion.knownHostsLine])))
        let result = await scanner.scan(try target(lab, "rhel-ok", via: bastion.port))
        #expect(result.status == .error)
        #expect(result.message?.contains("refused to forward") == true)
    }
}
