import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

struct PolicyPackTests {
    static let packs = [
        "antivirus-coverage.yaml", "baseline-linux.yaml", "baseline-windows.yaml",
        "ssh-hardening.yaml",
    ]

    @Test(
        "Every shipped pack loads; every rule has a reference and distinct Vietnamese and English texts",
        arguments: packs)
    func packIsComplete(name: String) throws {
        let policy = try Fixtures.policy(name)
        #expect(policy.references.contains("TCVN 11930:2017"))
        #expect(policy.description != nil)
        for rule in policy.rules {
            #expect(!rule.references.isEmpty, "\(rule.id) needs a reference")
            #expect(rule.title.vi != rule.title.en, "\(rule.id) needs a Vietnamese title")
            #expect(
                rule.rationale.vi != rule.rationale.en, "\(rule.id) needs a Vietnamese rationale")
        }
    }

    @Test("The packs' probes are the union the scanner gathers; command names do not clash")
    func probeUnion() throws {
        let policies = try Self.packs.map {
            try Fixtures.policy($0)
        }
        let probes = Policy.probes(of: policies)
        // login.defs, pwquality.conf, the shadow summary, the hotfix age, the Windows facts (net accounts,
        // auditpol, w32time, Guest, SMB1, RDP NLA, the system drive's BitLocker), and Linux logging, audit,
        // time sync and firewall are typed facts now, not probes.
        #expect(probes.count == 3)
        #expect(Set(probes.map(\.evidenceName)).count == probes.count)
        #expect(probes.contains(.file("/etc/passwd")))
        #expect(!probes.contains(.file("/etc/login.defs")))
        #expect(!probes.contains { $0.evidenceName == "command:rdp-nla" || $0.evidenceName == "command:system-drive-protection" })
    }
}
