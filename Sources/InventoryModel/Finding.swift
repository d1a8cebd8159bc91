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
///
/// An audit of a large fleet holds millions of these, most of them passes with neither a message
/// nor a waiver, so those two are kept out of line: a finding is then a third smaller, and so is
/// the memory the rules engine writes them to.
public struct Finding: Codable, Sendable, Hashable {
    public var policyID: String
    public var ruleID: String
    public var title: LocalizedText
    public var severity: Severity
    /// The host's endpoint (`address:port`).
    public var host: String
    public var unit: String
    public var verdict: Verdict
    public var evidence: [EvidenceItem]
    private var notes: Notes?

    /// Why, for `error` (and a short explanation otherwise, when there is one).
    public var message: String? {
        get { notes?.message }
        set { notes = Notes.make(message: newValue, waiver: waiver) }
    }

    /// The waiver that matched, active or expired; `nil` when none did.
    public var waiver: WaiverNote? {
        get { notes?.waiver }
        set { notes = Notes.make(message: message, waiver: newValue) }
    }

    /// Immutable, so copies of a finding share it safely; a change makes a new one.
    private final class Notes: Sendable {
        let message: String?
        let waiver: WaiverNote?

        private init(message: String?, waiver: WaiverNote?) {
            self.message = message
            self.waiver = waiver
        }

        /// `nil` for neither; not a failable `init`, which would allocate an object and free it
        /// again for every finding that has no notes.
        static func make(message: String?, waiver: WaiverNote?) -> Notes? {
            message == nil && waiver == nil ? nil : Notes(message: message, waiver: waiver)
        }
    }

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
        self.evidence = evidence
        self.notes = Notes.make(message: message, waiver: waiver)
    }

    // Coded and compared field by field as before the notes moved out of line.
    private enum CodingKeys: String, CodingKey {
        case policyID, ruleID, title, severity, host, unit, verdict, message, evidence, waiver
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            policyID: try c.decode(String.self, forKey: .policyID),
            ruleID: try c.decode(String.self, forKey: .ruleID),
            title: try c.decode(LocalizedText.self, forKey: .title),
            severity: try c.decode(Severity.self, forKey: .severity),
            host: try c.decode(String.self, forKey: .host),
            unit: try c.decode(String.self, forKey: .unit),
            verdict: try c.decode(Verdict.self, forKey: .verdict),
            message: try c.decodeIfPresent(String.self, forKey: .message),
            evidence: try c.decode([EvidenceItem].self, forKey: .evidence),
            waiver: try c.decodeIfPresent(WaiverNote.self, forKey: .waiver))
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(policyID, forKey: .policyID)
        try c.encode(ruleID, forKey: .ruleID)
        try c.encode(title, forKey: .title)
        try c.encode(severity, forKey: .severity)
        try c.encode(host, forKey: .host)
        try c.encode(unit, forKey: .unit)
        try c.encode(verdict, forKey: .verdict)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(evidence, forKey: .evidence)
        try c.encodeIfPresent(waiver, forKey: .waiver)
    }

    public static func == (a: Finding, b: Finding) -> Bool {
        a.policyID == b.policyID && a.ruleID == b.ruleID && a.title == b.title
            && a.severity == b.severity && a.host == b.host && a.unit == b.unit
            && a.verdict == b.verdict && a.evidence == b.evidence && a.message == b.message
            && a.waiver == b.waiver
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(policyID)
        hasher.combine(ruleID)
        hasher.combine(host)
        hasher.combine(verdict)
        hasher.combine(message)
        hasher.combine(evidence)
        hasher.combine(waiver)
    }
}
