import Foundation
import InventoryModel
import Ranking

/// The report as JSON (`report.json`), for dashboards and other tools; its shape is
/// `schemas/report.v1.schema.json`, a promise that does not change when a model struct gains a
/// field.
///
/// Written as a stream (`JSONStream`) into the sink, not through `JSONEncoder`, so two million
/// findings cost no more memory than the input. Keys are sorted and dates are ISO 8601 in UTC, so
/// two reports of the same input are byte-identical and diff cleanly. Every key is present;
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
        var j = try JSONStream(fileName, to: sink)
        j.beginObject()

        j.key("findings")
        j.beginArray()
        var rules = PerRule<[UInt8]>()
        for finding in input.findings {
            j.prepareValue()
            Self.finding(finding, rule: rules.value(finding, make: Self.ruleMembers), into: &j.out)
            try j.flushIfFull()
        }
        j.endArray()

        j.field("generatedAt", date: input.generatedAt)

        j.key("hosts")
        j.beginArray()
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

    /// One finding as `JSONStream` would print it inside `findings` (members six spaces in),
    /// from bytes: the members its rule decides (`ruleMembers`) are made once per rule, so a
    /// finding costs its host, unit, message and evidence.
    private static func finding(_ finding: Finding, rule: [UInt8], into out: inout ReportWriter) {
        out.raw("{\n      \"evidence\" : " as StaticString)
        let evidence = finding.citedEvidence
        if evidence.isEmpty {
            out.raw("[]" as StaticString)
        } else {
            var first = true
            for item in evidence {
                out.raw(first ? "[\n        {\n          \"path\" : " as StaticString : ",\n        {\n          \"path\" : ")
                first = false
                out.jsonString(item.path)
                out.raw(",\n          \"value\" : " as StaticString)
                out.jsonString(item.value)
                out.raw("\n        }" as StaticString)
            }
            out.raw("\n      ]" as StaticString)
        }
        out.raw(",\n      \"host\" : " as StaticString)
        out.jsonString(finding.host)
        out.raw(",\n      \"message\" : " as StaticString)
        if let message = finding.message { out.jsonString(message) } else { out.raw("null" as StaticString) }
        out.raw(rule)
        out.raw(",\n      \"unit\" : " as StaticString)
        out.jsonString(finding.unit)
        out.raw(",\n      \"verdict\" : " as StaticString)
        out.jsonString(finding.verdict.rawValue)
        out.raw("\n    }" as StaticString)
    }

    /// `,"policy" … "title" : {…}`: the members of a finding its rule decides, in key order.
    private static func ruleMembers(_ finding: Finding) -> [UInt8] {
        var w = ReportWriter()
        w.raw(",\n      \"policy\" : " as StaticString)
        w.jsonString(finding.policyID)
        w.raw(",\n      \"rule\" : " as StaticString)
        w.jsonString(finding.ruleID)
        w.raw(",\n      \"severity\" : " as StaticString)
        w.jsonString(finding.severity.rawValue)
        w.raw(",\n      \"title\" : {\n        \"en\" : " as StaticString)
        w.jsonString(finding.title.en)
        w.raw(",\n        \"vi\" : " as StaticString)
        w.jsonString(finding.title.vi)
        w.raw("\n      }" as StaticString)
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
