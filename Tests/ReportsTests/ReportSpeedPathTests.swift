import Foundation
import InventoryModel
import Ranking
import Testing

@testable import Reports

/// The shortcuts that make a ministry-sized report fast (formats side by side, per-rule bytes,
/// per-host grouping by index) must never change what a report says.
struct ReportSpeedPathTests {
    /// The fixture's findings rebuilt the way the evaluator makes them: one shared `Rule` per
    /// rule and one shared `Subject` per host, evidence cited from the subject's items.
    static func sharedPartsFindings(_ findings: [Finding]) -> [Finding] {
        var rules: [String: Finding.Rule] = [:]
        var subjects: [String: (Finding.Subject, [Range<Int>])] = [:]
        var itemsByHost: [String: [EvidenceItem]] = [:]
        for finding in findings { itemsByHost[finding.host, default: []] += finding.evidence }
        return findings.map { finding in
            let ruleKey = "\(finding.policyID)/\(finding.ruleID)/\(finding.title)/\(finding.severity)"
            let rule =
                rules[ruleKey]
                ?? Finding.Rule(policyID: finding.policyID, ruleID: finding.ruleID, title: finding.title, severity: finding.severity)
            rules[ruleKey] = rule
            let items = itemsByHost[finding.host] ?? []
            let subject =
                subjects[finding.host]?.0
                ?? Finding.Subject(host: finding.host, unit: finding.unit, items: items, citations: items.indices.map { UInt32($0) })
            subjects[finding.host] = (subject, [])
            // This finding's items are where they first appear among the host's items.
            let start = items.firstIndex { finding.evidence.first == $0 } ?? 0
            var made = Finding(
                rule: rule, subject: subject, verdict: finding.verdict,
                evidence: finding.evidence.isEmpty ? 0..<0 : start..<(start + finding.evidence.count), message: finding.message)
            made.waiver = finding.waiver
            return made
        }
    }

    static func input(findings: [Finding], _ base: ReportInput) -> ReportInput {
        var input = base
        input.findings = findings
        return input
    }

    @Test("findings sharing rule and host parts render byte for byte like findings decoded from a store, in every format")
    func sharedPartsRenderTheSame() throws {
        let base = ReportFixtures.hostileInput(.vi)
        let decoded = try JSONDecoder().decode([Finding].self, from: JSONEncoder().encode(base.findings))
        let shared = Self.sharedPartsFindings(decoded)
        #expect(shared == decoded)
        #expect(shared.map(\.evidence) == decoded.map(\.evidence))
        for renderer in ReportRenderers.all() {
            let a = try renderer.files(for: Self.input(findings: decoded, base))
            let b = try renderer.files(for: Self.input(findings: shared, base))
            #expect(a.map(\.name) == b.map(\.name), "\(renderer.format)")
            for (x, y) in zip(a, b) where renderer.format != .xlsx {
                #expect(x.data == y.data, "\(renderer.format) \(x.name)")
            }
        }
    }

    @Test("two rules with the same ids but different titles keep their own titles (the per-rule bytes are not mixed up)")
    func sameIDsDifferentTitles() throws {
        var input = ReportFixtures.input(.en)
        var renamed = input.findings[0]
        renamed.title = LocalizedText(vi: "Tiêu đề khác", en: "Another title")
        renamed.host = "10.0.0.2:2222"
        input.findings.append(renamed)
        for renderer in [JSONReport(), MarkdownReport(), JUnitReport(), OSCALReport()] as [any TextReportRenderer] {
            let text = try renderer.render(input)
            #expect(text.contains("No root login"), "\(renderer.format)")
            #expect(text.contains("Another title"), "\(renderer.format)")
        }
        let html = try HTMLReport().files(for: input).map { String(decoding: $0.data, as: UTF8.self) }.joined()
        #expect(html.contains("No root login") && html.contains("Another title"))
    }

    @Test("formats rendered side by side give the same files as one after another, in the order asked")
    func sideBySide() throws {
        let input = ReportFixtures.hostileInput(.vi)
        let formats: [ReportFormat] = [.md, .oscal, .html, .json, .junit, .csv]
        let sinks = try ReportRenderers.write(input, formats: formats) { _ in ReportMemorySink() }
        #expect(sinks.count == formats.count)
        for (format, sink) in zip(formats, sinks) {
            let together = try #require(sink as? ReportMemorySink).files
            let alone = try ReportRenderers.renderer(for: format).files(for: input)
            #expect(together.map(\.name) == alone.map(\.name), "\(format)")
            #expect(together.map(\.data) == alone.map(\.data), "\(format)")
        }
    }

