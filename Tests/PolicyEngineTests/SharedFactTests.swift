import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PolicyEngine

/// An evaluator remembers each fact of a host, and its evidence text, by the fact's path number;
/// these tests prove the remembered answers are the ones each rule would get on its own.
struct SharedFactTests {
    static func policy(_ checks: [(when: String?, check: String)]) throws -> Policy {
        try Policy.parse(
            text: PolicyText.rules(checks, id: "shared", title: ("Dữ kiện dùng chung", "Shared facts"), severity: "low"),
            file: "shared.yaml")
    }

    static let rules: [(when: String?, check: String)] = [
        (#"host.os.id == "debian""#, #"host.sshd.permit_root_login == "no""#),
        (nil, #"host.os.id == "debian" && host.sshd.permit_root_login == "no""#),
        (nil, "host.listening.exists(s, s.port == 22)"),
        (nil, "host.listening.all(s, s.port != 23 && s.proto == \"tcp\")"),
        (nil, "host.listening[0].port == 22 && host.listening.size() == 2"),
        (nil, "!host.antivirus.exists(a, a.product == \"ClamAV\" && !a.installed)"),
    ]

    @Test("Rules reading the same facts on one host get the verdicts and evidence each gets alone")
    func sharedFactsMatchSeparateEvaluation() throws {
        let host = Fixtures.host(listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 123),
        ])
        let together = PolicyEvaluator().evaluate(host: host, policies: [try Self.policy(Self.rules)])
        #expect(together.count == Self.rules.count)
        for (index, rule) in Self.rules.enumerated() {
            let alone = try #require(
                PolicyEvaluator().evaluate(host: host, policies: [try Self.policy([rule])]).first)
            #expect(together[index].verdict == alone.verdict, "rule \(index)")
            #expect(together[index].message == alone.message, "rule \(index)")
            #expect(together[index].evidence == alone.evidence, "rule \(index)")
        }
        // The `when` of r0 read host.os.id and its evidence was dropped; r1 still shows it.
        #expect(
            together[1].evidence == [
                EvidenceItem(path: "host.os.id", value: "\"debian\""),
                EvidenceItem(path: "host.sshd.permit_root_login", value: "\"no\""),
            ])
        #expect(
            together[3].evidence == [
                EvidenceItem(path: "host.listening[0].port", value: "22"),
                EvidenceItem(path: "host.listening[0].proto", value: "\"tcp\""),
                EvidenceItem(path: "host.listening[1].port", value: "123"),
                EvidenceItem(path: "host.listening[1].proto", value: "\"udp\""),
            ])
        #expect(together[3].verdict == .fail)
        #expect(together[4].evidence.map(\.path) == ["host.listening[0].port", "host.listening.size()"])
    }

    @Test("Two hosts judged in one run each get their own facts, not the first host's")
    func factsAreRememberedPerHost() throws {
        let open = Fixtures.host(
            address: "10.0.0.7",
            listening: [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 23)])
        let snapshot = InventorySnapshot(
            inventoryName: "t", startedAt: Fixtures.scanTime, finishedAt: Fixtures.scanTime,
            units: [], hosts: [Fixtures.compliant, open])
        let findings = PolicyEvaluator().evaluate(
            snapshot: snapshot, policies: [try Self.policy(Self.rules)])
        let third = findings.filter { $0.ruleID == "r3" }
        #expect(third.map(\.verdict) == [.pass, .fail])
        #expect(third[1].evidence == [EvidenceItem(path: "host.listening[0].port", value: "23")])
    }

    @Test("A macro reads elements past those whose paths are written ahead of time")
    func longListsAreReadWhole() throws {
        let ports = (0..<(ElementPathTexts.count + 10)).map {
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 4000 + $0)
        }
        let host = Fixtures.host(listening: ports)
        let last = 4000 + ports.count - 1
        let findings = PolicyEvaluator().evaluate(
            host: host,
            policies: [
                try Self.policy([
                    (nil, "host.listening.exists(s, s.port == \(last))"),
                    (nil, "host.listening.all(s, s.port < \(last))"),
                    (nil, "host.listening.count(s, s.port >= \(last - 5)) == 6"),
                ])
            ])
        #expect(findings.map(\.verdict) == [.pass, .fail, .pass])
        #expect(findings[0].evidence.count == EvidenceRecorder.itemLimit)
    }

    @Test("Policies judged together on one host give each finding what its policy alone gives")
    func policiesShareOneEvaluator() throws {
        let host = Fixtures.host(listening: [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 23)])
        let first = try Self.policy(Self.rules)
        let second = try Policy.parse(
            text: PolicyText.policy(
                id: "second", title: ("Chính sách thứ hai", "Second policy"), header: #"  applies_to: 'host.os.id == "debian"'"#,
                rules: [
                    .init(id: "telnet", severity: "high", body: "    check: '!host.listening.exists(s, s.port == 23)'"),
                    .init(id: "root", severity: "high", body: #"    check: 'host.sshd.permit_root_login == "no"'"#),
                ]),
            file: "second.yaml")
        let together = PolicyEvaluator().evaluate(host: host, policies: [first, second])
        let alone =
            PolicyEvaluator().evaluate(host: host, policies: [first])
            + PolicyEvaluator().evaluate(host: host, policies: [second])
        #expect(together == alone)
        #expect(together.suffix(2).map(\.verdict) == [.fail, .pass])
        #expect(
            together.last?.evidence == [EvidenceItem(path: "host.sshd.permit_root_login", value: "\"no\"")])
    }
}
