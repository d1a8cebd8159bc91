import Foundation
import InventoryModel
import Ranking

/// The shape of `report.json`. Its own types, not the model's, so the file format is a promise
/// that does not change when a model struct gains a field.
///
/// Optional fields are written as `null` rather than left out, so consumers can rely on every key.
/// Host data is kept verbatim (JSON escaping is the encoder's job); only the HTML and Markdown
/// renderers clean it for display.
struct JSONReportDocument: Encodable {
    struct Scan: Encodable {
        var id: Int64?
        var inventory: String
        var startedAt: Date
        var finishedAt: Date

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(inventory, forKey: .inventory)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(finishedAt, forKey: .finishedAt)
        }

        enum CodingKeys: String, CodingKey { case id, inventory, startedAt, finishedAt }
    }

    struct Method: Encodable {
        var id: String
        var name: LocalizedText
    }

    struct Summary: Encodable {
        var units: Int
        var hosts: Int
        var findings: Int
        var hostsByStatus: [String: Int]
        var findingsByVerdict: [String: Int]
        var failuresBySeverity: [String: Int]
    }

    struct UnitEntry: Encodable {
        var id: String
        var name: LocalizedText
        /// In [0, 1], at full precision; `scaledScore` is on the method's display scale.
        var score: Double
        var scaledScore: Double
        var rank: Int
        var tier: Tier?
        var indicators: [IndicatorScore]
    }

    struct OS: Encodable {
        var id: String
        var name: String?
        var prettyName: String?
        var versionId: String?
        var family: String

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(id, forKey: .id)
            try c.encode(name, forKey: .name)
            try c.encode(prettyName, forKey: .prettyName)
            try c.encode(versionId, forKey: .versionId)
            try c.encode(family, forKey: .family)
        }

        enum CodingKeys: String, CodingKey { case id, name, prettyName, versionId, family }
    }

    struct AntivirusEntry: Encodable {
        var product: String
        var version: String?
        var installed: Bool
        var running: Bool?
        var realTimeProtection: Bool?
        var signatureDate: Date?
        /// At the host's scan start, as rules and the ranking measure it.
        var signatureAgeDays: Double?
        var licenseExpiry: Date?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(product, forKey: .product)
            try c.encode(version, forKey: .version)
            try c.encode(installed, forKey: .installed)
            try c.encode(running, forKey: .running)
            try c.encode(realTimeProtection, forKey: .realTimeProtection)
            try c.encode(signatureDate, forKey: .signatureDate)
            try c.encode(signatureAgeDays, forKey: .signatureAgeDays)
            try c.encode(licenseExpiry, forKey: .licenseExpiry)
        }

        enum CodingKeys: String, CodingKey {
            case product, version, installed, running, realTimeProtection, signatureDate,
                signatureAgeDays, licenseExpiry
        }
    }

    struct Host: Encodable {
        var address: String
        var port: Int
        var name: String?
        var unit: String
        var status: String
        var message: String?
        var startedAt: Date
        var hostname: String?
        var os: OS?
        var antivirus: [AntivirusEntry]
        var sshBanner: String?
        var hostKeyFingerprint: String?

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(address, forKey: .address)
            try c.encode(port, forKey: .port)
            try c.encode(name, forKey: .name)
            try c.encode(unit, forKey: .unit)
            try c.encode(status, forKey: .status)
            try c.encode(message, forKey: .message)
            try c.encode(startedAt, forKey: .startedAt)
            try c.encode(hostname, forKey: .hostname)
            try c.encode(os, forKey: .os)
            try c.encode(antivirus, forKey: .antivirus)
            try c.encode(sshBanner, forKey: .sshBanner)
            try c.encode(hostKeyFingerprint, forKey: .hostKeyFingerprint)
        }

        enum CodingKeys: String, CodingKey {
            case address, port, name, unit, status, message, startedAt, hostname, os, antivirus,
                sshBanner,
                hostKeyFingerprint
        }
    }

    struct FindingEntry: Encodable {
        var policy: String
        var rule: String
        var title: LocalizedText
        var host: String
        var unit: String
        var verdict: String
        var severity: String
        var message: String?
        var evidence: [EvidenceItem]

        func encode(to encoder: any Encoder) throws {
            var c = encoder.container(keyedBy: CodingKeys.self)
            try c.encode(policy, forKey: .policy)
            try c.encode(rule, forKey: .rule)
            try c.encode(title, forKey: .title)
            try c.encode(host, forKey: .host)
            try c.encode(unit, forKey: .unit)
            try c.encode(verdict, forKey: .verdict)
            try c.encode(severity, forKey: .severity)
            try c.encode(message, forKey: .message)
            try c.encode(evidence, forKey: .evidence)
        }

        enum CodingKeys: String, CodingKey {
            case policy, rule, title, host, unit, verdict, severity, message, evidence
        }
    }

    /// The version of `schemas/report.v1.schema.json` this document follows.
    var schemaVersion = 1
    var generatedAt: Date
    var toolVersion: String
    var language: String
    var scan: Scan
    var method: Method
    var policies: [PolicyName]
    var summary: Summary
    var units: [UnitEntry]
    var hosts: [Host]
    var findings: [FindingEntry]
}

