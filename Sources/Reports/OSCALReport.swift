import Foundation
import InventoryModel

/// The findings as a NIST OSCAL assessment-results document (`report.oscal.json`, OSCAL 1.2.1).
///
/// Each judged rule is described once, as an objective of the document's `local-definitions`
/// (`objectives-and-methods`: its policy, rule id, severity, title and remediation). Each scanned
/// host is an inventory item; each judged rule on a host is an observation (method TEST, what the
/// check said, the host as subject, the evidence items as relevant evidence) and a finding whose
/// target is the rule's objective, `satisfied` when it passed and `not-satisfied` with a reason
/// (`fail`, `error`, `waived`) otherwise. Not-applicable rules were not assessed and are left
/// out. UUIDs are name-based (v5) on the scan, host and rule, so the same input gives the same
/// document.
public struct OSCALReport: TextReportRenderer {
    public init() {}

    public static let oscalVersion = "1.2.1"
    static let namespace = "https://github.com/ictaudit/ictaudit/ns/oscal"

    public var format: ReportFormat { .oscal }
    public var fileName: String { "report.oscal.json" }

    /// Streamed into the sink, not built as a tree: a ministry's audit has millions of
    /// observations and findings. The document is compact JSON with one record (objective,
    /// inventory item, observation, finding) a line: indentation more than doubled the bytes (3.5 GB pretty
    /// printed at 2 million findings) for a file that tools, not people, read. What a rule's
    /// findings share is said once, in its objective; each record is written from bytes made once
    /// per rule and per host (`OSCALRecords`); only the UUIDs and the evidence are made per
    /// finding.
    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        let snapshot = input.snapshot
        var j = try JSONStream(fileName, to: sink, indent: 0)
        let uuids = NameBasedUUID.Prefixed(prefix: Self.scanKey(snapshot) + "/")

