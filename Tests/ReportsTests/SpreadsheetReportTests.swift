import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import Reports

/// CSV and XLSX, read back by Python's csv module, openpyxl and LibreOffice.
struct SpreadsheetReportTests {
    /// A sheet's rows as openpyxl read them: each cell `["text": …]`, `["number": …]`,
    /// `["date": …]`, `["bool": …]` or nil.
    private func rows(_ sheet: [String: Any]) -> [[[String: Any]?]] {
        ((sheet["rows"] as? [[Any]]) ?? []).map { $0.map { $0 as? [String: Any] } }
    }

    private func texts(_ sheets: [[String: Any]]) -> [String] {
        sheets.flatMap(rows).flatMap { $0 }.compactMap { $0?["text"] as? String }
    }

    private func files(_ renderer: any ReportRenderer, _ input: ReportInput) throws -> (URL, [ReportFile]) {
        let folder = try Oracle.scratch()
        let files = try renderer.files(for: input)
        try Oracle.write(files, to: folder)
        return (folder, files)
    }

    @Test("CSV: one file per table, each UTF-8 with a byte-order mark and a header row")
    func csvFiles() throws {
        let files = try CSVReport().files(for: ReportFixtures.input(.vi))
        #expect(files.map(\.name) == ["csv/ranking.csv", "csv/indicators.csv", "csv/units.csv", "csv/hosts.csv", "csv/findings.csv"])
        for file in files {
            #expect(Array(file.data.prefix(3)) == [0xEF, 0xBB, 0xBF], "\(file.name)")
        }
        let findings = String(decoding: files[4].data.dropFirst(3), as: UTF8.self)
        #expect(findings.hasPrefix("Mã đơn vị,Máy,Chính sách,Quy tắc"))
    }

    @Test(
        "CSV read by Python's csv module: hostile text stays in its cell, Vietnamese intact, no cell a formula",
        .enabled(if: Oracle.python("csv")))
    func csvHostile() async throws {
        let (folder, files) = try files(CSVReport(), ReportFixtures.hostileInput(.vi))
        let result = try await Oracle.script("csv_read.py", files.map { folder.appendingPathComponent($0.name).path })
        #expect(result.status == 0, "\(result.standardError)")
        let parsed = try #require(try Oracle.json(result) as? [String: [String: Any]])
        var cells: [String] = []
        for (path, file) in parsed {
            #expect(file["bom"] as? Bool == true, "\(path)")
            let rows = try #require(file["rows"] as? [[String]])
            let width = rows.first?.count ?? 0
            #expect(rows.allSatisfy { $0.count == width }, "\(path): every row has the header's width")
            cells += rows.flatMap { $0 }
        }
        for cell in cells where Double(cell) == nil {
            #expect(!["=", "+", "-", "@"].contains(cell.first.map(String.init) ?? ""), "\(cell.prefix(40))")
        }
        #expect(cells.contains("'" + ReportFixtures.formula))
        #expect(cells.contains(ReportFixtures.longName))
        #expect(cells.contains("'+cmd|' /C calc'!A0"))
        #expect(!cells.contains { $0.contains("\u{202E}") }, "bidi overrides are replaced")
        #expect(cells.contains("Văn phòng Sở"))
    }

