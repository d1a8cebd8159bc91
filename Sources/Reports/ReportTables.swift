import Foundation
import InventoryModel
import Ranking

/// The report's tables, the same for CSV and XLSX: ranking, the method's indicators per unit,
/// the unit inventory, the asset register (hosts) and the findings.
///
/// Headings are in the report's language; the `id`s of tables and columns are fixed English
/// names tools can rely on.
struct ReportTables {
    let input: ReportInput
    let language: Language
    /// The unit inventories, built once for the units and hosts tables when the input has none.
    let inventories: [UnitInventory]

    init(_ input: ReportInput) {
        self.input = input
        language = input.language
        inventories = input.inventories
    }

    func label(_ key: ReportKey) -> String { key.text(in: language) }

    var all: [ReportTable] { [ranking, indicators, units, hosts, findings] }

    private func column(_ id: String, _ key: ReportKey, _ width: Double) -> ReportTable.Column {
        .init(id: id, heading: label(key), width: width)
    }

    private func sourceLabel(_ source: FigureSource) -> String {
        switch source {
        case .measured: label(.measured)
        case .declared: label(.declared)
        case .missing: label(.missing)
        }
    }

    var ranking: ReportTable {
        let units = input.ranking.units
        let scale = input.ranking.scale
        return ReportTable(
            id: "ranking", title: label(.sheetRanking),
            columns: [
                column("rank", .rank, 8), column("unit_id", .unitID, 14), column("unit", .unit, 40),
                column("score", .score, 10), column("tier", .tier, 14), column("peer_group", .peerGroup, 16),
            ],
            count: units.count,
            row: { i in
                let unit = units[i]
                return [
                    .integer(unit.rank), .text(unit.unitID), .text(unit.unitName.text(language)),
                    .number(unit.score * scale), unit.tier.map { .text($0.label.text(language)) } ?? .empty,
                    unit.group.map { .text($0) } ?? .empty,
                ]
            })
    }

    var indicators: ReportTable {
        let rows: [(UnitScore, IndicatorScore)] = input.ranking.units.flatMap { unit in
            unit.indicators.map { (unit, $0) }
        }
        return ReportTable(
            id: "indicators", title: label(.sheetIndicators),
            columns: [
                column("unit_id", .unitID, 14), column("unit", .unit, 30), column("indicator_id", .indicatorID, 22),
                column("indicator", .indicator, 36), column("source", .figureSource, 14),
                column("raw", .rawValue, 12), column("normalised", .normalisedValue, 12),
                column("weight", .weight, 10), column("contribution", .contribution, 12),
                column("has_data", .hasData, 10), column("explanation", .explanation, 60),
            ],
            count: rows.count,
            row: { i in
                let (unit, indicator) = rows[i]
                return [
                    .text(unit.unitID), .text(unit.unitName.text(language)), .text(indicator.id),
                    .text(indicator.label.text(language)), .text(sourceLabel(indicator.source)),
                    .number(indicator.raw), .number(indicator.normalised), .number(indicator.weight),
                    .number(indicator.contribution), .bool(indicator.hasData),
                    .text(indicator.explanation.text(language)),
                ]
            })
    }

