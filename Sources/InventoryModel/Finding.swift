/// How much a failed rule matters.
public enum Severity: String, Codable, Sendable, CaseIterable, Comparable {
    case info, low, medium, high, critical

    public static func < (lhs: Severity, rhs: Severity) -> Bool {
        allCases.firstIndex(of: lhs)! < allCases.firstIndex(of: rhs)!
    }

    public var label: LocalizedText {
        switch self {
        case .info: LocalizedText(vi: "Thông tin", en: "Info")
        case .low: LocalizedText(vi: "Thấp", en: "Low")
        case .medium: LocalizedText(vi: "Trung bình", en: "Medium")
        case .high: LocalizedText(vi: "Cao", en: "High")
        case .critical: LocalizedText(vi: "Nghiêm trọng", en: "Critical")
        }
    }
}

/// The outcome of one rule on one target.
public enum Verdict: String, Codable, Sendable, CaseIterable {
    case pass
    case fail
    /// The rule could not be judged (missing evidence, bad data); says why in the finding.
    case error
    /// The rule's `when` did not hold; never counts in a score.
    case notApplicable = "not_applicable"
    case waived

    public var label: LocalizedText {
        switch self {
        case .pass: LocalizedText(vi: "Đạt", en: "Pass")
        case .fail: LocalizedText(vi: "Không đạt", en: "Fail")
        case .error: LocalizedText(vi: "Lỗi", en: "Error")
        case .notApplicable: LocalizedText(vi: "Không áp dụng", en: "Not applicable")
        case .waived: LocalizedText(vi: "Được miễn", en: "Waived")
        }
    }
}

/// What a finding was judged on: a fact path and the value it had.
public struct EvidenceItem: Codable, Sendable, Hashable {
    public var path: String
    public var value: String

    public init(path: String, value: String) {
        self.path = path
        self.value = value
    }
}

/// An exception that matched a finding: who allowed it, why, and until when.
///
/// Kept on the finding even after it expires, so a report can say "the waiver expired on …"
/// rather than silently turning a waived rule back into a failure.
public struct WaiverNote: Codable, Sendable, Hashable {
    public var justification: String
    public var approver: String
    /// The last day the waiver applies, `YYYY-MM-DD` as written in the waiver file.
    public var expires: String
    /// Whether the expiry had passed when the finding was judged; an expired waiver changes nothing.
    public var expired: Bool

    public init(justification: String, approver: String, expires: String, expired: Bool) {
        self.justification = justification
        self.approver = approver
        self.expires = expires
        self.expired = expired
    }
}

/// One rule's verdict on one host.
public struct Finding: Codable, Sendable, Hashable {
    public var policyID: String
    public var ruleID: String
    public var title: LocalizedText
    public var severity: Severity
    /// The host's endpoint (`address:port`).
    public var host: String
    public var unit: String
    public var verdict: Verdict
    /// Why, for `error` (and a short explanation otherwise, when there is one).
    public var message: String?
    public var evidence: [EvidenceItem]
    /// The waiver that matched, active or expired; `nil` when none did.
    public var waiver: WaiverNote?

    public init(
        policyID: String, ruleID: String, title: LocalizedText, severity: Severity, host: String, unit: String,
        verdict: Verdict, message: String? = nil, evidence: [EvidenceItem] = [], waiver: WaiverNote? = nil
    ) {
        self.policyID = policyID
        self.ruleID = ruleID
        self.title = title
        self.severity = severity
        self.host = host
        self.unit = unit
        self.verdict = verdict
        self.message = message
        self.evidence = evidence
        self.waiver = waiver
    }
}