    @Test(
        "XLSX read by openpyxl: the sheets, Vietnamese intact, numbers as numbers, dates as dates, frozen headers, widths",
        .enabled(if: Oracle.python("openpyxl")))
    func xlsxReadBack() async throws {
        let (folder, _) = try files(XLSXReport(), ReportFixtures.input(.vi))
        let result = try await Oracle.script("xlsx_read.py", [folder.appendingPathComponent("report.xlsx").path])
        #expect(result.status == 0, "\(result.standardError)")
        let book = try #require(try Oracle.json(result) as? [String: Any])
        let sheets = try #require(book["sheets"] as? [[String: Any]])
        #expect(sheets.map { $0["name"] as? String } == ["Thông tin báo cáo", "Xếp hạng", "Chỉ số", "Kiểm kê đơn vị", "Danh mục tài sản", "Kết quả đánh giá"])
        for sheet in sheets.dropFirst() {
            #expect(sheet["freeze"] as? String == "A2", "\(sheet["name"] ?? "")")
            #expect((sheet["widths"] as? [String: Double])?["A"] != nil)
        }
        let ranking = rows(sheets[1])
        #expect(ranking[0][0]?["text"] as? String == "Hạng")
        #expect(ranking[1][0]?["number"] as? Int == 1, "rank is a number")
        #expect(ranking[1][3]?["number"] != nil, "score is a number")
        let hosts = rows(sheets[4])
        #expect(hosts[1][13]?["date"] as? String == "2025-02-20T04:20:00", "scan start as a date, in UTC+7")
        #expect(hosts[1][10] == nil)
        let about = rows(sheets[0])
        #expect(about[0][0]?["text"] as? String == "Báo cáo kiểm tra hạ tầng và an toàn thông tin: " + ReportFixtures.inventoryName.precomposedStringWithCanonicalMapping)
    }

    @Test("XLSX: hostile text is text (never a formula), long names intact", .enabled(if: Oracle.python("openpyxl")))
    func xlsxHostile() async throws {
        let (folder, _) = try files(XLSXReport(), ReportFixtures.hostileInput(.en))
        let result = try await Oracle.script("xlsx_read.py", [folder.appendingPathComponent("report.xlsx").path])
        #expect(result.status == 0, "\(result.standardError)")
        let book = try #require(try Oracle.json(result) as? [String: Any])
        let sheets = try #require(book["sheets"] as? [[String: Any]])
        let texts = texts(sheets)
        #expect(texts.contains("'" + ReportFixtures.formula))
        #expect(texts.contains(ReportFixtures.longName), "a 10,000-character name is kept whole")
        #expect(texts.allSatisfy { !$0.hasPrefix("=") })
        #expect(texts.allSatisfy { !$0.contains("\u{202E}") })
    }

    @Test("XLSX: a table longer than a sheet continues on the next sheet, and the first sheet says so", .enabled(if: Oracle.python("openpyxl")))
    func xlsxSplit() async throws {
        let (folder, _) = try files(XLSXReport(rowsPerSheet: 2), ReportFixtures.input(.en))
        let result = try await Oracle.script("xlsx_read.py", [folder.appendingPathComponent("report.xlsx").path])
        #expect(result.status == 0, "\(result.standardError)")
        let book = try #require(try Oracle.json(result) as? [String: Any])
        let sheets = try #require(book["sheets"] as? [[String: Any]])
        let names = sheets.compactMap { $0["name"] as? String }
        #expect(names.contains("Findings") && names.contains("Findings (2)"))
        let findings = sheets.filter { ($0["name"] as? String)?.hasPrefix("Findings") == true }
        let dataRows = findings.map { (($0["rows"] as? [Any])?.count ?? 0) - 1 }
        #expect(dataRows == [2, 2], "four findings over two sheets, each with its header")
        let about = texts([sheets[0]])
        #expect(about.contains { $0.contains("1,048,576") && $0.hasPrefix("Findings") })
        #expect(about.contains("Findings, Findings (2)"))
    }

    @Test("XLSX opens in headless LibreOffice: every sheet converts, Vietnamese intact", .enabled(if: Oracle.tool("soffice") != nil))
    func xlsxLibreOffice() async throws {
        let (folder, _) = try files(XLSXReport(), ReportFixtures.input(.vi))
        let profile = try Oracle.scratch()
        let result = try await CommandRunnerShim.run(
            Oracle.tool("soffice")!,
            [
                "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", folder.path, folder.appendingPathComponent("report.xlsx").path,
            ])
        #expect(result.status == 0, "\(result.standardError)")
        let produced = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }.sorted()
        #expect(produced.count == 6, "\(produced)")
        let ranking = try #require(produced.first { $0.contains("Xếp hạng") || $0.contains("X") && $0.contains("h") })
        let text = try String(contentsOf: folder.appendingPathComponent(ranking), encoding: .utf8)
        #expect(text.contains("Văn phòng Sở") || text.contains("Trung tâm CNTT"))
    }
}
