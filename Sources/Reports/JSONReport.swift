import Foundation
import InventoryModel
import Ranking

/// The report as JSON (`report.json`), for dashboards and other tools; its shape is
/// `schemas/report.v1.schema.json`, a promise that does not change when a model struct gains a
/// field.
///
/// Written as a stream (`JSONStream`), not through `JSONEncoder`, so two million findings cost
/// little more memory than the output. Keys are sorted and dates are ISO 8601 in UTC, so two
/// reports of the same input are byte-identical and diff cleanly. Every key is present; optional
/// values are `null`. Host data is kept verbatim (JSON escaping is the writer's job); only the
/// HTML and Markdown renderers clean it for display.
public struct JSONReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .json }
    public var fileName: String { "report.json" }

    public func files(for input: ReportInput) throws -> [ReportFile] {
        [ReportFile(name: fileName, data: document(input).data)]
    }

    public func render(_ input: ReportInput) throws -> String {
        String(decoding: document(input).data, as: UTF8.self)
    }

    private func document(_ input: ReportInput) -> JSONStream {
        let d = ReportDigest(input)
        let snapshot = input.snapshot
        var j = JSONStream(capacity: 4_096 + input.findings.count * 320 + snapshot.hosts.count * 600)
        j.beginObject()

        j.key("findings")
        j.beginArray()
        for finding in input.findings { self.finding(finding, into: &j) }
        j.endArray()

        j.key("generatedAt")
        j.date(input.generatedAt)

        j.key("hosts")
        j.beginArray()
        for host in snapshot.hosts { self.host(host, into: &j) }
        j.endArray()

        j.key("language")
        j.string(input.language.rawValue)

        j.key("method")
        j.beginObject()
        j.key("id")
        j.string(input.ranking.methodID)
        j.key("name")
        localized(input.ranking.methodName, into: &j)
        j.endObject()

        j.key("policies")
        j.beginArray()
        for policy in input.policies {
            j.beginObject()
            j.key("id")
            j.string(policy.id)
            j.key("title")
            localized(policy.title, into: &j)
            j.endObject()
        }
        j.endArray()

        j.key("scan")
        j.beginObject()
        j.key("finishedAt")
        j.date(snapshot.finishedAt)
        j.key("id")
        j.int(snapshot.scanID)
        j.key("inventory")
        j.string(snapshot.inventoryName)
        j.key("startedAt")
        j.date(snapshot.startedAt)
        j.endObject()

        j.key("schemaVersion")
        j.int(1)

        j.key("summary")
        j.beginObject()
        counts(d.failureCountsBySeverity.map { ($0.severity.rawValue, $0.count) }, "failuresBySeverity", into: &j)
        j.key("findings")
        j.int(input.findings.count)
        counts(d.findingCountsByVerdict.map { ($0.verdict.rawValue, $0.count) }, "findingsByVerdict", into: &j)
        j.key("hosts")
        j.int(snapshot.hosts.count)
        counts(d.hostCountsByStatus.map { ($0.status.rawValue, $0.count) }, "hostsByStatus", into: &j)
        j.key("units")
        j.int(snapshot.units.count)
        j.endObject()

        j.key("toolVersion")
        j.string(input.toolVersion)

        j.key("units")
        j.beginArray()
        for unit in input.ranking.units { self.unit(unit, scale: input.ranking.scale, into: &j) }
        j.endArray()

        j.endObject()
        return j
    }

    private func localized(_ text: LocalizedText, into j: inout JSONStream) {
        j.beginObject()
        j.key("en")
        j.string(text.en)
        j.key("vi")
        j.string(text.vi)
        j.endObject()
    }

    private func counts(_ pairs: [(String, Int)], _ name: String, into j: inout JSONStream) {
        j.key(name)
        j.beginObject()
        for (key, value) in pairs.sorted(by: { $0.0 < $1.0 }) {
            j.key(key)
            j.int(value)
        }
        j.endObject()
    }

    private func finding(_ finding: Finding, into j: inout JSONStream) {
        j.beginObject()
        j.key("evidence")
        j.beginArray()
        for item in finding.evidence {
            j.beginObject()
            j.key("path")
            j.string(item.path)
            j.key("value")
            j.string(item.value)
            j.endObject()
        }
        j.endArray()
        j.key("host")
        j.string(finding.host)
        j.key("message")
        j.string(finding.message)
        j.key("policy")
        j.string(finding.policyID)
        j.key("rule")
        j.string(finding.ruleID)
        j.key("severity")
        j.string(finding.severity.rawValue)
        j.key("title")
        localized(finding.title, into: &j)
        j.key("unit")
        j.string(finding.unit)
        j.key("verdict")
        j.string(finding.verdict.rawValue)
        j.endObject()
    }

    private func host(_ host: HostScan, into j: inout JSONStream) {
        j.beginObject()
        j.key("address")
        j.string(host.target.address)
        j.key("antivirus")
        j.beginArray()
        for av in host.facts?.antivirus ?? [] {
            j.beginObject()
            j.key("installed")
            j.bool(av.installed)
            j.key("licenseExpiry")
            j.date(av.licenseExpiry)
            j.key("product")
            j.string(av.product)
            j.key("realTimeProtection")
            j.bool(av.realTimeProtection)
            j.key("running")
            j.bool(av.running)
            j.key("signatureAgeDays")
            j.number(av.signatureDate.map { host.startedAt.timeIntervalSince($0) / 86_400 })
            j.key("signatureDate")
            j.date(av.signatureDate)
            j.key("version")
            j.string(av.version)
            j.endObject()
        }
        j.endArray()
        j.key("hostKeyFingerprint")
        j.string(host.hostKeyFingerprint)
        j.key("hostname")
        j.string(host.facts?.hostname)
        j.key("message")
        j.string(host.message)
        j.key("name")
        j.string(host.target.name)
        j.key("os")
        if let os = host.facts?.os {
            j.beginObject()
            j.key("family")
            j.string(os.family)
            j.key("id")
            j.string(os.id)
            j.key("name")
            j.string(os.name)
            j.key("prettyName")
            j.string(os.prettyName)
            j.key("versionId")
            j.string(os.versionID)
            j.endObject()
        } else {
            j.null()
        }
        j.key("port")
        j.int(host.target.port)
        j.key("sshBanner")
        j.string(host.serverBanner)
        j.key("startedAt")
        j.date(host.startedAt)
        j.key("status")
        j.string(host.status.rawValue)
        j.key("unit")
        j.string(host.target.unit)
        j.endObject()
    }

    private func unit(_ unit: UnitScore, scale: Double, into j: inout JSONStream) {
        j.beginObject()
        j.key("id")
        j.string(unit.unitID)
        j.key("indicators")
        j.beginArray()
        for indicator in unit.indicators {
            j.beginObject()
            j.key("contribution")
            j.number(indicator.contribution)
            j.key("explanation")
            localized(indicator.explanation, into: &j)
            j.key("hasData")
            j.bool(indicator.hasData)
            j.key("id")
            j.string(indicator.id)
            j.key("label")
            localized(indicator.label, into: &j)
            j.key("normalised")
            j.number(indicator.normalised)
            j.key("raw")
            j.number(indicator.raw)
            j.key("source")
            j.string(indicator.source.rawValue)
            j.key("weight")
            j.number(indicator.weight)
            j.endObject()
        }
        j.endArray()
        j.key("name")
        localized(unit.unitName, into: &j)
        j.key("rank")
        j.int(unit.rank)
        j.key("scaledScore")
        j.number(unit.score * scale)
        j.key("score")
        j.number(unit.score)
        j.key("tier")
        if let tier = unit.tier {
            j.beginObject()
            j.key("id")
            j.string(tier.id)
            j.key("label")
            localized(tier.label, into: &j)
            j.key("minimum")
            j.number(tier.minimum)
            j.endObject()
        } else {
            j.null()
        }
        j.endObject()
    }
}
