import Foundation
import InventoryModel

/// The objective, observation and finding records of the OSCAL document, written as compact JSON
/// from bytes made once per rule, once per host and once per verdict.
///
/// A ministry's audit has two million judged findings and a few hundred rules. A rule is
/// described once, as an objective of the document's `local-definitions` (its title, policy,
/// severity and remediation); a finding names it by its target and says only what is its own:
/// the host, the status, the observation it rests on. An observation says what was tested (the
/// rule id and the check's message), on which subject, with which evidence. The texts a record
/// repeats (the rule's title and id, the host's label) are cleaned, trimmed and escaped once;
/// a record is a handful of copies of those bytes, two name-based UUIDs hashed from the host's
/// SHA-1 state, and the finding's own evidence. The texts are those `OSCALReport.line` makes
/// (each part cleaned, the whole trimmed); a text where the shortcut could differ (a host label
/// ending in a space, an empty evidence path) takes that path itself.
struct OSCALRecords {
    private let d: ReportDigest
    private let uuids: NameBasedUUID.Prefixed
    private let itemUUIDs: [String: String]
    /// Each inventoried host's label, by endpoint (`ReportDigest.hostLabel`).
    private let labels: [String: String]
    private let memo = CleanedTexts()
    /// `,"collected":"…"}`: the end of every observation.
    private let collectedTail: [UInt8]
    /// Rule id → remediation, per policy.
    private let remediations: [String: [String: LocalizedText]]
    /// The objective part ids given so far: two rules whose ids make the same token (or one rule
    /// seen with two titles) still get an id each.
    private let objectiveIDs = ObjectiveIDs()

    private final class ObjectiveIDs {
        var used: Set<String> = []

        func unique(_ token: String) -> String {
            var id = token
            var n = 1
            while !used.insert(id).inserted {
                n += 1
                id = "\(token)_\(n)"
            }
            return id
        }
    }

    /// What a rule's records share, escaped for JSON.
    private final class Rule {
        /// `policy/rule/`: what the rule adds to a host's UUID names.
        let stem: [UInt8]
        /// `"rule: title"` with its quotes: the finding's title.
        let titleJSON: [UInt8]
        /// `"rule"` with its quotes: an observation's description when the check said nothing.
        let ruleJSON: [UInt8]
        /// `"policy.rule"`: the objective part's id, which findings target, with its quotes.
        let targetJSON: [UInt8]
        /// The objective record of `local-definitions`.
        let objective: [UInt8]

        init(stem: [UInt8], titleJSON: [UInt8], ruleJSON: [UInt8], targetJSON: [UInt8], objective: [UInt8]) {
            self.stem = stem
            self.titleJSON = titleJSON
            self.ruleJSON = ruleJSON
            self.targetJSON = targetJSON
            self.objective = objective
        }
    }

    private var rules = PerRule<Rule>()
    /// Rules seen so far; their indexes are 0..<ruleCount in the order first seen.
    private(set) var ruleCount = 0

    /// What a host's records share: its UUIDs' SHA-1 state, its label (a finding's description)
    /// and `,"subjects":[…]` naming its inventory item (nothing for a host not scanned), escaped.
    private final class Host {
        let endpoint: String
        let uuids: NameBasedUUID.Prefixed
        let labelJSON: [UInt8]
        let subjectsJSON: [UInt8]

        init(endpoint: String, uuids: NameBasedUUID.Prefixed, labelJSON: [UInt8], subjectsJSON: [UInt8]) {
            self.endpoint = endpoint
            self.uuids = uuids
            self.labelJSON = labelJSON
            self.subjectsJSON = subjectsJSON
        }
    }

    /// The hosts in the order the observations met them (findings come host by host, and the
    /// findings pass meets them again in the same order), and the one being written.
    private var hosts: [Host] = []
    private var next = 0
    private var host: Host?
    init(
        _ d: ReportDigest, uuids: NameBasedUUID.Prefixed, itemUUIDs: [String: String], labels: [String: String], collected: String
    ) {
        self.d = d
        self.uuids = uuids
        self.itemUUIDs = itemUUIDs
        self.labels = labels
        var w = ReportWriter()
        w.raw(",\"collected\":" as StaticString)
        w.jsonString(collected)
        w.byte(0x7D)
        collectedTail = w.bytes
        var remediations: [String: [String: LocalizedText]] = [:]
        for policy in d.input.policies where remediations[policy.id] == nil { remediations[policy.id] = policy.remediations }
        self.remediations = remediations
    }

