import Foundation
import InventoryModel
import Ranking

/// What the HTML templates show, as plain dictionaries and arrays the mustache renderer reads.
///
/// Every text that came from a host or a file is cleaned here (`UntrustedText`: controls and bidi
/// overrides replaced, NFC) and escaped by mustache when the template inserts it; the only raw
/// insertions (`{{{svg}}}`) are the charts `SVGChart` drew. Numbers and dates are formatted in
/// the report's language (a decimal comma and `.` thousands in Vietnamese).
struct HTMLContext {
    let d: ReportDigest
    let input: ReportInput
    let inventories: [UnitInventory]
    let options: HTMLReport
    let pageNames: [String: [String]]
    /// Every label by its key's name (`{{l.hosts}}`), made once: the summary and each unit page
    /// (201 at a ministry's size) show the same table.
    let labels: [String: String]

    init(_ input: ReportInput, options: HTMLReport) {
        self.input = input
        self.options = options
        let d = ReportDigest(input)
        self.d = d
        labels = Dictionary(uniqueKeysWithValues: ReportKey.allCases.map { ("\($0)", d.label($0)) })
        inventories = input.inventories
        var pages: [String: [String]] = [:]
        var used: Set<String> = []
        for section in d.unitSections {
            let base = Self.fileStem(section.unitID, &used)
            let count = max(1, HTMLContext.chunks(section.hosts, findingsPerHost: d.problemCounts, limit: options.findingsPerPage).count)
            pages[section.unitID] = (0..<count).map { $0 == 0 ? "units/\(base).html" : "units/\(base)-\($0 + 1).html" }
        }
        pageNames = pages
    }

    private var language: Language { input.language }
    private func l(_ key: ReportKey) -> String { d.label(key) }
    private let memo = CleanedTexts()
    func t(_ text: String, newlines: Bool = false) -> String { memo.clean(text, keepNewlines: newlines) }

    /// A file name for a unit id from the inventory: letters, digits, `-` and `_` only, unique.
    static func fileStem(_ id: String, _ used: inout Set<String>) -> String {
        var stem = String(id.unicodeScalars.map { $0.isASCII && (CharacterSet.alphanumerics.contains($0) || $0 == "-" || $0 == "_") ? Character($0) : "_" }.prefix(60))
        if stem.isEmpty { stem = "unit" }
        var candidate = stem
        var n = 2
        while used.contains(candidate.lowercased()) {
            candidate = "\(stem)_\(n)"
            n += 1
        }
        used.insert(candidate.lowercased())
        return candidate
    }

    /// Hosts split so that no page lists more than `limit` failed or error findings.
    static func chunks(
        _ hosts: ReportDigest.HostSelection, findingsPerHost: [String: Int], limit: Int
    ) -> [ReportDigest.HostSelection] {
        var out: [ReportDigest.HostSelection] = []
        var start = hosts.startIndex
        var count = 0
        for index in hosts.indices {
            let n = findingsPerHost[hosts.all[Int(hosts.positions[index])].target.endpoint] ?? 0
            if count + n > limit && index > start {
                out.append(hosts.slice(start..<index))
                start = index
                count = 0
            }
            count += n
        }
        out.append(hosts.slice(start..<hosts.endIndex))
        return out
    }

    // MARK: - Shared parts

    var meta: [[String: String]] {
        d.headerFacts.map { ["label": l($0.0), "value": t($0.1)] }
    }

    func base(title: String) -> [String: Any] {
        ["lang": language.rawValue, "title": t(title), "l": labels, "meta": meta]
    }

    // MARK: - The summary page

