import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

/// A scanned host's facts are built one top-level fact at a time, as rules read them; these tests
/// prove that gives exactly what judging the whole fact tree gives.
struct LazyFactTests {
    /// Every shipped pack, which between them read most of the schema.
    static func packs() throws -> [Policy] {
        try ["baseline-linux", "baseline-windows", "ssh-hardening", "antivirus-coverage"].map {
            try Fixtures.policy("\($0).yaml")
        }
    }

    @Test("Each top-level fact built alone is the tree's field, and the tree has exactly the schema's fields")
    func fieldsMatchTree() throws {
        var host = Fixtures.nonCompliant
        host.facts?.packages = [InstalledPackage(name: "openssh-server", version: "1:9.2p1-2", architecture: "amd64")]
        host.facts?.accounts = Accounts(uidZero: ["root", "toor"], emptyPassword: ["guest"])
        guard case .object(let tree) = host.factValue else {
            Issue.record("the fact tree is not an object")
            return
        }
        #expect(Set(tree.keys) == Set(HostScan.factNames))
        #expect(Set(HostScan.factNames) == Set(FactSchema.host.fields.map(\.name)))
        for name in HostScan.factNames {
            #expect(host.fact(named: name) == tree[name], "\(name)")
        }
        #expect(host.fact(named: "no_such_fact") == .null)
    }

    @Test(
        "Judging a scanned host gives the findings its whole fact tree gives, for every shipped pack",
        arguments: [Fixtures.compliant, Fixtures.nonCompliant, Fixtures.host(os: nil), Fixtures.host(sshd: nil)])
    func lazyMatchesTree(host: HostScan) throws {
        let policies = try Self.packs()
        let lazily = PolicyEvaluator().evaluate(host: host, policies: policies)
        let whole = PolicyEvaluator().evaluate(
            facts: host.factValue, context: EvaluationContext(host: host), policies: policies,
            endpoint: host.target.endpoint, unit: host.target.unit)
        #expect(lazily.count == whole.count)
        #expect(lazily == whole)
    }

    @Test("An expression judged on a scanned host gives the value and evidence of its whole tree, other roots included")
    func expressionOnScan() throws {
        let check = try Expression(
            #"host.listening.exists(s, s.port == 23) || unit.id == "so-tttt" && host.sshd.max_auth_tries <= 4"#,
            roots: ["host": .object(FactSchema.host), "unit": .object(FactObjectType(name: "unit", fields: [.init("id", .string, vi: "Mã", en: "Id")]))],
            expecting: .bool)
        let unit: FactValue = .object(["id": .string("so-tttt")])
        for host in [Fixtures.compliant, Fixtures.nonCompliant] {
            let lazily = check.evaluate(host: host, ["unit": unit])
            let whole = check.evaluate(["host": host.factValue, "unit": unit])
            #expect(lazily == whole)
            #expect(!lazily.evidence.isEmpty)
        }
    }
}
