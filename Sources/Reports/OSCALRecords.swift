import Foundation
import InventoryModel

/// The observation and finding records of the OSCAL document, written as compact JSON from bytes
/// made once per rule, once per host and once per verdict.
///
/// A ministry's audit has two million judged findings and a few hundred rules: the texts a
/// record repeats (the rule's title, its policy and severity, the host's label) are cleaned,
/// trimmed and escaped once, and a record is a handful of copies of those bytes, two name-based
/// UUIDs hashed from the host's SHA-1 state, and the finding's own evidence. The texts are those
/// `OSCALReport.line` makes (each part cleaned, the whole trimmed); a text where the shortcut
/// could differ (a host label ending in a space, an empty evidence path) takes that path itself.
struct OSCALRecords {
    private let d: ReportDigest
    private let uuids: NameBasedUUID.Prefixed
    private let itemUUIDs: [String: String]
    private let memo = CleanedTexts()
    /// `,"collected":"…"}`: the end of every observation.
    private let collectedTail: [UInt8]

    /// What a rule's findings share, escaped for JSON.
    private final class Rule {
        /// `policy/rule/`: what the rule adds to a host's UUID names.
        let stem: [UInt8]
        /// `"rule: title"` with its quotes.
        let titleJSON: [UInt8]
        /// `,"description":"…","props":[{…severity…},{"name":"verdict","ns":"…","value":"`
        let findingMiddle: [UInt8]
        /// `"policy.rule"`: the target's objective id, with its quotes.
        let targetJSON: [UInt8]

        init(stem: [UInt8], titleJSON: [UInt8], findingMiddle: [UInt8], targetJSON: [UInt8]) {
            self.stem = stem
            self.titleJSON = titleJSON
            self.findingMiddle = findingMiddle
            self.targetJSON = targetJSON
        }
    }

    private var rules = PerRule<Rule>()

    /// The host of the findings being written (they come host by host).
    private var host: String?
    private var hostUUIDs: NameBasedUUID.Prefixed
    /// The host's label, cleaned and escaped; nil when it must take `OSCALReport.line` itself.
    private var hostLabelJSON: [UInt8]?
    /// `,"subjects":[…]` naming the host's inventory item, or nothing for a host not scanned.
    private var subjectsJSON: [UInt8] = []
    /// Per verdict (`Verdict.ordinal`): `"label — ` for the observation's description.
    private let verdictPrefixes: [[UInt8]]

    init(_ d: ReportDigest, uuids: NameBasedUUID.Prefixed, itemUUIDs: [String: String], collected: String) {
        self.d = d
        self.uuids = uuids
        self.itemUUIDs = itemUUIDs
        hostUUIDs = uuids
        var w = ReportWriter()
        w.raw(",\"collected\":" as StaticString)
        w.jsonString(collected)
        w.byte(0x7D)
        collectedTail = w.bytes
        let memo = self.memo
        verdictPrefixes = Verdict.allCases.map { verdict in
            var w = ReportWriter()
            w.byte(0x22)
            var text = memo.clean(verdict.label.text(d.language)) + " — "
            text.withUTF8 { w.jsonContent($0) }
            return w.bytes
        }
    }

    // MARK: Per rule

    private static func rule(_ finding: Finding, _ d: ReportDigest, _ memo: CleanedTexts) -> Rule {
        let language = d.language
        let (policyID, ruleID) = (finding.policyID, finding.ruleID)
        var w = ReportWriter()
        w.jsonString(OSCALReport.line(parts: ruleID, ": ", finding.title.text(language), memo: memo))
        let titleJSON = w.bytes
        w.clear()
        w.raw(",\"description\":" as StaticString)
        w.jsonString(
            OSCALReport.line(
                "\(d.policyLabel(policyID)) — \(d.label(.severity)): \(finding.severity.label.text(language))", memo))
        w.raw(",\"props\":[{\"name\":\"severity\",\"ns\":" as StaticString)
        w.jsonString(OSCALReport.namespace)
        w.raw(",\"value\":" as StaticString)
        w.jsonString(finding.severity.rawValue)
        w.raw("},{\"name\":\"verdict\",\"ns\":" as StaticString)
        w.jsonString(OSCALReport.namespace)
        w.raw(",\"value\":\"" as StaticString)
        let findingMiddle = w.bytes
        w.clear()
        w.jsonString(OSCALReport.token("\(policyID).\(ruleID)"))
        return Rule(
            stem: Array("\(policyID)/\(ruleID)/".utf8), titleJSON: titleJSON, findingMiddle: findingMiddle, targetJSON: w.bytes)
    }

    // MARK: Per host

    private mutating func enter(_ endpoint: String) {
        host = endpoint
        hostUUIDs = uuids.appending(endpoint, "/")
        let label = UntrustedText.clean(d.hostLabel(endpoint: endpoint))
        if let last = label.last, !last.isWhitespace {
            var w = ReportWriter()
            var label = label
            label.withUTF8 { w.jsonContent($0) }
            hostLabelJSON = w.bytes
        } else {
            hostLabelJSON = nil
        }
        if let item = itemUUIDs[endpoint] {
            var w = ReportWriter()
            w.raw(",\"subjects\":[{\"subject-uuid\":" as StaticString)
            w.jsonString(item)
            w.raw(",\"type\":\"inventory-item\"}]" as StaticString)
            subjectsJSON = w.bytes
        } else {
            subjectsJSON = []
        }
    }

