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

    public func render(_ input: ReportInput) throws -> String {
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

        var body = XMLText(capacity: 1_024 + input.findings.count * 160)
        var totals = (tests: 0, failures: 0, errors: 0, skipped: 0)
        for endpoint in order {
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
            let host = hosts[endpoint]
            if host != nil {
                counts.tests += 1
                if host?.status != .scanned { counts.errors += 1 }
            }
            body.raw("  <testsuite name=\"")
            body.text(d.hostLabel(endpoint: endpoint), keepNewlines: false)
            body.raw("\" hostname=\"")
            body.text(endpoint, keepNewlines: false)
            body.raw(
                "\" tests=\"\(counts.tests)\" failures=\"\(counts.failures)\" errors=\"\(counts.errors)\" skipped=\"\(counts.skipped)\" timestamp=\"\(stamp)\">\n"
            )
            if let host {
                body.raw("    <properties><property name=\"unit\" value=\"")
                body.text(host.target.unit, keepNewlines: false)
                body.raw("\"/></properties>\n")
                body.raw("    <testcase classname=\"ictaudit.scan\" name=\"")
                body.text(d.label(.scan), keepNewlines: false)
                body.raw("\" time=\"\(String(format: "%.3f", host.durationSeconds))\"")
                if host.status == .scanned {
                    body.raw("/>\n")
                } else {
                    body.raw("><error type=\"\(host.status.rawValue)\" message=\"")
                    body.text(d.statusText(host), keepNewlines: false)
                    body.raw("\"/></testcase>\n")
                }
            }
            for i in indexes {
                let finding = input.findings[i]
                body.raw("    <testcase classname=\"")
                body.text(finding.policyID, keepNewlines: false)
                body.raw("\" name=\"")
                body.text("\(finding.ruleID): \(finding.title.text(language))", keepNewlines: false)
                body.raw("\"")
                let detail = Self.detail(finding, d)
                switch finding.verdict {
                case .pass:
                    body.raw("/>\n")
                    continue
                case .fail:
                    body.raw("><failure type=\"\(finding.severity.rawValue)\" message=\"")
                    body.text(finding.message ?? finding.verdict.label.text(language), keepNewlines: false)
                    body.raw("\">")
                    body.text(detail)
                    body.raw("</failure>")
                case .error:
                    body.raw("><error type=\"error\" message=\"")
                    body.text(finding.message ?? finding.verdict.label.text(language), keepNewlines: false)
                    body.raw("\">")
                    body.text(detail)
                    body.raw("</error>")
                case .notApplicable, .waived:
                    body.raw("><skipped message=\"")
                    body.text(
                        finding.waiver.map { "\(finding.verdict.label.text(language)): \($0.justification)" }
                            ?? finding.verdict.label.text(language), keepNewlines: false)
                    body.raw("\"/>")
                }
                body.raw("</testcase>\n")
            }
            body.raw("  </testsuite>\n")
            totals.tests += counts.tests
            totals.failures += counts.failures
            totals.errors += counts.errors
            totals.skipped += counts.skipped
        }
        var out = XMLText(capacity: body.bytes.count + 512)
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        out.text(d.title, keepNewlines: false)
        out.raw(
            "\" tests=\"\(totals.tests)\" failures=\"\(totals.failures)\" errors=\"\(totals.errors)\" skipped=\"\(totals.skipped)\" timestamp=\"\(stamp)\">\n"
        )
        out.bytes += body.bytes
        out.raw("</testsuites>\n")
        return String(decoding: out.bytes, as: UTF8.self)
    }

    /// Severity, message and each evidence item on its own line.
    static func detail(_ finding: Finding, _ d: ReportDigest) -> String {
        var lines = ["\(d.label(.severity)): \(finding.severity.label.text(d.language))"]
        if let message = finding.message { lines.append("\(d.label(.message)): \(message)") }
        if !finding.evidence.isEmpty {
            lines.append("\(d.label(.evidence)):")
            lines += finding.evidence.map { "  \($0.path) = \($0.value)" }
        }
        return lines.joined(separator: "\n")
    }

    static func timestamp(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}
