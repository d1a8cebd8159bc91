import Foundation
import InventoryModel

/// A small synthetic estate whose every indicator value can be worked out by hand.
enum Fixtures {
    static let scanStart = Date(timeIntervalSince1970: 1_740_000_000)
    static let day: TimeInterval = 86_400

    static func host(
        _ address: String, unit: String, status: HostStatus = .scanned, startedAt: Date = scanStart,
        antivirus: [Antivirus] = []
    ) -> HostScan {
        HostScan(
            target: SSHTarget(address: address, user: "audit", unit: unit, credential: .agent),
            status: status, message: status == .scanned ? nil : "no route to host",
            startedAt: startedAt, durationSeconds: 1,
            facts: status == .scanned || !antivirus.isEmpty
                ? HostFacts(hostname: address, antivirus: antivirus) : nil)
    }

    static func clamAV(
        signaturesDaysOld days: Double, at date: Date = scanStart, installed: Bool = true
    ) -> Antivirus {
        Antivirus(
            product: "ClamAV", installed: installed,
            signatureDate: date.addingTimeInterval(-days * day))
    }

    static func finding(_ unit: String, _ verdict: Verdict, rule: String = "r") -> Finding {
        Finding(
            policyID: "baseline", ruleID: rule, title: LocalizedText(vi: "Quy tắc", en: "Rule"),
            severity: .high,
            host: "10.0.0.1:22", unit: unit, verdict: verdict)
    }

    /// Unit `a`: 5 hosts for 4 staff, 2 of 5 covered, 3 of 5 judged rules passed.
    /// Unit `b`: no staff, 2 covered hosts, only not-applicable findings.
    /// Unit `c`: 1 timed-out host for 10 staff, 1 of 1 rule passed.
    static let snapshot = InventorySnapshot(
        scanID: 7, inventoryName: "Sở TT&TT", startedAt: scanStart,
        finishedAt: scanStart.addingTimeInterval(60),
        units: [
            Unit(id: "a", name: LocalizedText(vi: "Văn phòng", en: "Office"), staff: 4),
            Unit(id: "b", name: LocalizedText(vi: "Thanh tra", en: "Inspectorate"), staff: 0),
            Unit(id: "c", name: LocalizedText(vi: "Phòng Kế hoạch", en: "Planning"), staff: 10),
        ],
        hosts: [
            host("10.0.0.1", unit: "a", antivirus: [clamAV(signaturesDaysOld: 2)]),
            host("10.0.0.2", unit: "a", antivirus: [clamAV(signaturesDaysOld: 10)]),
            // Fresh antivirus in stale facts must not count: the host was not scanned this time.
            host(
                "10.0.0.3", unit: "a", status: .unreachable,
                antivirus: [clamAV(signaturesDaysOld: 1)]),
            host(
                "10.0.0.4", unit: "a", antivirus: [clamAV(signaturesDaysOld: 1, installed: false)]),
            host("10.0.0.5", unit: "a", antivirus: [clamAV(signaturesDaysOld: 7)]),
            host("10.0.1.1", unit: "b", antivirus: [clamAV(signaturesDaysOld: 0)]),
            host(
                "10.0.1.2", unit: "b",
                antivirus: [
                    Antivirus(product: "Defender", installed: false), clamAV(signaturesDaysOld: 3),
                ]),
            host("10.0.2.1", unit: "c", status: .timedOut),
        ])

    static let findings: [Finding] =
        [.pass, .pass, .pass, .fail, .error, .notApplicable, .notApplicable, .waived].map {
            finding("a", $0)
        }
        + [finding("b", .notApplicable), finding("b", .waived)]
        + [finding("c", .pass)]
        + [finding("unknown-unit", .fail)]
}
