import InventoryModel
import Ranking

/// The report as one self-contained HTML page (`report.html`): inline CSS, no scripts, no
/// external resources, so it opens the same from a USB stick on an offline machine.
///
/// Every text goes through `HTMLEscaping`; tag names, attribute names and class names are
/// fixed strings or come from enums, never from data. A Content-Security-Policy that allows
/// nothing but the inline style is a second line of defence should an escape ever be missed.
public struct HTMLReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .html }

    public var fileName: String { "report.html" }

    public func render(_ input: ReportInput) throws -> String {
        let d = ReportDigest(input)
        var out: [String] = []
        out.append("<!DOCTYPE html>")
        out.append("<html lang=\"\(d.language.rawValue)\">")
        out.append("<head>")
        out.append("<meta charset=\"utf-8\">")
        out.append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">")
        out.append(
            "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">"
        )
        out.append("<title>\(e(d.title))</title>")
        out.append("<style>\(Self.css)</style>")
        out.append("</head>")
        out.append("<body>")
        header(d, into: &out)
        summary(d, into: &out)
        ranking(d, into: &out)
        hostsByUnit(d, into: &out)
        problems(d, into: &out)
        notScanned(d, into: &out)
        out.append("</body>")
        out.append("</html>")
        return out.joined(separator: "\n") + "\n"
    }

    private static let css = """
        body{font-family:system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;margin:2rem;color:#1a1a1a;line-height:1.4}\
        h1{font-size:1.6rem}h2{margin-top:2rem;border-bottom:1px solid #ccc}\
        table{border-collapse:collapse;margin:.5rem 0 1rem}\
        th,td{border:1px solid #ccc;padding:.25rem .5rem;text-align:left;vertical-align:top}\
        th{background:#f2f2f2}td.num{text-align:right;font-variant-numeric:tabular-nums}\
        td.pre{white-space:pre-wrap}dl.meta{display:grid;grid-template-columns:max-content auto;gap:.2rem 1rem}\
        dt{font-weight:600}dd{margin:0}.sev-critical,.sev-high{color:#a40000;font-weight:600}\
        .sev-medium{color:#8a5a00}.status-scanned{color:#1b6e1b}.nodata{color:#777;font-style:italic}\
        @media print{body{margin:0}}
        """

    private func e(_ text: String, keepNewlines: Bool = false) -> String {
        HTMLEscaping.escape(text, keepNewlines: keepNewlines)
    }

    /// A cell's content, already escaped, and an optional class from a fixed set.
    private struct Cell {
        var html: String
        var cssClass: String? = nil
    }

    private func text(_ raw: String, _ cssClass: String? = nil) -> Cell {
        Cell(html: e(raw), cssClass: cssClass)
    }

    private func table(_ headers: [String], _ rows: [[Cell]], into out: inout [String]) {
        out.append("<table>")
        out.append("<thead><tr>" + headers.map { "<th>\(e($0))</th>" }.joined() + "</tr></thead>")
        out.append("<tbody>")
        for row in rows {
            let cells = row.map { cell in
                (cell.cssClass.map { "<td class=\"\($0)\">" } ?? "<td>") + cell.html + "</td>"
            }
            out.append("<tr>" + cells.joined() + "</tr>")
        }
        out.append("</tbody>")
        out.append("</table>")
    }

    private func header(_ d: ReportDigest, into out: inout [String]) {
        out.append("<header>")
        out.append("<h1>\(e(d.title))</h1>")
        out.append("<dl class=\"meta\">")
        for (key, value) in d.headerFacts {
            out.append("<dt>\(e(d.label(key)))</dt><dd>\(e(value))</dd>")
        }
        out.append("</dl>")
        out.append("</header>")
    }

    private func summary(_ d: ReportDigest, into out: inout [String]) {
        out.append("<section>")
        out.append("<h2>\(e(d.label(.summary)))</h2>")
        table(
            [d.label(.item), d.label(.count)],
            [
                [text(d.label(.units)), text(String(d.input.snapshot.units.count), "num")],
                [text(d.label(.hosts)), text(String(d.input.snapshot.hosts.count), "num")],
                [text(d.label(.findings)), text(String(d.input.findings.count), "num")],
            ], into: &out)
        out.append("<h3>\(e(d.label(.hostsByStatus)))</h3>")
        table(
            [d.label(.status), d.label(.count)],
            d.hostCountsByStatus.map {
                [
                    text($0.status.label.text(d.language), "status-\($0.status.rawValue)"),
                    text(String($0.count), "num"),
                ]
            }, into: &out)
        out.append("<h3>\(e(d.label(.findingsByVerdict)))</h3>")
        table(
            [d.label(.verdict), d.label(.count)],
            d.findingCountsByVerdict.map {
                [text($0.verdict.label.text(d.language)), text(String($0.count), "num")]
            },
            into: &out)
        out.append("<h3>\(e(d.label(.failuresBySeverity)))</h3>")
        table(
            [d.label(.severity), d.label(.count)],
            d.failureCountsBySeverity.map {
                [
                    text($0.severity.label.text(d.language), "sev-\($0.severity.rawValue)"),
                    text(String($0.count), "num"),
                ]
            }, into: &out)
        out.append("</section>")
    }

    private func ranking(_ d: ReportDigest, into out: inout [String]) {
        out.append("<section>")
        out.append("<h2>\(e(d.label(.ranking)))</h2>")
        out.append("<p>\(e(d.label(.rankingMethod))): \(e(d.rankingMethodLabel))</p>")
        let headers =
            [d.label(.rank), d.label(.unit), d.label(.score)] + (d.hasTiers ? [d.label(.tier)] : [])
            + d.indicatorHeadings.map { d.indicatorHeading($0.label) }
        table(
            headers,
            d.input.ranking.units.map { unit in
                [
                    text(String(unit.rank), "num"), text(unit.unitName.text(d.language)),
                    text(d.format.decimal(unit.score * d.input.ranking.scale), "num"),
                ]
                    + (d.hasTiers ? [text(unit.tier?.label.text(d.language) ?? "")] : [])
                    + unit.indicators.map {
                        text(d.indicatorCell($0), $0.hasData ? "num" : "nodata")
                    }
            }, into: &out)
        out.append("</section>")
    }

    private func hostsByUnit(_ d: ReportDigest, into out: inout [String]) {
        out.append("<section>")
        out.append("<h2>\(e(d.label(.hostsByUnit)))</h2>")
        for section in d.unitSections {
            out.append("<h3>\(e(d.unitTitle(section)))</h3>")
            if let score = section.score {
                out.append("<p><strong>\(e(d.label(.indicatorNotes)))</strong></p>")
                out.append("<ul>")
                for indicator in score.indicators {
                    out.append(
                        "<li>\(e(indicator.label.text(d.language))): \(e(indicator.explanation.text(d.language)))</li>"
                    )
                }
                out.append("</ul>")
            }
            guard !section.hosts.isEmpty else {
                out.append("<p>\(e(d.label(.noHosts)))</p>")
                continue
            }
            table(
                [
                    d.label(.host), d.label(.hostname), d.label(.operatingSystem), d.label(.status),
                    d.label(.antivirus), d.label(.sshBanner),
                ],
                section.hosts.map { host in
                    [
                        text(d.hostLabel(host)), text(d.hostnameText(host)), text(d.osText(host)),
                        text(d.statusText(host), "status-\(host.status.rawValue)"),
                        text(d.antivirusText(host)),
                        text(d.bannerText(host)),
                    ]
                }, into: &out)
        }
        out.append("</section>")
    }

    private func problems(_ d: ReportDigest, into out: inout [String]) {
        out.append("<section>")
        out.append("<h2>\(e(d.label(.problemsByHost)))</h2>")
        if d.problems.isEmpty {
            out.append("<p>\(e(d.label(.noProblems)))</p>")
        }
        for group in d.problems {
            out.append("<h3>\(e(d.hostLabel(endpoint: group.host)))</h3>")
            table(
                [
                    d.label(.severity), d.label(.policy), d.label(.rule), d.label(.verdict),
                    d.label(.message), d.label(.evidence),
                ],
                group.findings.map { finding in
                    [
                        text(
                            finding.severity.label.text(d.language),
                            "sev-\(finding.severity.rawValue)"),
                        text(d.policyLabel(finding.policyID)),
                        text("\(finding.title.text(d.language)) (\(finding.ruleID))"),
                        text(finding.verdict.label.text(d.language)),
                        Cell(html: e(finding.message ?? "", keepNewlines: true), cssClass: "pre"),
                        Cell(
                            html: finding.evidence.map { e(d.evidenceText($0)) }.joined(
                                separator: "<br>")),
                    ]
                }, into: &out)
        }
        out.append("</section>")
    }

    private func notScanned(_ d: ReportDigest, into out: inout [String]) {
        out.append("<section>")
        out.append("<h2>\(e(d.label(.notScanned)))</h2>")
        if d.notScanned.isEmpty {
            out.append("<p>\(e(d.label(.allScanned)))</p>")
        } else {
            table(
                [d.label(.host), d.label(.unit), d.label(.status), d.label(.message)],
                d.notScanned.map { host in
                    [
                        text(d.hostLabel(host)), text(d.unitName(host.target.unit)),
                        text(host.status.label.text(d.language), "status-\(host.status.rawValue)"),
                        Cell(html: e(host.message ?? "", keepNewlines: true), cssClass: "pre"),
                    ]
                }, into: &out)
        }
        out.append("</section>")
    }
}
