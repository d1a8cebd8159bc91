import Foundation
import InventoryModel
import Ranking

/// The report as HTML: a summary page (`report.html`) and a detail page per unit
/// (`units/UNIT.html`), rendered from the mustache templates in `Templates/`.
///
/// Each page is self-contained: inline CSS and SVG, no scripts, no external resources, so it opens
/// the same from a USB stick on an offline machine; a Content-Security-Policy that allows nothing
/// but the inline style is a second line of defence should an escape ever be missed. The summary
/// comes first (ranking with tiers, antivirus coverage, computer age, bandwidth against the
/// contract, failures by severity, each chart with its values as text), then what changed since
/// the last scan, the ranking, each unit's indicators and pillars, and failed findings grouped by
/// rule with the hosts folded. A small audit also lists hosts and findings with their evidence
/// on the summary page; a ministry's links to the unit pages instead, so no page grows past
/// about 20 MB.
public struct HTMLReport: TextReportRenderer {
    /// Failed and error findings the summary page lists one by one before it only links.
    public var inlineFindings: Int
    /// Hosts the summary page lists one by one before it only links.
    public var inlineHosts: Int
    /// Hosts shown under each rule on the summary page (the rest are counted).
    public var hostsPerRule: Int
    /// Failed and error findings per unit page before the unit continues on another page.
    public var findingsPerPage: Int

    public init(inlineFindings: Int = 2_000, inlineHosts: Int = 500, hostsPerRule: Int = 50, findingsPerPage: Int = 20_000) {
        self.inlineFindings = inlineFindings
        self.inlineHosts = inlineHosts
        self.hostsPerRule = hostsPerRule
        self.findingsPerPage = findingsPerPage
    }

    public var format: ReportFormat { .html }
    public var fileName: String { "report.html" }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let context = HTMLContext(input, options: self)
        let memo = try writeSummary(context, to: sink)
        for page in context.unitPages() {
            var out = try ReportWriter(page.name, to: sink, memo: memo)
            try HTMLContext.write(frame: try HTMLTemplates.render(page.context, "unitpage"), into: &out) { marker, out in
                switch marker {
                case .hosts: try context.writeHosts(page.section, hosts: page.hosts, into: &out)
                case .problems: try context.writeProblems(page.problems, into: &out)
                }
            }
            try out.finish()
        }
    }

    /// The summary page alone.
    public func render(_ input: ReportInput) throws -> String {
        let sink = ReportMemorySink()
        _ = try writeSummary(HTMLContext(input, options: self), to: sink)
        return sink.files.first.map { String(decoding: $0.data, as: UTF8.self) } ?? ""
    }

    /// Writes `report.html`; returns the cleaned texts it remembered, for the unit pages.
    private func writeSummary(_ context: HTMLContext, to sink: any ReportSink) throws -> CleanedTexts {
        var out = try ReportWriter(fileName, to: sink)
        try HTMLContext.write(frame: try HTMLTemplates.render(summaryContext(context), "report"), into: &out) { marker, out in
            switch marker {
            case .hosts:
                for section in context.d.unitSections { try context.writeHosts(section, hosts: section.hosts, into: &out) }
            case .problems:
                try context.writeProblems(context.d.problems, into: &out)
            }
        }
        try out.finish()
        return out.memo
    }

    private func summaryContext(_ context: HTMLContext) -> [String: Any] {
        var page = context.summaryPage()
        page["rankingMethod"] = UntrustedText.clean(context.d.rankingMethodLabel)
        page["indicatorHeadings"] = context.d.indicatorHeadings.map { UntrustedText.clean(context.d.indicatorHeading($0.label)) }
        return page
    }
}
