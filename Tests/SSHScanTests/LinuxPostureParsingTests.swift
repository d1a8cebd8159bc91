import Foundation
import InventoryModel
import SSHScan
import Testing

/// The running programs and enabled units the posture collectors consult, as the `services`
/// section prints them.
func services(running: [String], enabled: [String] = []) -> Evidence {
    section("services", parts(["enabled": enabled.map { $0 + "\n" }.joined(), "running": running.map { $0 + "\n" }.joined()]))
}

/// Firewall: what the loaded rules do with an incoming packet no rule allows, per family, from
/// real nft and iptables output; a refusal to list them (no CAP_NET_ADMIN) is unknown, never open.
struct FirewallRulesParsingTests {
    func firewall(_ answers: KeyValuePairs<String, String>, inet6: String? = "00000000000000000000000000000001 01 80 10 80       lo\nfe800000000000005054fffe123456 02 40 20 80     eth0\n") -> Firewall? {
        var text = answers.map { "\n==> \($0.key) <==\n\($0.value)" }.joined()
        text += inet6.map { "\n==> /proc/net/if_inet6 <==\n\($0)" } ?? "\n==> no if_inet6 <==\n"
        return facts(section("firewall", text), services(running: ["sshd"])).firewall
    }

    @Test("firewalld, public zone: the zone chains end without a verdict, so filter_INPUT's closing reject drops both families")
    func firewalldPublic() throws {
        let f = try #require(firewall(["nft list ruleset": NetfilterRecordings.firewalldPublic, "status 0": ""]))
        #expect(f.inputPolicyV4 == "drop")
        #expect(f.inputPolicyV6 == "drop")
        #expect(f.backend == "firewalld")
        #expect(f.status == .ok)
        #expect(f.ipv6Active == true)
    }

    @Test("firewalld with the trusted zone as default: its chain ends in accept, before the closing reject")
    func firewalldTrusted() throws {
        let f = try #require(firewall(["nft list ruleset": NetfilterRecordings.firewalldTrusted, "status 0": ""]))
        #expect(f.inputPolicyV4 == "accept")
        #expect(f.inputPolicyV6 == "accept")
    }

    @Test("ufw on iptables: INPUT policy DROP (ufw-not-local's conditional returns are followed); ip6tables wide open")
    func ufwIPv6Open() throws {
        let f = try #require(
            firewall([
                "iptables-save -t filter": NetfilterRecordings.ufwIPTables, "status 0": "",
                "ip6tables-save -t filter": NetfilterRecordings.ufwIP6TablesOpen, "status 0": "",
            ]))
        #expect(f.inputPolicyV4 == "drop")
        #expect(f.inputPolicyV6 == "accept")
        #expect(f.backend == "ufw")
    }

    @Test("the same ufw rules as nft lists them through iptables-nft (xt matches, counters, the do-not-touch warning)")
    func ufwThroughNft() throws {
        let f = try #require(firewall(["nft list ruleset": NetfilterRecordings.ufwThroughNft, "status 0": ""]))
        #expect(f.inputPolicyV4 == "drop")
        // No ip6 or inet table: nothing filters IPv6.
        #expect(f.inputPolicyV6 == "accept")
    }

    @Test("an nft ip table dropping input: IPv4 closed, IPv6 open")
    func ipv4Only() throws {
        let f = try #require(firewall(["nft list ruleset": NetfilterRecordings.ipv4Only, "status 0": ""]))
        #expect(f.inputPolicyV4 == "drop")
        #expect(f.inputPolicyV6 == "accept")
        #expect(f.backend == "nftables")
    }

    @Test("a plain account: nft and iptables refuse (exit 1 and 4), so both policies are unknown and the status says denied")
    func denied() throws {
        let f = try #require(
            firewall([
                "nft list ruleset": NetfilterRecordings.nftDenied, "status 1": "",
                "iptables-save -t filter": NetfilterRecordings.iptablesDenied, "status 4": "",
            ]))
        #expect(f.status == .denied)
        #expect(f.inputPolicyV4 == nil)
        #expect(f.inputPolicyV6 == nil)
    }

    @Test("through sudo -n the rules are read as root reads them")
    func throughSudo() throws {
        let f = try #require(firewall(["sudo -n nft list ruleset": NetfilterRecordings.firewalldPublic, "status 0": ""]))
        #expect(f.status == .ok)
        #expect(f.inputPolicyV4 == "drop")
    }

    @Test("neither nft nor iptables on the host: nothing can filter, input is open (a known answer)")
    func noTools() throws {
        let f = try #require(firewall([:], inet6: nil))
        #expect(f.status == .noTool)
        #expect(f.inputPolicyV4 == "accept")
        #expect(f.ipv6Active == false)
    }

    @Test("evidence from before these facts (no tool parts, no if_inet6 part) claims nothing about the loaded rules")
    func olderEvidence() {
        let f = facts(section("firewall", parts(["/etc/ufw/ufw.conf": "ENABLED=yes\n"])), services(running: [])).firewall
        #expect(f == Firewall(enabled: true, backends: ["ufw"]))
    }

    @Test("a jump loop, a missing chain and garbage do not hang or crash the reading")
    func hostile() {
        let loop = "table ip t {\n\tchain input {\n\t\ttype filter hook input priority 0; policy drop;\n\t\tjump a\n\t}\n"
            + "\tchain a {\n\t\tjump b\n\t}\n\tchain b {\n\t\tjump a\n\t\tjump missing\n\t}\n}\n"
        #expect(firewall(["nft list ruleset": loop, "status 0": ""])?.inputPolicyV4 == "drop")
        #expect(firewall(["nft list ruleset": "}}}{{ table\n\u{0}chain {", "status 0": ""])?.status == .ok)
        #expect(firewall(["iptables-save -t filter": "*filter\n-A INPUT -j\n:INPUT\n", "status 0": ""])?.inputPolicyV4 == "accept")
    }
}

