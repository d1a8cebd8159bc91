import Foundation
import InventoryModel
import Reports
import Testing

struct MarkdownReportTests {
    private let markdown = try! MarkdownReport().render(ReportFixtures.input(.vi))
    private let english = try! MarkdownReport().render(ReportFixtures.input(.en))

    /// `|` not preceded by a backslash: the ones that separate cells.
    private func cellSeparators(_ line: Substring) -> Int {
        var count = 0
        var escaped = false
        for character in line {
            if character == "|" && !escaped { count += 1 }
            escaped = character == "\\" && !escaped
        }
        return count
    }

    @Test("no raw HTML from a host survives into the Markdown")
    func noRawHTML() {
        #expect(!markdown.contains("<script"))
        #expect(!markdown.contains("<img"))
        #expect(markdown.contains("&lt;script&gt;alert('x')&lt;/script&gt;"))
        #expect(markdown.contains("SSH-2.0-OpenSSH\\_9.2 &lt;img src=x onerror=alert(1)&gt;"))
    }

    @Test("a pipe or a line break in a message cannot break a table row")
    func tablesStayIntact() throws {
        let row = try #require(
            markdown.split(separator: "\n").first { $0.contains("PermitRootLogin is yes") })
        #expect(row.contains("PermitRootLogin is yes \\| expected no second line"))
        #expect(markdown.contains("connect: no route to host \\| retry later"))
        // Every row of every table has as many cell separators as its header.
        var expected: Int?
        for line in markdown.split(separator: "\n", omittingEmptySubsequences: false) {
            guard line.hasPrefix("|") else {
                expected = nil
                continue
            }
            let separators = cellSeparators(line)
            if let expected {
                #expect(separators == expected, "\(line)")
            } else {
                expected = separators
            }
        }
    }

    @Test("Markdown syntax in evidence is escaped so it renders as text")
    func markdownSyntaxEscaped() {
        #expect(
            markdown.contains(
                "sshd.permit\\_root\\_login = yes\\`\\*\\_\\[x\\](javascript:alert(1))\\`"))
    }

    @Test("the title names the inventory and the scan, in NFC")
    func title() {
        #expect(
            ReportFixtures.containsNFC(
                markdown,
                "# Báo cáo kiểm tra hạ tầng và an toàn thông tin: Sở Thông tin và Truyền thông &lt;Tỉnh X&gt;\n"
            ))
        #expect(markdown.contains("- **Lần quét:** \\#42\n"))
        #expect(english.hasPrefix("# Infrastructure and security audit report: "))
        #expect(english.contains("- **Scan started:** 2025-02-20 04:20:00 +07:00\n"))
    }

    @Test("the summary counts units, hosts by status, findings by verdict and failures by severity")
    func summary() {
        #expect(
            markdown.contains(
                "| Đơn vị | 2 |\n| Máy trong danh mục | 3 |\n| Kết quả đánh giá | 4 |"))
        #expect(markdown.contains("| Đã quét | 2 |\n| Không kết nối được | 1 |"))
        #expect(
            english.contains(
                "| Pass | 1 |\n| Fail | 1 |\n| Error | 1 |\n| Not applicable | 1 |\n| Waived | 0 |")
        )
        #expect(english.contains("| Critical | 0 |\n| High | 1 |\n| Medium | 0 |"))
    }

    @Test(
        "the ranking table shows rank, unit, score to 4 decimals and each indicator raw and normalised"
    )
    func rankingTable() {
        #expect(
            markdown.contains(
                "| 1 | Văn phòng Sở | 0,6111 | 1,0000 → 1,0000 | 0,5000 → 0,5000 | 0,3333 → 0,3333 |"
            ))
        #expect(
            markdown.contains(
                "| 2 | Trung tâm CNTT | 0,3333 | 1,0000 → 1,0000 | 0,0000 → 0,0000 | 0,0000 (không có dữ liệu) |"
            ))
        #expect(
            english.contains(
                "| 1 | Department Office | 0.6111 | 1.0000 → 1.0000 | 0.5000 → 0.5000 | 0.3333 → 0.3333 |"
            ))
        #expect(english.contains("| Computers per staff member (raw → normalised) |"))
    }

    @Test("host tables show name, hostname, OS, status, antivirus state and banner per unit")
    func hostTables() {
        #expect(
            english.contains(
                "| web-01 (10.0.0.1:22) | &lt;script&gt;alert('x')&lt;/script&gt; | Debian GNU/Linux 12 (bookworm) | Scanned | "
                    + "ClamAV 1.0.5: installed, signatures 2025-02-18 (2.0 days old at scan time) |"
            ))
        #expect(
            english.contains(
                "| 10.0.0.2:2222 | may-ke-toan | Ubuntu 22.04 | Scanned | none found | SSH-2.0-OpenSSH\\_8.9\u{FFFD}\\[31m |"
            ))
        #expect(
            english.contains(
                "| 10.0.1.1:22 | unknown | unknown | Unreachable: connect: no route to host \\| retry later | unknown | unknown |"
            ))
        #expect(
            english.contains(
                "- Share of computers with up-to-date antivirus: 0 of 1 computers were scanned"))
    }

    @Test("hosts that were not scanned are listed with their status and message")
    func notScanned() {
        #expect(
            markdown.contains(
                "## Máy không quét được\n\n| Máy | Đơn vị | Trạng thái | Thông điệp |"))
        #expect(
            markdown.contains(
                "| 10.0.1.1:22 | Trung tâm CNTT | Không kết nối được | connect: no route to host \\| retry later |"
            ))
    }
}