    func summaryPage() -> [String: Any] {
        var page = base(title: d.title)
        let failed = d.findingCountsByVerdict.first { $0.verdict == .fail }?.count ?? 0
        let scanned = d.hostCountsByStatus.first { $0.status == .scanned }?.count ?? 0
        page["cards"] = [
            ["value": d.format.integer(input.snapshot.units.count), "label": l(.units)],
            ["value": d.format.integer(input.snapshot.hosts.count), "label": l(.hosts)],
            ["value": d.format.integer(scanned), "label": l(.hostsScanned)],
            ["value": d.format.integer(failed), "label": l(.failures)],
        ]
        page["charts"] = charts()
        page["changes"] = changes()
        page["ranking"] = rankingRows()
        page["hasTiers"] = d.hasTiers
        page["tiers"] = tierLegend()
        page["units"] = d.unitSections.map { unitBlock($0, linkPrefix: "") }
        page["rules"] = ruleGroups()
        let inline = d.problems.reduce(0) { $0 + $1.findings.count } <= options.inlineFindings
            && input.snapshot.hosts.count <= options.inlineHosts
        page["inline"] = inline
        if inline {
            page["hostsMarker"] = Marker.hosts.text
            page["problemsMarker"] = Marker.problems.text
        }
        page["notScanned"] = d.notScanned.prefix(options.hostsPerRule * 20).map { host in
            [
                "host": t(d.hostLabel(host)), "unit": t(d.unitName(host.target.unit)),
                "status": host.status.label.text(language), "statusClass": host.status.rawValue,
                "message": t(host.message ?? "", newlines: true),
            ]
        }
        page["notScannedMore"] = d.notScanned.count > options.hostsPerRule * 20 ? d.format.integer(d.notScanned.count - options.hostsPerRule * 20) : nil
        page["allScanned"] = d.notScanned.isEmpty
        return page
    }

    private func tierLegend() -> [[String: String]] {
        guard let tiers = input.ranking.units.compactMap(\.tier).first.map({ _ in
            Array(Set(input.ranking.units.compactMap(\.tier))).sorted { $0.minimum > $1.minimum }
        }) else { return [] }
        return tiers.map { ["label": t($0.label.text(language)), "minimum": d.format.decimal($0.minimum, places: 1)] }
    }

    private func rankingRows() -> [[String: Any]] {
        input.ranking.units.map { unit in
            [
                "rank": String(unit.rank), "unit": t(unit.unitName.text(language)),
                "score": d.format.decimal(unit.score * input.ranking.scale),
                "tier": t(unit.tier?.label.text(language) ?? ""),
                "link": pageNames[unit.unitID]?.first ?? "",
                "indicators": unit.indicators.map {
                    ["text": t(d.indicatorCell($0)), "nodata": !$0.hasData]
                },
            ]
        }
    }

    // MARK: Charts