/// Logging: journald's storage and the syslog daemon's targets decide whether logs survive a
/// reboot; "journald is active" alone does not.
struct SystemLogsParsingTests {
    func logging(_ pairs: KeyValuePairs<String, String>, running: [String]) -> SystemLogging? {
        facts(section("logging", parts(pairs)), services(running: running)).logging
    }

    @Test("journald with the default Storage=auto and no /var/log/journal keeps logs in memory only")
    func volatileJournal() {
        let l = logging(["journald /etc/systemd/journald.conf": ""], running: ["systemd-journal", "sshd"])
        #expect(l == SystemLogging(journaldStorage: "auto", journalDirectory: false, journaldRunning: true, persistent: false))
    }

    @Test("Storage=auto with /var/log/journal present is persistent; a drop-in's volatile overrides the main file's persistent")
    func journalDirectoryAndDropIns() {
        #expect(
            logging(["journald /etc/systemd/journald.conf": "", "journal directory": ""], running: ["systemd-journal"])?.persistent
                == true)
        let overridden = logging(
            [
                "journald /etc/systemd/journald.conf": "Storage=persistent\n",
                "journald /usr/lib/systemd/journald.conf.d/10-vendor.conf": "Storage=auto\n",
                "journald /etc/systemd/journald.conf.d/90-ram.conf": "Storage=volatile\n",
            ], running: ["systemd-journal"])
        #expect(overridden?.journaldStorage == "volatile")
        #expect(overridden?.persistent == false)
    }

    @Test("rsyslog writing to files (legacy and RainerScript) and forwarding: persistent; its /dev/console line is not a log")
    func rsyslog() {
        let l = logging(
            [
                "syslog /etc/rsyslog.conf":
                    "module(load=\"imuxsock\")\n$IncludeConfig /etc/rsyslog.d/*.conf\n*.*;auth,authpriv.none\t\t-/var/log/syslog\n"
                    + "auth,authpriv.*\t\t\t/var/log/auth.log\nkern.emerg /dev/console\n*.emerg :omusrmsg:*\n",
                "syslog /etc/rsyslog.d/50-central.conf":
                    "*.* action(type=\"omfwd\" Target=\"logs.mof.gov.vn\" Port=\"514\" Protocol=\"tcp\")\n"
                    + "local7.* action(type=\"omfile\" File=\"/var/log/boot.log\")\n",
            ], running: ["rsyslogd", "systemd-journal"])
        #expect(l?.syslogDaemon == "rsyslogd")
        #expect(l?.syslogTargets == ["/var/log/syslog", "/var/log/auth.log", "@logs.mof.gov.vn", "/var/log/boot.log"])
        #expect(l?.persistent == true)
    }

    @Test("an rsyslog.conf with no daemon running keeps nothing")
    func rsyslogStopped() {
        let l = logging(["syslog /etc/rsyslog.conf": "*.* /var/log/messages\n"], running: ["sshd"])
        #expect(l?.syslogDaemon == nil)
        #expect(l?.persistent == false)
    }

    @Test("syslog-ng: file() and network() destinations; a file() source such as /proc/kmsg is not a target")
    func syslogNG() {
        let l = logging(
            [
                "syslog /etc/syslog-ng/syslog-ng.conf":
                    "source s_src { system(); internal(); file(\"/proc/kmsg\" program_override(\"kernel\")); };\n"
                    + "destination d_syslog { file(\"/var/log/syslog\"); };\ndestination d_net { network(\"10.1.1.5\" port(601)); };\n"
            ], running: ["syslog-ng"])
        #expect(l?.syslogTargets == ["/var/log/syslog", "@10.1.1.5"])
        #expect(l?.persistent == true)
    }

    @Test("busybox syslogd: /var/log/messages by default, nothing with -C (memory buffer), a remote host with -R")
    func busyboxSyslogd() {
        #expect(logging(["syslogd command line": "/sbin/syslogd -n \n"], running: ["syslogd"])?.syslogTargets == ["/var/log/messages"])
        let memory = logging(["syslogd command line": "syslogd -n -C128 \n"], running: ["syslogd"])
        #expect(memory?.syslogTargets == [])
        #expect(memory?.persistent == false)
        #expect(logging(["syslogd command line": "syslogd -R 10.0.0.9:514 \n"], running: ["syslogd"])?.syslogTargets == ["@10.0.0.9:514"])
    }

    @Test("without the running programs nothing is claimed about persistence")
    func unknownPrograms() {
        #expect(facts(section("logging", parts(["journal directory": ""]))).logging?.persistent == nil)
    }
}

