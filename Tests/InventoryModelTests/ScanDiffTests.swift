import Foundation
import InventoryModel
import Testing

/// A diff names exactly what changed between two scans, and nothing that did not.
struct ScanDiffTests {
    private static let date = Date(timeIntervalSince1970: 1_790_000_000)

    private func host(_ last: Int, status: HostStatus = .scanned, facts: HostFacts? = nil) -> HostScan {
        HostScan(
            target: SSHTarget(address: "10.0.0.\(last)", user: "a", unit: "u", name: "h\(last)", credential: .agent),
            status: status, startedAt: Self.date, durationSeconds: 1, facts: facts)
    }

    private func snapshot(_ id: Int64, _ hosts: [HostScan]) -> InventorySnapshot {
        InventorySnapshot(
            scanID: id, inventoryName: "inv", startedAt: Self.date.addingTimeInterval(Double(id) * 86_400),
            finishedAt: Self.date, units: [], hosts: hosts)
    }

    private func finding(_ rule: String, _ last: Int, _ verdict: Verdict, severity: Severity = .high) -> Finding {
        Finding(
            policyID: "p", ruleID: rule, title: LocalizedText(vi: "Quy tắc \(rule)", en: "Rule \(rule)"),
            severity: severity, host: "10.0.0.\(last):22", unit: "u", verdict: verdict)
    }

    private func facts(
        packages: [InstalledPackage], ports: [Int], rootLogin: String, clamVersion: String?, kernel: String = "6.1.0"
    ) -> HostFacts {
        HostFacts(
            hostname: "h1", kernel: kernel, uptimeSeconds: Double.random(in: 0..<1e6),
            listening: ports.map { ListeningSocket(proto: .tcp, address: "0.0.0.0", port: $0) },
            sshd: SSHDSettings(source: "sshd -T", settings: ["permitrootlogin": [rootLogin], "ciphers": ["aes256-ctr"]]),
            antivirus: clamVersion.map { [Antivirus(product: "ClamAV", version: $0, installed: true, running: true)] } ?? [],
            packages: packages)
    }