        // Each host once, by index: a `HostScan` copied is some thirty references retained.
        let hosts = snapshot.hosts
        var itemUUIDs: [String: String] = [:]
        var labels: [String: String] = [:]
        itemUUIDs.reserveCapacity(hosts.count)
        labels.reserveCapacity(hosts.count)
        var items: [Int] = []
        for index in hosts.indices {
            let endpoint = hosts[index].target.endpoint
            guard itemUUIDs[endpoint] == nil else { continue }
            itemUUIDs[endpoint] = uuids.appending("host/", endpoint).string("")
            labels[endpoint] = d.hostLabel(hosts[index])
            items.append(index)
        }
        var records = OSCALRecords(d, uuids: uuids, itemUUIDs: itemUUIDs, labels: labels, collected: Self.format(snapshot.startedAt))
        // Findings read in place: a `Finding` copied is three references retained, six million
        // times over the three passes.
        try input.findings.withUnsafeBufferPointer { findings in
            records.prepare(findings)
            try write(input, d, records: &records, findings, items: items, itemUUIDs: itemUUIDs, labels: labels, into: &j)
        }
        try j.finish()
    }

    private func write(
        _ input: ReportInput, _ d: ReportDigest, records: inout OSCALRecords, _ findings: UnsafeBufferPointer<Finding>, items: [Int],
        itemUUIDs: [String: String], labels: [String: String], into j: inout JSONStream
    ) throws {
        let snapshot = input.snapshot
        let hosts = snapshot.hosts
        let scanKey = Self.scanKey(snapshot)
        let memo = CleanedTexts()
        j.beginObject()
        j.key("assessment-results")
        j.beginObject()
        j.key("uuid")
        j.string(NameBasedUUID.make("\(scanKey)/assessment-results"))
        j.key("metadata")
        j.beginObject()
        j.key("title")
        j.string(Self.line(d.title))
        j.key("last-modified")
        j.string(Self.format(input.generatedAt))
        j.key("version")
        j.string(Self.line(input.toolVersion))
        j.key("oscal-version")
        j.string(Self.oscalVersion)
        j.key("remarks")
        j.string(Self.line("ictaudit \(input.toolVersion); \(d.label(.rankingMethod)): \(d.rankingMethodLabel)"))
        j.endObject()
        j.key("import-ap")
        j.beginObject()
        j.key("href")
        j.string("#assessment-plan")
        j.endObject()
        if records.ruleCount > 0 {
            j.key("local-definitions")
            j.beginObject()
            j.key("objectives-and-methods")
            j.beginArray()
            j.recordsOnLines()
            for rule in 0..<Int32(records.ruleCount) {
                j.prepareValue()
                records.objective(rule, into: &j.out)
                try j.flushIfFull()
            }
            j.endArray()
            j.endObject()
        }
        j.key("results")
        j.beginArray()
        j.beginObject()
        j.key("uuid")
        j.string(NameBasedUUID.make("\(scanKey)/result"))
        j.key("title")
        j.string(Self.line(d.title))
        j.key("description")
        j.string(Self.line("\(d.label(.scan)) \(d.scanLabel); \(d.label(.policies)): \(d.policiesLabel)"))
        j.key("start")
        j.string(Self.format(snapshot.startedAt))
        j.key("end")
        j.string(Self.format(snapshot.finishedAt))
        if !items.isEmpty {
            j.key("local-definitions")
            j.beginObject()
            j.key("inventory-items")
            j.beginArray()
            j.recordsOnLines()
            for index in items {
                let endpoint = hosts[index].target.endpoint
                inventoryItem(hosts[index], uuid: itemUUIDs[endpoint]!, label: labels[endpoint]!, d, memo, into: &j)
                try j.flushIfFull()
            }
            j.endArray()
            j.endObject()
        }
        j.key("reviewed-controls")
        j.beginObject()
        j.key("control-selections")
        j.beginArray()
        j.beginObject()
        j.key("include-all")
        j.beginObject()
        j.endObject()
        j.endObject()
        j.endArray()
        j.endObject()
        if records.judged > 0 {
            // Each finding names its observation: the observations' UUIDs are kept (16 bytes
            // each) for the findings written after them.
            var observationUUIDs: [NameBasedUUID.Words] = []
            observationUUIDs.reserveCapacity(records.judged)
            j.key("observations")
            j.beginArray()
            j.recordsOnLines()
            var judged = 0
            for index in findings.indices where findings[index].verdict != .notApplicable {
                j.prepareValue()
                observationUUIDs.append(records.observation(findings[index], at: judged, into: &j.out))
                judged += 1
                try j.flushIfFull()
            }
            j.endArray()
            j.key("findings")
            j.beginArray()
            j.recordsOnLines()
            records.rewind()
            judged = 0
            for index in findings.indices where findings[index].verdict != .notApplicable {
                j.prepareValue()
                records.finding(findings[index], at: judged, observation: observationUUIDs[judged], into: &j.out)
                judged += 1
                try j.flushIfFull()
            }
            j.endArray()
        }
        j.endObject()
        j.endArray()
        j.endObject()
        j.endObject()
    }

    /// What every UUID of the document is named after: the inventory, the scan and its start.
    private static func scanKey(_ snapshot: InventorySnapshot) -> String {
        "\(snapshot.inventoryName)#\(snapshot.scanID.map(String.init) ?? "unsaved")@\(snapshot.startedAt.timeIntervalSince1970)"
    }

    private func inventoryItem(
        _ host: borrowing HostScan, uuid: String, label: String, _ d: ReportDigest, _ memo: CleanedTexts, into j: inout JSONStream
    ) {
        j.beginObject()
        j.key("uuid")
        j.string(uuid)
        j.key("description")
        j.string(Self.line(label))
        j.key("props")
        j.beginArray()
        prop("asset-id", Self.line(host.target.endpoint), into: &j)
        // `utf8.contains`: `String.contains(String)` goes through Foundation, per host.
        prop(host.target.address.utf8.contains(0x3A) ? "ipv6-address" : "ipv4-address", Self.line(host.target.address), into: &j)
        if let os = host.facts?.os { prop("software-name", Self.line(os.prettyName ?? os.id), into: &j) }
        j.endArray()
        j.key("remarks")
        // Remembered: the same few texts (unit × status) repeat for every host.
        j.string(Self.line("\(d.label(.unit)): \(d.unitName(host.target.unit)); \(d.label(.status)): \(d.statusText(host))", memo))
        j.endObject()
    }

    private func prop(_ name: StaticString, _ value: String, into j: inout JSONStream) {
        j.beginObject()
        j.key("name")
        j.plain(name)
        j.key("value")
        j.string(value)
        j.endObject()
    }

    static func dateTime(_ date: Date) -> String { format(date) }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// OSCAL strings have no leading or trailing space and are never empty; markup-line text has
    /// no line breaks. Host text is cleaned of controls and bidi overrides first.
    /// `line` of the parts joined, each part cleaned on its own: a description names the host,
    /// so cleaning it whole would normalise (and remember) a new string for every finding. Equal
    /// to cleaning the whole, since each part after the first follows a separator ending in a space.
    static func line(parts: String..., memo: CleanedTexts) -> String {
        var cleaned = ""
        for part in parts { cleaned += memo.clean(part) }
        return trimmed(cleaned)
    }

    static func line(_ text: String, _ memo: CleanedTexts? = nil) -> String {
        trimmed(memo?.clean(text) ?? UntrustedText.clean(text))
    }

    /// Without space at either end; "—" for nothing. An end that is a printable ASCII byte other
    /// than space needs no look at its `Character` (the Unicode property tables, per host).
    private static func trimmed(_ text: String) -> String {
        let utf8 = text.utf8
        guard let first = utf8.first, let last = utf8.last else { return "—" }
        if first > 0x20, first < 0x7F, last > 0x20, last < 0x7F { return text }
        guard text.first?.isWhitespace == true || text.last?.isWhitespace == true else { return text }
        let cleaned = text.trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? "—" : cleaned
    }

    /// An OSCAL token: a letter or `_` first, then letters, digits, `.`, `-`, `_`.
    static func token(_ text: String) -> String {
        // Rule ids are nearly always tokens already: ASCII letters, digits, `.`, `-`, `_`.
        let utf8 = text.utf8
        if let first = utf8.first, (first | 0x20) >= 0x61 && (first | 0x20) <= 0x7A || first == 0x5F,
            utf8.allSatisfy({ ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A || $0 >= 0x30 && $0 <= 0x39 || $0 == 0x2E || $0 == 0x2D || $0 == 0x5F })
        {
            return text
        }
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let ok = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_"
            out.append(ok ? scalar : "_")
        }
        if let first = out.first, !(first.properties.isAlphabetic || first == "_") { out.insert("_", at: out.startIndex) }
        return out.isEmpty ? "_" : String(out)
    }
}