extension JSONReportDocument {
    init(_ input: ReportInput) {
        let d = ReportDigest(input)
        let snapshot = input.snapshot
        generatedAt = input.generatedAt
        toolVersion = input.toolVersion
        language = input.language.rawValue
        scan = Scan(
            id: snapshot.scanID, inventory: snapshot.inventoryName, startedAt: snapshot.startedAt,
            finishedAt: snapshot.finishedAt)
        method = Method(id: input.ranking.methodID, name: input.ranking.methodName)
        policies = input.policies
        summary = Summary(
            units: snapshot.units.count, hosts: snapshot.hosts.count,
            findings: input.findings.count,
            hostsByStatus: Dictionary(
                uniqueKeysWithValues: d.hostCountsByStatus.map { ($0.status.rawValue, $0.count) }),
            findingsByVerdict: Dictionary(
                uniqueKeysWithValues: d.findingCountsByVerdict.map {
                    ($0.verdict.rawValue, $0.count)
                }),
            failuresBySeverity: Dictionary(
                uniqueKeysWithValues: d.failureCountsBySeverity.map {
                    ($0.severity.rawValue, $0.count)
                }))
        units = input.ranking.units.map {
            UnitEntry(
                id: $0.unitID, name: $0.unitName, score: $0.score, scaledScore: $0.score * input.ranking.scale,
                rank: $0.rank, tier: $0.tier, indicators: $0.indicators)
        }
        hosts = snapshot.hosts.map { host in
            Host(
                address: host.target.address, port: host.target.port, name: host.target.name,
                unit: host.target.unit,
                status: host.status.rawValue, message: host.message, startedAt: host.startedAt,
                hostname: host.facts?.hostname,
                os: host.facts?.os.map {
                    OS(
                        id: $0.id, name: $0.name, prettyName: $0.prettyName,
                        versionId: $0.versionID, family: $0.family)
                },
                antivirus: (host.facts?.antivirus ?? []).map { av in
                    AntivirusEntry(
                        product: av.product, version: av.version, installed: av.installed,
                        running: av.running,
                        realTimeProtection: av.realTimeProtection, signatureDate: av.signatureDate,
                        signatureAgeDays: av.signatureDate.map {
                            host.startedAt.timeIntervalSince($0) / 86_400
                        },
                        licenseExpiry: av.licenseExpiry)
                },
                sshBanner: host.serverBanner, hostKeyFingerprint: host.hostKeyFingerprint)
        }
        findings = input.findings.map {
            FindingEntry(
                policy: $0.policyID, rule: $0.ruleID, title: $0.title, host: $0.host, unit: $0.unit,
                verdict: $0.verdict.rawValue, severity: $0.severity.rawValue, message: $0.message,
                evidence: $0.evidence)
        }
    }
}