    // MARK: Per rule

    /// The rules of the first host's findings in their order, and where the current host is in
    /// it: the evaluator judges every host on the same rules in the same order, so the next
    /// finding's rule is nearly always the next of this cycle, found without hashing.
    private var cycle: [(identity: ObjectIdentifier, index: Int32)] = []
    private var cycleDone = false
    private var position = 0

    /// The index of `finding`'s rule, described the first time it is seen; the objectives are
    /// written (`objective(_:into:)`) before the records that target them.
    mutating func rule(_ finding: Finding) -> Int32 {
        let identity = finding.ruleIdentity
        if position < cycle.count, cycle[position].identity == identity {
            position += 1
            return cycle[position - 1].index
        }
        if cycleDone, let first = cycle.first, first.identity == identity {
            position = 1
            return first.index
        }
        let (d, memo, remediations, ids) = (d, memo, remediations, objectiveIDs)
        let index = rules.index(finding) { Self.rule($0, d, memo, remediations, ids) }
        if Int(index) >= ruleCount { ruleCount = Int(index) + 1 }
        if !cycleDone {
            if cycle.first?.identity == identity {
                cycleDone = true
                position = 1
            } else {
                cycle.append((identity, index))
                position = cycle.count
            }
        }
        return index
    }

    /// Writes the objective of rule `index`.
    func objective(_ index: Int32, into out: inout ReportWriter) {
        out.raw(rules[index].objective)
    }

    private static func rule(
        _ finding: Finding, _ d: ReportDigest, _ memo: CleanedTexts, _ remediations: [String: [String: LocalizedText]],
        _ ids: ObjectiveIDs
    ) -> Rule {
        let language = d.language
        let (policyID, ruleID) = (finding.policyID, finding.ruleID)
        var w = ReportWriter()
        w.jsonString(OSCALReport.line(parts: ruleID, ": ", finding.title.text(language), memo: memo))
        let titleJSON = w.bytes
        w.clear()
        w.jsonString(OSCALReport.line(ruleID, memo))
        let ruleJSON = w.bytes
        w.clear()
        let token = OSCALReport.token("\(policyID).\(ruleID)")
        w.jsonString(ids.unique(token))
        let targetJSON = w.bytes
        w.clear()
        // {"control-id":…,"description":…,"props":[policy, rule, severity],"parts":[objective, remediation]}
        w.raw("{\"control-id\":" as StaticString)
        w.jsonString(token)
        w.raw(",\"description\":" as StaticString)
        w.jsonString(
            OSCALReport.line(
                "\(d.policyLabel(policyID)) — \(d.label(.severity)): \(finding.severity.label.text(language))", memo))
        w.raw(",\"props\":[" as StaticString)
        prop("policy", OSCALReport.line(policyID, memo), into: &w)
        w.byte(0x2C)
        prop("rule", OSCALReport.line(ruleID, memo), into: &w)
        w.byte(0x2C)
        prop("severity", finding.severity.rawValue, into: &w)
        w.raw("],\"parts\":[{\"id\":" as StaticString)
        w.raw(targetJSON)
        w.raw(",\"name\":\"objective\",\"title\":" as StaticString)
        w.raw(titleJSON)
        w.byte(0x7D)
        if let remediation = remediations[policyID]?[ruleID] {
            var prose = memo.clean(remediation.text(language), keepNewlines: true).trimmingCharacters(in: .whitespacesAndNewlines)
            if !prose.isEmpty {
                w.raw(",{\"name\":\"remediation\",\"ns\":" as StaticString)
                w.jsonString(OSCALReport.namespace)
                w.raw(",\"prose\":\"" as StaticString)
                prose.withUTF8 { w.jsonContent($0) }
                w.raw("\"}" as StaticString)
            }
        }
        w.raw("]}" as StaticString)
        return Rule(
            stem: Array("\(policyID)/\(ruleID)/".utf8), titleJSON: titleJSON, ruleJSON: ruleJSON, targetJSON: targetJSON,
            objective: w.bytes)
    }

