import Foundation
import InventoryModel
import SSHScan
import Testing

struct SSHDParsingTests {
    static let openSSH9Ciphers =
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com"

    /// The settings of a host whose daemon names itself OpenSSH 9.2 in its banner.
    func sshd(_ files: KeyValuePairs<String, String>) -> SSHDSettings? {
        LinuxFactsParser.facts(
            from: [section("sshd", parts(files))], catalogue: nil, serverBanner: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3"
        ).sshd
    }

    @Test("sshd -T output is taken as printed: effective values, repeated keywords kept in order")
    func sshdT() throws {
        // Recorded from OpenSSH 9.2p1 (Debian 12) `sshd -T`, abridged.
        let recorded = """
            port 22
            addressfamily any
            listenaddress [::]:22
            listenaddress 0.0.0.0:22
            usepam yes
            logingracetime 120
            maxauthtries 6
            clientaliveinterval 0
            permitrootlogin without-password
            pubkeyauthentication yes
            passwordauthentication no
            kbdinteractiveauthentication no
            x11forwarding yes
            permitemptypasswords no
            ciphers \(Self.openSSH9Ciphers)
            loglevel INFO
            subsystem sftp /usr/lib/openssh/sftp-server
            acceptenv LANG
            acceptenv LC_*
            authorizedkeysfile .ssh/authorized_keys .ssh/authorized_keys2

            """
        let settings = try #require(sshd(["sshd -T": recorded]))
        #expect(settings.source == "sshd -T")
        // The old name sshd -T still prints becomes the current one.
        #expect(settings.value("permitrootlogin") == "prohibit-password")
        #expect(settings.value("x11forwarding") == "yes")
        #expect(settings.values("listenaddress") == ["[::]:22", "0.0.0.0:22"])
        #expect(settings.values("acceptenv") == ["LANG", "LC_*"])
        #expect(settings.values("ciphers") == [Self.openSSH9Ciphers])
        #expect(settings.value("authorizedkeysfile") == ".ssh/authorized_keys .ssh/authorized_keys2")
        #expect(settings.value("macs") == nil)
    }

    @Test("sshd_config: first value wins, Include files read where the Include stands, in name order")
    func includeOrder() throws {
        let main = """
            # Debian 12 style: the drop-ins come first, so they win.
            Include /etc/ssh/sshd_config.d/*.conf
            PasswordAuthentication yes
            PermitRootLogin yes
            X11Forwarding no
            """
        let settings = try #require(
            sshd([
                "/etc/ssh/sshd_config": main,
                "/etc/ssh/sshd_config.d/10-hardening.conf": "PermitRootLogin no\nMaxAuthTries 3\n",
                "/etc/ssh/sshd_config.d/50-cloud-init.conf": "PasswordAuthentication no\nMaxAuthTries 5\n",
                "/etc/ssh/sshd_config.d/README": "PermitRootLogin forced-commands-only\n",
            ]))
        #expect(settings.source == "sshd_config")
        #expect(settings.value("permitrootlogin") == "no")
        #expect(settings.value("passwordauthentication") == "no")
        #expect(settings.value("maxauthtries") == "3")
        #expect(settings.value("x11forwarding") == "no")
    }

    @Test("sshd_config: drop-ins without an Include line are not read, as sshd would not")
    func noInclude() throws {
        let settings = try #require(
            sshd([
                "/etc/ssh/sshd_config": "PermitRootLogin no\n",
                "/etc/ssh/sshd_config.d/50-cloud-init.conf": "PasswordAuthentication no\n",
            ]))
        #expect(settings.value("passwordauthentication") == "yes")
    }

    @Test("sshd_config: relative Include paths are under /etc/ssh, and an Include loop ends")
    func relativeAndLoop() throws {
        let settings = try #require(
            sshd([
                "/etc/ssh/sshd_config": "Include hardening.conf\nInclude /etc/ssh/sshd_config\nLogLevel info\n",
                "/etc/ssh/hardening.conf": "ClientAliveInterval 5m\nInclude /etc/ssh/hardening.conf\n",
            ]))
        #expect(settings.value("clientaliveinterval") == "300")
        #expect(settings.value("loglevel") == "INFO")
    }

    @Test("Match blocks are left out of the global view until Match all; an Include inside Match is too")
    func matchBlocks() throws {
        let main = """
            PermitRootLogin prohibit-password
            Match Address 10.0.0.0/8
                PasswordAuthentication yes
                X11Forwarding yes
                Include /etc/ssh/match.conf
            Match all
            MaxAuthTries 2
            Match User backup
                PermitEmptyPasswords yes
            """
        let settings = try #require(
            sshd(["/etc/ssh/sshd_config": main, "/etc/ssh/match.conf": "LogLevel DEBUG3\n"]))
        #expect(settings.value("passwordauthentication") == "yes")
        #expect(settings.value("x11forwarding") == "no")
        #expect(settings.value("loglevel") == "INFO")
        #expect(settings.value("maxauthtries") == "2")
        #expect(settings.value("permitemptypasswords") == "no")
    }

    @Test("unset keywords take OpenSSH 9 defaults; sshd -T's spelling of values, times and aliases")
    func defaultsAndNormalising() throws {
        let main = """
            PermitRootLogin=No
            X11Forwarding = YES
            LoginGraceTime 1h30m # an hour and a half
            ChallengeResponseAuthentication no
            loglevel verbose
            Banner "/etc/issue net"
            AllowUsers alice
            AllowUsers bob carol
            """
        let settings = try #require(sshd(["/etc/ssh/sshd_config": main]))
        #expect(settings.value("permitrootlogin") == "no")
        #expect(settings.value("x11forwarding") == "yes")
        #expect(settings.value("logingracetime") == "5400")
        #expect(settings.value("kbdinteractiveauthentication") == "no")
        #expect(settings.value("loglevel") == "VERBOSE")
        #expect(settings.value("banner") == "/etc/issue net")
        #expect(settings.values("allowusers") == ["alice", "bob carol"])
        #expect(settings.value("passwordauthentication") == "yes")
        #expect(settings.value("pubkeyauthentication") == "yes")
        #expect(settings.value("permitemptypasswords") == "no")
        #expect(settings.value("maxauthtries") == "6")
        #expect(settings.value("clientaliveinterval") == "0")
        #expect(settings.values("ciphers") == [Self.openSSH9Ciphers])
        #expect(
            settings.values("kexalgorithms") == [
                "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
                    + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,"
                    + "diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,diffie-hellman-group14-sha256"
            ])
    }

    @Test("algorithm lists: +append, -remove with wildcards and ^prepend apply to the default list")
    func algorithmEdits() throws {
        let plus = try #require(sshd(["/etc/ssh/sshd_config": "Ciphers +aes128-cbc,aes256-ctr\n"]))
        #expect(plus.values("ciphers") == [Self.openSSH9Ciphers + ",aes128-cbc"])
        let minus = try #require(sshd(["/etc/ssh/sshd_config": "MACs -*sha1*,umac-64*\n"]))
        #expect(
            minus.values("macs") == [
                "umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,umac-128@openssh.com,"
                    + "hmac-sha2-256,hmac-sha2-512"
            ])
        let caret = try #require(sshd(["/etc/ssh/sshd_config": "Ciphers ^aes256-gcm@openssh.com\n"]))
        #expect(
            caret.values("ciphers") == [
                "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com"
            ])
    }

    @Test("no sshd section content means unknown, not defaults")
    func nothing() {
        #expect(facts(section("sshd", "")).sshd == nil)
        #expect(facts(section("sshd", parts(["sshd -T": "\n\n"]))).sshd == nil)
    }
}
