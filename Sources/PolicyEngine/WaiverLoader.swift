public import Foundation
import SourceYAML
import Yams

extension WaiverSet {
    /// Parses a waiver file:
    ///
    /// ```yaml
    /// waivers:
    ///   - rule: ssh-no-password-authentication   # or baseline-linux/ssh-no-password-authentication
    ///     host: 10.0.0.5                          # or unit: so-tttt (or both)
    ///     justification: "Legacy backup agent logs in with a password until its upgrade"
    ///     approver: "Nguyễn Văn A, Giám đốc Trung tâm CNTT"
    ///     expires: 2026-12-31                     # the last day it applies
    /// ```
    public static func parse(text: String, file: String) throws(PolicyError) -> WaiverSet {
        let doc = YAMLDocument(text: text, file: file)
        let root = try doc.root(expecting: .vi("danh sách 'waivers'", en: "a 'waivers' list"))
        let top = try doc.fields(
            of: root, in: .vi("tệp miễn trừ", en: "the waiver file"), allowed: ["waivers"], required: ["waivers"])
        var waivers: [Waiver] = []
        for item in try doc.sequence(
            top["waivers"]!, key: "waivers",
            of: .vi("miễn trừ, mỗi mục bắt đầu bằng '- rule:'", en: "waivers, each starting with '- rule:'"))
        {
            waivers.append(try waiver(item, doc))
        }
        return WaiverSet(waivers: waivers, file: file)
    }


    private static let keys = [
        "rule", "policy", "host", "unit", "justification", "approver", "expires",
    ]

    /// Vietnam has no daylight saving time: UTC+7 all year.
    private static let vietnam: Calendar = {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(secondsFromGMT: 7 * 3600)!
        return calendar
    }()

    private static func waiver(_ node: Node, _ doc: YAMLDocument) throws(PolicyError) -> Waiver {
        let f = try doc.fields(
            of: node, in: .vi("một miễn trừ", en: "a waiver"), allowed: keys,
            required: ["rule", "justification", "approver", "expires"])
        var ruleID = try doc.string(f["rule"]!, key: "rule")
        var policyID = try f["policy"].map { n throws(PolicyError) in
            try doc.string(n, key: "policy")
        }
        if let slash = ruleID.firstIndex(of: "/") {
            guard policyID == nil else {
                throw doc.error(PolicyProblem.policyTwice, at: f["rule"]!)
            }
            policyID = String(ruleID[..<slash])
            ruleID = String(ruleID[ruleID.index(after: slash)...])
        }
        let host = try f["host"].map { n throws(PolicyError) in try doc.string(n, key: "host") }
        let unit = try f["unit"].map { n throws(PolicyError) in try doc.string(n, key: "unit") }
        guard host != nil || unit != nil else {
            throw doc.error(PolicyProblem.waiverWithoutScope, at: node)
        }
        let (expires, components) = try doc.day(f["expires"]!, key: "expires")
        guard let day = vietnam.date(from: components),
            vietnam.component(.day, from: day) == components.day,
            let endsAt = vietnam.date(byAdding: .day, value: 1, to: day)
        else {
            throw doc.error(PolicyProblem.notCalendarDay(expires), at: f["expires"]!)
        }
        return Waiver(
            policyID: policyID, ruleID: ruleID, host: host, unit: unit,
            justification: try doc.string(f["justification"]!, key: "justification"),
            approver: try doc.string(f["approver"]!, key: "approver"),
            expires: expires, endsAt: endsAt, line: node.mark?.line ?? 0)
    }
}
