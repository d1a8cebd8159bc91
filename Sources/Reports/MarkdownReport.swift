import InventoryModel
import Ranking

/// The report as Markdown (`report.md`), for reading in a repository or pasting into a ticket.
///
/// Every text that came from a host or a file goes through the Markdown escaper
/// (`ReportWriter.markdown`, as `MarkdownEscaping` describes), so it can neither smuggle HTML
/// through a Markdown renderer nor break a table. Written line by line into the sink.
public struct MarkdownReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .md }

    public var fileName: String { "report.md" }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        var out = try ReportWriter(fileName, to: sink)
        header(d, into: &out)
        summary(d, into: &out)
        ranking(d, into: &out)
        try hostsByUnit(d, into: &out)
        try problems(d, into: &out)
        try notScanned(d, into: &out)
        try out.finish()
    }

    /// `| a | b |` with each cell escaped.
    private func row(_ cells: [String], into out: inout ReportWriter) {
        out.raw("| ")
        for (index, cell) in cells.enumerated() {
            if index > 0 { out.raw(" | ") }
            out.markdown(cell)
        }
        out.raw(" |\n")
    }

    private func heading(_ headers: [String], alignRight: Set<Int> = [], into out: inout ReportWriter) {
        row(headers, into: &out)
        out.raw("|")
        for index in headers.indices { out.raw(alignRight.contains(index) ? "---:|" : "---|") }
        out.raw("\n")
    }

    /// A table and the blank line after it (left out at the end of the file).
    private func table(
        _ headers: [String], alignRight: Set<Int> = [], _ rows: [[String]], last: Bool = false, into out: inout ReportWriter
    ) {
        heading(headers, alignRight: alignRight, into: &out)
        for cells in rows { row(cells, into: &out) }
        if !last { out.raw("\n") }
    }

    private func line(_ prefix: StaticString, _ text: String, into out: inout ReportWriter) {
        out.raw(prefix)
        out.markdown(text)
        out.raw("\n\n")
    }

    private func header(_ d: ReportDigest, into out: inout ReportWriter) {
        line("# ", d.title, into: &out)
        for (key, value) in d.headerFacts {
            out.raw("- **")
            out.markdown(d.label(key))
            out.raw(":** ")
            out.markdown(value)
            out.raw("\n")
        }
        out.raw("\n")
    }

    private func summary(_ d: ReportDigest, into out: inout ReportWriter) {
        line("## ", d.label(.summary), into: &out)
        table(
            [d.label(.item), d.label(.count)], alignRight: [1],
            [
                [d.label(.units), String(d.input.snapshot.units.count)],
                [d.label(.hosts), String(d.input.snapshot.hosts.count)],
                [d.label(.findings), String(d.input.findings.count)],
            ], into: &out)
        line("### ", d.label(.hostsByStatus), into: &out)
        table(
            [d.label(.status), d.label(.count)], alignRight: [1],
            d.hostCountsByStatus.map { [$0.status.label.text(d.language), String($0.count)] }, into: &out)
        line("### ", d.label(.findingsByVerdict), into: &out)
        table(
            [d.label(.verdict), d.label(.count)], alignRight: [1],
            d.findingCountsByVerdict.map { [$0.verdict.label.text(d.language), String($0.count)] }, into: &out)
        line("### ", d.label(.failuresBySeverity), into: &out)
        table(
            [d.label(.severity), d.label(.count)], alignRight: [1],
            d.failureCountsBySeverity.map { [$0.severity.label.text(d.language), String($0.count)] }, into: &out)
    }

    private func ranking(_ d: ReportDigest, into out: inout ReportWriter) {
        line("## ", d.label(.ranking), into: &out)
        out.markdown(d.label(.rankingMethod))
        out.raw(": ")
        out.markdown(d.rankingMethodLabel)
        out.raw("\n\n")
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

    private func hostsByUnit(_ d: ReportDigest, into out: inout ReportWriter) throws {
        line("## ", d.label(.hostsByUnit), into: &out)
        // The hosts table's head, escaped once (the same under every unit).
        var w = ReportWriter(memo: out.memo)
        heading(
            [
                d.label(.host), d.label(.hostname), d.label(.operatingSystem), d.label(.status),
                d.label(.antivirus), d.label(.sshBanner),
            ], into: &w)
        let head = w.bytes
        for section in d.unitSections {
            line("### ", d.unitTitle(section), into: &out)
            if let score = section.score {
                out.raw("**")
                out.markdown(d.label(.indicatorNotes))
                out.raw(":**\n\n")
                for indicator in score.indicators {
                    out.raw("- ")
                    out.markdown(indicator.label.text(d.language))
                    out.raw(": ")
                    out.markdown(indicator.explanation.text(d.language))
                    out.raw("\n")
                }
                out.raw("\n")
            }
            guard !section.hosts.isEmpty else {
                line("", d.label(.noHosts), into: &out)
                continue
            }
            out.raw(head)
            // By index: iterating the selection copies each `HostScan`.
            let all = section.hosts.all
            for position in section.hosts.positions {
                let at = Int(position)
                row(
                    [
                        d.hostLabel(all[at]), d.hostnameText(all[at]), d.osText(all[at]), d.statusText(all[at]),
                        d.antivirusText(all[at]), d.bannerText(all[at]),
                    ], into: &out)
                try out.flushIfFull()
            }
            out.raw("\n")
        }
    }

    private func problems(_ d: ReportDigest, into out: inout ReportWriter) throws {
        line("## ", d.label(.problemsByHost), into: &out)
        guard !d.problems.isEmpty else {
            line("", d.label(.noProblems), into: &out)
            return
        }
        let headers = [
            d.label(.severity), d.label(.policy), d.label(.rule), d.label(.verdict), d.label(.message), d.label(.evidence),
        ]
        // Escaped once: the table's head (the same under every host; its labels are non-ASCII in
        // Vietnamese, and cleaning one is a lookup in the memo), each verdict's cell, and per
        // rule `severity | policy | title (rule) | `. Byte ranges in one array, so a row retains
        // no per-rule array.
        let memo = out.memo
        var store: [UInt8] = []
        var w = ReportWriter(memo: memo)
        heading(headers, into: &w)
        let head = Self.keep(w, in: &store)
        let verdicts = Verdict.allCases.map { verdict in
            var w = ReportWriter(memo: memo)
            w.markdown(verdict.label.text(d.language))
            w.raw(" | ")
            return Self.keep(w, in: &store)
        }
        var rules = PerRule<Range<Int>>()
        for group in d.problems {
            line("### ", d.hostLabel(endpoint: group.host), into: &out)
            store.withUnsafeBufferPointer { out.raw(UnsafeBufferPointer(rebasing: $0[head])) }
            let findings = group.findings.all
            for position in group.findings.positions {
                let at = Int(position)
                let rule = rules.value(findings[at]) { finding in
                    var w = ReportWriter(memo: memo)
                    w.markdown(finding.severity.label.text(d.language))
                    w.raw(" | ")
                    w.markdown(d.policyLabel(finding.policyID))
                    w.raw(" | ")
                    w.markdown(finding.title.text(d.language))
                    w.raw(" (")
                    w.markdown(finding.ruleID)
                    w.raw(") | ")
                    return Self.keep(w, in: &store)
                }
                out.raw("| ")
                store.withUnsafeBufferPointer { store in
                    out.raw(UnsafeBufferPointer(rebasing: store[rule]))
                    out.raw(UnsafeBufferPointer(rebasing: store[verdicts[findings[at].verdict.ordinal]]))
                }
                out.markdown(findings[at].message ?? "")
                out.raw(" | ")
                for (index, item) in findings[at].citedEvidence.enumerated() {
                    if index > 0 { out.raw("; ") }
                    out.markdown(item.path)
                    out.raw(" = ")
                    out.markdown(item.value)
                }
                out.raw(" |\n")
            }
            out.raw("\n")
            try out.flushIfFull()
        }
    }

    /// Copies what `w` holds to the end of `store`; answers where it went. (Not a local
    /// function: one capturing `store` would box it, and each row's read of it would pay a
    /// dynamic exclusivity check.)
    private static func keep(_ w: borrowing ReportWriter, in store: inout [UInt8]) -> Range<Int> {
        let start = store.count
        w.withBytes { store.append(contentsOf: $0) }
        return start..<store.count
    }

    private func notScanned(_ d: ReportDigest, into out: inout ReportWriter) throws {
        line("## ", d.label(.notScanned), into: &out)
        guard !d.notScanned.isEmpty else {
            out.markdown(d.label(.allScanned))
            out.raw("\n")
            return
        }
        heading([d.label(.host), d.label(.unit), d.label(.status), d.label(.message)], into: &out)
        for host in d.notScanned {
            row([d.hostLabel(host), d.unitName(host.target.unit), host.status.label.text(d.language), host.message ?? ""], into: &out)
            try out.flushIfFull()
        }
    }
}
