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

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        let language = input.language
        var byHost: [String: [Int]] = [:]
        var order: [String] = input.snapshot.hosts.map(\.target.endpoint)
        var known = Set(order)
        for (index, finding) in input.findings.enumerated() {
            byHost[finding.host, default: []].append(index)
            if known.insert(finding.host).inserted { order.append(finding.host) }
        }
        let hosts = Dictionary(input.snapshot.hosts.map { ($0.target.endpoint, $0) }, uniquingKeysWith: { a, _ in a })
        let stamp = Self.timestamp(input.snapshot.startedAt)

        // The totals head the document, so they are counted before anything is written.
        typealias Counts = (tests: Int, failures: Int, errors: Int, skipped: Int)
        func counts(_ endpoint: String) -> Counts {
            let indexes = byHost[endpoint] ?? []
            var counts = (tests: indexes.count, failures: 0, errors: 0, skipped: 0)
            for i in indexes {
                switch input.findings[i].verdict {
                case .fail: counts.failures += 1
                case .error: counts.errors += 1
                case .notApplicable, .waived: counts.skipped += 1
                case .pass: break
                }
            }
            if let host = hosts[endpoint] {
                counts.tests += 1
                if host.status != .scanned { counts.errors += 1 }
            }
            return counts
        }
        var totals: Counts = (0, 0, 0, 0)
        for endpoint in order {
            let c = counts(endpoint)
            totals = (totals.tests + c.tests, totals.failures + c.failures, totals.errors + c.errors, totals.skipped + c.skipped)
        }

        var out = try ReportWriter(fileName, to: sink)
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
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        out.xml(d.title, keepNewlines: false)
        attributes(totals)
        for endpoint in order {
            let host = hosts[endpoint]
            out.raw("  <testsuite name=\"")
            out.xml(d.hostLabel(endpoint: endpoint), keepNewlines: false)
            out.raw("\" hostname=\"")
            out.xml(endpoint, keepNewlines: false)
            attributes(counts(endpoint))
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
            for i in byHost[endpoint] ?? [] {
                let finding = input.findings[i]
                out.raw("    <testcase classname=\"")
                out.xml(finding.policyID, keepNewlines: false)
                out.raw("\" name=\"")
                out.xml(finding.ruleID, keepNewlines: false)
                out.raw(": ")
                out.xml(finding.title.text(language), keepNewlines: false)
                out.raw("\"")
                switch finding.verdict {
                case .pass:
                    out.raw("/>\n")
                    continue
                case .fail:
                    out.raw("><failure type=\"\(finding.severity.rawValue)\" message=\"")
                    out.xml(finding.message ?? finding.verdict.label.text(language), keepNewlines: false)
                    out.raw("\">")
                    Self.detail(finding, d, into: &out)
                    out.raw("</failure>")
                case .error:
                    out.raw("><error type=\"error\" message=\"")
                    out.xml(finding.message ?? finding.verdict.label.text(language), keepNewlines: false)
                    out.raw("\">")
                    Self.detail(finding, d, into: &out)
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

    /// Severity, message and each evidence item on its own line.
    static func detail(_ finding: Finding, _ d: ReportDigest, into out: inout ReportWriter) {
        out.xml(d.label(.severity))
        out.raw(": ")
        out.xml(finding.severity.label.text(d.language))
        if let message = finding.message {
            out.byte(0x0A)
            out.xml(d.label(.message))
            out.raw(": ")
            out.xml(message)
        }
        if !finding.evidence.isEmpty {
            out.byte(0x0A)
            out.xml(d.label(.evidence))
            out.byte(0x3A)
            for item in finding.evidence {
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
