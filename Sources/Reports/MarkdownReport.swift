import InventoryModel
import Ranking

/// The report as Markdown (`report.md`), for reading in a repository or pasting into a ticket.
///
/// Every text that came from a host or a file goes through `MarkdownEscaping`, so it can neither
/// smuggle HTML through a Markdown renderer nor break a table.
public struct MarkdownReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .md }

    public var fileName: String { "report.md" }

    public func render(_ input: ReportInput) throws -> String {
        let d = ReportDigest(input)
        var out: [String] = []
        header(d, into: &out)
        summary(d, into: &out)
        ranking(d, into: &out)
        hostsByUnit(d, into: &out)
        problems(d, into: &out)
        notScanned(d, into: &out)
        while out.last == "" { out.removeLast() }
        return out.joined(separator: "\n") + "\n"
    }

    private func e(_ text: String) -> String { MarkdownEscaping.escape(text) }

    private func table(
        _ headers: [String], alignRight: Set<Int> = [], _ rows: [[String]], into out: inout [String]
    ) {
        out.append("| " + headers.map(e).joined(separator: " | ") + " |")
        out.append(
            "|"
                + headers.indices.map { alignRight.contains($0) ? "---:" : "---" }.joined(
                    separator: "|") + "|")
        for row in rows {
            out.append("| " + row.map(e).joined(separator: " | ") + " |")
        }
        out.append("")
    }

    private func header(_ d: ReportDigest, into out: inout [String]) {
        out.append("# \(e(d.title))")
        out.append("")
        for (key, value) in d.headerFacts {
            out.append("- **\(e(d.label(key))):** \(e(value))")
        }
        out.append("")
    }

    private func summary(_ d: ReportDigest, into out: inout [String]) {
        out.append("## \(e(d.label(.summary)))")
        out.append("")
        table(
            [d.label(.item), d.label(.count)], alignRight: [1],
            [
                [d.label(.units), String(d.input.snapshot.units.count)],
                [d.label(.hosts), String(d.input.snapshot.hosts.count)],
                [d.label(.findings), String(d.input.findings.count)],
            ], into: &out)
        out.append("### \(e(d.label(.hostsByStatus)))")
        out.append("")
        table(
            [d.label(.status), d.label(.count)], alignRight: [1],
            d.hostCountsByStatus.map { [$0.status.label.text(d.language), String($0.count)] },
            into: &out)
        out.append("### \(e(d.label(.findingsByVerdict)))")
        out.append("")
        table(
            [d.label(.verdict), d.label(.count)], alignRight: [1],
            d.findingCountsByVerdict.map { [$0.verdict.label.text(d.language), String($0.count)] },
            into: &out)
        out.append("### \(e(d.label(.failuresBySeverity)))")
        out.append("")
        table(
            [d.label(.severity), d.label(.count)], alignRight: [1],
            d.failureCountsBySeverity.map {
                [$0.severity.label.text(d.language), String($0.count)]
            }, into: &out)
    }

    private func ranking(_ d: ReportDigest, into out: inout [String]) {
        out.append("## \(e(d.label(.ranking)))")
        out.append("")
        out.append("\(e(d.label(.rankingMethod))): \(e(d.rankingMethodLabel))")
        out.append("")
        let headers =
            [d.label(.rank), d.label(.unit), d.label(.score)] + (d.hasTiers ? [d.label(.tier)] : [])
            + d.indicatorHeadings.map { d.indicatorHeading($0.label) }
        let rows = d.input.ranking.units.map { unit in
            [String(unit.rank), unit.unitName.text(d.language), d.format.decimal(unit.score * d.input.ranking.scale)]
                + (d.hasTiers ? [unit.tier?.label.text(d.language) ?? ""] : [])
                + unit.indicators.map(d.indicatorCell)
        }
        table(headers, alignRight: [0, 2], rows, into: &out)
    }

    private func hostsByUnit(_ d: ReportDigest, into out: inout [String]) {
        out.append("## \(e(d.label(.hostsByUnit)))")
        out.append("")
        for section in d.unitSections {
            out.append("### \(e(d.unitTitle(section)))")
            out.append("")
            if let score = section.score {
                out.append("**\(e(d.label(.indicatorNotes))):**")
                out.append("")
                for indicator in score.indicators {
                    out.append(
                        "- \(e(indicator.label.text(d.language))): \(e(indicator.explanation.text(d.language)))"
                    )
                }
                out.append("")
            }
            guard !section.hosts.isEmpty else {
                out.append(e(d.label(.noHosts)))
                out.append("")
                continue
            }
            table(
                [
                    d.label(.host), d.label(.hostname), d.label(.operatingSystem), d.label(.status),
                    d.label(.antivirus), d.label(.sshBanner),
                ],
                section.hosts.map { host in
                    [
                        d.hostLabel(host), d.hostnameText(host), d.osText(host), d.statusText(host),
                        d.antivirusText(host), d.bannerText(host),
                    ]
                }, into: &out)
        }
    }

    private func problems(_ d: ReportDigest, into out: inout [String]) {
        out.append("## \(e(d.label(.problemsByHost)))")
        out.append("")
        guard !d.problems.isEmpty else {
            out.append(e(d.label(.noProblems)))
            out.append("")
            return
        }
        for group in d.problems {
            out.append("### \(e(d.hostLabel(endpoint: group.host)))")
            out.append("")
            table(
                [
                    d.label(.severity), d.label(.policy), d.label(.rule), d.label(.verdict),
                    d.label(.message), d.label(.evidence),
                ],
                group.findings.map { finding in
                    [
                        finding.severity.label.text(d.language), d.policyLabel(finding.policyID),
                        "\(finding.title.text(d.language)) (\(finding.ruleID))",
                        finding.verdict.label.text(d.language),
                        finding.message ?? "",
                        finding.evidence.map(d.evidenceText).joined(separator: "; "),
                    ]
                }, into: &out)
        }
    }

    private func notScanned(_ d: ReportDigest, into out: inout [String]) {
        out.append("## \(e(d.label(.notScanned)))")
        out.append("")
        guard !d.notScanned.isEmpty else {
            out.append(e(d.label(.allScanned)))
            return
        }
        table(
            [d.label(.host), d.label(.unit), d.label(.status), d.label(.message)],
            d.notScanned.map { host in
                [
                    d.hostLabel(host), d.unitName(host.target.unit),
                    host.status.label.text(d.language), host.message ?? "",
                ]
            }, into: &out)
    }
}
