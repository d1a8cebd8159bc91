import Foundation
import InventoryModel
import Ranking

/// The report as JSON (`report.json`), for dashboards and other tools; its shape is
/// `schemas/report.v1.schema.json`, a promise that does not change when a model struct gains a
/// field.
///
/// Written as a stream (`JSONStream`) into the sink, not through `JSONEncoder`, so two million
/// findings cost no more memory than the input. Compact, one record (finding, host, unit,
/// policy, top-level member) a line, like the OSCAL document: indentation made up a third of
/// the bytes (888 MB at 2 million findings) of a file that tools read, and a line per record
/// still greps and diffs. Keys are sorted and dates are ISO 8601 in UTC, so two reports of the
/// same input are byte-identical and diff cleanly. Every key is present;
/// optional values are `null`. Host data is kept verbatim (JSON escaping is the writer's job); only
/// the HTML and Markdown renderers clean it for display. One writer per kind of record (finding,
/// host, unit, indicator, …), each a list of `field`s in key order.
public struct JSONReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .json }
    public var fileName: String { "report.json" }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        let snapshot = input.snapshot
        var j = try JSONStream(fileName, to: sink, indent: 0)
        j.beginObject()
        j.recordsOnLines()

        j.key("findings")
        j.beginArray()
        j.recordsOnLines()
        var rules = PerRule<[UInt8]>()
        var subject = FindingSubject()
        for finding in input.findings {
            j.prepareValue()
            Self.finding(finding, rule: rules.value(finding, make: Self.ruleMembers), subject: &subject, into: &j.out)
            try j.flushIfFull()
        }
        j.endArray()

        j.field("generatedAt", date: input.generatedAt)

        j.key("hosts")
        j.beginArray()
        j.recordsOnLines()
        for host in snapshot.hosts {
            self.host(host, into: &j)
            try j.flushIfFull()
        }
        j.endArray()

        j.field("language", input.language.rawValue)

        j.key("method")
        j.beginObject()
        j.field("id", input.ranking.methodID)
        localized("name", input.ranking.methodName, into: &j)
        j.endObject()

        j.key("policies")
        j.beginArray()
        j.recordsOnLines()
        for policy in input.policies {
            j.beginObject()
            j.field("id", policy.id)
            localized("title", policy.title, into: &j)
            j.endObject()
        }
        j.endArray()

        j.key("scan")
        j.beginObject()
        j.field("finishedAt", date: snapshot.finishedAt)
        j.field("id", snapshot.scanID)
        j.field("inventory", snapshot.inventoryName)
        j.field("startedAt", date: snapshot.startedAt)
        j.endObject()

        j.field("schemaVersion", 1)

        j.key("summary")
        j.beginObject()
        counts("failuresBySeverity", d.failureCountsBySeverity.map { ($0.severity.rawValue, $0.count) }, into: &j)
        j.field("findings", input.findings.count)
        counts("findingsByVerdict", d.findingCountsByVerdict.map { ($0.verdict.rawValue, $0.count) }, into: &j)
        j.field("hosts", snapshot.hosts.count)
        counts("hostsByStatus", d.hostCountsByStatus.map { ($0.status.rawValue, $0.count) }, into: &j)
        j.field("units", snapshot.units.count)
        j.endObject()

        j.field("toolVersion", input.toolVersion)

        j.key("units")
        j.beginArray()
        j.recordsOnLines()
        for unit in input.ranking.units {
            self.unit(unit, scale: input.ranking.scale, into: &j)
            try j.flushIfFull()
        }
        j.endArray()

        j.endObject()
        try j.finish()
    }

    private func localized(_ name: StaticString, _ text: LocalizedText, into j: inout JSONStream) {
        j.key(name)
        j.beginObject()
        j.field("en", text.en)
        j.field("vi", text.vi)
        j.endObject()
    }

    private func counts(_ name: StaticString, _ pairs: [(String, Int)], into j: inout JSONStream) {
        j.key(name)
        j.beginObject()
        for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
            j.key(text: key)
            j.int(value)
        }
        j.endObject()
    }

    /// The members of a finding its host decides, escaped once per host: findings come host by
    /// host, and their subject (host, unit) is shared.
    private struct FindingSubject {
        var host = ""
        var unit = ""
        /// `,"host":"…","message":`
        var hostJSON: [UInt8] = []
        /// `,"unit":"…","verdict":"`
        var unitJSON: [UInt8] = []

        mutating func enter(_ finding: Finding) {
            host = finding.host
            unit = finding.unit
            var w = ReportWriter()
            w.raw(",\"host\":" as StaticString)
            w.jsonString(host)
            w.raw(",\"message\":" as StaticString)
            hostJSON = w.bytes
            w.clear()
            w.raw(",\"unit\":" as StaticString)
            w.jsonString(unit)
            w.raw(",\"verdict\":\"" as StaticString)
            unitJSON = w.bytes
        }
    }

    /// One finding as `JSONStream` would write it inside `findings`, from bytes: the members its
    /// rule decides (`ruleMembers`) are made once per rule and those its host decides once per
    /// host, so a finding costs its message, its evidence and its verdict.
    private static func finding(_ finding: Finding, rule: [UInt8], subject: inout FindingSubject, into out: inout ReportWriter) {
        if finding.host != subject.host || finding.unit != subject.unit { subject.enter(finding) }
        out.raw("{\"evidence\":[" as StaticString)
        var first = true
        for item in finding.citedEvidence {
            out.raw(first ? "{\"path\":" as StaticString : ",{\"path\":")
            first = false
            out.jsonString(item.path)
            out.raw(",\"value\":" as StaticString)
            out.jsonString(item.value)
            out.byte(0x7D)
        }
        out.byte(0x5D)
        out.raw(subject.hostJSON)
        if let message = finding.message { out.jsonString(message) } else { out.raw("null" as StaticString) }
        out.raw(rule)
        out.raw(subject.unitJSON)
        out.raw(finding.verdict.rawValue)
        out.raw("\"}" as StaticString)
    }

    /// `,"policy" … "title":{…}`: the members of a finding its rule decides, in key order.
    private static func ruleMembers(_ finding: Finding) -> [UInt8] {
        var w = ReportWriter()
        w.raw(",\"policy\":" as StaticString)
        w.jsonString(finding.policyID)
        w.raw(",\"rule\":" as StaticString)
        w.jsonString(finding.ruleID)
        w.raw(",\"severity\":" as StaticString)
        w.jsonString(finding.severity.rawValue)
        w.raw(",\"title\":{\"en\":" as StaticString)
        w.jsonString(finding.title.en)
        w.raw(",\"vi\":" as StaticString)
        w.jsonString(finding.title.vi)
        w.byte(0x7D)
        return w.bytes
    }

    private func host(_ host: HostScan, into j: inout JSONStream) {
        j.beginObject()
        j.field("address", host.target.address)
        j.key("antivirus")
        j.beginArray()
        for av in host.facts?.antivirus ?? [] {
            j.beginObject()
            j.field("installed", av.installed)
            j.field("licenseExpiry", date: av.licenseExpiry)
            j.field("product", av.product)
            j.field("realTimeProtection", av.realTimeProtection)
            j.field("running", av.running)
            j.field("signatureAgeDays", av.signatureDate.map { host.startedAt.timeIntervalSince($0) / 86_400 })
            j.field("signatureDate", date: av.signatureDate)
            j.field("version", av.version)
            j.endObject()
        }
        j.endArray()
        j.field("hostKeyFingerprint", host.hostKeyFingerprint)
        j.field("hostname", host.facts?.hostname)
        j.field("message", host.message)
        j.field("name", host.target.name)
        j.key("os")
        if let os = host.facts?.os {
            j.beginObject()
            j.field("family", os.family)
            j.field("id", os.id)
            j.field("name", os.name)
            j.field("prettyName", os.prettyName)
            j.field("versionId", os.versionID)
            j.endObject()
        } else {
            j.null()
        }
        j.field("port", host.target.port)
        j.field("sshBanner", host.serverBanner)
        j.field("startedAt", date: host.startedAt)
        j.field("status", host.status.rawValue)
        j.field("unit", host.target.unit)
        j.endObject()
    }

    private func indicator(_ indicator: IndicatorScore, into j: inout JSONStream) {
        j.beginObject()
        j.field("contribution", indicator.contribution)
        localized("explanation", indicator.explanation, into: &j)
        j.field("hasData", indicator.hasData)
        j.field("id", indicator.id)
        localized("label", indicator.label, into: &j)
        j.field("normalised", indicator.normalised)
        j.field("raw", indicator.raw)
        j.field("source", indicator.source.rawValue)
        j.field("weight", indicator.weight)
        j.endObject()
    }

    private func unit(_ unit: UnitScore, scale: Double, into j: inout JSONStream) {
        j.beginObject()
        j.field("id", unit.unitID)
        j.key("indicators")
        j.beginArray()
        for indicator in unit.indicators { self.indicator(indicator, into: &j) }
        j.endArray()
        localized("name", unit.unitName, into: &j)
        j.field("rank", unit.rank)
        j.field("scaledScore", unit.score * scale)
        j.field("score", unit.score)
        j.key("tier")
        if let tier = unit.tier {
            j.beginObject()
            j.field("id", tier.id)
            localized("label", tier.label, into: &j)
            j.field("minimum", tier.minimum)
            j.endObject()
        } else {
            j.null()
        }
        j.endObject()
    }
}
