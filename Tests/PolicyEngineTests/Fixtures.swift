import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import Testing

/// Synthetic hosts built straight from the model, as a scan would have produced them.
enum Fixtures {
    /// Fixed so ages (signatures, BIOS) are the same on every run.
    static let scanTime = Date(timeIntervalSince1970: 1_750_000_000)
    static let day: TimeInterval = 86_400

    static let debian = OperatingSystem(
        id: "debian", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12")
    static let rocky = OperatingSystem(
        id: "rocky", idLike: ["rhel", "centos", "fedora"], versionID: "9.3")
    static let windows = OperatingSystem(id: "windows", name: "Windows Server 2019")

    static func host(
        address: String = "10.0.0.5", os: OperatingSystem? = debian,
        sshd: [String: [String]]? = compliantSSHD,
        listening: [ListeningSocket] = [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22)],
        antivirus: [Antivirus] = [freshClamAV], biosAgeYears: Double? = 3,
        status: HostStatus = .scanned, evidence: [String: String] = compliantEvidence,
        securityUpdates: Int? = 0,
        passwordPolicy: PasswordPolicy? = PasswordPolicy(maxAgeDays: 90, minAgeDays: 1, minLength: 12),
        accounts: Accounts? = Accounts(uidZero: ["root"], emptyPassword: []),
        posture: Posture = .kept
    ) -> HostScan {
        let facts = HostFacts(
            hostname: "may-chu-01", os: os, kernel: "6.1.0-18-amd64",
            interfaces: [
                NetworkInterface(name: "eth0", mac: "52:54:00:12:34:56", addresses: ["10.0.0.5/24"])
            ],
            hardware: Hardware(
                biosDate: biosAgeYears.map { scanTime.addingTimeInterval(-$0 * 365.25 * day) }),
            listening: listening,
            sshd: sshd.map { SSHDSettings(source: "sshd -T", settings: $0, matchBlocks: []) },
            antivirus: antivirus, pendingUpdates: [], accounts: accounts, passwordPolicy: passwordPolicy,
            firewall: posture.firewall, timeSync: posture.timeSync, auditd: posture.auditd,
            updateCheck: UpdateCheck(
                tool: "apt", status: .ok, exitCode: 0, listsUpdated: scanTime.addingTimeInterval(-day),
                securityCount: securityUpdates),
            logging: posture.logging)
        return HostScan(
            target: SSHTarget(address: address, user: "audit", unit: "so-tttt", credential: .agent),
            status: status,
            startedAt: scanTime, durationSeconds: 1.5, facts: status == .scanned ? facts : nil,
            evidence: evidence.keys.sorted().map {
                Evidence(
                    name: $0, source: "fixture", content: Data(evidence[$0]!.utf8), exitCode: 0)
            })
    }

    /// The verdict and message of a policy whose one rule checks `check` (see `PolicyText.oneCheck`)
    /// on a scanned host with these facts and probe outputs.
    static func judge(
        _ check: String, facts: HostFacts = HostFacts(hostname: "h"), evidence: [Evidence] = [],
        commands: [(name: String, run: String)] = []
    ) throws -> (Verdict, String?) {
        let policy = try Policy.parse(text: PolicyText.oneCheck(check, commands: commands), file: "check-test.yaml")
        let host = HostScan(
            target: SSHTarget(address: "10.0.0.1", user: "u", unit: "x", credential: .agent), status: .scanned,
            startedAt: Date(), durationSeconds: 1, facts: facts, evidence: evidence)
        let finding = try #require(PolicyEvaluator().evaluate(host: host, policies: [policy]).first)
        return (finding.verdict, finding.message)
    }

    /// Probe output of a well-kept server, by evidence name (see `Probe`).
    static let compliantEvidence: [String: String] = [
        "file:/etc/passwd":
            "root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1::/usr/sbin:/usr/sbin/nologin\n"
    ]

    /// Probe output of a neglected server: every probed rule of baseline-linux fails on it.
    static let nonCompliantEvidence: [String: String] = [
        "file:/etc/passwd": "root:x:0:0:root:/root:/bin/bash\ntoor:x:0:0::/root:/bin/sh\n"
    ]

    /// Logging, audit, time and firewall facts as the Linux collectors give them.
    struct Posture {
        var logging: SystemLogging
        var auditd: AuditDaemon
        var timeSync: TimeSync
        var firewall: Firewall