    // MARK: Records

    /// Writes the finding's observation; answers its UUID and its rule, which the finding's
    /// record (written later) needs.
    mutating func observation(_ finding: Finding, into out: inout ReportWriter) -> (NameBasedUUID.Words, Int32) {
        let endpoint = finding.host
        if endpoint != host { enter(endpoint) }
        let (d, memo) = (d, memo)
        let ruleIndex = rules.index(finding) { Self.rule($0, d, memo) }
        let rule = rules[ruleIndex]
        let stem = hostUUIDs.appending(rule.stem)
        let uuid = stem.words("observation")
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(uuid)
        out.raw("\",\"title\":" as StaticString)
        out.raw(rule.titleJSON)
        out.raw(",\"description\":" as StaticString)
        if let message = finding.message {
            out.jsonString(
                OSCALReport.line(
                    parts: finding.verdict.label.text(d.language), " — ", d.hostLabel(endpoint: endpoint), ": ", message,
                    memo: memo))
        } else if let label = hostLabelJSON {
            out.raw(verdictPrefixes[finding.verdict.ordinal])
            out.raw(label)
            out.byte(0x22)
        } else {
            out.jsonString(
                OSCALReport.line(
                    parts: finding.verdict.label.text(d.language), " — ", d.hostLabel(endpoint: endpoint), memo: memo))
        }
        out.raw(",\"methods\":[\"TEST\"],\"types\":[\"finding\"]" as StaticString)
        out.raw(subjectsJSON)
        let evidence = finding.citedEvidence
        if !evidence.isEmpty {
            out.raw(",\"relevant-evidence\":[" as StaticString)
            var first = true
            for item in evidence {
                out.raw(first ? "{\"description\":\"" as StaticString : ",{\"description\":\"")
                first = false
                Self.evidence(item, memo, into: &out)
                out.raw("\"}" as StaticString)
            }
            out.byte(0x5D)
        }
        out.raw(collectedTail)
        return (uuid, ruleIndex)
    }

    /// `path = value` as `OSCALReport.line` makes it, inside its quotes. Printable ASCII with no
    /// space at either end (nearly every item) needs neither cleaning nor trimming.
    private static func evidence(_ item: EvidenceItem, _ memo: CleanedTexts, into out: inout ReportWriter) {
        var path = item.path
        var value = item.value
        let plain = path.withUTF8 { p in
            value.withUTF8 { v in
                guard let first = p.first, first != 0x20, let last = v.last, last != 0x20 else { return false }
                return p.allSatisfy { $0 >= 0x20 && $0 < 0x7F } && v.allSatisfy { $0 >= 0x20 && $0 < 0x7F }
            }
        }
        if plain {
            path.withUTF8 { out.jsonContent($0) }
            out.raw(" = " as StaticString)
            value.withUTF8 { out.jsonContent($0) }
        } else {
            var text = OSCALReport.line(parts: path, " = ", value, memo: memo)
            text.withUTF8 { out.jsonContent($0) }
        }
    }

    /// Writes the finding's record, naming the observation written for it.
    mutating func finding(
        _ finding: Finding, rule ruleIndex: Int32, observation: NameBasedUUID.Words, into out: inout ReportWriter
    ) {
        let endpoint = finding.host
        if endpoint != host { enter(endpoint) }
        let rule = rules[ruleIndex]
        let stem = hostUUIDs.appending(rule.stem)
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(stem.words("finding"))
        out.raw("\",\"title\":" as StaticString)
        out.raw(rule.titleJSON)
        out.raw(rule.findingMiddle)
        out.raw(finding.verdict.rawValue)
        out.raw("\"}],\"target\":{\"type\":\"objective-id\",\"target-id\":" as StaticString)
        out.raw(rule.targetJSON)
        switch finding.verdict {
        case .pass: out.raw(",\"status\":{\"state\":\"satisfied\"}}" as StaticString)
        case .fail: out.raw(",\"status\":{\"state\":\"not-satisfied\",\"reason\":\"fail\"}}" as StaticString)
        case .error: out.raw(",\"status\":{\"state\":\"not-satisfied\",\"reason\":\"error\"}}" as StaticString)
        case .waived: out.raw(",\"status\":{\"state\":\"not-satisfied\",\"reason\":\"waived\"}}" as StaticString)
        case .notApplicable: out.raw(",\"status\":{\"state\":\"not-satisfied\"}}" as StaticString)
        }
        out.raw(",\"related-observations\":[{\"observation-uuid\":\"" as StaticString)
        out.uuid(observation)
        out.raw("\"}]" as StaticString)
        if let waiver = finding.waiver {
            out.raw(",\"remarks\":" as StaticString)
            out.jsonString(
                OSCALReport.line("\(d.label(.waiver)): \(waiver.justification) (\(waiver.approver), \(waiver.expires))"))
        }
        out.byte(0x7D)
    }
}
