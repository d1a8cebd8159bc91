import Foundation
import InventoryModel
import Reports
import Testing

struct HTMLReportTests {
    private let html = try! HTMLReport().render(ReportFixtures.input(.vi))

    @Test("a hostile hostname and banner appear only escaped, never as markup")
    func hostileHostIsEscaped() {
        #expect(!html.contains("<script"))
        #expect(!html.contains("<img"))
        #expect(html.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"))
        #expect(html.contains("SSH-2.0-OpenSSH_9.2 &lt;img src=x onerror=alert(1)&gt;"))
        #expect(
            html.contains(
                "Sở Thông tin và Truyền thông &lt;Tỉnh X&gt;".precomposedStringWithCanonicalMapping)
        )
    }

    @Test("only the renderer's own fixed set of tags appears in the page")
    func onlyKnownTags() throws {
        let allowed: Set<String> = [
            "!DOCTYPE", "html", "head", "meta", "title", "style", "body", "header", "h1", "h2",
            "h3", "dl", "dt", "dd",
            "section", "table", "thead", "tbody", "tr", "th", "td", "p", "strong", "ul", "li", "br",
            "nav", "a", "div", "span", "figure", "figcaption", "details", "summary",
            "svg", "rect", "text", "line", "polyline", "circle",
        ]
        let regex = try NSRegularExpression(pattern: "</?([!A-Za-z][A-Za-z0-9]*)")
        let range = NSRange(html.startIndex..., in: html)
        let tags = Set(
            regex.matches(in: html, range: range).map {
                (html as NSString).substring(with: $0.range(at: 1))
            })
        #expect(tags.subtracting(allowed).isEmpty)
        #expect(tags.contains("table"))
    }

    @Test(
        "the page is self-contained: charset, language, inline style, no scripts or external resources"
    )
    func selfContained() {
        #expect(html.hasPrefix("<!DOCTYPE html>\n<html lang=\"vi\">"))
        #expect(html.contains("<meta charset=\"utf-8\">"))
        #expect(html.contains("content=\"default-src 'none'; style-src 'unsafe-inline'\""))
        for forbidden in ["<script", "<link", "<img", "<iframe", "http://", "https://", "url(", "@import"] {
            #expect(!html.contains(forbidden), "found \(forbidden)")
        }
        // Links go only to anchors on the page and to the unit pages written beside it.
        let links = try! NSRegularExpression(pattern: "href=\"([^\"]*)\"").matches(in: html, range: NSRange(html.startIndex..., in: html))
            .map { (html as NSString).substring(with: $0.range(at: 1)) }
        #expect(!links.isEmpty)
        #expect(links.allSatisfy { $0.hasPrefix("#") || ($0.hasPrefix("units/") && $0.hasSuffix(".html") && !$0.contains("..")) }, "\(links)")
        let english = try! HTMLReport().render(ReportFixtures.input(.en))
        #expect(english.contains("<html lang=\"en\">"))
    }

    @Test("control characters from a host are replaced and messages keep their line breaks")
    func controlCharacters() {
        #expect(!html.contains("\u{1B}"))
        #expect(html.contains("SSH-2.0-OpenSSH_8.9\u{FFFD}[31m"))
        #expect(
            html.contains(
                "<td>Không đạt</td><td>PermitRootLogin is yes | expected no\nsecond line</td>"))
        // The problems tables' message column keeps its line breaks through the stylesheet.
        #expect(html.contains("<table class=\"problems\">"))
        #expect(html.contains(".problems td:nth-child(5){white-space:pre-wrap}"))
    }

    @Test("Vietnamese labels, scores with a decimal comma and dates in UTC+7")
    func vietnamese() {
        #expect(html.contains("<h2>Xếp hạng đơn vị</h2>"))
        #expect(
            html.contains(
                "<td class=\"num\">1</td><td><a href=\"units/vp.html\">Văn phòng Sở</a></td><td class=\"num\">0,6111</td>"))
        #expect(html.contains("<dt>Bắt đầu quét</dt><dd>2025-02-20 04:20:00 +07:00</dd>"))
        #expect(html.contains("<td class=\"nodata\">0,0000 (không có dữ liệu)</td>"))
    }

    @Test("failed and error findings are grouped under their host with severity, rule and evidence")
    func problems() {
        #expect(html.contains("<h3>web-01 (10.0.0.1:22)</h3>"))
        #expect(
            html.contains(
                "<td class=\"sev-high\">Cao</td><td>Cơ bản (baseline)</td><td>Cấm đăng nhập root (ssh.root_login)</td><td>Không đạt</td>"
            ))
        #expect(html.contains("<td>sshd.permit_root_login = yes`*_[x](javascript:alert(1))`</td>"))
        #expect(!html.contains("<h3>10.0.0.2:2222</h3>"))
    }
}