    private func charts() -> [[String: Any]] {
        var charts: [[String: Any]] = []
        // Ranking with tiers.
        let tiers = Array(Set(input.ranking.units.compactMap(\.tier))).sorted { $0.minimum > $1.minimum }
        let scale = input.ranking.scale
        let rankingBars = input.ranking.units.map { unit in
            SVGChart.Bar(
                label: t(unit.unitName.text(language)), segments: [unit.score * scale],
                valueText: d.format.decimal(unit.score * scale, places: 2) + (unit.tier.map { " · \(t($0.label.text(language)))" } ?? ""),
                colour: unit.tier.flatMap { tier in tiers.firstIndex(of: tier) }.map { tiers.count > 1 ? Int((Double($0) / Double(tiers.count - 1) * Double(SVGChart.tierPalette.count - 1)).rounded()) : 0 } ?? 6)
        }
        charts.append(chart(
            id: "chart-ranking", title: l(.chartRanking),
            svg: SVGChart.bars(title: l(.chartRanking), rankingBars, maximum: scale, colours: SVGChart.tierPalette + ["#6b7280", "#6b7280", "#2563eb"]),
            headers: [l(.rank), l(.unit), l(.score)] + (d.hasTiers ? [l(.tier)] : []),
            rows: input.ranking.units.map { unit in
                [String(unit.rank), t(unit.unitName.text(language)), d.format.decimal(unit.score * scale)]
                    + (d.hasTiers ? [t(unit.tier?.label.text(language) ?? "")] : [])
            }))

        // Antivirus coverage per unit.
        let avLegend = [l(.avUpToDate), l(.avOutdated), l(.avWithout), l(.avUnknown), l(.avWireOnly)]
        let avRows = inventories.map { unit -> (String, [Double], String) in
            let av = unit.antivirus
            let segments = [
                Double(av.upToDate), Double(max(0, av.installed - av.upToDate)), Double(av.without), Double(av.unknown),
                Double(av.wireOnlyUpdating.count),
            ]
            let share = av.upToDateShare.map(d.format.percent) ?? "—"
            return (t(unit.name.text(language)), segments, "\(share) (\(d.format.integer(av.upToDate))/\(d.format.integer(av.computers)))")
        }
        charts.append(chart(
            id: "chart-antivirus", title: l(.chartAntivirus),
            svg: SVGChart.stacked(
                title: l(.chartAntivirus), legend: avLegend,
                avRows.map { SVGChart.Bar(label: $0.0, segments: $0.1, valueText: $0.2) },
                colours: ["#1b7a3d", "#d8a106", "#c0272d", "#9ca3af", "#2563eb"]),
            headers: [l(.unit)] + avLegend,
            rows: avRows.map { [$0.0] + $0.1.map { d.format.integer(Int($0)) } }))

        // Computers at most five years old.
        let ageLegend = [l(.ageWithin), l(.ageOlder), l(.ageUnknown)]
        let ageRows = inventories.map { unit -> (String, [Double], String) in
            let c = unit.computers
            return (
                t(unit.name.text(language)), [Double(c.withinAgeLimit), Double(c.older), Double(c.ageUnknown)],
                c.withinAgeLimitShare.map(d.format.percent) ?? "—"
            )
        }
        charts.append(chart(
            id: "chart-age", title: l(.chartComputerAge),
            svg: SVGChart.stacked(
                title: l(.chartComputerAge), legend: ageLegend,
                ageRows.map { SVGChart.Bar(label: $0.0, segments: $0.1, valueText: $0.2) },
                colours: ["#1b7a3d", "#c0272d", "#9ca3af"]),
            headers: [l(.unit)] + ageLegend + ["%"],
            rows: ageRows.map { [$0.0] + $0.1.map { d.format.integer(Int($0)) } + [$0.2] }))

        // Internet bandwidth against the contract.
        let declaredUnits = Dictionary(input.snapshot.units.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let bandwidth = inventories.map { unit -> (label: String, a: Double?, b: Double?, text: String) in
            let link = unit.link(.internet)
            let contracted = link?.contractedMbps ?? declaredUnits[unit.id]?.declared[LinkInventory.Kind.internet.declaredKey]
            let measured = link?.measured.map { $0.busier.p95BitsPerSecond / 1_000_000 }
            let text = [contracted.map { d.format.decimal($0, places: 1) } ?? "—", measured.map { d.format.decimal($0, places: 1) } ?? l(.notMeasured)]
                .joined(separator: " / ")
            return (t(unit.name.text(language)), contracted, measured, text)
        }
        charts.append(chart(
            id: "chart-bandwidth", title: l(.chartBandwidth),
            svg: SVGChart.paired(title: l(.chartBandwidth), legend: ["\(l(.contracted)) (\(l(.mbps)))", "\(l(.measuredP95)) (\(l(.mbps)))"], bandwidth),
            headers: [l(.unit), "\(l(.contracted)) (\(l(.mbps)))", "\(l(.measuredP95)) (\(l(.mbps)))"],
            rows: bandwidth.map { [$0.label, $0.a.map { d.format.decimal($0, places: 1) } ?? "—", $0.b.map { d.format.decimal($0, places: 1) } ?? l(.notMeasured)] }))

        // Findings by severity.
        let severities = d.failureCountsBySeverity
        let maxCount = Double(severities.map(\.count).max() ?? 0)
        charts.append(chart(
            id: "chart-severity", title: l(.chartSeverity),
            svg: SVGChart.bars(
                title: l(.chartSeverity),
                severities.enumerated().map { index, entry in
                    SVGChart.Bar(label: entry.severity.label.text(language), segments: [Double(entry.count)], valueText: d.format.integer(entry.count), colour: [4, 3, 2, 1, 0][index])
                }, maximum: max(1, maxCount), colours: SVGChart.tierPalette),
            headers: [l(.severity), l(.count)],
            rows: severities.map { [$0.severity.label.text(language), d.format.integer($0.count)] }))
        return charts
    }

    private func chart(id: String, title: String, svg: String, headers: [String], rows: [[String]]) -> [String: Any] {
        ["id": id, "title": title, "svg": svg, "headers": headers, "rows": rows.map { ["cells": $0] }]
    }

    // MARK: Since the last scan

    private func changes() -> [String: Any] {
        guard let diff = input.changes else { return ["none": true] }
        let limit = options.hostsPerRule * 4
        func finding(_ change: FindingChange) -> [String: String] {
            [
                "host": t(d.hostLabel(endpoint: change.host)), "unit": t(d.unitName(change.unit)),
                "rule": t("\(change.title.text(language)) (\(change.ruleID))"),
                "severity": change.severity.label.text(language), "severityClass": change.severity.rawValue,
                "before": change.before?.label.text(language) ?? "—", "after": change.after?.label.text(language) ?? "—",
            ]
        }
        func host(_ identity: HostIdentity) -> [String: String] {
            ["host": t(identity.name.map { "\($0) (\(identity.endpoint))" } ?? identity.endpoint), "unit": t(d.unitName(identity.unit))]
        }
        let moves = diff.rankMoves.map { move -> [String: String] in
            let places = move.places ?? 0
            return [
                "unit": t(move.unitName.text(language)),
                "before": move.before.map { String($0.rank) } ?? l(.unranked),
                "after": move.after.map { String($0.rank) } ?? l(.unranked),
                "move": places > 0 ? "▲ \(places)" : places < 0 ? "▼ \(-places)" : "—",
                "moveClass": places > 0 ? "up" : places < 0 ? "down" : "same",
            ]
        }
        var out: [String: Any] = [
            "scan": diff.before.scanID.map { "#\($0)" } ?? l(.scanNotStored),
            "date": d.format.dateTime(diff.before.startedAt),
            "counts": [
                ["label": ScanDiffLabel.newFindings.text.text(language), "value": d.format.integer(diff.newFindings.count)],
                ["label": ScanDiffLabel.resolvedFindings.text.text(language), "value": d.format.integer(diff.resolvedFindings.count)],
                ["label": ScanDiffLabel.hostsAppeared.text.text(language), "value": d.format.integer(diff.hostsAppeared.count)],
                ["label": ScanDiffLabel.hostsGone.text.text(language), "value": d.format.integer(diff.hostsGone.count)],
                ["label": ScanDiffLabel.rankMoves.text.text(language), "value": d.format.integer(diff.rankMoves.filter { ($0.places ?? 1) != 0 }.count)],
            ],
            "newFindings": diff.newFindings.prefix(limit).map(finding),
            "resolvedFindings": diff.resolvedFindings.prefix(limit).map(finding),
            "hostsAppeared": diff.hostsAppeared.prefix(limit).map(host),
            "hostsGone": diff.hostsGone.prefix(limit).map(host),
            "rankMoves": moves,
            "labels": [
                "newFindings": ScanDiffLabel.newFindings.text.text(language),
                "resolvedFindings": ScanDiffLabel.resolvedFindings.text.text(language),
                "hostsAppeared": ScanDiffLabel.hostsAppeared.text.text(language),
                "hostsGone": ScanDiffLabel.hostsGone.text.text(language),
                "rankMoves": ScanDiffLabel.rankMoves.text.text(language),
                "notJudged": diff.findingsCompared ? "" : ScanDiffLabel.notJudged.text.text(language),
                "notRanked": diff.rankingCompared ? "" : ScanDiffLabel.notRanked.text.text(language),
            ],
        ]
        if input.trend.count > 1 { out["trend"] = trend() }
        return out
    }

    private func trend() -> [String: Any] {
        let units = input.ranking.units.prefix(12)
        let scans = input.trend
        let xLabels = scans.map { d.format.day($0.startedAt) }
        let series = units.map { unit in
            SVGChart.Series(label: t(unit.unitName.text(language)), values: scans.map { $0.scores[unit.unitID] })
        }
        return [
            "svg": SVGChart.lines(title: l(.chartTrend), xLabels: xLabels, series, maximum: input.ranking.scale),
            "headers": [l(.unit)] + xLabels,
            "rows": units.map { unit in
                ["cells": [t(unit.unitName.text(language))] + scans.map { $0.scores[unit.unitID].map { d.format.decimal($0, places: 2) } ?? "—" }]
            },
            "note": input.ranking.units.count > 12 ? l(.trendNote) : "",
        ]
    }

    // MARK: Units

    /// `detailed`: the unit's own pages, which also list its LAN segments address by address.
    func unitBlock(_ section: ReportDigest.UnitSection, linkPrefix: String, detailed: Bool = false) -> [String: Any] {
        var block: [String: Any] = [
            "anchor": "unit-" + (pageNames[section.unitID]?.first.map { URL(fileURLWithPath: $0).deletingPathExtension().lastPathComponent } ?? "x"),
            "title": t(d.unitTitle(section)),
            "pages": (pageNames[section.unitID] ?? []).enumerated().map { index, name in
                ["link": linkPrefix + name, "label": "\(l(.detailPage)) \(index + 1)"]
            },
        ]
        if let score = section.score {
            block["score"] = d.format.decimal(score.score * input.ranking.scale)
            block["rank"] = String(score.rank)
            block["tier"] = t(score.tier?.label.text(language) ?? "")
            block["indicators"] = score.indicators.map { indicator in
                [
                    "label": t(indicator.label.text(language)), "source": sourceLabel(indicator.source),
                    "raw": indicator.hasData ? d.format.decimal(indicator.raw) : l(.noData),
                    "normalised": d.format.decimal(indicator.normalised), "weight": d.format.decimal(indicator.weight),
                    "contribution": d.format.decimal(indicator.contribution * input.ranking.scale),
                    "explanation": t(indicator.explanation.text(language)), "nodata": !indicator.hasData,
                ] as [String: Any]
            }
            block["pillars"] = score.pillars.map { pillar in
                [
                    "label": t(pillar.label.text(language)), "source": sourceLabel(pillar.source),
                    "value": d.format.decimal(pillar.value), "weight": d.format.decimal(pillar.weight),
                    "contribution": d.format.decimal(pillar.contribution * input.ranking.scale),
                ]
            }
            block["hasPillars"] = !score.pillars.isEmpty
        }
        if let unit = inventories.first(where: { $0.id == section.unitID }) {
            block["inventory"] = inventoryFacts(unit)
            block["unitInventory"] = unitInventoryBlock(unit, detailed: detailed)
        }
        return block
    }

    private func sourceLabel(_ source: FigureSource) -> String {
        switch source {
        case .measured: l(.measured)
        case .declared: l(.declared)
        case .missing: l(.missing)
        }
    }

    private func inventoryFacts(_ unit: UnitInventory) -> [[String: String]] {
        let c = unit.computers
        let av = unit.antivirus
        var facts: [[String: String]] = [
            ["label": l(.computers), "value": "\(d.format.integer(c.total)) (\(l(.servers)): \(d.format.integer(c.servers)), \(l(.workstations)): \(d.format.integer(c.workstations)))"],
            ["label": l(.staff), "value": d.format.integer(unit.staff) + (c.perStaff.map { " — \(d.format.decimal($0, places: 2)) \(l(.perStaff))" } ?? "")],
            ["label": l(.chartComputerAge), "value": "\(c.withinAgeLimitShare.map(d.format.percent) ?? "—") (\(d.format.integer(c.withinAgeLimit))/\(d.format.integer(c.total)); \(l(.ageUnknown)): \(d.format.integer(c.ageUnknown)))"],
            ["label": l(.internetShare), "value": c.internetShare.map(d.format.percent) ?? "—"],
            ["label": l(.antivirus), "value": "\(av.upToDateShare.map(d.format.percent) ?? "—") \(l(.avUpToDate)) (\(d.format.integer(av.upToDate))/\(d.format.integer(av.computers))); \(l(.avWireOnly)): \(d.format.integer(av.wireOnlyUpdating.count))"],
            ["label": l(.lan), "value": "\(d.format.integer(unit.lan.managedSeen)) / \(d.format.integer(unit.lan.wireOnly)) / \(d.format.integer(unit.lan.silent)) (\(l(.lanSummary)))"],
        ]
        if let link = unit.link(.internet) {
            let measured = link.measured.map { d.format.decimal($0.busier.p95BitsPerSecond / 1_000_000, places: 1) } ?? l(.notMeasured)
            facts.append(["label": LinkInventory.Kind.internet.label.text(language), "value": "\(l(.contracted)): \(link.contractedMbps.map { d.format.decimal($0, places: 1) } ?? "—") \(l(.mbps)); \(l(.measuredP95)): \(measured)"])
        }
        facts.append(["label": l(.measurement), "value": t(([unit.coverage.state.label.text(language)] + unit.coverage.notes.map { $0.text(language) }).joined(separator: " — "))])
        return facts
    }

    // MARK: Findings

    private func remediation(_ finding: Finding) -> String {
        input.policies.first { $0.id == finding.policyID }?.remediations[finding.ruleID].map { t($0.text(language), newlines: true) } ?? ""
    }

    private func ruleGroups() -> [[String: Any]] {
        struct Group { var sample: Finding; var hosts: [String]; var count = 0 }
        // Grouped by rule and verdict: the rule's index (`PerRule`), not its texts, is the key.
        var rules = PerRule<Void>()
        // Group position + 1 by key (rule index × 8 + verdict); 0: none yet. An array, not a
        // dictionary: the keys are small and there are 700,000 lookups.
        var groups: [Int] = []
        var order: [Group] = []
        // By index: iterating the findings themselves copies each of two million (a retain per part).
        let findings = input.findings
        for index in findings.indices where findings[index].verdict == .fail || findings[index].verdict == .error {
            let key = Int(rules.index(findings[index]) { _ in }) &* 8 &+ findings[index].verdict.ordinal
            if key >= groups.count { groups += repeatElement(0, count: key + 1 - groups.count) }
            if groups[key] == 0 {
                order.append(Group(sample: findings[index], hosts: []))
                groups[key] = order.count
            }
            let at = groups[key] - 1
            order[at].count += 1
            if order[at].hosts.count < options.hostsPerRule { order[at].hosts.append(findings[index].host) }
        }
        let sorted = order.sorted {
            ($1.sample.severity, $0.count, $1.sample.ruleID) < ($0.sample.severity, $1.count, $0.sample.ruleID)
        }
        return sorted.map { group in
            let f = group.sample
            return [
                "severity": f.severity.label.text(language), "severityClass": f.severity.rawValue,
                "verdict": f.verdict.label.text(language),
                "policy": t(d.policyLabel(f.policyID)), "rule": t("\(f.title.text(language)) (\(f.ruleID))"),
                "count": d.format.integer(group.count),
                "hosts": group.hosts.map { t(d.hostLabel(endpoint: $0)) },
                "more": group.count > group.hosts.count ? "\(d.format.integer(group.count - group.hosts.count)) \(l(.moreHosts))" : "",
                "remediation": remediation(f),
            ] as [String: Any]
        }
    }

    // MARK: - Unit pages

    /// One unit page: its frame's context, and the hosts (and their problems) the renderer
    /// writes into it.
    struct UnitPage {
        var name: String
        var context: [String: Any]
        var section: ReportDigest.UnitSection
        var hosts: ReportDigest.HostSelection
        var problems: [ReportDigest.HostProblems]
    }

    func unitPages() -> [UnitPage] {
        var pages: [UnitPage] = []
        let problemsByHost = Dictionary(d.problems.map { ($0.host, $0) }, uniquingKeysWith: { a, _ in a })
        for section in d.unitSections {
            let names = pageNames[section.unitID] ?? []
            let chunks = HTMLContext.chunks(section.hosts, findingsPerHost: d.problemCounts, limit: options.findingsPerPage)
            for (index, hosts) in chunks.enumerated() where index < names.count {
                var page = base(title: "\(d.unitTitle(section)) — \(d.title)")
                page["unit"] = unitBlock(section, linkPrefix: "../", detailed: true)
                page["part"] = names.count > 1 ? "\(index + 1)/\(names.count)" : ""
                page["hostsMarker"] = Marker.hosts.text
                page["problemsMarker"] = Marker.problems.text
                let problems = hosts.positions.compactMap { problemsByHost[hosts.all[Int($0)].target.endpoint] }
                pages.append(UnitPage(name: names[index], context: page, section: section, hosts: hosts, problems: problems))
            }
        }
        return pages
    }
}
