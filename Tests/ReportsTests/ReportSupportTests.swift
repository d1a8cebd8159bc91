import Foundation
import InventoryModel
import Testing

@testable import Reports

struct ReportSupportTests {
    @Test("every report label has a non-empty Vietnamese and English text")
    func everyLabelInBothLanguages() {
        for key in ReportKey.allCases {
            let text = key.text
            #expect(!text.vi.isEmpty && !text.en.isEmpty, "\(key)")
            #expect(text.vi == text.vi.precomposedStringWithCanonicalMapping, "\(key) is not NFC")
        }
    }

    @Test("every format has one renderer, each writing its own files")
    func renderers() throws {
        #expect(ReportRenderers.all().map(\.format) == ReportFormat.allCases)
        let names = try ReportRenderers.all().flatMap { try $0.files(for: ReportFixtures.input(.vi)).map(\.name) }
        #expect(Set(names).count == names.count)
        #expect(ReportRenderers.renderers(for: ReportFormat.defaults).map(\.format) == [.html, .md, .json])
    }

    @Test("--format lists: any order, repeats dropped, aliases, all, and a clear error for an unknown name")
    func formatList() throws {
        #expect(try ReportFormat.parseList("xlsx, html,xlsx") == [.xlsx, .html])
        #expect(try ReportFormat.parseList("all") == ReportFormat.allCases)
        #expect(try ReportFormat.parseList("markdown,excel") == [.md, .xlsx])
        #expect(throws: ReportFormatError.self) { try ReportFormat.parseList("pdf") }
        #expect("\(ReportFormatError(name: "pdf"))".contains("html, md, json, csv, xlsx, junit, oscal"))
    }

    @Test("every text renderer produces output for both languages")
    func renderersRender() throws {
        for renderer in ReportRenderers.all().compactMap({ $0 as? any TextReportRenderer }) {
            for language in Language.allCases {
                let output = try renderer.render(ReportFixtures.input(language))
                #expect(output.contains("10.0.1.1"), "\(renderer.fileName) \(language)")
            }
        }
    }

    @Test("HTML escaping covers all five special characters")
    func htmlEscaping() {
        #expect(HTMLEscaping.escape("a&b<c>d\"e'f") == "a&amp;b&lt;c&gt;d&quot;e&#39;f")
    }

    @Test("Markdown escaping turns HTML into entities and backslash-escapes inline syntax")
    func markdownEscaping() {
        #expect(
            MarkdownEscaping.escape("<b>&x|y`z*_[]~#!\\")
                == "&lt;b&gt;&amp;x\\|y\\`z\\*\\_\\[\\]\\~\\#\\!\\\\")
        #expect(MarkdownEscaping.escape("a\r\nb\nc") == "a b c")
    }

    @Test(
        "control characters and bidi overrides are replaced, CRLF is one line break, text becomes NFC"
    )
    func untrustedText() {
        #expect(UntrustedText.clean("a\u{0}b\u{7F}c\u{9B}d") == "a\u{FFFD}b\u{FFFD}c\u{FFFD}d")
        #expect(UntrustedText.clean("abc\u{202E}fed") == "abc\u{FFFD}fed")
        #expect(UntrustedText.clean("1\r\n2\r3\t4", keepNewlines: true) == "1\n2\n3 4")
        let decomposed = "Việt".decomposedStringWithCanonicalMapping
        #expect(
            Array(UntrustedText.clean(decomposed).utf8)
                == Array("Việt".precomposedStringWithCanonicalMapping.utf8))
    }

    @Test("display numbers round to 4 decimals, with a decimal comma in Vietnamese")
    func numbers() {
        let vi = ReportFormatting(language: .vi, timeZone: .gmt)
        let en = ReportFormatting(language: .en, timeZone: .gmt)
        #expect(vi.decimal(2.0 / 3) == "0,6667")
        #expect(en.decimal(2.0 / 3) == "0.6667")
        #expect(en.decimal(-0.0) == "0.0000")
        #expect(en.dateTime(ReportFixtures.scanStart) == "2025-02-19 21:20:00 +00:00")
    }
}
