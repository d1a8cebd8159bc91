import Foundation
import InventoryModel

/// The parts of the HTML pages that grow with the audit, hosts and their failed findings,
/// written by the renderer straight into the page, not through the templates.
///
/// A ministry's unit pages list ~700,000 failed findings; as mustache contexts that is a
/// dictionary per row and a dynamic cast per value, most of the report's time. The templates keep
/// the page frame (header, unit block, summary) and hold a marker where these rows go
/// (`{{{hostsMarker}}}`, `{{{problemsMarker}}}`); the markup here is what the `hosts` and
/// `problems` partials wrote, byte for byte. Every text is cleaned and escaped by
/// `ReportWriter.html`.
extension HTMLContext {
    /// What a page template holds where the renderer writes rows itself.
    enum Marker: String, CaseIterable {
        case hosts, problems

        /// `\u{1}hosts\u{1}`: a control character never survives cleaning, so no text can forge it.
        var text: String { "\u{1}\(rawValue)\u{1}" }
    }

    /// Writes a rendered page frame, calling `rows` where it holds a marker.
    static func write(
        frame: String, into out: inout ReportWriter, rows: (Marker, inout ReportWriter) throws -> Void
    ) throws {
        // Split on the UTF-8 bytes: a `Character` split of a page frame walks grapheme breaks.
        var frame = frame
        try frame.withUTF8 { utf8 in
            let pieces = utf8.split(separator: 0x01, omittingEmptySubsequences: false)
            for (index, piece) in pieces.enumerated() {
                if index % 2 == 0 {
                    out.raw(UnsafeBufferPointer(rebasing: piece))
                } else if let marker = Marker(rawValue: String(decoding: UnsafeBufferPointer(rebasing: piece), as: UTF8.self)) {
                    try rows(marker, &out)
                }
                try out.flushIfFull()
            }
        }
    }

    private func label(_ key: ReportKey) -> String { d.label(key) }

    private func headings(_ keys: [ReportKey], into out: inout ReportWriter) {
        out.raw("<thead><tr>")
        for key in keys {
            out.raw("<th>")
            out.htmlLabel(label(key))
            out.raw("</th>")
        }
        out.raw("</tr></thead>\n")
    }

    private static func cell(_ text: String, into out: inout ReportWriter, newlines: Bool = false) {
        out.raw("<td>")
        out.html(text, keepNewlines: newlines)
        out.raw("</td>")
    }

    /// A unit's hosts table (the `hosts` partial), for the given hosts of the section.
    func writeHosts(_ section: ReportDigest.UnitSection, hosts: ReportDigest.HostSelection, into out: inout ReportWriter) throws {
        out.raw("<h3>")
        out.html(d.unitTitle(section))
        out.raw("</h3>\n")
        guard !section.hosts.isEmpty else {
            out.raw("<p>")
            out.htmlLabel(label(.noHosts))
            out.raw("</p>\n")
            return
        }
        out.raw("\n<table>\n")
        headings([.host, .hostname, .operatingSystem, .status, .antivirus, .sshBanner], into: &out)
        out.raw("<tbody>\n")
        // By index: iterating the selection copies each `HostScan` (a retain per field).
        let all = hosts.all
        for position in hosts.positions {
            let at = Int(position)
            out.raw("<tr>")
            Self.cell(d.hostLabel(all[at]), into: &out)
            Self.cell(d.hostnameText(all[at]), into: &out)
            Self.cell(d.osText(all[at]), into: &out)
            out.raw("<td class=\"status-")
            out.htmlLabel(all[at].status.rawValue)
            out.raw("\">")
            out.html(d.statusText(all[at]))
            out.raw("</td>")
            Self.cell(d.antivirusText(all[at]), into: &out)
            Self.cell(d.bannerText(all[at]), into: &out)
            out.raw("</tr>\n")
            try out.flushIfFull()
        }
        out.raw("</tbody>\n</table>\n")
    }

