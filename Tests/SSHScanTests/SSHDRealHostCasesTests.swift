import Foundation
@testable import InventoryModel
import SSHScan
import Testing

/// The sshd cases of issue 16 §2 on recorded section output: Match blocks, unreadable and partly
/// readable configurations, RHEL 8's crypto policy on the command line, SUSE's vendor file and
/// defaults by OpenSSH version. Each failed before its fix (Match blocks dropped, drop-ins read as
/// the whole config, OpenSSH 9's defaults for every host, the policy ignored).
struct SSHDRealHostCasesTests {
    /// The `sshd` fact of a section whose parts are `files`, with packages and banner as given.
    func sshd(
        _ files: KeyValuePairs<String, String>, package: String? = nil, banner: String? = nil
    ) -> SSHDSettings? {
        var sections = [section("sshd", parts(files))]
        if let package {
            sections.append(
                section(
                    "packages",
                    parts([
                        "/var/lib/dpkg/status":
                            "Package: openssh-server\nStatus: install ok installed\nArchitecture: amd64\nVersion: \(package)\n\n"
                    ])))
        }
        return LinuxFactsParser.facts(from: sections, catalogue: nil, serverBanner: banner).sshd
    }

    func field(_ settings: SSHDSettings, _ path: String...) -> FactValue {
        var value = settings.factValue
        for step in path {
            if case .object(let fields) = value { value = fields[step] ?? .null } else { return .null }
        }
        return value
    }