/// auditd: what the kernel has loaded (auditctl, root only) decides; the rules files are a weaker
/// "configured" answer, and unreadable ones are an error.
struct AuditRulesParsingTests {
    func auditd(_ pairs: KeyValuePairs<String, String>, running: [String] = ["auditd"]) -> AuditDaemon? {
        facts(section("auditd", parts(pairs)), services(running: running, enabled: ["auditd.service"])).auditd
    }

    static let status = "enabled 1\nfailure 1\npid 612\nrate_limit 0\nbacklog_limit 8192\nlost 0\nbacklog 0\n"

    @Test("auditd running with no rule loaded: `No rules` is zero, whatever the files hold")
    func runningWithoutRules() {
        let a = auditd([
            "installed": "", "rules": "-D\n-b 8192\n-w /etc/passwd -p wa -k identity\n",
            "auditctl -l": "No rules", "status 0": "", "auditctl -s": Self.status, "status 0": "",
        ])
        #expect(a?.ruleCount == 1)
        #expect(a?.loadedRuleCount == 0)
        #expect(a?.rulesStatus == "loaded")
    }

    @Test("rules loaded, read through sudo -n; the kernel's audit enabled (2 = locked)")
    func loadedThroughSudo() {
        let a = auditd([
            "installed": "", "rules unreadable": "",
            "sudo -n auditctl -l": "-w /etc/passwd -p wa -k identity\n-a always,exit -F arch=b64 -S execve -F key=exec\n", "status 0": "",
            "sudo -n auditctl -s": Self.status.replacingOccurrences(of: "enabled 1", with: "enabled 2"), "status 0": "",
        ])
        #expect(a == AuditDaemon(
            installed: true, enabled: true, running: true, ruleCount: nil, loadedRuleCount: 2, kernelEnabled: true,
            rulesStatus: "loaded"))
    }

    @Test("a plain account: auditctl refuses, the files are readable: configured, loaded unknown")
    func configuredOnly() {
        let a = auditd([
            "installed": "", "rules": "-w /etc/shadow -p wa -k identity\n",
            "auditctl -l": "You must be root to run this program.", "status 4": "",
            "auditctl -s": "You must be root to run this program.", "status 4": "",
        ])
        #expect(a?.loadedRuleCount == nil)
        #expect(a?.ruleCount == 1)
        #expect(a?.rulesStatus == "configured")
    }

    @Test("a plain account on Debian (rules.d is 0750): nothing readable is an error")
    func nothingReadable() {
        let a = auditd(["installed": "", "rules unreadable": ""])
        #expect(a?.rulesStatus == "error")
        #expect(a?.ruleCount == nil)
    }

    @Test("auditd not installed: not running and nothing loaded, a known answer")
    func notInstalled() {
        #expect(auditd([:], running: []) == AuditDaemon(installed: false, running: false, loadedRuleCount: 0))
    }
}

