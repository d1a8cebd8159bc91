import Foundation
import InventoryModel

/// The findings as JUnit XML (`report.junit.xml`), so a CI system shows an audit like a test run.
///
/// One test suite per host (in inventory order), one test case per rule on that host: a failed
/// rule is a `<failure>` whose text is the evidence it was judged on, a rule that could not be
/// judged is an `<error>`, not-applicable and waived rules are `<skipped>`. Each host also has a
/// `scan` case that errs when the host could not be scanned, so an unreachable host is not a
/// silent green suite. Labels follow the report's language; ids (policy, rule) are verbatim.
public struct JUnitReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .junit }
    public var fileName: String { "report.junit.xml" }

    /// What every test case of one rule shares, escaped once (`PerRule`).
    private struct RuleText {
        /// `    <testcase classname="policy" name="rule: title"`
        var head: [UInt8]
        /// `><failure type="severity" message="`
        var failure: [UInt8]
        /// `Severity: label`, the first line of a failure's or error's text.
        var severity: [UInt8]
    }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        let language = input.language
        let findings = input.findings
        // Findings by host, as indexes; hosts in inventory order, then hosts only findings name.
        var positions = HostPositions(input.snapshot.hosts)
        var byHost = [[Int32]](repeating: [], count: positions.hosts.count)
        for (index, finding) in findings.enumerated() {
            let at = Int(positions.position(finding.host))
            if at == byHost.count { byHost.append([]) }
            byHost[at].append(Int32(index))
        }
        let order = positions.hosts
        let scanned = input.snapshot.hosts
        let stamp = Self.timestamp(input.snapshot.startedAt)

        // The totals head the document, so they are counted before anything is written.
        typealias Counts = (tests: Int, failures: Int, errors: Int, skipped: Int)
        let counts: [Counts] = order.enumerated().map { at, endpoint in
            var counts = (tests: byHost[at].count, failures: 0, errors: 0, skipped: 0)
            for i in byHost[at] {
                switch findings[Int(i)].verdict {
                case .fail: counts.failures += 1
                case .error: counts.errors += 1
                case .notApplicable, .waived: counts.skipped += 1
                case .pass: break
                }
            }
            if let host = d.hostIndex[endpoint].map({ scanned[$0] }) {
                counts.tests += 1
                if host.status != .scanned { counts.errors += 1 }
            }
            return counts
        }
        let totals = counts.reduce((0, 0, 0, 0)) { ($0.0 + $1.tests, $0.1 + $1.failures, $0.2 + $1.errors, $0.3 + $1.skipped) }

        var out = try ReportWriter(fileName, to: sink)
        let memo = out.memo
        func attributes(_ c: Counts) {
            out.raw("\" tests=\"")
            out.int(c.tests)
            out.raw("\" failures=\"")
            out.int(c.failures)
            out.raw("\" errors=\"")
            out.int(c.errors)
            out.raw("\" skipped=\"")
            out.int(c.skipped)
            out.raw("\" timestamp=\"\(stamp)\">\n")
        }
        var rules = PerRule<RuleText>()
        let verdictLabels = Verdict.allCases.map { verdict in
            var w = ReportWriter(memo: memo)
            w.xml(verdict.label.text(language), keepNewlines: false)
            return w.bytes
        }
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        out.xml(d.title, keepNewlines: false)
        attributes(totals)
        for (at, endpoint) in order.enumerated() {
            let host = d.hostIndex[endpoint].map { scanned[$0] }
            out.raw("  <testsuite name=\"")
            out.xml(d.hostLabel(endpoint: endpoint), keepNewlines: false)
            out.raw("\" hostname=\"")
            out.xml(endpoint, keepNewlines: false)
            attributes(counts[at])
            if let host {
                out.raw("    <properties><property name=\"unit\" value=\"")
                out.xml(host.target.unit, keepNewlines: false)
                out.raw("\"/></properties>\n")
                out.raw("    <testcase classname=\"ictaudit.scan\" name=\"")
                out.xml(d.label(.scan), keepNewlines: false)
                out.raw("\" time=\"\(String(format: "%.3f", host.durationSeconds))\"")
                if host.status == .scanned {
                    out.raw("/>\n")
                } else {
                    out.raw("><error type=\"\(host.status.rawValue)\" message=\"")
                    out.xml(d.statusText(host), keepNewlines: false)
                    out.raw("\"/></testcase>\n")
                }
            }
            for i in byHost[at] {
                let finding = findings[Int(i)]
                let rule = rules.value(finding) { finding in
                    var w = ReportWriter(memo: memo)
                    w.raw("    <testcase classname=\"")
                    w.xml(finding.policyID, keepNewlines: false)
                    w.raw("\" name=\"")
                    w.xml(finding.ruleID, keepNewlines: false)
                    w.raw(": ")
                    w.xml(finding.title.text(language), keepNewlines: false)
                    w.raw("\"")
                    let head = w.bytes
                    w.clear()
                    w.raw("><failure type=\"\(finding.severity.rawValue)\" message=\"")
                    let failure = w.bytes
                    w.clear()
                    w.xml(d.label(.severity))
                    w.raw(": ")
                    w.xml(finding.severity.label.text(language))
                    return RuleText(head: head, failure: failure, severity: w.bytes)
                }
                out.raw(rule.head)
                switch finding.verdict {
                case .pass:
                    out.raw("/>\n")
                    continue
                case .fail:
                    out.raw(rule.failure)
                    if let message = finding.message { out.xml(message, keepNewlines: false) } else { out.raw(verdictLabels[finding.verdict.ordinal]) }
                    out.raw("\">")
                    Self.detail(finding, rule.severity, d, into: &out)
                    out.raw("</failure>")
                case .error:
                    out.raw("><error type=\"error\" message=\"")
                    if let message = finding.message { out.xml(message, keepNewlines: false) } else { out.raw(verdictLabels[finding.verdict.ordinal]) }
                    out.raw("\">")
                    Self.detail(finding, rule.severity, d, into: &out)
                    out.raw("</error>")
                case .notApplicable, .waived:
                    out.raw("><skipped message=\"")
                    out.xml(
                        finding.waiver.map { "\(finding.verdict.label.text(language)): \($0.justification)" }
                            ?? finding.verdict.label.text(language), keepNewlines: false)
                    out.raw("\"/>")
                }
                out.raw("</testcase>\n")
                try out.flushIfFull()
            }
            out.raw("  </testsuite>\n")
            try out.flushIfFull()
        }
        out.raw("</testsuites>\n")
        try out.finish()
    }

    /// Severity (`severity`: the rule's line, escaped), message and each evidence item on its own line.
    static func detail(_ finding: Finding, _ severity: [UInt8], _ d: ReportDigest, into out: inout ReportWriter) {
        out.raw(severity)
        if let message = finding.message {
            out.byte(0x0A)
            out.xml(d.label(.message))
            out.raw(": ")
            out.xml(message)
        }
        let evidence = finding.citedEvidence
        if !evidence.isEmpty {
            out.byte(0x0A)
            out.xml(d.label(.evidence))
            out.byte(0x3A)
            for item in evidence {
                out.raw("\n  ")
                out.xml(item.path)
                out.raw(" = ")
                out.xml(item.value)
            }
        }
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
