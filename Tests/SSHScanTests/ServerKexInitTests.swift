import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// The live daemon's offer from its KEXINIT, checked against OpenSSH's own client, which prints
/// the server's proposal with `-vvv` ("peer server KEXINIT proposal").
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct ServerKexInitTests {
    /// The server's lists as `ssh -vvv` prints them.
    static func openSSHProposal(port: Int) async throws -> [String: [String]] {
        let result = try await CommandRunner.run(
            "/usr/bin/ssh",
            [
                "-vvv", "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null",
                "-o", "ConnectTimeout=10", "-p", String(port), "nobody@127.0.0.1", "true",
            ], timeout: .seconds(30))
        var lists: [String: [String]] = [:]
        var inServer = false
        // OpenSSH ends its log lines with CR LF.
        for line in result.standardError.split(whereSeparator: \.isNewline) {
            if line.contains("peer server KEXINIT proposal") { inServer = true; continue }
            guard inServer, line.hasPrefix("debug2: ") else { continue }
            let body = line.dropFirst("debug2: ".count)
            guard let colon = body.firstIndex(of: ":") else { continue }
            let key = String(body[..<colon])
            let values = body[body.index(after: colon)...].split(separator: " ").joined().split(separator: ",").map(String.init)
            if lists[key] == nil { lists[key] = values }
            if key == "MACs stoc" { break }
        }
        return lists
    }

    @Test("the KEXINIT lists equal what OpenSSH's client reads from the same daemon", arguments: ["debian-ok", "debian-old"])
    func matchesOpenSSH(_ host: String) async throws {
        let lab = try await Lab.shared()
        let port = try lab.port(of: host)
        let evidence = try #require(ServerKexInit.read(host: "127.0.0.1", port: port, seconds: 10))
        let offer = try #require(LinuxFactsParser.facts(from: [evidence]).sshOffer)
        let oracle = try await Self.openSSHProposal(port: port)
        let pseudo = { (name: String) in name.hasPrefix("kex-strict-") || name.hasPrefix("ext-info-") }
        #expect(offer.kexAlgorithms == oracle["KEX algorithms"]?.filter { !pseudo($0) })
        #expect(offer.hostKeyAlgorithms == oracle["host key algorithms"])
        #expect(offer.ciphers == oracle["ciphers stoc"])
        #expect(offer.macs == oracle["MACs stoc"])
        #expect(!offer.ciphers.isEmpty)
    }

    @Test("a scan asked for it records the daemon's offer as the ssh_offer fact; by default no second connection is made")
    func scanRecordsOffer() async throws {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, "debian-ok"), readServerOffer: true)
        let oracle = try await Self.openSSHProposal(port: try lab.port(of: "debian-ok"))
        #expect(result.facts?.sshOffer?.ciphers == oracle["ciphers stoc"])
        let plain = try await LabScan.scan(lab, try LabScan.target(lab, "debian-ok"))
        #expect(plain.status == .scanned)
        #expect(plain.facts?.sshOffer == nil)
    }
}

struct KexInitParsingTests {
    @Test("lines before the version line, a packet split anywhere, garbage: lists or nothing, never a crash")
    func streams() {
        var payload: [UInt8] = [20] + Array(repeating: 7, count: 16)
        for list in ["curve25519-sha256,kex-strict-s-v00@openssh.com", "ssh-ed25519", "aes256-ctr", "aes256-ctr,3des-cbc",
                     "hmac-sha2-256", "hmac-md5", "none", "none", "", ""] {
            payload += withUnsafeBytes(of: UInt32(list.utf8.count).bigEndian, Array.init) + Array(list.utf8)
        }
        payload += [0, 0, 0, 0, 0]
        let padding = 8 - (payload.count + 5) % 8 + 4
        let packet = withUnsafeBytes(of: UInt32(payload.count + padding + 1).bigEndian, Array.init) + [UInt8(padding)]
            + payload + Array(repeating: 0, count: padding)
        let stream = Array("Welcome to the ministry\r\nSSH-2.0-OpenSSH_7.4\r\n".utf8) + packet
        let evidence = Evidence(name: ServerKexInit.evidenceName, source: "t", content: Data(), exitCode: 0)
        _ = evidence
        for cut in [10, 40, 60, stream.count - 1] {
            #expect(ServerKexInit.parse(Array(stream.prefix(cut))) == nil)
        }
        let text = ServerKexInit.parse(stream)
        #expect(text?.contains("ciphers_server_to_client aes256-ctr,3des-cbc") == true)
        let facts = LinuxFactsParser.facts(from: [
            Evidence(name: ServerKexInit.evidenceName, source: "t", content: Data((text ?? "").utf8), exitCode: 0)
        ])
        #expect(facts.sshOffer == SSHAlgorithms(
            kexAlgorithms: ["curve25519-sha256"], hostKeyAlgorithms: ["ssh-ed25519"], ciphers: ["aes256-ctr", "3des-cbc"],
            macs: ["hmac-md5"]))
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let noise = Array("SSH-2.0-x\n".utf8) + (0..<Int.random(in: 0..<300, using: &generator)).map { _ in UInt8.random(in: 0...255, using: &generator) }
            _ = ServerKexInit.parse(noise)
        }
    }
}