/// Time sync: the daemon's own answer where it can be asked; no daemon or a stopped one is a
/// known "not synchronised".
struct TimeSyncParsingTests {
    func timeSync(_ pairs: KeyValuePairs<String, String>, running: [String]) -> TimeSync? {
        facts(section("time-sync", parts(pairs)), services(running: running, enabled: ["chrony.service"])).timeSync
    }

    // chronyc 4.3 `tracking` on a synchronised host, and on one that lost its servers.
    static let chronySynced = """
        Reference ID    : AC101002 (172.16.16.2)
        Stratum         : 3
        Ref time (UTC)  : Sat Dec 05 04:31:07 2026
        System time     : 0.000021388 seconds slow of NTP time
        Last offset     : -0.000011244 seconds
        RMS offset      : 0.000034126 seconds
        Frequency       : 11.962 ppm fast
        Residual freq   : -0.001 ppm
        Skew            : 0.019 ppm
        Root delay      : 0.021849602 seconds
        Root dispersion : 0.000717553 seconds
        Update interval : 1031.6 seconds
        Leap status     : Normal

        """
    static let chronyUnsynced = """
        Reference ID    : 00000000 ()
        Stratum         : 0
        Ref time (UTC)  : Thu Jan 01 00:00:00 1970
        System time     : 0.000000000 seconds fast of NTP time
        Last offset     : +0.000000000 seconds
        RMS offset      : 0.000000000 seconds
        Frequency       : 0.000 ppm slow
        Residual freq   : +0.000 ppm
        Skew            : 0.000 ppm
        Root delay      : 1.000000000 seconds
        Root dispersion : 1.000000000 seconds
        Update interval : 0.0 seconds
        Leap status     : Not synchronised

        """

    @Test("chronyc tracking: Leap status Normal is synchronised, Not synchronised is not")
    func chrony() {
        let conf = "/etc/chrony/chrony.conf"
        let synced = timeSync([conf: "pool 2.debian.pool.ntp.org iburst\n", "chronyc tracking": Self.chronySynced, "status 0": ""], running: ["chronyd"])
        #expect(synced?.synchronized == true)
        #expect(synced?.syncSource == "chronyc tracking")
        let lost = timeSync([conf: "pool 2.debian.pool.ntp.org iburst\n", "chronyc tracking": Self.chronyUnsynced, "status 0": ""], running: ["chronyd"])
        #expect(lost?.synchronized == false)
    }

