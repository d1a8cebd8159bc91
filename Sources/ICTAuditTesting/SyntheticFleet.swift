public import Foundation
public import InventoryModel

/// A made-up fleet of units and hosts with findings, for service tests and the load benchmark:
/// deterministic for a seed, with some hosts down and some facts hostile (markup in names).
public struct SyntheticFleet: Sendable {
    public var units: [InventoryModel.Unit]
    public var hostsPerScan: Int
    public var seed: UInt64

    public init(units: Int, hosts: Int, seed: UInt64 = 1) {
        self.units = (0..<units).map { index in
            Unit(
                id: "unit-\(index)", name: LocalizedText(vi: "Sở Thông tin số \(index)", en: "Information Department \(index)"),
                staff: 20 + index * 7)
        }
        hostsPerScan = hosts
        self.seed = seed
    }

    /// Scan number `scan` (0-based): the same hosts each time, their state drifting a little.
    public func snapshot(scan: Int, start: Date) -> (InventorySnapshot, [Finding]) {
        var random = SeededGenerator(seed: seed &+ UInt64(scan) &* 7919)
        var hosts: [HostScan] = []
        var findings: [Finding] = []
        let rules: [(String, String, Severity, String)] = [
            ("ssh-hardening", "ssh.root-login", .high, "Không cho đăng nhập root qua SSH"),
            ("ssh-hardening", "ssh.password-auth", .medium, "Tắt đăng nhập bằng mật khẩu"),
            ("antivirus-coverage", "av.installed", .high, "Có phần mềm diệt virus"),
            ("antivirus-coverage", "av.signatures", .medium, "Mẫu nhận diện virus không quá 7 ngày"),
            ("baseline-linux", "linux.updates", .low, "Cập nhật bản vá"),
            ("baseline-linux", "linux.firewall", .critical, "Bật tường lửa"),
        ]
        for index in 0..<hostsPerScan {
            let unit = units[index % units.count]
            let target = SSHTarget(
                address: "10.\(index / 65536 % 256).\(index / 256 % 256).\(index % 256)", user: "audit", unit: unit.id,
                credential: .agent)
            let down = random.next() % 50 == 0
            let hostile = index % 97 == 3
            let facts = HostFacts(
                hostname: hostile ? "<script>alert('h\(index)')</script>" : "may-\(index)",
                os: OperatingSystem(id: "debian", name: "Debian GNU/Linux", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12"),
                kernel: "6.1.0-\(index % 30)-amd64",
                // Some drift between scans, so diffs have facts to show: a package upgraded on one
                // host in ten each scan, a web port open on one host in seven.
                listening: [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22)]
                    + ((index + scan) % 7 == 0 ? [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 80)] : []),
                antivirus: index % 5 == 0 ? [] : [Antivirus(product: "ClamAV", version: "1.0.\(index % 9)", installed: true)],
                packages: Self.packages.map { name in
                    InstalledPackage(
                        name: name, version: name == "openssl" ? "3.0.\(11 + (index % 10 + scan) / 10)-1~deb12u\(index % 3)" : "1.0-1",
                        architecture: "amd64")
                })
            hosts.append(
                HostScan(
                    target: target, status: down ? .unreachable : .scanned, message: down ? "connection refused" : nil,
                    startedAt: start, durationSeconds: 0.2 + Double(random.next() % 100) / 100, facts: down ? nil : facts))
            guard !down else { continue }
            for (policy, rule, severity, title) in rules {
                let failing = random.next() % 100 < UInt64(15 + (index % units.count) * 3)
                findings.append(
                    Finding(
                        policyID: policy, ruleID: rule, title: LocalizedText(vi: title, en: rule), severity: severity,
                        host: target.endpoint, unit: unit.id, verdict: failing ? .fail : .pass,
                        message: hostile && failing ? "<img src=x onerror=alert(1)> \"quoted\"" : nil,
                        evidence: [EvidenceItem(path: "host.hostname", value: facts.hostname ?? "")]))
            }
        }
        let snapshot = InventorySnapshot(
            inventoryName: "synthetic-\(units.count)x\(hostsPerScan)", startedAt: start, finishedAt: start.addingTimeInterval(60),
            units: units, hosts: hosts)
        return (snapshot, findings)
    }

    static let packages = [
        "bash", "coreutils", "curl", "dpkg", "libc6", "libssl3", "openssh-server", "openssl", "sudo", "systemd", "tzdata",
        "zlib1g",
    ]

}