        /// Persistent journal, audit rules loaded, chrony synchronised, nftables dropping both families.
        static let kept = Posture(
            logging: SystemLogging(journaldStorage: "auto", journalDirectory: true, journaldRunning: true, persistent: true),
            auditd: AuditDaemon(
                installed: true, enabled: true, running: true, ruleCount: 12, loadedRuleCount: 12, kernelEnabled: true,
                rulesStatus: "loaded"),
            timeSync: TimeSync(
                daemon: "chronyd", enabled: true, running: true, servers: ["ntp.mof.gov.vn"], synchronized: true,
                syncSource: "chronyc tracking"),
            firewall: Firewall(
                enabled: true, backends: ["nftables"], backend: "nftables", inputPolicyV4: "drop", inputPolicyV6: "drop",
                ipv6Active: true, status: .ok))

        /// A volatile journal, auditd running without rules, no time daemon, IPv4 dropped but IPv6 open.
        static let neglected = Posture(
            logging: SystemLogging(journaldStorage: "auto", journalDirectory: false, journaldRunning: true, persistent: false),
            auditd: AuditDaemon(
                installed: true, enabled: true, running: true, ruleCount: 0, loadedRuleCount: 0, kernelEnabled: true,
                rulesStatus: "loaded"),
            timeSync: TimeSync(daemon: nil, synchronized: false, syncSource: "no daemon"),
            firewall: Firewall(
                enabled: true, backends: ["iptables"], backend: "iptables", inputPolicyV4: "drop", inputPolicyV6: "accept",
                ipv6Active: true, status: .ok))
    }

    static let compliantSSHD: [String: [String]] = [
        "permitrootlogin": ["no"],
        "passwordauthentication": ["no"],
        "pubkeyauthentication": ["yes"],
        "permitemptypasswords": ["no"],
        "x11forwarding": ["no"],
        "maxauthtries": ["3"],
        "logingracetime": ["60"],
        "loglevel": ["INFO"],
        "clientaliveinterval": ["300"],
        "ciphers": ["aes256-gcm@openssh.com,chacha20-poly1305@openssh.com,aes256-ctr"],
        "macs": ["hmac-sha2-512-etm@openssh.com,hmac-sha2-256-etm@openssh.com"],
        "kexalgorithms": ["curve25519-sha256,diffie-hellman-group16-sha512"],
    ]

    static let weakSSHD: [String: [String]] = [
        "permitrootlogin": ["prohibit-password"],
        "passwordauthentication": ["yes"],
        "permitemptypasswords": ["yes"],
        "x11forwarding": ["yes"],
        "maxauthtries": ["6"],
        "logingracetime": ["0"],
        "loglevel": ["QUIET"],
        "clientaliveinterval": ["0"],
        "ciphers": ["aes128-ctr,aes256-cbc,3des-cbc"],
        "macs": ["hmac-sha2-256,hmac-md5"],
        "kexalgorithms": ["curve25519-sha256,diffie-hellman-group1-sha1"],
    ]

    static let freshClamAV = Antivirus(
        product: "ClamAV", version: "1.0.5", installed: true, running: true,
        realTimeProtection: false,
        signatureDate: scanTime.addingTimeInterval(-2 * day))

    static let compliant = host()

    /// Breaks every rule of baseline-linux.
    static let nonCompliant = host(
        address: "10.0.0.6", sshd: weakSSHD,
        listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 21),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 23),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 513),
        ],
        antivirus: [Antivirus(product: "ClamAV", installed: false)], biosAgeYears: 12,
        evidence: nonCompliantEvidence, securityUpdates: 14,
        passwordPolicy: PasswordPolicy(maxAgeDays: 99999, minAgeDays: 0, minLength: 6),
        accounts: Accounts(uidZero: ["root", "toor"], emptyPassword: ["guest"]), posture: .neglected)

    /// The repository's `policies/` folder, found from this file's path.
    static var policiesDirectory: URL {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("policies")
    }

    /// A shipped policy, read as Audit reads it and handed to the loader as text.
    static func policy(_ name: String) throws -> Policy {
        let url = policiesDirectory.appendingPathComponent(name)
        return try Policy.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path)
    }
}