    @Test("a format that fails is reported after the others have been written")
    func sideBySideError() throws {
        struct Refused: Error {}
        final class RefusingSink: ReportSink {
            func begin(_ name: String) throws { throw Refused() }
            func write(_ bytes: UnsafeRawBufferPointer) throws {}
            func finish() throws {}
        }
        let written = ReportMemorySink()
        let box = UncheckedBox(written)
        #expect(throws: Refused.self) {
            _ = try ReportRenderers.write(ReportFixtures.input(.vi), formats: [.json, .md]) { format in
                format == .json ? RefusingSink() as any ReportSink : box.value
            }
        }
        #expect(written.files.map(\.name) == ["report.md"])
    }

    @Test("failed findings are grouped by host in inventory order, unknown hosts after by name, most severe first")
    func problemsGrouping() {
        var input = ReportFixtures.input(.vi)
        let extra = [
            Finding(
                policyID: "p", ruleID: "b", title: LocalizedText(vi: "b", en: "b"), severity: .low, host: "9.9.9.9:22", unit: "vp",
                verdict: .fail),
            Finding(
                policyID: "p", ruleID: "a", title: LocalizedText(vi: "a", en: "a"), severity: .critical, host: "8.8.8.8:22",
                unit: "vp", verdict: .fail),
            Finding(
                policyID: "p", ruleID: "c", title: LocalizedText(vi: "c", en: "c"), severity: .critical, host: "10.0.0.1:22",
                unit: "vp", verdict: .error),
        ]
        input.findings += extra
        let groups = ReportDigest(input).problems
        #expect(groups.map(\.host) == ["10.0.0.1:22", "8.8.8.8:22", "9.9.9.9:22"])
        // 10.0.0.1: the critical error first, then the high fail, then the medium error.
        #expect(groups[0].findings.map(\.ruleID) == ["c", "ssh.root_login", "av.fresh"])
        #expect(groups.reduce(0) { $0 + $1.findings.count } == input.findings.filter { $0.verdict == .fail || $0.verdict == .error }.count)
    }

    @Test("decimals and days formatted without Foundation equal String(format:) and DateFormatter, in both languages and across zones")
    func formattingAgreesWithFoundation() throws {
        var values: [Double] = [0, -0.0, 0.05, 0.15, 0.25, 1.005, 2.675, -1.5, 12_345.678_9, 1e15, -3e-7, 99.95, 0.000_05]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 { values.append(Double.random(in: -1e6...1e6, using: &generator)) }
        for language in Language.allCases {
            let format = ReportFormatting(language: language, timeZone: TimeZone(secondsFromGMT: 7 * 3_600)!)
            for value in values {
                for places in [0, 1, 2, 4] {
                    var expected = String(format: "%.\(places)f", value == 0 ? 0 : value)
                    if language == .vi { expected = expected.replacingOccurrences(of: ".", with: ",") }
                    #expect(format.decimal(value, places: places) == expected, "\(value) \(places)")
                }
            }
        }
        for zone in ["Asia/Ho_Chi_Minh", "Europe/Berlin", "America/St_Johns", "UTC"] {
            let timeZone = try #require(TimeZone(identifier: zone))
            let format = ReportFormatting(language: .vi, timeZone: timeZone)
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.calendar = Calendar(identifier: .gregorian)
            formatter.timeZone = timeZone
            formatter.dateFormat = "yyyy-MM-dd"
            var dates = [Date(timeIntervalSince1970: 0), Date(timeIntervalSince1970: -1), Date(timeIntervalSince1970: 1_711_846_799.5)]
            for _ in 0..<2_000 { dates.append(Date(timeIntervalSince1970: Double.random(in: -2e9...4e9, using: &generator))) }
            for date in dates { #expect(format.day(date) == formatter.string(from: date), "\(zone) \(date.timeIntervalSince1970)") }
        }
    }

    @Test("Verdict.ordinal is the verdict's place in allCases (per-verdict tables index by it)")
    func verdictOrdinal() {
        for (index, verdict) in Verdict.allCases.enumerated() { #expect(verdict.ordinal == index) }
        for (index, severity) in Severity.allCases.enumerated() { #expect(severity.rank == index) }
    }

    @Test("v5 UUIDs from a shared prefix equal those hashed from the whole name, across block boundaries")
    func prefixedUUIDs() {
        for length in [0, 1, 20, 40, 47, 55, 56, 63, 64, 65, 119, 120, 200] {
            let prefix = String(repeating: "p", count: length)
            let words = NameBasedUUID.Prefixed(prefix: prefix).appending("host:22/", "policy/rule/").words("observation")
            #expect(NameBasedUUID.string(words) == NameBasedUUID.make("\(prefix)host:22/policy/rule/observation"), "\(length)")
        }
    }
}

/// Hands a non-Sendable sink to the side-by-side renderer's closure in a test.
private final class UncheckedBox<T>: @unchecked Sendable {
    let value: T
    init(_ value: T) { self.value = value }
}