    /// Per unit: what the inventory declares and what the audit measured (`UnitInventory`):
    /// computers by role and age, Internet access, antivirus coverage (wire-only hosts fetching
    /// updates included), LAN addresses managed / wire-only / silent, and each link's p95, peak
    /// and mean per direction against the contracted capacity. Each group has a source column
    /// (measured, declared, not measured, missing), and a figure nobody measured is an empty
    /// cell, never a zero.
    var units: ReportTable {
        struct Counts { var hosts = 0, scanned = 0, failures = 0 }
        var counts: [String: Counts] = [:]
        for host in input.snapshot.hosts {
            counts[host.target.unit, default: Counts()].hosts += 1
            if host.status == .scanned { counts[host.target.unit, default: Counts()].scanned += 1 }
        }
        // Findings come host by host: a run of one unit's failures is counted before it is
        // added under its unit (one dictionary update per run, not per failure).
        var runUnit: String?
        var run = 0
        for finding in input.findings where finding.verdict == .fail {
            let unit = finding.unit
            if unit != runUnit {
                if let runUnit, run > 0 { counts[runUnit, default: Counts()].failures += run }
                runUnit = unit
                run = 0
            }
            run += 1
        }
        if let runUnit, run > 0 { counts[runUnit, default: Counts()].failures += run }
        let units = input.snapshot.units
        let measured = inventories
        let inventories = Dictionary(measured.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let declaredKeys = Array(Set(units.flatMap(\.declared.keys))).sorted()
        let figures = UnitFigureColumns(language: language, maxSignatureAgeDays: measured.first?.antivirus.maxSignatureAgeDays)
        return ReportTable(
            id: "units", title: label(.sheetUnits),
            columns: [
                column("unit_id", .unitID, 14), column("unit", .unit, 40), column("parent", .parentUnit, 14),
                column("staff", .staff, 10), column("hosts", .hosts, 12), column("scanned", .hostsScanned, 12),
                column("failures", .failures, 12),
            ] + figures.columns
                + declaredKeys.map { .init(id: "declared." + $0, heading: "\(label(.declared)): \($0)", width: 18) },
            count: units.count,
            row: { i in
                let unit = units[i]
                let c = counts[unit.id] ?? Counts()
                return [
                    .text(unit.id), .text(unit.name.text(language)), unit.parent.map { .text($0) } ?? .empty,
                    .integer(unit.staff), .integer(c.hosts), .integer(c.scanned), .integer(c.failures),
                ] + figures.cells(inventories[unit.id])
                    + declaredKeys.map { key in unit.declared[key].map { .number($0) } ?? .empty }
            })
    }

    /// The asset register: one row per inventory target. The hardware date is the computer's
    /// as the unit inventory dates it (a declared `purchased:` date wins over the BIOS date; a
    /// virtual machine has none), and the next column says which it is.
    var hosts: ReportTable {
        let hosts = input.snapshot.hosts
        var computers: [String: Computer] = [:]
        computers.reserveCapacity(inventories.reduce(0) { $0 + $1.computerList.count })
        for unit in inventories { for computer in unit.computerList { computers[computer.endpoint] = computer } }
        let unitNames = Dictionary(
            input.snapshot.units.map { ($0.id, $0.name.text(language)) }, uniquingKeysWith: { a, _ in a })
        return ReportTable(
            id: "hosts", title: label(.sheetHosts),
            columns: [
                column("unit_id", .unitID, 12), column("unit", .unit, 28), column("name", .hostName, 18),
                column("address", .address, 16), column("port", .port, 7), column("status", .status, 16),
                column("message", .message, 30), column("hostname", .hostname, 20),
                column("os", .operatingSystem, 28), column("kernel", .kernel, 20),
                column("hardware_date", .hardwareDate, 14), column("hardware_date_origin", .hardwareDateOrigin, 22),
                column("antivirus", .antivirusProduct, 24),
                column("signature_date", .signatureDate, 18), column("scan_started", .scanStarted, 20),
                column("ssh_banner", .sshBanner, 28), column("host_key", .hostKey, 24),
            ],
            count: hosts.count,
            row: { i in
                let host = hosts[i]
                let facts = host.facts
                let av = facts?.antivirus.first { $0.installed } ?? facts?.antivirus.first
                let computer = computers[host.target.endpoint]
                return [
                    .text(host.target.unit), .text(unitNames[host.target.unit] ?? host.target.unit),
                    host.target.name.map { .text($0) } ?? .empty, .text(host.target.address),
                    .integer(host.target.port), .text(host.status.label.text(language)),
                    host.message.map { .text($0) } ?? .empty, facts?.hostname.map { .text($0) } ?? .empty,
                    (facts?.os).map { .text($0.prettyName ?? $0.name ?? $0.id) } ?? .empty,
                    facts?.kernel.map { .text($0) } ?? .empty,
                    computer?.hardwareDate.map { .date($0) } ?? .empty,
                    computer?.hardwareDateOrigin.map { .text(hardwareDateOrigin($0)) } ?? .empty,
                    av.map { .text([$0.product, $0.version].compactMap { $0 }.joined(separator: " ")) } ?? .empty,
                    av?.signatureDate.map { .date($0) } ?? .empty, .date(host.startedAt),
                    host.serverBanner.map { .text($0) } ?? .empty, host.hostKeyFingerprint.map { .text($0) } ?? .empty,
                ]
            })
    }

    /// Where a hardware date came from, in words.
    func hardwareDateOrigin(_ origin: FigureOrigin) -> String {
        switch origin {
        case .declared: label(.purchaseDateDeclared)
        case .measured: label(.biosDateMeasured)
        case .unknown: label(.unknown)
        }
    }

    var findings: ReportTable {
        let findings = input.findings
        let evidenceTexts = EvidenceTexts()
        return ReportTable(
            id: "findings", title: label(.sheetFindings),
            columns: [
                column("unit_id", .unitID, 12), column("host", .host, 20), column("policy", .policy, 14),
                column("rule", .rule, 22), column("title", .ruleTitle, 40), column("severity", .severity, 12),
                column("verdict", .verdict, 12), column("message", .message, 40), column("evidence", .evidence, 50),
                column("waiver", .waiver, 30),
            ],
            count: findings.count,
            row: { i in
                let f = findings[i]
                let evidence = evidenceTexts.text(f)
                return [
                    .text(f.unit), .text(f.host), .text(f.policyID), .text(f.ruleID), .text(f.title.text(language)),
                    .text(f.severity.label.text(language)), .text(f.verdict.label.text(language)),
                    f.message.map { .text($0) } ?? .empty, evidence.isEmpty ? .empty : .text(evidence),
                    f.waiver.map { .text("\($0.justification) (\($0.approver), \($0.expires))") } ?? .empty,
                ]
            })
    }
}

/// Evidence as one text (`path = value` lines), made once per run of evidence items on a host
/// rather than once per finding: the rules of one host cite the same few facts, and the same
/// `String` each time lets the XLSX writer know it without hashing it. Only the current host's
/// texts are kept (findings come host by host), so memory stays flat. The last few runs are
/// looked for in a short list first (a host's 40 rules citing two runs cost 2 M dictionary
/// hashes at 2 M findings); the dictionary serves a host citing many runs.
final class EvidenceTexts {
    private var subject: ObjectIdentifier?
    private var recent: [(key: Finding.EvidenceKey, text: String)] = []
    private var texts: [Finding.EvidenceKey: String] = [:]
    private static let recentLimit = 8

    func text(_ finding: Finding) -> String {
        let key = finding.evidenceKey
        if key.subject != subject {
            subject = key.subject
            recent.removeAll(keepingCapacity: true)
            if !texts.isEmpty { texts.removeAll(keepingCapacity: true) }
        }
        for entry in recent where entry.key == key { return entry.text }
        if recent.count == Self.recentLimit, let known = texts[key] { return known }
        let text = finding.citedEvidence.map { "\($0.path) = \($0.value)" }.joined(separator: "\n")
        if recent.count < Self.recentLimit {
            recent.append((key, text))
        } else {
            texts[key] = text
        }
        return text
    }
}
