import Foundation
import InventoryModel
import Testing

/// A finding keeps its rule and host parts shared and its message and waiver out of line; these
/// tests prove that is invisible to everything that reads, writes, compares or stores findings.
struct FindingTests {
    static func finding(message: String? = nil, waiver: WaiverNote? = nil) -> Finding {
        Finding(
            policyID: "baseline-linux", ruleID: "ssh-no-root-login",
            title: LocalizedText(vi: "Cấm root đăng nhập", en: "No root login"), severity: .high,
            host: "10.0.0.5:22", unit: "so-tttt", verdict: .fail, message: message,
            evidence: [EvidenceItem(path: "host.sshd.permit_root_login", value: "\"yes\"")],
            waiver: waiver)
    }

    static let waiver = WaiverNote(
        justification: "Máy chủ sao lưu cũ", approver: "Trưởng phòng", expires: "2026-12-31",
        expired: false)

    @Test("A finding without message or waiver codes neither key, as the stored JSON always had")
    func plainFindingCoding() throws {
        let data = try JSONEncoder().encode(Self.finding())
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(
            Set(object.keys) == [
                "policyID", "ruleID", "title", "severity", "host", "unit", "verdict", "evidence",
            ])
        #expect(try JSONDecoder().decode(Finding.self, from: data) == Self.finding())
    }

    @Test("Message and waiver round-trip through JSON and take part in equality and hashing")
    func notesCoding() throws {
        let full = Self.finding(message: "Đã được miễn trừ", waiver: Self.waiver)
        let data = try JSONEncoder().encode(full)
        let object = try #require(JSONSerialization.jsonObject(with: data) as? [String: Any])
        #expect(object["message"] as? String == "Đã được miễn trừ")
        #expect((object["waiver"] as? [String: Any])?["approver"] as? String == "Trưởng phòng")
        let decoded = try JSONDecoder().decode(Finding.self, from: data)
        #expect(decoded == full)
        #expect(decoded.waiver == Self.waiver)
        #expect(full != Self.finding(message: "Đã được miễn trừ"))
        #expect(Set([full, decoded, Self.finding()]).count == 2)
    }

    @Test("Setting the message keeps the waiver, and a copy keeps its own values")
    func settersAreValueSemantics() {
        var finding = Self.finding(waiver: Self.waiver)
        let copy = finding
        finding.message = "hết hạn"
        #expect(finding.message == "hết hạn")
        #expect(finding.waiver == Self.waiver)
        #expect(copy.message == nil)
        finding.waiver = nil
        finding.message = nil
        #expect(finding == Self.finding())
        #expect(copy.waiver == Self.waiver)
    }

    @Test("Findings built from shared rule and host parts read their own run of the host's evidence")
    func sharedPartsGiveEachFindingItsEvidence() throws {
        let rule = Finding.Rule(
            policyID: "baseline-linux", ruleID: "ssh-no-root-login",
            title: LocalizedText(vi: "Cấm root đăng nhập", en: "No root login"), severity: .high)
        let items = [
            EvidenceItem(path: "host.os.id", value: "\"debian\""),
            EvidenceItem(path: "host.sshd.permit_root_login", value: "\"yes\""),
        ]
        // Two findings cite item 1; the first also cites item 0 before it.
        let subject = Finding.Subject(host: "10.0.0.5:22", unit: "so-tttt", items: items, citations: [0, 1, 1])
        let both = Finding(rule: rule, subject: subject, verdict: .fail, evidence: 0..<2)
        var one = Finding(rule: rule, subject: subject, verdict: .fail, evidence: 2..<3, message: "m")
        #expect(both.evidence == items)
        #expect(one.evidence == [items[1]])
        #expect(one == Self.finding(message: "m"))
        #expect(try JSONDecoder().decode(Finding.self, from: JSONEncoder().encode(one)) == one)

        // Changing one finding's shared parts leaves its siblings as they were.
        one.host = "10.0.0.6:22"
        one.severity = .low
        one.evidence = []
        #expect(one.host == "10.0.0.6:22" && one.unit == "so-tttt" && one.severity == .low)
        #expect(one.evidence.isEmpty && one.message == "m")
        #expect(both.host == "10.0.0.5:22" && both.severity == .high && both.evidence == items)
    }

    @Test("A finding is four words, so two million of them take 64 MB, not half a gigabyte")
    func compactLayout() {
        #expect(MemoryLayout<Finding>.stride == 4 * MemoryLayout<Int>.stride)
    }
}
