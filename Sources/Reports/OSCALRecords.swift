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

    /// The bytes every record is written from, made before the first record and not changed
    /// after (`prepare`): one allocation, read through a pointer, so writing a record retains
    /// and releases nothing of them.
    private final class Arena {
        private(set) var bytes: [UInt8] = []
        private var frozen: UnsafeMutableRawBufferPointer?

        func add(_ piece: [UInt8]) -> Slice {
            precondition(frozen == nil, "the arena is read-only once frozen")
            defer { bytes.append(contentsOf: piece) }
            return Slice(offset: Int32(bytes.count), count: Int32(piece.count))
        }

        /// The bytes' final place; `add` is over.
        func freeze() -> UnsafeRawPointer {
            let buffer = UnsafeMutableRawBufferPointer.allocate(byteCount: max(1, bytes.count), alignment: 8)
            bytes.withUnsafeBytes { buffer.copyMemory(from: $0) }
            frozen = buffer
            bytes = []
            return UnsafeRawPointer(buffer.baseAddress!)
        }

        deinit { frozen?.deallocate() }
    }

    /// Where a piece lies in the arena.
    private struct Slice {
        let offset: Int32
        let count: Int32
    }

    /// What a rule's records share, escaped for JSON.
    private struct Rule {
        /// `policy/rule/observation` and `policy/rule/finding`: what the records' UUID names add
        /// to their host's.
        let observationName: Slice
        let findingName: Slice
        /// `"rule: title"` with its quotes: the finding's title.
        let title: Slice
        /// `"rule"` with its quotes: an observation's description when the check said nothing.
        let ruleID: Slice
        /// `"policy.rule"`: the objective part's id, which findings target, with its quotes.
        let target: Slice
        /// The objective record of `local-definitions`.
        let objective: Slice
    }

    /// What a host's records share: its UUIDs' SHA-1 state, its label (a finding's description)
    /// and `,"subjects":[…]` naming its inventory item (nothing for a host not scanned).
    private struct Host {
        let uuids: NameBasedUUID.Prefixed
        let label: Slice
        let subjects: Slice
    }

    private let arena = Arena()
    private var base: UnsafeRawPointer?
    /// `,"collected":"…"}`: the end of every observation.
    private let collected: Slice

    private var ruleIndexes = PerRule<Void>()
    private var rules: [Rule] = []
    /// The rule of each judged finding, in order.
    private var findingRules: [Int32] = []
    /// Rules seen; their indexes are 0..<ruleCount in the order first seen.
    var ruleCount: Int { rules.count }
    /// Judged findings (verdict other than not applicable).
    var judged: Int { findingRules.count }

    /// The rules of the first host's findings in their order, and where the current host is in
    /// it: the evaluator judges every host on the same rules in the same order, so the next
    /// finding's rule is nearly always the next of this cycle, found without hashing.
    private var cycle: [(identity: ObjectIdentifier, index: Int32)] = []
    private var cycleDone = false
    private var position = 0

    /// The runs of judged findings on one host: where each starts (its judged index) and its host.
    private var runs: [(start: Int, host: Host)] = []
    private var run = -1
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
        self.collected = arena.add(w.bytes)
        var remediations: [String: [String: LocalizedText]] = [:]
        for policy in d.input.policies where remediations[policy.id] == nil { remediations[policy.id] = policy.remediations }
        self.remediations = remediations
    }

    // MARK: Before the first record

    /// Finds every judged finding's rule and host and makes their bytes: the objectives come
    /// first in the document, and each record after them is copies of these bytes, its UUIDs and
    /// its evidence.
    mutating func prepare(_ findings: UnsafeBufferPointer<Finding>) {
        var lastSubject: ObjectIdentifier?
        var lastEndpoint: String?
        for index in findings.indices where findings[index].verdict != .notApplicable {
            findingRules.append(rule(findings[index]))
            // Findings come host by host and share their host's subject: the endpoint is compared
            // only when the subject changes (findings decoded from a store have one each).
            let subject = findings[index].evidenceKey.subject
            guard subject != lastSubject else { continue }
            lastSubject = subject
            let endpoint = findings[index].host
            guard endpoint != lastEndpoint else { continue }
            lastEndpoint = endpoint
            runs.append((findingRules.count - 1, host(endpoint)))
        }
        base = arena.freeze()
    }

    private mutating func rule(_ finding: Finding) -> Int32 {
        let identity = finding.ruleIdentity
        if position < cycle.count, cycle[position].identity == identity {
            position += 1
            return cycle[position - 1].index
        }
        if cycleDone, let first = cycle.first, first.identity == identity {
            position = 1
            return first.index
        }
        let index = ruleIndexes.index(finding) { _ in () }
        if Int(index) == rules.count {
            let (d, memo, remediations, ids) = (d, memo, remediations, objectiveIDs)
            let bytes = Self.rule(finding, d, memo, remediations, ids)
            rules.append(
                Rule(
                    observationName: arena.add(bytes.stem + Array("observation".utf8)),
                    findingName: arena.add(bytes.stem + Array("finding".utf8)), title: arena.add(bytes.title), ruleID: arena.add(bytes.ruleID),
                    target: arena.add(bytes.target), objective: arena.add(bytes.objective)))
        }
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

    private static func rule(
        _ finding: Finding, _ d: ReportDigest, _ memo: CleanedTexts, _ remediations: [String: [String: LocalizedText]],
        _ ids: ObjectiveIDs
    ) -> (stem: [UInt8], title: [UInt8], ruleID: [UInt8], target: [UInt8], objective: [UInt8]) {
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
        return (Array("\(policyID)/\(ruleID)/".utf8), titleJSON, ruleJSON, targetJSON, w.bytes)
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

    private mutating func host(_ endpoint: String) -> Host {
        var w = ReportWriter()
        w.jsonString(OSCALReport.line(labels[endpoint] ?? d.hostLabel(endpoint: endpoint)))
        let label = arena.add(w.bytes)
        w.clear()
        if let item = itemUUIDs[endpoint] {
            w.raw(",\"subjects\":[{\"subject-uuid\":" as StaticString)
            w.jsonString(item)
            w.raw(",\"type\":\"inventory-item\"}]" as StaticString)
        }
        return Host(uuids: uuids.appending(endpoint, "/"), label: label, subjects: arena.add(w.bytes))
    }

    // MARK: Records

    /// Writes objective `index`.
    func objective(_ index: Int32, into out: inout ReportWriter) {
        write(rules[Int(index)].objective, into: &out)
    }

    @inline(__always)
    private func write(_ slice: Slice, into out: inout ReportWriter) {
        out.raw(bytes(slice))
    }

    @inline(__always)
    private func bytes(_ slice: Slice) -> UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: base!.advanced(by: Int(slice.offset)).assumingMemoryBound(to: UInt8.self), count: Int(slice.count))
    }

    /// The host of judged finding `index` (records come in the order `prepare` saw them).
    @inline(__always)
    private mutating func host(at index: Int) -> Host {
        if run + 1 < runs.count, runs[run + 1].start == index {
            run += 1
            host = runs[run].host
        }
        return host!
    }

    /// The findings pass meets the hosts again from the first.
    mutating func rewind() {
        run = -1
        host = nil
    }

    /// Writes the observation of `finding`, judged finding `index`, and answers its UUID, which
    /// the finding's record (written later) names.
    mutating func observation(_ finding: Finding, at index: Int, into out: inout ReportWriter) -> NameBasedUUID.Words {
        let host = host(at: index)
        let rule = rules[Int(findingRules[index])]
        let uuid = host.uuids.words(bytes(rule.observationName))
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(uuid)
        out.raw("\",\"description\":" as StaticString)
        if let message = finding.message {
            out.jsonString(OSCALReport.line(parts: finding.ruleID, ": ", message, memo: memo))
        } else {
            write(rule.ruleID, into: &out)
        }
        out.raw(",\"methods\":[\"TEST\"]" as StaticString)
        write(host.subjects, into: &out)
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
        write(collected, into: &out)
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

    /// Writes the record of `finding`, judged finding `index`: its rule's title, its host, the
    /// status of its rule's objective, and the observation written for it.
    mutating func finding(_ finding: Finding, at index: Int, observation: NameBasedUUID.Words, into out: inout ReportWriter) {
        let host = host(at: index)
        let rule = rules[Int(findingRules[index])]
        out.raw("{\"uuid\":\"" as StaticString)
        out.uuid(host.uuids.words(bytes(rule.findingName)))
        out.raw("\",\"title\":" as StaticString)
        write(rule.title, into: &out)
        out.raw(",\"description\":" as StaticString)
        write(host.label, into: &out)
        out.raw(",\"target\":{\"type\":\"objective-id\",\"target-id\":" as StaticString)
        write(rule.target, into: &out)
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