    /// `{"name":…,"ns":…,"value":…}`: a property in ictaudit's namespace.
    private static func prop(_ name: StaticString, _ value: String, into w: inout ReportWriter) {
        w.raw("{\"name\":\"" as StaticString)
        w.raw(name)
        w.raw("\",\"ns\":" as StaticString)
        w.jsonString(OSCALReport.namespace)
        w.raw(",\"value\":" as StaticString)
        w.jsonString(value)
        w.byte(0x7D)
    }

    // MARK: Per host

    /// The host of `endpoint`: made for the observations, found again for the findings.
    private mutating func enter(_ endpoint: String) -> Host {
        if next < hosts.count, hosts[next].endpoint == endpoint {
            next += 1
        } else {
            hosts.append(Self.host(endpoint, labels[endpoint] ?? d.hostLabel(endpoint: endpoint), uuids, itemUUIDs))
            next = hosts.count
        }
        host = hosts[next - 1]
        return hosts[next - 1]
    }

    /// The findings pass: the hosts are met again from the first.
    mutating func rewind() { next = 0 }

    private static func host(_ endpoint: String, _ label: String, _ uuids: NameBasedUUID.Prefixed, _ itemUUIDs: [String: String]) -> Host {
        let label = UntrustedText.clean(label)
        var w = ReportWriter()
        if let first = label.first, let last = label.last, !first.isWhitespace, !last.isWhitespace {
            var label = label
            w.byte(0x22)
            label.withUTF8 { w.jsonContent($0) }
            w.byte(0x22)
        } else {
            w.jsonString(OSCALReport.line(label))
        }
        let labelJSON = w.bytes
        w.clear()
        if let item = itemUUIDs[endpoint] {
            w.raw(",\"subjects\":[{\"subject-uuid\":" as StaticString)
            w.jsonString(item)
            w.raw(",\"type\":\"inventory-item\"}]" as StaticString)
        }
        return Host(endpoint: endpoint, uuids: uuids.appending(endpoint, "/"), labelJSON: labelJSON, subjectsJSON: w.bytes)
    }

    // MARK: Records

    /// Writes the observation of `finding`, judged on rule `ruleIndex` (from `rule(_:)`), and
    /// answers its UUID, which the finding's record (written later) names.
    mutating func observation(_ finding: Finding, rule ruleIndex: Int32, into out: inout ReportWriter) -> NameBasedUUID.Words {
        let endpoint = finding.host
        let host = endpoint == self.host?.endpoint ? self.host! : enter(endpoint)
        let rule = rules[ruleIndex]
        let uuid = host.uuids.appending(rule.stem).words("observation")
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(uuid)
        out.raw("\",\"description\":" as StaticString)
        if let message = finding.message {
            out.jsonString(OSCALReport.line(parts: finding.ruleID, ": ", message, memo: memo))
        } else {
            out.raw(rule.ruleJSON)
        }
        out.raw(",\"methods\":[\"TEST\"]" as StaticString)
        out.raw(host.subjectsJSON)
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
        return uuid
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

    /// Writes the finding's record: its rule's title, its host, the status of its rule's
    /// objective, and the observation written for it.
    mutating func finding(
        _ finding: Finding, rule ruleIndex: Int32, observation: NameBasedUUID.Words, into out: inout ReportWriter
    ) {
        let endpoint = finding.host
        let host = endpoint == self.host?.endpoint ? self.host! : enter(endpoint)
        let rule = rules[ruleIndex]
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(host.uuids.appending(rule.stem).words("finding"))
        out.raw("\",\"title\":" as StaticString)
        out.raw(rule.titleJSON)
        out.raw(",\"description\":" as StaticString)
        out.raw(host.labelJSON)
        out.raw(",\"target\":{\"type\":\"objective-id\",\"target-id\":" as StaticString)
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
