public import Foundation
public import InventoryModel

/// An approved exception to one rule, for one host or a whole unit, until a given day.
public struct Waiver: Sendable, Hashable {
    /// `nil` matches the rule id in any policy.
    public var policyID: String?
    public var ruleID: String
    /// An address (`10.0.0.5`) or endpoint (`10.0.0.5:2222`); `nil` means every host of `unit`.
    public var host: String?
    public var unit: String?
    public var justification: String
    public var approver: String
    /// The last day the waiver applies, as written (`YYYY-MM-DD`).
    public var expires: String
    /// The first instant after the expiry day, in Vietnam time (UTC+7).
    public var endsAt: Date
    /// Where it was written, for messages.
    public var line: Int

    public func matches(_ finding: Finding) -> Bool {
        guard finding.ruleID == ruleID, policyID.map({ $0 == finding.policyID }) ?? true else {
            return false
        }
        if let unit, unit != finding.unit { return false }
        guard let host else { return true }
        return host == finding.host || Self.address(of: finding.host) == host
    }

    /// `10.0.0.5:22` → `10.0.0.5`, `[fe80::1]:22` → `fe80::1`.
    static func address(of endpoint: String) -> String {
        if endpoint.hasPrefix("["), let close = endpoint.firstIndex(of: "]") {
            return String(endpoint[endpoint.index(after: endpoint.startIndex)..<close])
        }
        guard let colon = endpoint.lastIndex(of: ":") else { return endpoint }
        return String(endpoint[..<colon])
    }
}

/// The waivers of one file, applied to findings after evaluation.
public struct WaiverSet: Sendable {
    public var waivers: [Waiver]
    public var file: String

    public init(waivers: [Waiver], file: String) {
        self.waivers = waivers
        self.file = file
    }

    /// A `fail` or `error` finding that an unexpired waiver matches becomes `waived`; one that only
    /// an expired waiver matches keeps its verdict and says the waiver expired. `pass` and
    /// `not_applicable` findings are left alone: there is nothing to excuse.
    public func apply(to findings: [Finding], at now: Date) -> [Finding] {
        findings.map { apply(to: $0, at: now) }
    }

    public func apply(to finding: Finding, at now: Date) -> Finding {
        guard finding.verdict == .fail || finding.verdict == .error else { return finding }
        let matching = waivers.filter { $0.matches(finding) }
        guard !matching.isEmpty else { return finding }
        var result = finding
        if let active = matching.filter({ now < $0.endsAt }).max(by: { $0.endsAt < $1.endsAt }) {
            let was = finding.verdict == .fail ? "fail" : "error"
            result.verdict = .waived
            result.waiver = note(active, expired: false)
            result.message =
                "Waived until \(active.expires) (approved by \(active.approver)): \(active.justification). "
                + "Judged \(was)" + (finding.message.map { ": \($0)" } ?? ".")
        } else if let latest = matching.max(by: { $0.endsAt < $1.endsAt }) {
            result.waiver = note(latest, expired: true)
            let expired =
                "The waiver approved by \(latest.approver) expired on \(latest.expires) and no longer applies."
            result.message = finding.message.map { "\($0) \(expired)" } ?? expired
        }
        return result
    }

    private func note(_ waiver: Waiver, expired: Bool) -> WaiverNote {
        WaiverNote(
            justification: waiver.justification, approver: waiver.approver, expires: waiver.expires,
            expired: expired)
    }
}
