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
/// An audit of a large fleet holds millions of these, so a finding is four words: the parts every
/// finding of a rule shares (`Rule`), the parts every finding on a host shares with the evidence
/// items they cite (`Subject`), where its own evidence starts among them, and its verdict. Most
/// findings are passes with neither a message nor a waiver; those two are kept out of line too.
/// Every property reads and writes as if it were stored, and coding, equality and hashing are
/// those of the fields.
public struct Finding: Codable, Sendable, Hashable {
    private var rule: Rule
    private var subject: Subject
    /// This finding's evidence: `subject.citations[evidenceStart ..< evidenceStart + evidenceCount]`.
    private var evidenceStart: UInt32
    /// `UInt16.max` for "to the end of the citations", which a finding made from its own items
    /// uses; two bytes keep the whole finding at four words.
    private var evidenceCount: UInt16
    public var verdict: Verdict
    private var notes: Notes?

    /// What every finding of one rule shares: made once per rule, not once per host.
    public final class Rule: Sendable {
        public let policyID: String
        public let ruleID: String
        public let title: LocalizedText
        public let severity: Severity

        public init(policyID: String, ruleID: String, title: LocalizedText, severity: Severity) {
            self.policyID = policyID
            self.ruleID = ruleID
            self.title = title
            self.severity = severity
        }
    }

    /// What every finding on one host shares: the host, its unit, and the evidence items its
    /// findings cite. A fact many rules read is one item, cited by each of them.
    public final class Subject: Sendable {
        public let host: String
        public let unit: String
        let items: [EvidenceItem]
        /// Indexes into `items`; each finding cites a contiguous run of them.
        let citations: [UInt32]

        /// `citations` index `items`; a finding made with this subject names its run of citations.
        public init(host: String, unit: String, items: [EvidenceItem] = [], citations: [UInt32] = []) {
            precondition(citations.allSatisfy { Int($0) < items.count }, "a citation past the items")
            self.host = host
            self.unit = unit
            self.items = items
            self.citations = citations
        }
    }

    /// A finding from shared parts: `evidence` is the range of `subject`'s citations it cites.
    public init(
        rule: Rule, subject: Subject, verdict: Verdict, evidence: Range<Int> = 0..<0, message: String? = nil
    ) {
        precondition(evidence.upperBound <= subject.citations.count, "evidence past the subject's citations")
        precondition(evidence.count < UInt16.max, "a finding cites fewer than 65,535 items")
        self.rule = rule
        self.subject = subject
        self.evidenceStart = UInt32(evidence.lowerBound)
        self.evidenceCount = UInt16(evidence.count)
        self.verdict = verdict
        self.notes = message.map { Notes.make(message: $0, waiver: nil) } ?? nil
    }

    public init(
        policyID: String, ruleID: String, title: LocalizedText, severity: Severity, host: String, unit: String,
        verdict: Verdict, message: String? = nil, evidence: [EvidenceItem] = [], waiver: WaiverNote? = nil
    ) {
        self.rule = Rule(policyID: policyID, ruleID: ruleID, title: title, severity: severity)
        self.subject = Subject(host: host, unit: unit, items: evidence, citations: evidence.indices.map { UInt32($0) })
        self.evidenceStart = 0
        self.evidenceCount = .max
        self.verdict = verdict
        self.notes = Notes.make(message: message, waiver: waiver)
    }

    public var policyID: String {
        get { rule.policyID }
        set { replaceRule(policyID: newValue) }
    }

    public var ruleID: String {
        get { rule.ruleID }
        set { replaceRule(ruleID: newValue) }
    }

    public var title: LocalizedText {
        get { rule.title }
        set { replaceRule(title: newValue) }
    }

    public var severity: Severity {
        get { rule.severity }
        set { replaceRule(severity: newValue) }
    }

    /// A change to one finding's rule parts makes its own copy; the shared ones stay as they are.
    private mutating func replaceRule(
        policyID: String? = nil, ruleID: String? = nil, title: LocalizedText? = nil, severity: Severity? = nil
    ) {
        rule = Rule(
            policyID: policyID ?? rule.policyID, ruleID: ruleID ?? rule.ruleID, title: title ?? rule.title,
            severity: severity ?? rule.severity)
    }

    /// The host's endpoint (`address:port`).
    public var host: String {
        get { subject.host }
        set { replaceSubject(host: newValue, unit: unit, evidence: evidence) }
    }

    public var unit: String {
        get { subject.unit }
        set { replaceSubject(host: host, unit: newValue, evidence: evidence) }
    }

    /// What the verdict was judged on, first read first.
    public var evidence: [EvidenceItem] {
        get {
            let start = Int(evidenceStart)
            let end = evidenceCount == .max ? subject.citations.count : start + Int(evidenceCount)
            return subject.citations[start..<end].map { subject.items[Int($0)] }
        }
        set { replaceSubject(host: host, unit: unit, evidence: newValue) }
    }

    /// Equal for findings made from the same shared `Rule`: lets a renderer remember its work per
    /// rule without hashing the rule's texts for each of millions of findings. (Findings decoded
    /// from a store each have their own rule parts, so this is a hint, never a key on its own.)
    public var ruleIdentity: ObjectIdentifier { ObjectIdentifier(rule) }

    /// The same items as `evidence`, read in place: a report of two million findings reads each
    /// finding's evidence in five formats, and `evidence` makes an array every time.
    public var citedEvidence: CitedEvidence {
        let start = Int(evidenceStart)
        let end = evidenceCount == .max ? subject.citations.count : start + Int(evidenceCount)
        return CitedEvidence(subject: subject, range: start..<end)
    }

    /// A finding's evidence items as a view into its subject's shared items.
    public struct CitedEvidence: RandomAccessCollection {
        fileprivate let subject: Subject
        fileprivate let range: Range<Int>

        public var startIndex: Int { 0 }
        public var endIndex: Int { range.count }
        public subscript(position: Int) -> EvidenceItem {
            subject.items[Int(subject.citations[range.lowerBound + position])]
        }
    }

    /// Which run of evidence items this finding cites: findings with equal keys cite the same
    /// items, so a renderer of millions of findings can make each evidence text once.
    public var evidenceKey: EvidenceKey {
        EvidenceKey(subject: ObjectIdentifier(subject), start: evidenceStart, count: evidenceCount)
    }

    /// See `evidenceKey`. Valid while the findings it came from are alive (it names their shared
    /// `Subject` by identity).
    public struct EvidenceKey: Hashable, Sendable {
        public let subject: ObjectIdentifier
        let start: UInt32
        let count: UInt16
    }

    private mutating func replaceSubject(host: String, unit: String, evidence: [EvidenceItem]) {
        subject = Subject(host: host, unit: unit, items: evidence, citations: evidence.indices.map { UInt32($0) })
        evidenceStart = 0
        evidenceCount = .max
    }

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

    // Coded and compared field by field, as when every field was stored.
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