    /// Failed and error findings grouped by host (the `problems` partial), with evidence and
    /// what to do.
    ///
    /// A ministry's unit pages hold ~700,000 of these rows, so a row carries no byte a reader
    /// does not need: the message and remediation columns keep their line breaks through the
    /// stylesheet (`.problems td:nth-child(5)`, `(7)`), not a class on every cell, and evidence
    /// items are separated by `<br>`, not followed by one (25 MB less at 2 M findings).
    func writeProblems(_ groups: [ReportDigest.HostProblems], into out: inout ReportWriter) throws {
        var remediations: [String: [String: LocalizedText]] = [:]
        for policy in input.policies where remediations[policy.id] == nil { remediations[policy.id] = policy.remediations }
        let language = input.language
        let memo = out.memo
        let d = d
        // Per rule, escaped once into `store`: the row up to the verdict, and the remediation
        // cell's text; per verdict, its cell up to the message. Byte ranges in one array, so a
        // row costs no retain of a per-rule array (and the closure below captures no copy of
        // this context).
        var store: [UInt8] = []
        var rules = PerRule<(head: Range<Int>, remediation: Range<Int>)>()
        var verdicts: [Range<Int>] = []
        for verdict in Verdict.allCases {
            var w = ReportWriter(memo: memo)
            w.htmlLabel(verdict.label.text(language))
            w.raw("</td><td>")
            let start = store.count
            w.withBytes { store.append(contentsOf: $0) }
            verdicts.append(start..<store.count)
        }
        for group in groups {
            out.raw("<h3>")
            out.html(d.hostLabel(endpoint: group.host))
            out.raw("</h3>\n<table class=\"problems\">\n")
            headings([.severity, .policy, .rule, .verdict, .message, .evidence, .remediation], into: &out)
            out.raw("<tbody>\n")
            let findings = group.findings.all
            for position in group.findings.positions {
                let at = Int(position)
                let rule = rules.value(findings[at]) { finding in
                    var w = ReportWriter(memo: memo)
                    w.raw("<tr><td class=\"sev-")
                    w.htmlLabel(finding.severity.rawValue)
                    w.raw("\">")
                    w.htmlLabel(finding.severity.label.text(language))
                    w.raw("</td>")
                    Self.cell(d.policyLabel(finding.policyID), into: &w)
                    w.raw("<td>")
                    w.html(finding.title.text(language))
                    w.raw(" (")
                    w.html(finding.ruleID)
                    w.raw(")</td><td>")
                    let start = store.count
                    w.withBytes { store.append(contentsOf: $0) }
                    let head = start..<store.count
                    w.clear()
                    if let text = remediations[finding.policyID]?[finding.ruleID] {
                        w.html(text.text(language), keepNewlines: true)
                    }
                    w.withBytes { store.append(contentsOf: $0) }
                    return (head, head.upperBound..<store.count)
                }
                store.withUnsafeBufferPointer { store in
                    out.raw(UnsafeBufferPointer(rebasing: store[rule.head]))
                    out.raw(UnsafeBufferPointer(rebasing: store[verdicts[findings[at].verdict.ordinal]]))
                }
                out.html(findings[at].message ?? "", keepNewlines: true)
                out.raw("</td><td>")
                for (index, item) in findings[at].citedEvidence.enumerated() {
                    if index > 0 { out.raw("<br>") }
                    out.html(item.path)
                    out.raw(" = ")
                    out.html(item.value)
                }
                out.raw("</td><td>")
                store.withUnsafeBufferPointer { out.raw(UnsafeBufferPointer(rebasing: $0[rule.remediation])) }
                out.raw("</td></tr>\n")
                try out.flushIfFull()
            }
            out.raw("</tbody>\n</table>\n")
        }
        if groups.isEmpty {
            out.raw("<p>")
            out.htmlLabel(label(.noProblems))
            out.raw("</p>")
        }
    }
}
