import Foundation
import InventoryModel
import Testing

#if canImport(FoundationXML)
    import FoundationXML
#endif

@testable import Reports

/// Hostile strings from hosts and files stay inert in every format: `<script>`, quotes,
/// right-to-left overrides, invalid UTF-8, 10,000-character names and spreadsheet formulas.
struct HostileReportTests {
    private func text(_ format: ReportFormat, _ language: Language = .vi) throws -> [String: String] {
        let files = try ReportRenderers.renderer(for: format).files(for: ReportFixtures.hostileInput(language))
        return Dictionary(uniqueKeysWithValues: files.map { ($0.name, String(decoding: $0.data, as: UTF8.self)) })
    }

    @Test("HTML pages: no markup from a host, no bidi override, the long name kept", arguments: Language.allCases)
    func html(_ language: Language) throws {
        for (name, page) in try text(.html, language) {
            #expect(!page.contains("<script"), "\(name)")
            #expect(!page.contains("\u{202E}"), "\(name)")
            #expect(!page.contains("onerror=alert(1)>"), "\(name)")
        }
        let summary = try #require(try text(.html, language)["report.html"])
        #expect(summary.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(summary.contains("=HYPERLINK(&quot;http://evil.example/&quot;,&quot;bấm vào đây&quot;)"), "the formula is plain text")
        #expect(summary.contains("A\u{FFFD}\u{FFFD}\u{FFFD}(B"), "invalid UTF-8 shows as replacement characters")
        let unit = try #require(try text(.html, language).first { $0.key.hasPrefix("units/evil") }?.value)
        #expect(unit.contains(ReportFixtures.longName))
    }

    @Test("Markdown: no raw HTML, no bidi override")
    func markdown() throws {
        let page = try #require(try text(.md)["report.md"])
        #expect(!page.contains("<script"))
        #expect(!page.contains("\u{202E}"))
    }

    @Test("JSON and OSCAL parse, and keep host text verbatim as data")
    func json() throws {
        let report = try #require(try text(.json)["report.json"])
        let root = try #require(try JSONSerialization.jsonObject(with: Data(report.utf8)) as? [String: Any])
        let hosts = try #require(root["hosts"] as? [[String: Any]])
        #expect(hosts.contains { $0["name"] as? String == ReportFixtures.longName })
        let oscal = try #require(try text(.oscal)["report.oscal.json"])
        #expect(try JSONSerialization.jsonObject(with: Data(oscal.utf8)) is [String: Any])
        #expect(!oscal.contains("\u{202E}"))
    }

    @Test("JUnit is well-formed XML whatever the host sent")
    func junit() throws {
        let xml = try #require(try text(.junit)["report.junit.xml"])
        let parser = XMLParser(data: Data(xml.utf8))
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(!xml.contains("\u{202E}"))
        #expect(!xml.contains("<script"))
    }
}
