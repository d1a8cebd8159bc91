import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// The security-posture facts of each Linux lab host, scanned through libssh2 in one exec.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct LabPostureTests {
    func scan(_ host: String, sudo: Bool? = nil) async throws -> (HostScan, HostFacts, Lab) {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, host, sudo: sudo))
        #expect(result.status == .scanned, "\(result.message ?? "")")
        #expect(result.execCount == 1)
        return (result, try #require(result.facts), lab)
    }

    @Test("debian-ok: current packages, no pending update, ufw, chrony, auditd, AppArmor, LUKS; shadow unreadable")
    func debianOK() async throws {
        let (_, f, lab) = try await scan("debian-ok")
        #expect(f.packages?.count == 8)
        #expect(f.packages?.contains(InstalledPackage(name: "openssh-server", version: "1:9.2p1-2+deb12u2", architecture: "amd64")) == true)
        #expect(f.packages?.contains { $0.name == "telnet" } == false)
        #expect(f.pendingUpdates == [])
        #expect(f.updateCheck?.tool == "apt")
        #expect(f.updateCheck?.status == .ok)
        #expect(f.updateCheck?.securityCount == 0)
        #expect(f.accounts == Accounts(uidZero: ["root"], emptyPassword: nil))
        #expect(
            f.passwordPolicy
                == PasswordPolicy(maxAgeDays: 90, minAgeDays: 1, warnAgeDays: 7, minLength: 12, qualityModule: "pam_pwquality"))
        // A plain account: nft and iptables refuse (no CAP_NET_ADMIN), auditctl too; the files still say what is configured.
        #expect(f.firewall == Firewall(enabled: true, backends: ["ufw"], ipv6Active: true, status: .denied))
        #expect(
            f.timeSync
                == TimeSync(
                    daemon: "chronyd", enabled: true, running: true, servers: ["2.debian.pool.ntp.org", "ntp.mof.gov.vn"],
                    synchronized: true, syncSource: "chronyc tracking"))
        #expect(f.auditd == AuditDaemon(installed: true, enabled: true, running: true, ruleCount: 3, rulesStatus: "configured"))
        #expect(
            f.logging
                == SystemLogging(
                    journaldStorage: "auto", journalDirectory: true, journaldRunning: true, syslogDaemon: "rsyslogd",
                    syslogTargets: [
                        "/var/log/syslog", "/var/log/auth.log", "/var/log/cron.log", "/var/log/kern.log", "/var/log/mail.log",
                        "/var/log/user.log",
                    ], persistent: true))
        #expect(f.antivirus.first?.realTimeProtection == false)
        #expect(f.mandatoryAccessControl == MandatoryAccessControl(selinux: nil, appArmor: true))
        #expect(f.diskEncryption == DiskEncryption(method: "dm-crypt", encrypted: ["sda3_crypt"]))
        #expect(f.lastBoot == lab.startedAt.addingTimeInterval(-1_296_037))
        #expect(f.lastUpdate == LabScan.day(2024, 3, 10, 2, 14, 52))
        #expect(f.antivirus.map(\.product) == ["ClamAV"])
    }

    @Test("debian-old with sudo: outdated packages, pending updates unknown from 400-day-old lists, toor with UID 0, guest without password")
    func debianOldWithSudo() async throws {
        let (_, f, lab) = try await scan("debian-old", sudo: true)
        #expect(f.packages?.first { $0.name == "openssh-server" }?.version == "1:7.4p1-10+deb9u7")
        #expect(f.packages?.first { $0.name == "openssl" }?.version == "1.1.0l-1~deb9u1")
        // apt still lists the five updates, but from lists refreshed 400 days before: unknown, not "5".
        #expect(f.pendingUpdates == nil)
        #expect(f.updateCheck?.status == .stale)
        #expect(f.updateCheck?.tool == "apt")
        let listsAge = try #require(f.updateCheck?.listsUpdated).distance(to: Date()) / 86_400
        #expect((399...402).contains(listsAge))
        #expect(f.accounts == Accounts(uidZero: ["root", "toor"], emptyPassword: ["guest"]))
        #expect(f.passwordPolicy == PasswordPolicy(maxAgeDays: 99999, minAgeDays: 0, warnAgeDays: 7))
        // Rules loaded by hand (no firewall service enabled), read through sudo -n: IPv4 drops, IPv6 is wide open.
        #expect(
            f.firewall
                == Firewall(
                    enabled: false, backend: "iptables", inputPolicyV4: "drop", inputPolicyV6: "accept", ipv6Active: true,
                    status: .ok))
        #expect(f.timeSync == TimeSync(daemon: nil, synchronized: false, syncSource: "no daemon"))
        #expect(f.auditd == AuditDaemon(installed: false, running: false, loadedRuleCount: 0))
        // sysvinit, no journald: rsyslog writes the logs.
        #expect(f.logging?.journaldStorage == nil)
        #expect(f.logging?.syslogTargets.first == "/var/log/auth.log")
        #expect(f.logging?.persistent == true)
        #expect(f.diskEncryption == DiskEncryption(method: "dm-crypt", encrypted: []))
        #expect(f.lastBoot == lab.startedAt.addingTimeInterval(-40_176_612))
        #expect(f.lastUpdate == LabScan.day(2019, 2, 18, 10, 2, 12))
        #expect(f.antivirus == [])
    }

    @Test("debian-old without sudo: empty passwords and the loaded firewall rules are unknown, never guessed")
    func debianOldWithoutSudo() async throws {
        let (result, f, _) = try await scan("debian-old")
        #expect(f.accounts == Accounts(uidZero: ["root", "toor"], emptyPassword: nil))
        // iptables-save refuses the plain account: the loaded rules are unknown, not "no firewall", and say why.
        #expect(f.firewall?.status == .denied)
        #expect(f.firewall?.inputPolicyV4 == nil)
        #expect(
            f.unknownReasons?["firewall.input_policy_v4"]
                == "listing the loaded rules needs CAP_NET_ADMIN (scan as root or allow sudo -n); the host said: "
                + "iptables-save v1.8.9 (nf_tables): Could not fetch rule set generation id: Permission denied (you must be root)")
        let accounts = try #require(result.evidence.first { $0.name == "accounts" })
        #expect(!accounts.text.contains("$6$"))
    }

    @Test("rhel-ok: rpm packages, dnf's cached updates, pwquality.d and faillock, firewalld, SELinux enforcing")
    func rhelOK() async throws {
        let (_, f, lab) = try await scan("rhel-ok")
        #expect(f.packages?.count == 7)
        #expect(f.packages?.first { $0.name == "openssl" } == InstalledPackage(name: "openssl", version: "1:3.0.7-24.el9", architecture: "x86_64"))
        #expect(f.packages?.first { $0.name == "gpg-pubkey" }?.architecture == nil)
        #expect(
            f.pendingUpdates == [
                PackageUpdate(name: "openssl", availableVersion: "1:3.0.7-25.el9_3", security: true),
                PackageUpdate(name: "openssh-server", availableVersion: "8.7p1-34.el9_3.3", security: false),
            ])
        #expect(f.updateCheck?.tool == "dnf")
        #expect(f.updateCheck?.status == .ok)
        #expect(f.updateCheck?.securityCount == 1)
        #expect(
            f.passwordPolicy
                == PasswordPolicy(
                    maxAgeDays: 90, minAgeDays: 1, warnAgeDays: 14, minLength: 14, qualityModule: "pam_pwquality",
                    lockoutThreshold: 5))
        #expect(f.firewall == Firewall(enabled: true, backends: ["firewalld"], ipv6Active: true, status: .denied))
        // chronyd runs but lost its servers: chronyc tracking says "Not synchronised".
        #expect(
            f.timeSync
                == TimeSync(
                    daemon: "chronyd", enabled: true, running: true, servers: ["172.16.16.2", "2.rocky.pool.ntp.org"],
                    synchronized: false, syncSource: "chronyc tracking"))
        #expect(f.auditd == AuditDaemon(installed: true, enabled: true, running: true, ruleCount: 1, rulesStatus: "configured"))
        #expect(
            f.logging?.syslogTargets == [
                "/var/log/messages", "/var/log/secure", "/var/log/maillog", "/var/log/cron", "/var/log/spooler", "/var/log/boot.log",
            ])
        #expect(f.logging?.persistent == true)
        #expect(f.mandatoryAccessControl == MandatoryAccessControl(selinux: "enforcing", appArmor: nil))
        #expect(f.diskEncryption == DiskEncryption(method: "dm-crypt", encrypted: ["luks-2d0a9f6e-5c4b-4a3e-8f7d-1b2c3d4e5f60"]))
        #expect(f.lastBoot == lab.startedAt.addingTimeInterval(-3712))
        // 09:12:44 at +07:00.
        #expect(f.lastUpdate == LabScan.day(2024, 1, 10, 2, 12, 44))
    }

    @Test("suse-ok: SLES 15 SP5 with rpm, one zypper update, shadow through sudo with no empty password, AppArmor")
    func suseOK() async throws {
        let (_, f, lab) = try await scan("suse-ok", sudo: true)
        #expect(f.hostname == "sles-hq-03")
        #expect(f.os == OperatingSystem(id: "sles", idLike: ["suse"], name: "SLES", prettyName: "SUSE Linux Enterprise Server 15 SP5", versionID: "15.5"))
        #expect(f.os?.family == "suse")
        #expect(f.packages?.map(\.name) == ["openssh-server", "libopenssl3", "glibc", "chrony"])
        #expect(
            f.pendingUpdates == [
                PackageUpdate(name: "openssh-server", currentVersion: "8.4p1-150300.3.30.1", availableVersion: "8.4p1-150300.3.37.1")
            ])
        #expect(f.updateCheck == UpdateCheck(
            tool: "zypper", status: .ok, exitCode: 100, listsUpdated: f.updateCheck?.listsUpdated, securityCount: 1))
        #expect(f.accounts == Accounts(uidZero: ["root"], emptyPassword: []))
        #expect(f.passwordPolicy == PasswordPolicy(maxAgeDays: 60, minAgeDays: 1, warnAgeDays: 7, minLength: 15, qualityModule: "pam_pwquality"))
        // Through sudo -n: firewalld's ruleset (its closing reject drops both families), no audit rule loaded.
        #expect(
            f.firewall
                == Firewall(
                    enabled: true, backends: ["firewalld"], backend: "firewalld", inputPolicyV4: "drop", inputPolicyV6: "drop",
                    ipv6Active: true, status: .ok))
        #expect(
            f.timeSync
                == TimeSync(
                    daemon: "chronyd", enabled: true, running: true, servers: ["suse.pool.ntp.org"], synchronized: true,
                    syncSource: "chronyc tracking"))
        #expect(
            f.auditd
                == AuditDaemon(
                    installed: true, enabled: true, running: true, ruleCount: 0, loadedRuleCount: 0, kernelEnabled: true,
                    rulesStatus: "loaded"))
        // journald runs with the default Storage=auto and no /var/log/journal, and no syslog daemon: logs die at reboot.
        #expect(
            f.logging
                == SystemLogging(journaldStorage: "auto", journalDirectory: false, journaldRunning: true, persistent: false))
        #expect(f.mandatoryAccessControl == MandatoryAccessControl(selinux: nil, appArmor: true))
        #expect(f.sshd?.value("permitrootlogin") == "no")
        #expect(f.lastBoot == lab.startedAt.addingTimeInterval(-604_800))
        // SUSE: no /etc/ssh/sshd_config, so the vendor file in /usr/etc/ssh and the drop-ins it Includes;
        // the root-only drop-in read through sudo re-allows root from the storage network.
        let sshd = try #require(f.sshd)
        #expect(sshd.version == "8.4p1")
        #expect(sshd.value("x11forwarding") == "no")
        #expect(sshd.value("usepam") == "yes")
        #expect(sshd.unknownReason == nil)
        #expect(
            sshd.matchBlocks == [
                SSHDMatchBlock(criteria: "Address 10.20.30.0/24", mayApplyToRoot: true, settings: ["permitrootlogin": ["yes"]])
            ])
        #expect(f.lastUpdate == LabScan.day(2023, 12, 14, 6))
    }

    @Test("suse-ok as a plain account: the root-only drop-in makes what it may set unknown, never a default or a guess")
    func susePartlyReadableSSHD() async throws {
        let (scan, f, _) = try await scan("suse-ok", sudo: false)
        let sshd = try #require(f.sshd)
        // Set by the readable drop-in before the unreadable one: known.
        #expect(sshd.value("permitrootlogin") == "no")
        #expect(sshd.value("passwordauthentication") == "no")
        #expect(sshd.value("maxauthtries") == "4")
        // Anything first set after it (the vendor file's UsePAM) or left to the defaults: unknown.
        #expect(sshd.value("usepam") == nil)
        #expect(sshd.value("permitemptypasswords") == nil)
        #expect(sshd.values("ciphers").isEmpty)
        #expect(sshd.matchBlocks == nil)
        #expect(sshd.unknownReason?.contains("/etc/ssh/sshd_config.d/90-backup.conf") == true)
        // Kept where the evaluator finds it, so a rule's error says why.
        #expect(f.unknownReasons?["sshd"] == sshd.unknownReason)
        let section = try #require(scan.evidence.first { $0.name == "sshd" })
        #expect(section.text.contains("\n==> unreadable /etc/ssh/sshd_config.d/90-backup.conf <==\n"))
        #expect(section.text.contains("\n==> /usr/etc/ssh/sshd_config <==\n"))
    }

    @Test("suse-ok: Defender for Endpoint read from mdatp health, its signature age from the host's clock, once")
    func suseDefenderForEndpoint() async throws {
        let (scan, f, _) = try await scan("suse-ok", sudo: true)
        #expect(f.antivirus.count == 1)
        let defender = try #require(f.antivirus.first)
        #expect(defender.product == "Microsoft Defender for Endpoint (Linux)")
        #expect(defender.version == "101.24042.0002")
        #expect(defender.installed)
        // The catalogue's process (wdavdaemon) runs; found by both, reported once.
        #expect(defender.running == true)
        #expect(defender.realTimeProtection == true)
        #expect(defender.signaturesUpToDate == true)
        #expect(defender.licenseExpiry == nil)
        // 4,380 minutes before the host's own `date +%s`, which is the lab's clock during the scan.
        let expected = scan.startedAt.addingTimeInterval(-4_380 * 60)
        let signed = try #require(defender.signatureDate)
        #expect(abs(signed.timeIntervalSince(expected)) < 60)
        let section = try #require(scan.evidence.first { $0.name == "mdatp" })
        #expect(section.text.contains("definitions_status                          : \"up_to_date\""))
    }

    @Test("av-kesl through sudo -n: Kaspersky's version, database date and File Threat Protection from kesl-control --app-info")
    func kasperskyWithSudo() async throws {
        let (_, f, lab) = try await scan("av-kesl", sudo: true)
        let kesl = try #require(f.antivirus.first { $0.product == "Kaspersky Endpoint Security" })
        #expect(kesl.version == "12.0.0.6672")
        #expect(kesl.installed)
        #expect(kesl.running == true)
        #expect(kesl.realTimeProtection == true)
        // Released three days before the lab's start (the tool prints seconds, UTC in the lab).
        let released = try #require(kesl.signatureDate)
        #expect(abs(released.timeIntervalSince(lab.startedAt.addingTimeInterval(-3 * 86_400))) < 1)
    }

    @Test("av-kesl without sudo: kesl-control refuses; installed and running from its paths and processes, version from the package")
    func kasperskyWithoutSudo() async throws {
        let (_, f, _) = try await scan("av-kesl")
        let kesl = try #require(f.antivirus.first { $0.product == "Kaspersky Endpoint Security" })
        #expect(kesl.version == "12.0.0-6672")
        #expect(kesl.running == true)
        #expect(kesl.signatureDate == nil)
        #expect(kesl.realTimeProtection == nil)
    }

    @Test("jump-inner answers as its own host (Ubuntu 20.04), and the bastion as Debian 12")
    func jumpPair() async throws {
        let (_, inner, _) = try await scan("jump-inner")
        #expect(inner.hostname == "db-noibo")
        #expect(inner.os?.versionID == "20.04")
        // A KVM guest: its SeaBIOS date is the hypervisor's, so the machine's age is not judged by it.
        #expect(inner.hardware?.hypervisor == "kvm")
        #expect(inner.hardware?.productName == "Standard PC (i440FX + PIIX, 1996)")
        let (_, bastion, _) = try await scan("jump-bastion")
        #expect(bastion.hostname == "bastion-01")
    }

    @Test("the bastion forwards to the inner host only: OpenSSH's -W to another port is refused")
    func bastionPermitOpen() async throws {
        let lab = try await Lab.shared()
        let bastion = try lab.port(of: "jump-bastion")
        let ssh = [
            "-i", lab.clientKeyPath, "-o", "UserKnownHostsFile=\(lab.knownHostsPath)", "-o", "StrictHostKeyChecking=yes",
            "-o", "BatchMode=yes", "-o", "LogLevel=ERROR", "-p", String(bastion),
        ]
        let refused = try await CommandRunner.run(
            "/usr/bin/ssh", ssh + ["-W", "127.0.0.1:\(try lab.port(of: "debian-ok"))", "\(lab.user)@127.0.0.1"],
            timeout: .seconds(30))
        #expect(refused.status != 0)
        #expect(refused.standardError.contains("stdio forwarding failed"))
        let through = try await CommandRunner.run(
            "/usr/bin/ssh",
            ssh.filter { $0 != "-p" && $0 != String(bastion) } + [
                "-o", "ProxyCommand=/usr/bin/ssh \(ssh.joined(separator: " ")) -W %h:%p \(lab.user)@127.0.0.1",
                "-p", String(try lab.port(of: "jump-inner")), "\(lab.user)@127.0.0.1", "cat /proc/sys/kernel/hostname",
            ],
            timeout: .seconds(30))
        #expect(through.standardOutputText == "db-noibo\n")
    }
}
