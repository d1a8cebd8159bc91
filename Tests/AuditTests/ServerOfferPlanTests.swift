import Audit
import Foundation
import ICTAuditTesting
import PolicyEngine
import SSHScan
import Testing

/// The daemon's KEXINIT costs a second connection per host, so a scan reads it only when a loaded
/// policy reads `host.ssh_offer`: the planner tells from the policies' expressions.
struct ServerOfferPlanTests {
    static func policy(check: String, when: String? = nil, appliesTo: String? = nil) throws -> Policy {
        try Policy.parse(
            text: PolicyText.policy(
                id: "offer-test", header: appliesTo.map { "  applies_to: \($0)" } ?? "",
                rules: [.init(id: "r", body: (when.map { "    when: \($0)\n" } ?? "") + "    check: \(check)")]),
            file: "offer-test.yaml")
    }

    @Test("a policy reading host.ssh_offer in a check, a condition or applies_to asks for the KEXINIT; one reading other facts does not")
    func plannerAsksOnlyWhenRead() throws {
        let offer = try Self.policy(check: #"host.ssh_offer.ciphers.all(c, !c.endsWith("-cbc"))"#)
        let inWhen = try Self.policy(check: "true", when: "host.ssh_offer.macs.size() > 0")
        let inAppliesTo = try Self.policy(check: "true", appliesTo: "host.ssh_offer != null")
        let other = try Self.policy(check: #"host.sshd.ciphers.all(c, !c.endsWith("-cbc"))"#)
        for policy in [offer, inWhen, inAppliesTo] {
            #expect(PolicySet(policies: [policy]).requesting(into: ScanOptions()).readServerOffer)
        }
        #expect(!PolicySet(policies: [other]).requesting(into: ScanOptions()).readServerOffer)
        #expect(PolicySet(policies: [other, offer]).requesting(into: ScanOptions()).readServerOffer)
    }

    @Test("the shipped packs judge crypto on the configuration, so they open no second connection")
    func shippedPacks() throws {
        let set = try PolicyCatalogue.load(paths: [LessPrivilegeTests.shipped])
        #expect(set.policies.count >= 4)
        #expect(!set.requesting(into: ScanOptions()).readServerOffer)
    }
}
