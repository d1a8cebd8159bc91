import Foundation
import ICTAuditTesting
import InventoryModel
import Testing
import ZIPFoundation

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

    /// The workbook `renderer` makes of `input`, as openpyxl reads it: its sheets.
    private func sheets(_ renderer: XLSXReport, _ input: ReportInput) async throws -> [[String: Any]] {
        let (folder, _) = try files(renderer, input)
        let result = try await Oracle.script("xlsx_read.py", [folder.appendingPathComponent("report.xlsx").path])
        #expect(result.status == 0, "\(result.standardError)")
        let book = try #require(try Oracle.json(result) as? [String: Any])
        return try #require(book["sheets"] as? [[String: Any]])
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

    @Test("CSV: a field remembered, or forgotten and made again after every cell, gives the same bytes")
    func csvRememberedFields() throws {
        for input in [Self.datedInput(.vi), ReportFixtures.hostileInput(.en)] {
            var forgetful = CSVReport()
            forgetful.fieldsLimit = 0
            let remembered = try CSVReport().files(for: input)
            let forgotten = try forgetful.files(for: input)
            #expect(remembered.map(\.name) == forgotten.map(\.name))
            for (a, b) in zip(remembered, forgotten) {
                #expect(a.data == b.data, "\(a.name)")
                #expect(a.data.count > 3, "\(a.name) has rows")
            }
        }
    }

    @Test("CSV dates are written byte by byte exactly as ISO8601DateFormatter writes them, in zones with DST and half-hour offsets")
    func csvDates() throws {
        var generator = SystemRandomNumberGenerator()
        for zone in ["UTC", "Asia/Ho_Chi_Minh", "America/New_York", "Asia/Kolkata", "Pacific/Chatham", "America/St_Johns"] {
            let formatter = ISO8601DateFormatter()
            formatter.timeZone = try #require(TimeZone(identifier: zone))
            formatter.formatOptions = [.withInternetDateTime]
            // From 1601 to 2399, fractions included, and the edges of days and of the epoch.
            var dates = (0..<2_000).map { _ in Date(timeIntervalSince1970: Double.random(in: -11_644_473_600...13_569_465_600, using: &generator)) }
            dates += [0, -1, -0.5, 86_399.999, 951_782_400, 1_740_000_000].map(Date.init(timeIntervalSince1970:))
            // Around the millisecond the formatter rounds to.
            dates += [59.9994, 59.9995, 59.9996, -0.0004, -0.0005, -0.0006, 1_740_000_000.9995].map(Date.init(timeIntervalSince1970:))
            for date in dates {
                var out = ReportWriter()
                CSVReport.iso8601(date, formatter, into: &out)
                #expect(out.string == formatter.string(from: date), "\(zone) \(date.timeIntervalSince1970)")
            }
        }
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
        let sheets = try await sheets(XLSXReport(), ReportFixtures.input(.vi))
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
        #expect(hosts[1][14]?["date"] as? String == "2025-02-20T04:20:00", "scan start as a date, in UTC+7")
        #expect(hosts[1][10] == nil)
        let about = rows(sheets[0])
        #expect(about[0][0]?["text"] as? String == "Báo cáo kiểm tra hạ tầng và an toàn thông tin: " + ReportFixtures.inventoryName.precomposedStringWithCanonicalMapping)
    }

    /// The fixture with hardware dates: web-01 has a BIOS date of 2018-06-01 (older than five
    /// years at the scan, 2025-02-19), the second host declares `purchased: 2021-03-15` (which wins
    /// over its BIOS date of 2010-01-01), the third was unreachable.
    static func datedInput(_ language: Language) -> ReportInput {
        var input = ReportFixtures.input(language)
        let utc = { (y: Int, m: Int, d: Int) in
            DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: .gmt, year: y, month: m, day: d).date!
        }
        input.snapshot.hosts[0].facts?.hardware = Hardware(biosDate: utc(2018, 6, 1))
        input.snapshot.hosts[1].facts?.hardware = Hardware(biosDate: utc(2010, 1, 1))
        input.snapshot.hosts[1].target.purchased = utc(2021, 3, 15)
        return input
    }

    @Test(
        "XLSX unit inventory sheet: measured figures as numbers with their source, unmeasured ones empty; read by openpyxl",
        .enabled(if: Oracle.python("openpyxl")))
    func xlsxUnitInventory() async throws {
        let sheets = try await sheets(XLSXReport(), Self.datedInput(.vi))
        let units = rows(sheets[3])
        let headings = units[0].map { $0?["text"] as? String }
        func cell(_ unit: Int, _ heading: String) -> [String: Any]? {
            guard let column = headings.firstIndex(of: heading) else {
                Issue.record("no column \(heading)")
                return nil
            }
            return column < units[unit].count ? units[unit][column] : nil
        }
        // vp (row 1): both hosts scanned. web-01: ClamAV with 2-day-old signatures, BIOS 2018 (older
        // than 5 years); the second host: no antivirus, bought 2021 (within 5 years).
        #expect(cell(1, "Nguồn số liệu: Máy tính")?["text"] as? String == "đo được")
        #expect(cell(1, "Máy tính: ≤ 5 năm")?["number"] as? Int == 1)
        #expect(cell(1, "Máy tính: > 5 năm")?["number"] as? Int == 1)
        #expect(cell(1, "Máy tính: không rõ tuổi")?["number"] as? Int == 0)
        let share = cell(1, "Máy tính không quá 5 năm tuổi")
        #expect(share?["number"] as? Double == 0.5)
        #expect(share?["format"] as? String == "0.00%", "a share is a percentage in Excel")
        #expect(cell(1, "Máy có phần mềm phòng chống mã độc")?["number"] as? Int == 1)
        #expect(cell(1, "Máy có mẫu nhận dạng mới, số ngày tuổi ≤ 7")?["number"] as? Int == 1)
        #expect(cell(1, "Máy không có phần mềm phòng chống mã độc")?["number"] as? Int == 1)
        #expect(cell(1, "Số máy tính trên một cán bộ")?["number"] as? Int == 1)  // 2 computers, 2 staff
        // No capture covers the fixture: the wire's figures are not measured, so empty, not zero.
        #expect(cell(1, "Nguồn số liệu: Đo thụ động")?["text"] as? String == "chưa đo")
        #expect(cell(1, "Mạng LAN: chỉ thấy trên mạng (ngoài danh mục)") == nil)
        #expect(cell(1, "Máy ngoài danh mục thấy tải cập nhật phần mềm diệt virus") == nil)
        #expect(cell(1, "Kết nối Internet, chiều vào: p95 (Mbit/s)") == nil)
        // Nothing declares a contracted capacity.
        #expect(cell(1, "Nguồn số liệu: Kết nối Internet: hợp đồng")?["text"] as? String == "không có")
        // tt (row 2): its only host was unreachable, so its computer figures are not measured either.
        #expect(cell(2, "Nguồn số liệu: Máy tính")?["text"] as? String == "chưa đo")
        #expect(cell(2, "Máy tính: > 5 năm") == nil)

        // The asset register: the hardware date and where it came from.
        let hosts = rows(sheets[4])
        let date = try #require(hosts[0].firstIndex { $0?["text"] as? String == "Ngày phần cứng (tuổi máy)" })
        #expect(hosts[0][date + 1]?["text"] as? String == "Nguồn ngày phần cứng")
        #expect(hosts[1][date]?["date"] as? String == "2018-06-01T07:00:00", "the BIOS date, in UTC+7")
        #expect(hosts[1][date + 1]?["text"] as? String == "đo được (ngày BIOS)")
        #expect(hosts[2][date]?["date"] as? String == "2021-03-15T07:00:00", "the declared purchase date wins over the BIOS")
        #expect(hosts[2][date + 1]?["text"] as? String == "kê khai (ngày mua)")
        #expect(hosts[3][date] == nil && hosts[3][date + 1] == nil, "an unreachable host has no hardware date")
    }

    @Test("Asset register: the hardware date says whether it was declared or read from the BIOS, in CSV, JSON and the table")
    func assetRegisterDateOrigin() throws {
        let snapshot = Self.datedInput(.en).snapshot
        let register = AssetRegister(snapshot: snapshot, language: .en)
        let csv = String(decoding: try register.render(.csv).dropFirst(3), as: UTF8.self)
        let lines = csv.components(separatedBy: "\r\n")
        let header = lines[0].components(separatedBy: ",")
        let origin = try #require(header.firstIndex(of: "Hardware date from"))
        #expect(header[origin - 1] == "Hardware date")
        #expect(lines[1].components(separatedBy: ",")[origin] == "measured (BIOS date)")
        #expect(lines[2].components(separatedBy: ",")[origin] == "declared (purchase date)")
        #expect(lines[2].components(separatedBy: ",")[origin - 1] == "2021-03-15T00:00:00Z")
        #expect(lines[3].components(separatedBy: ",")[origin] == "")
        let json = try #require(try JSONSerialization.jsonObject(with: register.render(.json)) as? [String: Any])
        let rows = try #require(json["rows"] as? [[String: Any]])
        #expect(rows.map { $0["hardware_date_origin"] as? String } == ["measured (BIOS date)", "declared (purchase date)", nil])
        let vi = String(decoding: try AssetRegister(snapshot: snapshot, language: .vi).render(.table), as: UTF8.self)
        #expect(vi.contains("Nguồn ngày phần cứng") && vi.contains("kê khai (ngày mua)") && vi.contains("đo được (ngày BIOS)"))
    }

    @Test(
        "XLSX: past the shared-strings budget texts go inline, and openpyxl reads the same workbook either way",
        .enabled(if: Oracle.python("openpyxl")))
    func xlsxInlineFallback() async throws {
        for input in [Self.datedInput(.vi), ReportFixtures.hostileInput(.en)] {
            var inline = XLSXReport()
            inline.sharedStringsBudget = 0
            var some = XLSXReport()
            some.sharedStringsBudget = 300  // a few texts shared, the rest inline
            // The sheets as openpyxl read them, as JSON with sorted keys, so equal books compare equal.
            func book(_ renderer: XLSXReport) async throws -> Data {
                try JSONSerialization.data(withJSONObject: try await sheets(renderer, input), options: [.sortedKeys])
            }
            let shared = try await book(XLSXReport())
            #expect(try await book(inline) == shared)
            #expect(try await book(some) == shared)
            let strings = try Archive(data: inline.files(for: input)[0].data, accessMode: .read)["xl/sharedStrings.xml"]
            #expect(strings?.uncompressedSize ?? 0 < 200, "an empty table when nothing is shared")
        }
    }

    @Test("XLSX: hostile text is text (never a formula), long names intact", .enabled(if: Oracle.python("openpyxl")))
    func xlsxHostile() async throws {
        let sheets = try await sheets(XLSXReport(), ReportFixtures.hostileInput(.en))
        let texts = texts(sheets)
        #expect(texts.contains("'" + ReportFixtures.formula))
        #expect(texts.contains(ReportFixtures.longName), "a 10,000-character name is kept whole")
        #expect(texts.allSatisfy { !$0.hasPrefix("=") })
        #expect(texts.allSatisfy { !$0.contains("\u{202E}") })
    }

    @Test("XLSX: a table longer than a sheet continues on the next sheet, and the first sheet says so", .enabled(if: Oracle.python("openpyxl")))
    func xlsxSplit() async throws {
        let sheets = try await sheets(XLSXReport(rowsPerSheet: 2), ReportFixtures.input(.en))
        let names = sheets.compactMap { $0["name"] as? String }
        #expect(names.contains("Findings") && names.contains("Findings (2)"))
        let findings = sheets.filter { ($0["name"] as? String)?.hasPrefix("Findings") == true }
        let dataRows = findings.map { (($0["rows"] as? [Any])?.count ?? 0) - 1 }
        #expect(dataRows == [2, 2], "four findings over two sheets, each with its header")
        let about = texts([sheets[0]])
        #expect(about.contains { $0.contains("1,048,576") && $0.hasPrefix("Findings") })
        #expect(about.contains("Findings, Findings (2)"))
    }

    @Test(
        "XLSX pipeline: stopped midway (as when the archive fails), its reading and expanding threads both end",
        .timeLimit(.minutes(1)))
    func xlsxPipelineStops() throws {
        let input = ReportFixtures.input(.en)
        let parts = ReportTables(input).all.map { table in
            (XLSXReport.SheetPart(table: table, rows: 0..<table.count, name: table.id), true)
        }
        // 64-byte chunks: the expanding thread fills its hand-over and waits on it.
        let pipeline = XLSXPipeline(sheets: parts, offset: 0, strings: XLSXSharedStrings(), memo: CleanedTexts(), chunk: 64)
        guard case .entry(let size) = pipeline.next() else { Issue.record("no sheet first"); return }
        #expect(size > 64)
        guard case .chunk(let chunk) = pipeline.next() else { Issue.record("no chunk next"); return }
        #expect(chunk.count == 64)
        #expect(String(decoding: chunk, as: UTF8.self).hasPrefix("<?xml"))
        pipeline.stop()
        let after = pipeline.next()
        #expect(after.map { _ in "an item" } == nil, "nothing more once stopped")
    }

    @Test("XLSX shared strings: 100,000 distinct texts (the table grows many times) each keep one number, found again by content from another String")
    func xlsxSharedStringsTable() throws {
        let strings = XLSXSharedStrings()
        // ASCII, Vietnamese, lengths around the hash's 8-byte steps, the empty text.
        let texts = [""] + (0..<100_000).map { i in
            switch i % 4 {
            case 0: "10.\(i / 65_536).\(i / 256 % 256).\(i % 256):22"
            case 1: "Máy số \(i) — Sở Thông tin"
            case 2: String(repeating: "x", count: i % 40)
            default: "host-\(i)"
            }
        }
        var expected: [String: UInt32] = [:]
        for text in texts {
            let number = try #require(strings.number(text))
            if let known = expected[text] {
                #expect(number == known, "\(text): same text, same number")
            } else {
                #expect(Int(number) == expected.count, "\(text): numbered in order of first sight")
                expected[text] = number
            }
        }
        #expect(strings.texts.count == expected.count)
        // Found again from Strings with other storage (made afresh from their bytes).
        for (text, number) in expected.shuffled().prefix(5_000) {
            let copy = String(decoding: Array(text.utf8), as: UTF8.self)
            #expect(strings.number(copy) == number)
            #expect(strings.texts[Int(number)] == text)
        }
        #expect(strings.texts.count == expected.count, "nothing added by looking up")
        // Past the budget new texts are refused, known ones still found.
        let small = XLSXSharedStrings(budget: 100)
        #expect(small.number("a") == 0)
        #expect(small.number(String(repeating: "b", count: 60)) == nil)
        #expect(small.number("a") == 0)
    }

    /// Whether openpyxl's reading of a cell is the table's `cell`.
    private func matches(_ cell: ReportTable.Cell, _ read: [String: Any]?) -> Bool {
        switch cell {
        case .text(let text):
            let expected = UntrustedText.clean(SpreadsheetText.neutralise(text), keepNewlines: true)
            return (read?["text"] as? String)?.precomposedStringWithCanonicalMapping == expected.precomposedStringWithCanonicalMapping
        case .integer(let value): return (read?["number"] as? NSNumber)?.intValue == value
        case .number(let value), .percent(let value):
            guard value.isFinite else { return read == nil }
            guard let number = (read?["number"] as? NSNumber)?.doubleValue else { return false }
            return abs(number - value) <= 1e-12 * max(1, abs(value))
        case .date: return read?["date"] is String
        case .bool(let value): return (read?["bool"] as? Bool) == value
        case .empty: return read == nil
        }
    }

    @Test(
        "XLSX without row and cell references (optional in ECMA-376 §18.3.1.73, §18.3.1.4): openpyxl reads every cell where the table puts it and LibreOffice reads the same book cell for cell",
        .enabled(if: Oracle.python("openpyxl") && Oracle.tool("soffice") != nil))
    func xlsxCellPositions() async throws {
        let input = Self.datedInput(.vi)
        let (folder, files) = try files(XLSXReport(), input)
        let book = folder.appendingPathComponent("report.xlsx")

        // The form under test: no `r` anywhere in the sheets, skipped cells as `<c/>`.
        let archive = try Archive(data: files[0].data, accessMode: .read)
        var skipped = 0
        for entry in archive where entry.path.hasPrefix("xl/worksheets/") {
            var xml = Data()
            _ = try archive.extract(entry) { xml.append($0) }
            let text = String(decoding: xml, as: UTF8.self)
            #expect(!text.contains(#" r=""#), "\(entry.path) has a reference")
            skipped += text.components(separatedBy: "<c/>").count - 1
        }
        #expect(skipped > 0, "the fixture has empty cells between others")

        // openpyxl against the tables themselves: every cell of every row in its column.
        let result = try await Oracle.script("xlsx_read.py", [book.path])
        #expect(result.status == 0, "\(result.standardError)")
        let sheets = try #require((try Oracle.json(result) as? [String: Any])?["sheets"] as? [[String: Any]])
        let tables = ReportTables(input).all
        #expect(sheets.count == tables.count + 1)
        var compared = 0
        for (table, sheet) in zip(tables, sheets.dropFirst()) {
            let read = rows(sheet)
            #expect(read.count == table.count + 1, "\(table.id): header and one row per table row")
            for i in 0..<min(table.count, read.count - 1) {
                let cells = table.row(i)
                #expect(read[i + 1].count <= cells.count, "\(table.id) row \(i): no cell past the table's")
                for (column, cell) in cells.enumerated() {
                    let got = column < read[i + 1].count ? read[i + 1][column] : nil
                    #expect(matches(cell, got), "\(table.id) row \(i) column \(column): \(cell) read as \(String(describing: got))")
                    compared += 1
                }
            }
        }
        #expect(compared > 200)

        // LibreOffice: every sheet converts, and each cell reads as openpyxl read it.
        let profile = try Oracle.scratch()
        let converted = try await CommandRunnerShim.run(
            Oracle.tool("soffice")!,
            [
                "-env:UserInstallation=file://\(profile.path)", "--headless", "--convert-to",
                "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
                "--outdir", folder.path, book.path,
            ])
        #expect(converted.status == 0, "\(converted.standardError)")
        let produced = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasSuffix(".csv") }
        #expect(produced.count == 6, "\(produced)")
        let ranking = try #require(produced.first { $0.contains("Xếp hạng") || $0.contains("X") && $0.contains("h") })
        let text = try String(contentsOf: folder.appendingPathComponent(ranking), encoding: .utf8)
        #expect(text.contains("Văn phòng Sở") || text.contains("Trung tâm CNTT"))
        let compare = try await Oracle.script("xlsx_libreoffice_compare.py", [book.path, folder.path])
        #expect(compare.status == 0, "\(compare.standardError)")
        let bySheet = try #require(try Oracle.json(compare) as? [String: [String: Any]])
        #expect(bySheet.count == 6)
        for (name, sheet) in bySheet {
            #expect(sheet["missing"] == nil, "\(name): LibreOffice wrote no CSV")
            #expect((sheet["cells"] as? Int ?? 0) > 0, "\(name)")
            #expect(sheet["rows"] as? Int == sheet["libreoffice_rows"] as? Int, "\(name): same rows")
            #expect((sheet["mismatches"] as? [Any])?.isEmpty == true, "\(name): \(sheet["mismatches"] ?? "")")
        }
    }
}