    @Test("ntpq -pn: a '*' peer is the system peer; peers without one are not synchronised")
    func ntpq() {
        let table = "     remote           refid      st t when poll reach   delay   offset  jitter\n"
            + "==============================================================================\n"
        let synced = timeSync(
            ["/etc/ntp.conf": "server 10.0.0.1 iburst\n", "ntpq -pn": table + "*10.0.0.1        .GPS.            1 u   33   64  377    0.512   -0.031   0.012\n", "status 0": ""],
            running: ["ntpd"])
        #expect(synced?.synchronized == true)
        let none = timeSync(
            ["/etc/ntp.conf": "server 10.0.0.1 iburst\n", "ntpq -pn": table + " 10.0.0.1        .INIT.          16 u    -   64    0    0.000    0.000   0.000\n", "status 0": ""],
            running: ["ntpd"])
        #expect(none?.synchronized == false)
    }

    @Test("timesyncd: the /run flag file says synchronised; timedatectl's no says not")
    func timesyncd() {
        let conf = "/etc/systemd/timesyncd.conf"
        #expect(timeSync([conf: "NTP=ntp.mof.gov.vn\n", "/run/systemd/timesync/synchronized": ""], running: ["systemd-timesyn"])?.synchronized == true)
        #expect(
            timeSync([conf: "", "timedatectl NTPSynchronized": "no", "status 0": ""], running: ["systemd-timesyn"])?.synchronized == false)
    }

    @Test("no daemon configured or running: not synchronised, a known answer; a configured one that is stopped: not synchronised")
    func noneAndStopped() {
        let none = timeSync([:], running: ["sshd"])
        #expect(none?.daemon == nil)
        #expect(none?.synchronized == false)
        #expect(none?.syncSource == "no daemon")
        let stopped = timeSync(["/etc/chrony.conf": "server 172.16.16.2 iburst\n"], running: ["sshd"])
        #expect(stopped?.synchronized == false)
        #expect(stopped?.syncSource == "not running")
    }

    @Test("a running chronyd whose state nothing could read (no chronyc, timedatectl failing): unknown")
    func runningUnknown() {
        let t = timeSync(
            ["/etc/chrony.conf": "server 172.16.16.2 iburst\n", "timedatectl NTPSynchronized": "System has not been booted with systemd as init system (PID 1). Can't operate.", "status 1": ""],
            running: ["chronyd"])
        #expect(t?.running == true)
        #expect(t?.synchronized == nil)
    }

    @Test("busybox ntpd: servers from its -p arguments")
    func busyboxNtpd() {
        let t = timeSync(["ntpd command line": "ntpd -n -p 0.vn.pool.ntp.org -p 10.0.0.1 \n"], running: ["ntpd"])
        #expect(t?.daemon == "ntpd")
        #expect(t?.servers == ["0.vn.pool.ntp.org", "10.0.0.1"])
    }
}

/// ClamAV's database where freshclam writes it, and on-access scanning as real-time protection.
struct ClamAVOnAccessTests {
    static let header = ClamAVParsingTests.header(
        "ClamAV-VDB:16 Nov 2024 09-34 +0000:27472:2069803:90:4e6a1bb0f5a39a1fb87ad5e0e60aef39:AjQ8cB4p0NvA2hD3Cr1Zg5Yw:raynman:1731749682")

    @Test("DatabaseDirectory from freshclam.conf: the header read there gives the signature date")
    func databaseDirectory() throws {
        let text = parts([
            "tools": "clamscan /usr/local/bin/clamscan\nclamd /usr/local/sbin/clamd\n",
            "/usr/local/etc/freshclam.conf": "DatabaseDirectory /srv/clamav-db\n",
            "/srv/clamav-db/daily.cld": Self.header,
            "clamd processes": "/proc/812\n", "clamonacc processes": "",
        ])
        let av = try #require(facts(section("clamav", text)).antivirus.first)
        #expect(av.signatureDate == Date(timeIntervalSince1970: 1_731_749_682))
        #expect(av.realTimeProtection == false)
    }

