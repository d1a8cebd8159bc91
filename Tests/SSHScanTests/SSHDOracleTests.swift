import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// The sshd_config reader against the real OpenSSH daemon of this machine: `sshd -T -f FILE -C
/// user=,host=,addr=` evaluates a configuration for a connection exactly as the daemon will.
/// Each Match block's settings (as the `match_blocks` fact gives them) must be what sshd says for a
/// connection that matches that block alone; whether a block may apply to root must agree with
/// what sshd gives root from everywhere; unset keywords must be the daemon's own defaults.
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd")
    && FileManager.default.isExecutableFile(atPath: "/usr/bin/ssh-keygen"), "needs OpenSSH's sshd and ssh-keygen"))
struct SSHDOracleTests {
    /// A directory with a host key, removed by the caller.
    static func workspace() async throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-sshd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let result = try await CommandRunner.run(
            "/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", dir.appendingPathComponent("hostkey").path],
            timeout: .seconds(30))
        try #require(result.status == 0, "ssh-keygen failed")
        return dir
    }

    /// What the real sshd gives one connection: keyword → value.
    static func sshdT(_ config: URL, user: String, address: String) async throws -> [String: String] {
        let result = try await CommandRunner.run(
            "/usr/sbin/sshd", ["-T", "-f", config.path, "-C", "user=\(user),host=client.example,addr=\(address)"],
            timeout: .seconds(30))
        try #require(result.status == 0, "sshd -T failed: \(result.standardOutputText)")
        var values: [String: String] = [:]
        for line in result.standardOutputText.split(separator: "\n") {
            let pair = line.split(separator: " ", maxSplits: 1).map(String.init)
            if pair.count == 2, values[pair[0]] == nil { values[pair[0]] = pair[1] }
        }
        return values
    }

    /// Our reading of the same file, with this machine's OpenSSH version from its banner form.
    static func ours(_ text: String, version: String) throws -> SSHDSettings {
        let evidence = Evidence(
            name: "sshd", source: "test", content: Data("\n==> /etc/ssh/sshd_config <==\n\(text)".utf8), exitCode: 0)
        return try #require(
            LinuxFactsParser.facts(from: [evidence], catalogue: nil, serverBanner: "SSH-2.0-OpenSSH_\(version)").sshd)
    }

    static func installedVersion() async throws -> String {
        let result = try await CommandRunner.run("/usr/sbin/sshd", ["-V"], timeout: .seconds(10))
        let text = result.standardOutputText + result.standardError
        let version = text.split(separator: ",").first.map { $0.replacingOccurrences(of: "OpenSSH_", with: "") } ?? ""
        try #require(!version.isEmpty, "sshd -V said nothing")
        return version.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// sshd -T prints PermitRootLogin's prohibit-password under its old name; the fact uses the new one.
    static func modern(_ value: String?) -> String? { value == "without-password" ? "prohibit-password" : value }

    static let keywords = ["permitrootlogin", "passwordauthentication", "permitemptypasswords", "x11forwarding", "maxauthtries"]

    @Test("each Match block's settings are what sshd gives a connection matching it alone; may_apply_to_root agrees with sshd for root")
    func matchBlocksAgreeWithSSHD() async throws {
        let dir = try await Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = """
            HostKey \(dir.path)/hostkey
            PermitRootLogin no
            PasswordAuthentication no
            MaxAuthTries 3
            Match Address 10.0.0.0/8
                PermitRootLogin yes
                PasswordAuthentication yes
            Match User alice,bob
                PasswordAuthentication yes
                X11Forwarding yes
            Match User !root,!alice,*
                MaxAuthTries 5
            Match User r*t Address 192.168.7.0/24
                PermitRootLogin prohibit-password
                PermitEmptyPasswords yes
            """
        let config = dir.appendingPathComponent("sshd_config")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let settings = try Self.ours(text, version: try await Self.installedVersion())
        let blocks = try #require(settings.matchBlocks)
        #expect(blocks.count == 4)
        // A connection each block matches alone (the global view: one no block matches).
        let connections: [(user: String, address: String)] = [
            ("root", "10.1.2.3"), ("alice", "192.0.2.1"), ("carol", "192.0.2.1"), ("root", "192.168.7.9"),
        ]
        let global = try await Self.sshdT(config, user: "root", address: "192.0.2.1")
        for keyword in Self.keywords {
            #expect(settings.value(keyword) == Self.modern(global[keyword]), "global \(keyword)")
        }
        for (block, connection) in zip(blocks, connections) where connection.user != "root" || block.mayApplyToRoot {
            let sshd = try await Self.sshdT(config, user: connection.user, address: connection.address)
            for keyword in Self.keywords {
                let ourValue = block.settings[keyword]?.first ?? settings.value(keyword)
                #expect(ourValue == Self.modern(sshd[keyword]), "\(block.criteria): \(keyword)")
            }
        }
        // Blocks we say cannot apply to root: from any address, root gets the global value of what they set.
        for block in blocks where !block.mayApplyToRoot {
            for address in ["192.0.2.1", "172.16.0.1"] {
                let sshd = try await Self.sshdT(config, user: "root", address: address)
                for keyword in block.settings.keys where Self.keywords.contains(keyword) {
                    #expect(Self.modern(sshd[keyword]) == settings.value(keyword), "\(block.criteria) reached root: \(keyword)")
                }
            }
        }
        // And the block we say may apply to root does, for the connection it names.
        let rootFromLAN = try await Self.sshdT(config, user: "root", address: "192.168.7.9")
        #expect(["without-password", "prohibit-password"].contains(rootFromLAN["permitrootlogin"] ?? ""))
    }

    @Test("keywords the file leaves unset are this daemon's compiled-in defaults, from its version")
    func defaultsAgreeWithSSHD() async throws {
        let dir = try await Self.workspace()
        defer { try? FileManager.default.removeItem(at: dir) }
        let text = "HostKey \(dir.path)/hostkey\n"
        let config = dir.appendingPathComponent("sshd_config")
        try text.write(to: config, atomically: true, encoding: .utf8)
        let settings = try Self.ours(text, version: try await Self.installedVersion())
        let sshd = try await Self.sshdT(config, user: "root", address: "192.0.2.1")
        for keyword in ["passwordauthentication", "pubkeyauthentication", "kbdinteractiveauthentication",
                        "permitemptypasswords", "x11forwarding", "maxauthtries", "logingracetime", "clientaliveinterval",
                        "loglevel", "ciphers", "macs"] {
            #expect(settings.value(keyword) == sshd[keyword], "\(keyword)")
        }
        // sshd -T prints PermitRootLogin's default under its old name.
        #expect(settings.value("permitrootlogin") == "prohibit-password")
        #expect(["without-password", "prohibit-password"].contains(sshd["permitrootlogin"] ?? ""))
        // Key exchange: the same algorithms. Debian 12's security updates added the RFC name of
        // sntrup761 (`sntrup761x25519-sha512`, upstream 9.9) beside the old one: the same method.
        let aliases = ["sntrup761x25519-sha512": "sntrup761x25519-sha512@openssh.com"]
        let theirs = Set((sshd["kexalgorithms"] ?? "").split(separator: ",").map { aliases[String($0)] ?? String($0) })
        let mine = Set((settings.value("kexalgorithms") ?? "").split(separator: ",").map(String.init))
        #expect(!mine.isEmpty)
        #expect(mine == theirs)
    }
}
