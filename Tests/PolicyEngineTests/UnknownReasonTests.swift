import Foundation
import InventoryModel
import PolicyEngine
import Testing

/// A rule that cannot judge because a fact is unknown says why, when the scan kept the reason
/// (a Windows section that failed, e.g. .NET refused in Constrained Language Mode).
struct UnknownReasonTests {
    func judge(_ check: String, _ facts: HostFacts) throws -> (Verdict, String?) {
        try Fixtures.judge(check, facts: facts)
    }

    static let clm = "Get-LocalGroupMember failed (exit code 1): Cannot create type. Only core types are supported in this language mode."

    @Test("an unknown fact's message carries the kept reason, for the fact and for anything below it; the longest matching path wins")
    func reasons() throws {
        var facts = HostFacts(hostname: "h")
        facts.accounts = Accounts(uidZero: [], emptyPassword: nil, administrators: nil, guestEnabled: nil)
        facts.unknownReasons = [
            "accounts.administrators": Self.clm, "accounts": "should not be chosen for administrators",
            "antivirus": "Security Center, Defender and the service list all failed",
        ]
        let (verdict, message) = try judge("host.accounts.administrators.size() <= 3", facts)
        #expect(verdict == .error)
        #expect(message?.contains("host.accounts.administrators is unknown on this host: " + Self.clm) == true)
        facts.antivirus = [Antivirus(product: "X", installed: true, running: nil)]
        let av = try judge("host.antivirus.all(a, a.real_time == true)", facts)
        #expect(av.0 == .error)
        #expect(av.1?.contains("Security Center, Defender and the service list all failed") == true)
        // No reason kept: the plain words, nothing invented.
        facts.unknownReasons = nil
        let plain = try judge("host.accounts.administrators.size() <= 3", facts)
        #expect(plain.1?.contains("host.accounts.administrators is unknown on this host") == true)
        #expect(plain.1?.contains("Only core types") == false)
    }
}
