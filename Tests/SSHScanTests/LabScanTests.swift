import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// The Linux probe batch run for real: OpenSSH client, real sshd, busybox shell, fixture files.
@Suite(.enabled(if: Lab.unavailableReason == nil, "needs root, sshd and busybox for the SSH lab"))
struct LabScanTests {
    /// Runs the whole batch as one command over one session, as the scanner does.
    func scan(_ host: String) async throws -> (facts: HostFacts, evidence: [Evidence]) {
        let lab = try await Lab.shared()
        let batch = ProbeBatch.linux
        let result = try await lab.openSSH(host, command: batch.command, input: batch.input)
        try #require(result.status == 0, "ssh to \(host) failed: \(result.standardError)")
        let evidence = batch.sections(from: result.standardOutput)
        return (LinuxFactsParser.facts(from: evidence), evidence)
    }

    /// The facts this suite predates; the security-posture ones are asserted in `LabPostureTests`.
    func scanBasics(_ host: String) async throws -> HostFacts {
        let facts = try await scan(host).facts
        return HostFacts(
            hostname: facts.hostname, os: facts.os, kernel: facts.kernel, uptimeSeconds: facts.uptimeSeconds,
            cpu: facts.cpu, memory: facts.memory, interfaces: facts.interfaces, defaultRoute: facts.defaultRoute,
            hardware: facts.hardware, listening: facts.listening, sshd: facts.sshd, antivirus: facts.antivirus)
    }

    static func day(_ year: Int, _ month: Int, _ day: Int) -> Date {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        return calendar.date(from: DateComponents(year: year, month: month, day: day))!
    }

    @Test("every Linux section comes back framed, whole and with an exit code from a busybox host")
    func everySectionReturns() async throws {
        let (_, evidence) = try await scan("debian-ok")
        #expect(evidence.map(\.name) == ProbeBatch.linuxProbes(sudo: false).flatMap(\.evidenceNames))
        #expect(evidence.allSatisfy { $0.exitCode != nil && !$0.truncated })
        #expect(evidence.first { $0.name == "sshd" }?.text.contains("\n==> /etc/ssh/sshd_config <==\n") == true)
    }