    @Test("Hosts appeared and gone, status changes, and only the facts an auditor acts on (uptime is ignored)")
    func hostsAndFacts() {
        let before = facts(
            packages: [InstalledPackage(name: "openssh-server", version: "1:9.2p1-2"), InstalledPackage(name: "telnet", version: "0.17")],
            ports: [22, 23], rootLogin: "yes", clamVersion: nil)
        let after = facts(
            packages: [
                InstalledPackage(name: "openssh-server", version: "1:9.2p1-2+deb12u3"),
                InstalledPackage(name: "clamav", version: "1.0.7"),
            ],
            ports: [22, 3310], rootLogin: "no", clamVersion: "1.0.7", kernel: "6.1.0-28")
        let unchanged = facts(packages: [InstalledPackage(name: "bash", version: "5.2")], ports: [22], rootLogin: "no", clamVersion: "1.0.7")
        let old = snapshot(1, [host(1, facts: before), host(2, facts: unchanged), host(3), host(4, status: .unreachable)])
        let new = snapshot(2, [host(1, facts: after), host(2, facts: unchanged), host(4), host(5)])
        let diff = ScanDiff(from: .init(snapshot: old), to: .init(snapshot: new))

        #expect(diff.hostsAppeared.map(\.endpoint) == ["10.0.0.5:22"])
        #expect(diff.hostsGone.map(\.endpoint) == ["10.0.0.3:22"])
        #expect(diff.statusChanges == [StatusChange(host: HostIdentity(host(4)), before: .unreachable, after: .scanned)])
        #expect(diff.hostChanges.map(\.host.endpoint) == ["10.0.0.1:22"])
        let change = diff.hostChanges[0]
        #expect(
            change.packages == [
                PackageChange(name: "clamav", before: nil, after: "1.0.7"),
                PackageChange(name: "openssh-server", before: "1:9.2p1-2", after: "1:9.2p1-2+deb12u3"),
                PackageChange(name: "telnet", before: "0.17", after: nil),
            ])
        #expect(change.portsOpened.map(\.port) == [3310])
        #expect(change.portsClosed.map(\.port) == [23])
        #expect(change.sshd == [FactChange("sshd.permitrootlogin", "yes", "no")!])
        #expect(change.antivirus == [FactChange("antivirus[ClamAV]", nil, "installed")!])
        #expect(change.system == [FactChange("kernel", "6.1.0", "6.1.0-28")!])
        #expect(!diff.findingsCompared && diff.newFindings.isEmpty)
    }

    @Test("New failures and resolved ones; an unreachable host resolves nothing and a gone host's failures are not 'resolved'")
    func findings() {
        let old = snapshot(1, [host(1), host(2), host(3)])
        let new = snapshot(2, [host(1), host(2), host(5)])
        let oldFindings = [
            finding("a", 1, .fail), finding("b", 1, .pass), finding("c", 1, .fail, severity: .critical),
            finding("d", 2, .fail), finding("e", 3, .fail), finding("f", 1, .pass, severity: .low),
        ]
        let newFindings = [
            finding("a", 1, .pass), finding("b", 1, .fail), finding("c", 1, .waived, severity: .critical),
            finding("d", 2, .error), finding("g", 5, .fail, severity: .low), finding("f", 1, .fail, severity: .low),
        ]
        let diff = ScanDiff(
            from: .init(snapshot: old, findings: oldFindings), to: .init(snapshot: new, findings: newFindings))
        #expect(diff.findingsCompared)
        #expect(diff.newFindings.map { "\($0.ruleID)@\($0.host)" } == ["b@10.0.0.1:22", "f@10.0.0.1:22", "g@10.0.0.5:22"])
        #expect(diff.newFindings.last?.before == nil)
        #expect(diff.resolvedFindings.map(\.ruleID) == ["c", "a"])
        #expect(diff.resolvedFindings.map(\.after) == [.waived, .pass])
    }

    @Test("Units that changed rank or tier, or were ranked only once, are the moves; a steady unit is not")
    func rankMoves() {
        func standing(_ id: String, _ rank: Int, _ tier: String?) -> UnitStanding {
            UnitStanding(unitID: id, unitName: LocalizedText(vi: id, en: id), rank: rank, score: 1 / Double(rank), tier: tier)
        }
        let old = [standing("a", 1, "A"), standing("b", 2, "B"), standing("c", 3, "C"), standing("gone", 4, "D")]
        let new = [standing("b", 1, "B"), standing("a", 2, "A"), standing("c", 3, "B"), standing("new", 4, nil)]
        let diff = ScanDiff(
            from: .init(snapshot: snapshot(1, []), standings: old), to: .init(snapshot: snapshot(2, []), standings: new))
        #expect(diff.rankMoves.map(\.unitID) == ["b", "a", "c", "new", "gone"])
        #expect(diff.rankMoves.map(\.places) == [1, -1, 0, nil, nil])
    }

    @Test("The same scan against itself is empty; the text says so in either language, host text made visible")
    func emptyAndText() {
        let hostile = HostFacts(hostname: "evil\u{1b}[2J", kernel: "6.1")
        let scan = snapshot(1, [host(1, facts: hostile)])
        let same = ScanDiff(from: .init(snapshot: scan, findings: [], standings: []), to: .init(snapshot: scan, findings: [], standings: []))
        #expect(same.isEmpty)
        #expect(same.plainText(.vi).contains("Không có thay đổi."))
        #expect(same.plainText(.en).contains("Nothing changed."))

        var renamed = hostile
        renamed.hostname = "x\u{1b}]0;pwned\u{07}"
        let diff = ScanDiff(from: .init(snapshot: scan), to: .init(snapshot: snapshot(2, [host(1, facts: renamed)])))
        let text = diff.plainText(.en)
        #expect(!text.unicodeScalars.contains { $0.value == 0x1b || $0.value == 0x07 })
        #expect(text.contains("hostname: evil\\u{1b}[2J → x\\u{1b}]0;pwned\\u{7}"))
        #expect(text.contains("One of the scans has not been judged"))
        #expect(diff.plainText(.vi).contains("Thông tin máy thay đổi (1):"))
    }

    @Test("Every diff label exists in Vietnamese and English, and they differ")
    func labels() {
        for label in ScanDiffLabel.allCases {
            #expect(!label.text.vi.isEmpty && !label.text.en.isEmpty && label.text.vi != label.text.en)
        }
    }
}
