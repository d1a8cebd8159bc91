import Foundation
import InventoryModel
import Testing

/// A finding keeps its message and waiver out of line; these tests prove that is invisible to
/// everything that reads, writes, compares or stores findings.
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
}
