import Foundation
import InventoryModel

/// The findings as JUnit XML (`report.junit.xml`), so a CI system shows an audit like a test run.
///
/// One test suite per host (in inventory order), one test case per rule on that host: a failed
/// rule is a `<failure>` whose text is the evidence it was judged on, a rule that could not be
/// judged is an `<error>`, not-applicable and waived rules are `<skipped>`. Each host also has a
/// `scan` case that errs when the host could not be scanned, so an unreachable host is not a
/// silent green suite. Labels follow the report's language; ids (policy, rule) are verbatim.
/// One element a line without indentation: at two million test cases the indentation alone was
/// 8 MB, and CI systems read the elements, not the layout.
public struct JUnitReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .junit }
    public var fileName: String { "report.junit.xml" }

    /// What every test case of one rule shares, escaped once (`PerRule`), as ranges of one byte
    /// store (a row then retains no per-rule array).
    private struct RuleText {
        /// `<testcase classname="policy" name="rule: title"`
        var head: Range<Int>
        /// `><failure type="severity" message="`
        var failure: Range<Int>
        /// `Severity: label`, the first line of a failure's or error's text.
        var severity: Range<Int>
    }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let d = ReportDigest(input)
        let language = input.language
        let findings = input.findings
        // Findings by host, as indexes; hosts in inventory order, then hosts only findings name.
        var positions = HostPositions(input.snapshot.hosts)
        var byHost = [[Int32]](repeating: [], count: positions.hosts.count)
        for index in findings.indices {
            let at = Int(positions.position(findings[index].host))
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

        let stampBytes = Array("\" timestamp=\"\(stamp)\">\n".utf8)
        var out = try ReportWriter(fileName, to: sink)
        let memo = out.memo
        // Takes the writer: a local function that captured it would box it, and every write
        // would then pay a dynamic exclusivity check.
        func attributes(_ c: Counts, into out: inout ReportWriter) {
            out.raw("\" tests=\"")
            out.int(c.tests)
            out.raw("\" failures=\"")
            out.int(c.failures)
            out.raw("\" errors=\"")
            out.int(c.errors)
            out.raw("\" skipped=\"")
            out.int(c.skipped)
            out.raw(stampBytes)
        }
        var rules = PerRule<RuleText>()
        // Texts every suite or case repeats, escaped once: labels are non-ASCII in Vietnamese, and
        // cleaning one means a lookup in the memo (a normalised hash) each time.
        func escaped(_ write: (inout ReportWriter) -> Void) -> [UInt8] {
            var w = ReportWriter(memo: memo)
            write(&w)
            return w.bytes
        }
        let verdictLabels = Verdict.allCases.map { verdict in escaped { $0.xml(verdict.label.text(language), keepNewlines: false) } }
        let scanLabel = escaped { $0.xml(d.label(.scan), keepNewlines: false) }
        let labels = Labels(
            message: escaped { $0.xml(d.label(.message)) }, evidence: escaped { $0.xml(d.label(.evidence)) })
        var store: [UInt8] = []
        out.raw("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<testsuites name=\"")
        out.xml(d.title, keepNewlines: false)
        attributes(totals, into: &out)
        for (at, endpoint) in order.enumerated() {
            let host = d.hostIndex[endpoint].map { scanned[$0] }
            out.raw("<testsuite name=\"")
            out.xml(d.hostLabel(endpoint: endpoint), keepNewlines: false)
            out.raw("\" hostname=\"")
            out.xml(endpoint, keepNewlines: false)
            attributes(counts[at], into: &out)
            if let host {
                out.raw("<properties><property name=\"unit\" value=\"")
                out.xml(host.target.unit, keepNewlines: false)
                out.raw("\"/></properties>\n")
                out.raw("<testcase classname=\"ictaudit.scan\" name=\"")
                out.raw(scanLabel)
                out.raw("\" time=\"")
                out.fixed(host.durationSeconds, places: 3)
                out.raw("\"")
                if host.status == .scanned {
                    out.raw("/>\n")
                } else {
                    out.raw("><error type=\"\(host.status.rawValue)\" message=\"")
                    out.xml(d.statusText(host), keepNewlines: false)
                    out.raw("\"/></testcase>\n")
                }
            }
            for i in byHost[at] {
                let finding = Int(i)
                let rule = rules.value(findings[finding]) { finding in
                    var w = ReportWriter(memo: memo)
                    w.raw("<testcase classname=\"")
                    w.xml(finding.policyID, keepNewlines: false)
                    w.raw("\" name=\"")
                    w.xml(finding.ruleID, keepNewlines: false)
                    w.raw(": ")
                    w.xml(finding.title.text(language), keepNewlines: false)
                    w.raw("\"")
                    let head = Self.keep(&w, in: &store)
                    w.raw("><failure type=\"\(finding.severity.rawValue)\" message=\"")
                    let failure = Self.keep(&w, in: &store)
                    w.xml(d.label(.severity))
                    w.raw(": ")
                    w.xml(finding.severity.label.text(language))
                    return RuleText(head: head, failure: failure, severity: Self.keep(&w, in: &store))
                }
                store.withUnsafeBufferPointer { out.raw(UnsafeBufferPointer(rebasing: $0[rule.head])) }
                let verdict = findings[finding].verdict
                switch verdict {
                case .pass:
                    out.raw("/>\n")
                    continue
                case .fail:
                    store.withUnsafeBufferPointer { out.raw(UnsafeBufferPointer(rebasing: $0[rule.failure])) }
                    if let message = findings[finding].message { out.xml(message, keepNewlines: false) } else { out.raw(verdictLabels[verdict.ordinal]) }
                    out.raw("\">")
                    store.withUnsafeBufferPointer { Self.detail(findings[finding], UnsafeBufferPointer(rebasing: $0[rule.severity]), labels, into: &out) }
                    out.raw("</failure>")
                case .error:
                    out.raw("><error type=\"error\" message=\"")
                    if let message = findings[finding].message { out.xml(message, keepNewlines: false) } else { out.raw(verdictLabels[verdict.ordinal]) }
                    out.raw("\">")
                    store.withUnsafeBufferPointer { Self.detail(findings[finding], UnsafeBufferPointer(rebasing: $0[rule.severity]), labels, into: &out) }
                    out.raw("</error>")
                case .notApplicable, .waived:
                    out.raw("><skipped message=\"")
                    out.xml(
                        findings[finding].waiver.map { "\(verdict.label.text(language)): \($0.justification)" }
                            ?? verdict.label.text(language), keepNewlines: false)
                    out.raw("\"/>")
                }
                out.raw("</testcase>\n")
                try out.flushIfFull()
            }
            out.raw("</testsuite>\n")
            try out.flushIfFull()
        }
        out.raw("</testsuites>\n")
        try out.finish()
    }

    /// Moves what `w` holds to the end of `store`; answers where it went.
    private static func keep(_ w: inout ReportWriter, in store: inout [UInt8]) -> Range<Int> {
        let start = store.count
        w.withBytes { store.append(contentsOf: $0) }
        w.clear()
        return start..<store.count
    }

    /// The detail's labels, escaped once.
    struct Labels {
        var message: [UInt8]
        var evidence: [UInt8]
    }

    /// Severity (`severity`: the rule's line, escaped), message and each evidence item on its own line.
    static func detail(_ finding: Finding, _ severity: UnsafeBufferPointer<UInt8>, _ labels: Labels, into out: inout ReportWriter) {
        out.raw(severity)
        if let message = finding.message {
            out.byte(0x0A)
            out.raw(labels.message)
            out.raw(": ")
            out.xml(message)
        }
        let evidence = finding.citedEvidence
        if !evidence.isEmpty {
            out.byte(0x0A)
            out.raw(labels.evidence)
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