    @Test("clamonacc running is real-time protection; old clamd with ScanOnAccess yes is too")
    func onAccess() throws {
        let modern = parts([
            "tools": "clamscan /usr/bin/clamscan\nclamonacc /usr/sbin/clamonacc\n",
            "/etc/clamav/clamd.conf": "OnAccessIncludePath /home\nOnAccessPrevention yes\n",
            "clamd processes": "/proc/812\n", "clamonacc processes": "/proc/901\n",
        ])
        #expect(try #require(facts(section("clamav", modern)).antivirus.first).realTimeProtection == true)
        let legacy = parts([
            "tools": "clamscan /usr/bin/clamscan\n", "/etc/clamd.conf": "ScanOnAccess yes\nOnAccessIncludePath /srv\n",
            "clamd processes": "/proc/812\n", "clamonacc processes": "",
        ])
        #expect(try #require(facts(section("clamav", legacy)).antivirus.first).realTimeProtection == true)
    }
}

/// Antivirus products beyond ClamAV and Defender, read through the catalogue: the vendor's status
/// tool where it answered, the package database and processes where it did not.
struct VendorAntivirusParsingTests {
    func antivirus(_ pairs: KeyValuePairs<String, String>, running: [String], packages: String? = nil) throws -> [Antivirus] {
        var sections = [section("antivirus-paths", parts(pairs)), services(running: running)]
        if let packages { sections.append(section("packages", packages)) }
        return LinuxFactsParser.facts(from: sections, catalogue: try LabScan.catalogue).antivirus
    }

    @Test("Sophos Anti-Virus for Linux: savdstatus --version gives the version and the last update")
    func sophos() throws {
        let savdstatus = """
            Copyright 1989-2023 Sophos Limited. All rights reserved.

            Sophos Anti-Virus       = 9.17.2
            Build Revision          = 2
            Threat detection engine = 3.89.1
            Threat data             = 5.97
            Threat count            = 14352881
            Threat data release     = Tue 28 Nov 2026 06:21:45
            Last update             = Wed 29 Nov 2026 09:14:02

            """
        let av = try antivirus(
            ["paths": "/opt/sophos-av/bin/savdstatus\n", "sudo -n status sophos": savdstatus, "status 0": ""], running: ["savd"])
        let sophos = try #require(av.first)
        #expect(sophos.product == "Sophos")
        #expect(sophos.version == "9.17.2")
        #expect(sophos.running == true)
        #expect(sophos.signatureDate == utc(2026, 11, 29))
        // No on-access daemon of Sophos Protection for Linux runs.
        #expect(sophos.realTimeProtection == false)
    }

    @Test("ESET: the detection engine's date from upd --list-modules; oaeventd running is on-access scanning")
    func eset() throws {
        let modules = "Module                          Version\nDetection Engine                28421 (20261127)\nRapid Response module           23345 (20261128)\n"
        let av = try antivirus(
            ["paths": "/opt/eset/eea/sbin/startd\n/opt/eset/eea/bin/odscan\n", "status eset": modules, "status 0": ""],
            running: ["startd", "scand", "oaeventd"])
        let eset = try #require(av.first)
        #expect(eset.product == "ESET")
        #expect(eset.signatureDate == utc(2026, 11, 27))
        #expect(eset.realTimeProtection == true)
    }

    @Test("Trend Micro Deep Security found by its package alone (dpkg status), its tool refused: installed, version from the package")
    func trendByPackage() throws {
        let dpkg = "\n==> /var/lib/dpkg/status <==\nPackage: ds_agent\nStatus: install ok installed\nArchitecture: amd64\nVersion: 20.0.1-21510\n\n"
        let av = try antivirus(
            ["paths": "", "status trend-micro": "Error: You must be root.", "status 1": ""], running: ["ds_agent"], packages: dpkg)
        let trend = try #require(av.first { $0.product == "Trend Micro" })
        #expect(trend.installed)
        #expect(trend.version == "20.0.1-21510")
        #expect(trend.running == true)
        #expect(trend.signatureDate == nil)
    }

    @Test("scans stored before the status tools keep working: the bare path list")
    func olderEvidence() throws {
        let sections = [section("antivirus-paths", "/opt/kaspersky/kesl/bin/kesl-control\n"), services(running: ["kesl"])]
        let av = LinuxFactsParser.facts(from: sections, catalogue: try LabScan.catalogue).antivirus
        #expect(av == [Antivirus(product: "Kaspersky Endpoint Security", installed: true, running: true)])
    }
}
