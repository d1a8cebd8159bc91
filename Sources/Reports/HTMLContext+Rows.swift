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
        let pieces = frame.split(separator: "\u{1}", omittingEmptySubsequences: false)
        for (index, piece) in pieces.enumerated() {
            if index % 2 == 0 {
                out.raw(String(piece))
            } else if let marker = Marker(rawValue: String(piece)) {
                try rows(marker, &out)
            }
            try out.flushIfFull()
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

    private func cell(_ text: String, into out: inout ReportWriter, newlines: Bool = false) {
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
        for host in hosts {
            out.raw("<tr>")
            cell(d.hostLabel(host), into: &out)
            cell(d.hostnameText(host), into: &out)
            cell(d.osText(host), into: &out)
            out.raw("<td class=\"status-")
            out.htmlLabel(host.status.rawValue)
            out.raw("\">")
            out.html(d.statusText(host))
            out.raw("</td>")
            cell(d.antivirusText(host), into: &out)
            cell(d.bannerText(host), into: &out)
            out.raw("</tr>\n")
            try out.flushIfFull()
        }
        out.raw("</tbody>\n</table>\n")
    }

    /// Failed and error findings grouped by host (the `problems` partial), with evidence and
    /// what to do.
    func writeProblems(_ groups: [ReportDigest.HostProblems], into out: inout ReportWriter) throws {
        var remediations: [String: [String: LocalizedText]] = [:]
        for policy in input.policies where remediations[policy.id] == nil { remediations[policy.id] = policy.remediations }
        let language = input.language
        let memo = out.memo
        // Per rule, escaped once: the row up to the verdict, and the remediation cell's text.
        var rules = PerRule<(head: [UInt8], remediation: [UInt8])>()
        let verdicts = Verdict.allCases.map { verdict in
            var w = ReportWriter(memo: memo)
            w.htmlLabel(verdict.label.text(language))
            w.raw("</td><td class=\"pre\">")
            return w.bytes
        }
        for group in groups {
            out.raw("<h3>")
            out.html(d.hostLabel(endpoint: group.host))
            out.raw("</h3>\n<table>\n")
            headings([.severity, .policy, .rule, .verdict, .message, .evidence, .remediation], into: &out)
            out.raw("<tbody>\n")
            for finding in group.findings {
                let rule = rules.value(finding) { finding in
                    var w = ReportWriter(memo: memo)
                    w.raw("<tr><td class=\"sev-")
                    w.htmlLabel(finding.severity.rawValue)
                    w.raw("\">")
                    w.htmlLabel(finding.severity.label.text(language))
                    w.raw("</td>")
                    cell(d.policyLabel(finding.policyID), into: &w)
                    w.raw("<td>")
                    w.html(finding.title.text(language))
                    w.raw(" (")
                    w.html(finding.ruleID)
                    w.raw(")</td><td>")
                    let head = w.bytes
                    w.clear()
                    if let text = remediations[finding.policyID]?[finding.ruleID] {
                        w.html(text.text(language), keepNewlines: true)
                    }
                    return (head, w.bytes)
                }
                out.raw(rule.head)
                out.raw(verdicts[finding.verdict.ordinal])
                out.html(finding.message ?? "", keepNewlines: true)
                out.raw("</td><td>")
                for item in finding.citedEvidence {
                    out.html(item.path)
                    out.raw(" = ")
                    out.html(item.value)
                    out.raw("<br>")
                }
                out.raw("</td><td class=\"remediation\">")
                out.raw(rule.remediation)
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