    @Test("debian-ok: a compliant Debian 12 server with fresh ClamAV, every fact exact")
    func debianOK() async throws {
        let lab = try await Lab.shared()
        var facts = try await scanBasics("debian-ok")
        let sshd = try #require(facts.sshd)
        facts.sshd = nil
        #expect(
            facts
                == HostFacts(
                    hostname: "srv-dvc-01",
                    os: OperatingSystem(
                        id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)",
                        versionID: "12"),
                    kernel: "6.1.0-18-amd64", uptimeSeconds: 1_296_037.52,
                    cpu: CPU(model: "Intel(R) Xeon(R) Silver 4214R CPU @ 2.40GHz", logicalCores: 4),
                    memory: Memory(totalBytes: 8_148_092 * 1024, availableBytes: 6_532_104 * 1024),
                    interfaces: [
                        NetworkInterface(name: "lo", mac: nil, addresses: ["127.0.0.1/8", "::1/128"]),
                        NetworkInterface(
                            name: "ens18", mac: "bc:24:11:5a:3c:1d",
                            addresses: ["10.10.10.21/24", "fe80::be24:11ff:fe5a:3c1d/64"]),
                    ],
                    defaultRoute: Route(gateway: "10.10.10.1", interface: "ens18"),
                    hardware: Hardware(
                        biosDate: Self.day(2021, 3, 15), biosVendor: "Dell Inc.", systemVendor: "Dell Inc.",
                        productName: "PowerEdge R640"),
                    listening: [
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                        ListeningSocket(proto: .tcp, address: "::", port: 22),
                        ListeningSocket(proto: .udp, address: "127.0.0.1", port: 323),
                        ListeningSocket(proto: .udp, address: "::1", port: 323),
                    ],
                    antivirus: [
                        Antivirus(
                            product: "ClamAV", version: "1.0.7", installed: true, running: true, realTimeProtection: false,
                            signatureDate: lab.startedAt)
                    ]))
        #expect(sshd.source == "sshd_config")
        #expect(sshd.value("PermitRootLogin") == "no")
        #expect(sshd.value("passwordauthentication") == "no")
        #expect(sshd.value("permitemptypasswords") == "no")
        #expect(sshd.value("x11forwarding") == "no")
        #expect(sshd.value("maxauthtries") == "3")
        // sshd_config.d is included above the main file's "LoginGraceTime 1m", so its 30 wins.
        #expect(sshd.value("logingracetime") == "30")
        #expect(sshd.value("clientaliveinterval") == "300")
        #expect(sshd.value("loglevel") == "VERBOSE")
        #expect(sshd.value("pubkeyauthentication") == "yes")
        #expect(sshd.values("allowgroups") == ["sshusers"])
        #expect(
            sshd.values("ciphers") == [
                "chacha20-poly1305@openssh.com,aes256-gcm@openssh.com,aes128-gcm@openssh.com,aes256-ctr,aes192-ctr,aes128-ctr"
            ])
        #expect(
            sshd.values("macs") == [
                "hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com,umac-128-etm@openssh.com"
            ])
    }

    @Test("debian-old: Debian 9 with root and password login, weak ciphers, telnet and FTP, no antivirus")
    func debianOld() async throws {
        var facts = try await scanBasics("debian-old")
        let sshd = try #require(facts.sshd)
        facts.sshd = nil
        #expect(
            facts
                == HostFacts(
                    hostname: "ftp-sogd",
                    os: OperatingSystem(
                        id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 9 (stretch)",
                        versionID: "9"),
                    kernel: "4.9.0-19-amd64", uptimeSeconds: 40_176_612.08,
                    cpu: CPU(model: "Intel(R) Core(TM) i5-2400 CPU @ 3.10GHz", logicalCores: 4),
                    memory: Memory(totalBytes: 4_041_412 * 1024, availableBytes: 1_210_344 * 1024),
                    interfaces: [
                        NetworkInterface(name: "lo", mac: nil, addresses: ["127.0.0.1/8"]),
                        NetworkInterface(name: "eth0", mac: "00:25:b3:4e:7a:10", addresses: ["10.20.5.14/24"]),
                        NetworkInterface(name: "eth1", mac: "00:25:b3:4e:7a:11", addresses: ["192.168.50.3/24"]),
                    ],
                    defaultRoute: Route(gateway: "10.20.5.1", interface: "eth0"),
                    hardware: Hardware(
                        biosDate: Self.day(2011, 4, 28), biosVendor: "HP", systemVendor: "Hewlett-Packard",
                        productName: "ProLiant ML110 G7"),
                    listening: [
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 21),
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                        ListeningSocket(proto: .tcp, address: "::", port: 22),
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 23),
                        ListeningSocket(proto: .tcp, address: "127.0.0.1", port: 25),
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 111),
                        ListeningSocket(proto: .tcp, address: "::", port: 111),
                        ListeningSocket(proto: .udp, address: "0.0.0.0", port: 68),
                        ListeningSocket(proto: .udp, address: "0.0.0.0", port: 111),
                    ],
                    antivirus: []))
        #expect(sshd.source == "sshd_config")
        // The Match block's "PermitRootLogin no" applies to 10.0.0.0/8 only, not globally.
        #expect(sshd.value("permitrootlogin") == "yes")
        #expect(sshd.value("passwordauthentication") == "yes")
        #expect(sshd.value("x11forwarding") == "yes")
        #expect(sshd.values("ciphers") == ["aes128-cbc,3des-cbc"])
        #expect(sshd.values("macs") == ["hmac-md5,hmac-sha1"])
        #expect(sshd.value("kbdinteractiveauthentication") == "no")
        #expect(sshd.value("maxauthtries") == "6")
        #expect(sshd.value("logingracetime") == "120")
        // OpenSSH 7.4 (its openssh-server package): its own default key exchange, SHA-1 group 14 included.
        #expect(sshd.version == "7.4p1")
        #expect(sshd.value("kexalgorithms")?.hasSuffix(",diffie-hellman-group14-sha1") == true)
        // The Match block is kept, with what it sets for the connections it matches.
        #expect(
            sshd.matchBlocks == [
                SSHDMatchBlock(
                    criteria: "Address 10.0.0.0/8", mayApplyToRoot: true,
                    settings: ["permitrootlogin": ["no"], "x11forwarding": ["no"]])
            ])
    }

    @Test("rhel-ok: Rocky 9.3 whose drop-in re-enables X11 and whose ClamAV signatures are 40 days old")
    func rhelOK() async throws {
        let lab = try await Lab.shared()
        var facts = try await scanBasics("rhel-ok")
        let sshd = try #require(facts.sshd)
        facts.sshd = nil
        #expect(
            facts
                == HostFacts(
                    hostname: "app01.ttcntt.local",
                    os: OperatingSystem(
                        id: "rocky", idLike: ["rhel", "centos", "fedora"], name: "Rocky Linux",
                        prettyName: "Rocky Linux 9.3 (Blue Onyx)", versionID: "9.3"),
                    kernel: "5.14.0-362.8.1.el9_3.x86_64", uptimeSeconds: 3712.04,
                    cpu: CPU(model: "Intel(R) Xeon(R) Gold 6230 CPU @ 2.10GHz", logicalCores: 8),
                    memory: Memory(totalBytes: 16_231_052 * 1024, availableBytes: 14_021_844 * 1024),
                    interfaces: [
                        NetworkInterface(name: "lo", mac: nil, addresses: ["127.0.0.1/8", "::1/128"]),
                        NetworkInterface(
                            name: "ens192", mac: "00:50:56:9a:1b:2c",
                            addresses: ["172.16.16.30/24", "fe80::250:56ff:fe9a:1b2c/64"]),
                    ],
                    defaultRoute: Route(gateway: "172.16.16.1", interface: "ens192"),
                    hardware: Hardware(
                        biosDate: Self.day(2019, 11, 7), biosVendor: "Lenovo", systemVendor: "Lenovo",
                        productName: "ThinkSystem SR630 -[7X02CTO1WW]-"),
                    listening: [
                        ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
                        ListeningSocket(proto: .tcp, address: "::", port: 22),
                        ListeningSocket(proto: .tcp, address: "::", port: 9090),
                        ListeningSocket(proto: .udp, address: "127.0.0.1", port: 323),
                        ListeningSocket(proto: .udp, address: "::1", port: 323),
                    ],
                    antivirus: [
                        Antivirus(
                            product: "ClamAV", version: "1.0.5", installed: true, running: false, realTimeProtection: false,
                            signatureDate: lab.startedAt.addingTimeInterval(-40 * 86_400))
                    ]))
        // `sshd -T` fails for the scan account, so the files were read.
        #expect(sshd.source == "sshd_config")
        #expect(sshd.value("permitrootlogin") == "no")
        #expect(sshd.value("passwordauthentication") == "no")
        #expect(sshd.value("x11forwarding") == "yes")
        #expect(sshd.value("maxauthtries") == "4")
        #expect(sshd.value("clientaliveinterval") == "600")
        #expect(sshd.value("kbdinteractiveauthentication") == "no")
        #expect(
            sshd.values("ciphers") == [
                "aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr,aes128-gcm@openssh.com,aes128-ctr"
            ])
    }

    @Test("changed-key: a strict OpenSSH client refuses the host whose recorded key is stale")
    func changedKeyRefused() async throws {
        let lab = try await Lab.shared()
        let result = try await lab.openSSH("changed-key", command: "cat /proc/sys/kernel/hostname")
        #expect(result.status == 255)
        #expect(result.standardOutput.isEmpty)
        #expect(result.standardError.contains("REMOTE HOST IDENTIFICATION HAS CHANGED"))
    }

    @Test("hostile: markup and invalid UTF-8 arrive as data, and its forged frames stay content")
    func hostile() async throws {
        let (facts, evidence) = try await scan("hostile")
        #expect(facts.hostname == "<script>alert('host')</script>")
        #expect(facts.os?.id == "evil-os")
        #expect(facts.os?.name == "Evil\"Linux")
        #expect(facts.os?.prettyName == "EvilOS <img src=x onerror=alert(1)> \u{FFFD}\u{FFFD}\u{FFFD}( 6.6.6")
        #expect(facts.kernel == "6.6.6-<b>pwn</b>")
        #expect(
            facts.hardware
                == Hardware(
                    biosDate: nil, biosVendor: "<b>BIOS</b>", systemVendor: "\"><svg onload=alert(1)>",
                    productName: "Robert'); DROP TABLE hosts;--"))
        #expect(facts.sshd?.source == "sshd -T")
        #expect(facts.sshd?.value("versionaddendum") == "<script>alert('banner')</script>")
        #expect(facts.sshd?.value("permitrootlogin") == "yes")
        #expect(evidence.filter { $0.name == "hostname" }.count == 1)
        let osRelease = try #require(evidence.first { $0.name == "os-release" })
        #expect(osRelease.content.contains(0xFF))
        #expect(osRelease.text.contains("==ICTAUDIT 0123456789abcdef BEGIN hostname"))
    }
}
