import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

struct WaiverTests {
    static let file = """
        waivers:
          - rule: baseline-linux/ssh-no-password-authentication
            host: 10.0.0.6
            justification: "Backup agent needs passwords until its upgrade"
            approver: "Nguyễn Văn A"
            expires: 2025-12-31
          - rule: net-no-telnet
            unit: so-tttt
            justification: "Old switch console"
            approver: "Trần B"
            expires: 2025-01-31
        """

    static func failing(_ rule: String, host: String = "10.0.0.6:22") -> Finding {
        Finding(
            policyID: "baseline-linux", ruleID: rule, title: LocalizedText(vi: "t", en: "t"),
            severity: .high,
            host: host, unit: "so-tttt", verdict: .fail)
    }

    /// 2025-06-15 00:00 UTC.
    static let june = Date(timeIntervalSince1970: 1_749_945_600)

    @Test("An unexpired waiver turns a fail into waived and keeps who approved it")
    func active() throws {
        let set = try WaiverSet.parse(text: Self.file, file: "w.yaml")
        let finding = set.apply(to: Self.failing("ssh-no-password-authentication"), at: Self.june)
        #expect(finding.verdict == .waived)
        #expect(
            finding.waiver
                == WaiverNote(
                    justification: "Backup agent needs passwords until its upgrade",
                    approver: "Nguyễn Văn A",
                    expires: "2025-12-31", expired: false))
        #expect(
            finding.message
                == "Waived until 2025-12-31 (approved by Nguyễn Văn A): Backup agent needs passwords until its upgrade. Judged fail."
        )
    }

    @Test("An expired waiver stops applying and the finding says so")
    func expired() throws {
        let set = try WaiverSet.parse(text: Self.file, file: "w.yaml")
        let finding = set.apply(to: Self.failing("net-no-telnet"), at: Self.june)
        #expect(finding.verdict == .fail)
        #expect(finding.waiver?.expired == true)
        #expect(
            finding.message
                == "The waiver approved by Trần B expired on 2025-01-31 and no longer applies.")
    }

    @Test("Waivers match only their host, unit and rule; passes are left alone")
    func matching() throws {
        let set = try WaiverSet.parse(text: Self.file, file: "w.yaml")
        #expect(
            set.apply(
                to: Self.failing("ssh-no-password-authentication", host: "10.0.0.7:22"),
                at: Self.june
            ).verdict == .fail)
        #expect(set.apply(to: Self.failing("ssh-no-root-login"), at: Self.june).verdict == .fail)
        var passing = Self.failing("ssh-no-password-authentication")
        passing.verdict = .pass
        #expect(set.apply(to: passing, at: Self.june) == passing)
    }

    @Test("The expiry day is the last day the waiver applies, in Vietnam time")
    func expiryDay() throws {
        let set = try WaiverSet.parse(text: Self.file, file: "w.yaml")
        // 2025-12-31 16:59:59 UTC is 23:59:59 in Hà Nội; one second later it has expired.
        let lastSecond = Date(timeIntervalSince1970: 1_767_200_399)
        #expect(
            set.apply(to: Self.failing("ssh-no-password-authentication"), at: lastSecond).verdict
                == .waived)
        #expect(
            set.apply(to: Self.failing("ssh-no-password-authentication"), at: lastSecond + 1)
                .verdict == .fail)
    }

    @Test("Malformed waivers fail with file:line:column and a plain sentence")
    func errors() throws {
        func error(_ text: String) -> String? {
            do {
                _ = try WaiverSet.parse(text: text, file: "w.yaml")
                return nil
            } catch { return error.description }
        }
        #expect(
            error(
                "waivers:\n  - rule: r\n    hots: a\n    justification: j\n    approver: a\n    expires: 2025-01-01"
            )
                == "w.yaml:3:5: unknown key 'hots' in a waiver; did you mean 'host'?")
        #expect(
            error(
                "waivers:\n  - rule: r\n    host: a\n    justification: j\n    approver: a\n    expires: 31/12/2025"
            )
                == "w.yaml:6:14: 'expires' must be a date written YYYY-MM-DD, such as 2026-12-31; found '31/12/2025'"
        )
        #expect(
            error(
                "waivers:\n  - rule: r\n    justification: j\n    approver: a\n    expires: 2025-01-01"
            )
                == "w.yaml:2:5: a waiver needs 'host' or 'unit': say which machines it excuses")
        #expect(
            error(
                "waivers:\n  - rule: r\n    host: a\n    justification: j\n    approver: a\n    expires: 2025-02-30"
            )
                == "w.yaml:6:14: '2025-02-30' is not a real calendar day")
        #expect(
            error("waivers: [")
                == "w.yaml:2:1: invalid YAML: did not find expected node content (while parsing a flow node that starts on line 2)"
        )
    }
}