    @Test("Match blocks are kept with their criteria and settings; whether each may apply to root follows User lists")
    func matchBlocksCollected() throws {
        let main = """
            PermitRootLogin no
            PasswordAuthentication no
            Match Address 10.0.0.0/8,192.168.1.*
                PermitRootLogin yes
                PasswordAuthentication yes
            Match User alice,bob
                PasswordAuthentication yes
            Match User !root,*
                X11Forwarding yes
            Match Group admins User r*
                Include /etc/ssh/admins.conf
            Match Invalid-User
                MaxAuthTries 1
            """
        let settings = try #require(
            sshd(["/etc/ssh/sshd_config": main, "/etc/ssh/admins.conf": "PermitRootLogin prohibit-password\n"], banner: "SSH-2.0-OpenSSH_9.2p1"))
        #expect(settings.value("permitrootlogin") == "no")
        #expect(settings.value("passwordauthentication") == "no")
        let blocks = try #require(settings.matchBlocks)
        #expect(blocks.map(\.criteria) == [
            "Address 10.0.0.0/8,192.168.1.*", "User alice,bob", "User !root,*", "Group admins User r*", "Invalid-User",
        ])
        #expect(blocks.map(\.mayApplyToRoot) == [true, false, false, true, false])
        #expect(blocks[0].settings == ["permitrootlogin": ["yes"], "passwordauthentication": ["yes"]])
        #expect(blocks[3].settings == ["permitrootlogin": ["prohibit-password"]])
        #expect(blocks[4].settings == ["maxauthtries": ["1"]])
        // As facts: each block's settings for its connections, the global value where it sets none.
        guard case .list(let facts) = field(settings, "match_blocks") else {
            Issue.record("match_blocks is not a list")
            return
        }
        #expect(facts.count == 5)
        if case .object(let first) = facts[0] {
            #expect(first["permit_root_login"] == .string("yes"))
            #expect(first["may_apply_to_root"] == .bool(true))
        }
        if case .object(let second) = facts[1] {
            #expect(second["permit_root_login"] == .string("no"))
            #expect(second["password_authentication"] == .string("yes"))
        }
    }

    @Test("with sshd -T as the source, the Match blocks still come from the files")
    func matchBlocksBesideSSHDT() throws {
        let settings = try #require(
            sshd([
                "sshd -T": "permitrootlogin no\npasswordauthentication no\n",
                "/etc/ssh/sshd_config": "PermitRootLogin no\nMatch User root Address 203.0.113.7\n  PermitRootLogin yes\n",
            ]))
        #expect(settings.source == "sshd -T")
        #expect(settings.matchBlocks?.first?.settings["permitrootlogin"] == ["yes"])
        #expect(settings.matchBlocks?.first?.mayApplyToRoot == true)
    }

    @Test("sshd_config unreadable (0600 on RHEL): no defaults presented as the configuration, the reason kept")
    func unreadableMain() throws {
        let settings = try #require(
            sshd([
                "unreadable /etc/ssh/sshd_config": "",
                "/etc/ssh/sshd_config.d/50-cloud-init.conf": "PasswordAuthentication yes\n",
            ], banner: "SSH-2.0-OpenSSH_8.7"))
        #expect(settings.value("permitrootlogin") == nil)
        #expect(settings.value("passwordauthentication") == nil)
        #expect(settings.values("ciphers").isEmpty)
        #expect(settings.matchBlocks == nil)
        #expect(settings.unknownReason?.contains("/etc/ssh/sshd_config cannot be read") == true)
        #expect(field(settings, "permit_root_login") == .null)
    }

    @Test("partly readable: keywords set before an unreadable Include stay known, the rest and the Match blocks are unknown")
    func partlyReadable() throws {
        let main = """
            PermitRootLogin no
            Include /etc/ssh/sshd_config.d/*.conf
            PasswordAuthentication no
            """
        let settings = try #require(
            sshd(["/etc/ssh/sshd_config": main, "unreadable /etc/ssh/sshd_config.d": ""], banner: "SSH-2.0-OpenSSH_9.6p1"))
        #expect(settings.value("permitrootlogin") == "no")
        // The unreadable drop-ins come first: they may set it, so the main file's "no" is not the answer.
        #expect(settings.value("passwordauthentication") == nil)
        #expect(settings.value("maxauthtries") == nil)
        #expect(settings.matchBlocks == nil)
        #expect(settings.unknownReason?.contains("/etc/ssh/sshd_config.d") == true)
        // An unreadable file matched by the pattern does the same.
        let file = try #require(
            sshd([
                "/etc/ssh/sshd_config": main,
                "/etc/ssh/sshd_config.d/10-ok.conf": "X11Forwarding no\n",
                "unreadable /etc/ssh/sshd_config.d/50-secret.conf": "",
            ], banner: "SSH-2.0-OpenSSH_9.6p1"))
        #expect(file.value("x11forwarding") == "no")
        #expect(file.value("passwordauthentication") == nil)
    }

    @Test("an unreadable drop-in directory nothing Includes changes nothing")
    func unreadableNotIncluded() throws {
        let settings = try #require(
            sshd(["/etc/ssh/sshd_config": "PermitRootLogin no\n", "unreadable /etc/ssh/sshd_config.d": ""], banner: "SSH-2.0-OpenSSH_9.2p1"))
        #expect(settings.value("passwordauthentication") == "yes")
        #expect(settings.matchBlocks == [])
        #expect(settings.unknownReason == nil)
    }

    static let rhel8Policy = """
        CRYPTO_POLICY='-oCiphers=aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr,aes256-cbc,aes128-gcm@openssh.com,aes128-ctr,aes128-cbc -oMACs=hmac-sha2-256-etm@openssh.com,hmac-sha1-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-512-etm@openssh.com,hmac-sha2-256,hmac-sha1,umac-128@openssh.com,hmac-sha2-512 -oGSSAPIKexAlgorithms=gss-curve25519-sha256-,gss-nistp256-sha256-,gss-group14-sha256-,gss-group16-sha512-,gss-gex-sha1-,gss-group14-sha1- -oKexAlgorithms=curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group14-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group-exchange-sha1,diffie-hellman-group14-sha1 -oHostKeyAlgorithms=ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-256,rsa-sha2-512,ssh-rsa -oPubkeyAcceptedKeyTypes=ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-256,rsa-sha2-512,ssh-rsa -oCASignatureAlgorithms=ecdsa-sha2-nistp256,ssh-ed25519,rsa-sha2-256,rsa-sha2-512,ssh-rsa'

        """
    static let rhel8Sysconfig = """
        # Configuration file for the sshd service.

        # The server keys are automatically generated if they are missing.
        # To change the automatic creation, adjust sshd.service options for
        # example using  systemctl enable sshd-keygen@dsa.service  to allow creation
        # of DSA key or  systemctl mask sshd-keygen@rsa.service  to disable RSA key
        # creation.

        # Do not change this option unless you have hardware random
        # generator and you REALLY know what you are doing

        SSHD_OPTS=

        # System-wide crypto policy:
        # To opt-out, uncomment the following line
        # CRYPTO_POLICY=

        """

    @Test("RHEL 8: the DEFAULT crypto policy's CBC ciphers reach sshd on its command line, over sshd -T and the files")
    func rhel8CryptoPolicy() throws {
        let main = "PermitRootLogin no\nCiphers aes256-gcm@openssh.com\n"
        let fromFiles = try #require(
            sshd([
                "/etc/ssh/sshd_config": main, "/etc/sysconfig/sshd": Self.rhel8Sysconfig,
                "/etc/crypto-policies/back-ends/opensshserver.config": Self.rhel8Policy,
            ], package: "8.0p1-19.el8_8"))
        #expect(fromFiles.value("ciphers")?.contains("aes128-cbc") == true)
        #expect(fromFiles.value("kexalgorithms")?.hasSuffix("diffie-hellman-group14-sha1") == true)
        #expect(fromFiles.value("pubkeyacceptedalgorithms")?.hasSuffix("ssh-rsa") == true)
        #expect(fromFiles.version == "8.0p1")
        // A bare sshd -T shows the compiled defaults; the command line still wins.
        let fromSSHDT = try #require(
            sshd([
                "sshd -T": "permitrootlogin no\nciphers chacha20-poly1305@openssh.com,aes128-ctr\n",
                "/etc/ssh/sshd_config": main, "/etc/sysconfig/sshd": Self.rhel8Sysconfig,
                "/etc/crypto-policies/back-ends/opensshserver.config": Self.rhel8Policy,
            ]))
        #expect(fromSSHDT.value("ciphers")?.contains("aes256-cbc") == true)
        // Opted out in /etc/sysconfig/sshd: the files decide.
        let optedOut = try #require(
            sshd([
                "/etc/ssh/sshd_config": main,
                "/etc/sysconfig/sshd": Self.rhel8Sysconfig.replacingOccurrences(of: "# CRYPTO_POLICY=", with: "CRYPTO_POLICY="),
                "/etc/crypto-policies/back-ends/opensshserver.config": Self.rhel8Policy,
            ], package: "8.0p1-19.el8_8"))
        #expect(optedOut.value("ciphers") == "aes256-gcm@openssh.com")
        // /etc/sysconfig/sshd unreadable: whether the policy applies is unknown, so are the lists.
        let unknown = try #require(
            sshd([
                "/etc/ssh/sshd_config": main, "unreadable /etc/sysconfig/sshd": "",
                "/etc/crypto-policies/back-ends/opensshserver.config": Self.rhel8Policy,
            ], package: "8.0p1-19.el8_8"))
        #expect(unknown.value("ciphers") == nil)
        #expect(unknown.value("permitrootlogin") == "no")
        #expect(unknown.unknownReason?.contains("/etc/sysconfig/sshd") == true)
    }

    @Test("RHEL 9: the policy file in sshd_config syntax counts only through its Include")
    func rhel9PolicyInclude() throws {
        let policy = "Ciphers aes256-gcm@openssh.com,aes128-cbc\n"
        let included = try #require(
            sshd([
                "/etc/ssh/sshd_config": "Include /etc/ssh/sshd_config.d/*.conf\n",
                "/etc/ssh/sshd_config.d/50-redhat.conf": "Include /etc/crypto-policies/back-ends/opensshserver.config\n",
                "/etc/crypto-policies/back-ends/opensshserver.config": policy,
            ], package: "8.7p1-34.el9"))
        #expect(included.value("ciphers") == "aes256-gcm@openssh.com,aes128-cbc")
        let notIncluded = try #require(
            sshd(["/etc/ssh/sshd_config": "PermitRootLogin no\n", "/etc/crypto-policies/back-ends/opensshserver.config": policy],
                 package: "8.7p1-34.el9"))
        #expect(notIncluded.value("ciphers") == SSHDDefaultsFixture.ciphers)
    }

    @Test("SUSE: with no /etc/ssh/sshd_config, sshd reads the vendor file in /usr/etc/ssh and what it Includes")
    func suseVendorFile() throws {
        let vendor = """
            Include /etc/ssh/sshd_config.d/*.conf
            Include /usr/etc/ssh/sshd_config.d/*.conf
            PermitRootLogin yes
            X11Forwarding yes
            """
        let settings = try #require(
            sshd([
                "/usr/etc/ssh/sshd_config": vendor,
                "/etc/ssh/sshd_config.d/10-local.conf": "PermitRootLogin no\n",
                "/usr/etc/ssh/sshd_config.d/40-suse-crypto-policies.conf": "Ciphers aes256-ctr\n",
            ], package: "8.4p1-150300.3.30.1"))
        #expect(settings.value("permitrootlogin") == "no")
        #expect(settings.value("x11forwarding") == "yes")
        #expect(settings.value("ciphers") == "aes256-ctr")
        #expect(settings.version == "8.4p1")
    }

    @Test("defaults follow the daemon's version: 7.4 and 8.0 offered diffie-hellman-group14-sha1, 9.x does not")
    func defaultsByVersion() throws {
        let config = ["/etc/ssh/sshd_config": "PermitRootLogin no\n"]
        func kex(_ package: String?, banner: String? = nil) -> String? {
            sshd(KeyValuePairs(dictionaryLiteral: config.first!), package: package, banner: banner)?.value("kexalgorithms")
        }
        #expect(kex("1:7.4p1-10+deb9u7")?.hasSuffix(",diffie-hellman-group14-sha1") == true)
        #expect(kex("8.0p1-19.el8_8")?.contains("diffie-hellman-group14-sha1") == true)
        #expect(kex("1:8.4p1-5+deb11u3")?.contains("sha1") == false)
        #expect(kex("1:9.2p1-2+deb12u2")?.hasPrefix("sntrup761x25519-sha512@openssh.com,") == true)
        #expect(kex("1:10.0p1-7")?.hasPrefix("mlkem768x25519-sha256,") == true)
        #expect(kex("1:10.0p1-7")?.contains("diffie-hellman") == false)
        // The package names the version; without one the banner does; with neither it is unknown.
        #expect(kex(nil, banner: "SSH-2.0-OpenSSH_7.4")?.contains("group14-sha1") == true)
        #expect(kex(nil) == nil)
        #expect(sshd(KeyValuePairs(dictionaryLiteral: config.first!))?.value("permitrootlogin") == "no")
        // An algorithm edit relative to an unknown default list is unknown too.
        #expect(sshd(["/etc/ssh/sshd_config": "KexAlgorithms -*sha1\n"])?.value("kexalgorithms") == nil)
        #expect(
            sshd(["/etc/ssh/sshd_config": "KexAlgorithms -*sha1\n"], package: "1:7.4p1-10+deb9u7")?.value("kexalgorithms")?
                .contains("sha1") == false)
    }
}

enum SSHDDefaultsFixture {
    static let ciphers =
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com"
}
