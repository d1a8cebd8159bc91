import Foundation
import InventoryModel
import ZIPFoundation

/// The report as an Excel workbook (`report.xlsx`), where these figures travel in ministries.
///
/// A first sheet says what the report is and lists the sheets with their row counts; then the
/// ranking, the method's indicators, the unit inventory, the asset register and the findings.
/// Text goes into the shared-strings table as UTF-8 (Vietnamese intact, never a formula: a cell
/// that starts with `=` is still text, and is prefixed with an apostrophe besides); numbers are
/// numbers, dates are date serials in the report's time zone with a date format; header rows are
/// frozen and columns have widths. A table longer than a sheet's 1,048,576 rows continues on
/// further sheets, and the first sheet says so.
public struct XLSXReport: ReportRenderer {
    /// Data rows per sheet: Excel's 1,048,576 rows less the header row. Smaller in tests.
    public var rowsPerSheet: Int

    public init(rowsPerSheet: Int = 1_048_575) {
        precondition(rowsPerSheet > 0)
        self.rowsPerSheet = rowsPerSheet
    }

    public var format: ReportFormat { .xlsx }

    /// Excel's longest cell text.
    static let cellLimit = 32_767

    /// One worksheet: a slice of a table.
    struct SheetPart {
        var table: ReportTable
        var rows: Range<Int>
        var name: String
    }

    public func files(for input: ReportInput) throws -> [ReportFile] {
        let tables = ReportTables(input)
        var strings = SharedStrings()
        var parts: [SheetPart] = []
        var used: Set<String> = []
        for table in tables.all {
            let pieces = max(1, (table.count + rowsPerSheet - 1) / rowsPerSheet)
            for piece in 0..<pieces {
                let rows = (piece * rowsPerSheet)..<min(table.count, (piece + 1) * rowsPerSheet)
                let suffix = piece == 0 ? "" : " (\(piece + 1))"
                parts.append(SheetPart(table: table, rows: rows, name: Self.sheetName(table.title, suffix, &used)))
            }
        }
        let digest = ReportDigest(input)
        let about = aboutSheet(digest, tables: tables, parts: parts, used: &used)
        let offset = Self.excelOffset(input.timeZone)

        var sheets: [Data] = [worksheet(about, strings: &strings, offset: offset, header: false)]
        sheets += parts.map { worksheet($0, strings: &strings, offset: offset, header: true) }
        let names = [about.name] + parts.map(\.name)

        let archive = try Archive(data: Data(), accessMode: .create)
        let date = input.generatedAt
        func add(_ path: String, _ data: Data) throws {
            try archive.addEntry(
                with: path, type: .file, uncompressedSize: Int64(data.count), modificationDate: date,
                compressionMethod: .deflate
            ) { position, size in
                data.subdata(in: Int(position)..<Int(position) + size)
            }
        }
        try add("[Content_Types].xml", contentTypes(sheets: sheets.count))
        try add("_rels/.rels", Data(Self.rootRels.utf8))
        try add("docProps/core.xml", core(input, title: digest.title))
        try add("xl/workbook.xml", workbook(names))
        try add("xl/_rels/workbook.xml.rels", workbookRels(sheets: sheets.count))
        try add("xl/styles.xml", Data(Self.styles.utf8))
        for (index, sheet) in sheets.enumerated() {
            try add("xl/worksheets/sheet\(index + 1).xml", sheet)
        }
        try add("xl/sharedStrings.xml", strings.xml())
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        return [ReportFile(name: "report.xlsx", data: data)]
    }

    // MARK: - The first sheet

    private func aboutSheet(
        _ d: ReportDigest, tables: ReportTables, parts: [SheetPart], used: inout Set<String>
    ) -> SheetPart {
        var rows: [[ReportTable.Cell]] = [[.text(d.title)], []]
        rows += d.headerFacts.map { [.text(d.label($0.0)), .text($0.1)] }
        rows.append([])
        rows.append([.text(d.label(.sheetsHeading)), .text(d.label(.rows))])
        rows += parts.map { [.text($0.name), .integer($0.rows.count)] }
        for table in tables.all {
            let pieces = parts.filter { $0.table.id == table.id }
            guard pieces.count > 1 else { continue }
            rows.append([])
            rows.append([.text("\(table.title): \(d.label(.splitNote))"), .text(pieces.map(\.name).joined(separator: ", "))])
        }
        let frozen = rows
        let table = ReportTable(
            id: "about", title: d.label(.sheetAbout),
            columns: [.init(id: "item", heading: "", width: 44), .init(id: "value", heading: "", width: 80)],
            count: frozen.count, row: { frozen[$0] })
        return SheetPart(table: table, rows: 0..<frozen.count, name: Self.sheetName(table.title, "", &used))
    }

    // MARK: - Worksheets

    private func worksheet(_ part: SheetPart, strings: inout SharedStrings, offset: TimeInterval, header: Bool) -> Data {
        let table = part.table
        let columns = table.columns.count
        var x = XMLText(capacity: 256 + part.rows.count * columns * 24)
        x.raw(Self.xmlHeader)
        x.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        if header {
            x.raw(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#)
        }
        x.raw("<cols>")
        for (index, column) in table.columns.enumerated() {
            x.raw(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#)
        }
        x.raw("</cols><sheetData>")
        let letters = (0..<columns).map(Self.columnName)
        var rowNumber = 0
        if header {
            rowNumber = 1
            x.raw(#"<row r="1">"#)
            for (index, column) in table.columns.enumerated() {
                x.raw(#"<c r="\#(letters[index])1" s="1" t="s"><v>\#(strings.index(column.heading))</v></c>"#)
            }
            x.raw("</row>")
        }
        for i in part.rows {
            rowNumber += 1
            let r = String(rowNumber)
            x.raw(#"<row r="\#(r)">"#)
            for (index, cell) in table.row(i).enumerated() where index < columns {
                let ref = letters[index] + r
                switch cell {
                case .text(let text):
                    let value = SpreadsheetText.neutralise(text)
                    x.raw(#"<c r="\#(ref)" t="s"><v>\#(strings.index(value))</v></c>"#)
                case .number(let value) where value.isFinite:
                    x.raw(#"<c r="\#(ref)"><v>\#(value)</v></c>"#)
                case .integer(let value):
                    x.raw(#"<c r="\#(ref)"><v>\#(value)</v></c>"#)
                case .date(let date):
                    let serial = (date.timeIntervalSince1970 + offset) / 86_400 + 25_569
                    x.raw(#"<c r="\#(ref)" s="2"><v>\#(serial)</v></c>"#)
                case .bool(let value):
                    x.raw(#"<c r="\#(ref)" t="b"><v>\#(value ? 1 : 0)</v></c>"#)
                case .number, .empty:
                    continue
                }
            }
            x.raw("</row>")
        }
        x.raw("</sheetData>")
        if header, columns > 0 {
            x.raw(#"<autoFilter ref="A1:\#(letters[columns - 1])\#(max(1, rowNumber))"/>"#)
        }
        x.raw("</worksheet>")
        return Data(x.bytes)
    }

    /// `A`, `B`, …, `Z`, `AA`, …
    static func columnName(_ index: Int) -> String {
        var n = index + 1
        var name = ""
        while n > 0 {
            let rem = (n - 1) % 26
            name = String(UnicodeScalar(UInt8(65 + rem))) + name
            n = (n - 1) / 26
        }
        return name
    }

    /// Excel has no time zones: a date serial is the wall-clock time the reader should see.
    static func excelOffset(_ zone: TimeZone) -> TimeInterval {
        TimeInterval(zone.secondsFromGMT())
    }

    /// A sheet name Excel accepts: at most 31 characters, none of `: \ / ? * [ ]`, unique.
    static func sheetName(_ title: String, _ suffix: String, _ used: inout Set<String>) -> String {
        let forbidden: Set<Character> = [":", "\\", "/", "?", "*", "[", "]"]
        let base = String(UntrustedText.clean(title).filter { !forbidden.contains($0) }.prefix(31 - suffix.count))
        var name = base + suffix
        var n = 2
        while used.contains(name.lowercased()) {
            name = String(base.prefix(31 - suffix.count - 4)) + suffix + " ~\(n)"
            n += 1
        }
        used.insert(name.lowercased())
        return name
    }

    // MARK: - Package parts

    static let xmlHeader = #"<?xml version="1.0" encoding="UTF-8" standalone="yes"?>"# + "\n"

    private func contentTypes(sheets: Int) -> Data {
        var x = Self.xmlHeader
        x += #"<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">"#
        x += #"<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>"#
        x += #"<Default Extension="xml" ContentType="application/xml"/>"#
        x += #"<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>"#
        for i in 1...sheets {
            x += #"<Override PartName="/xl/worksheets/sheet\#(i).xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>"#
        }
        x += #"<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>"#
        x += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
        x += #"<Override PartName="/docProps/core.xml" ContentType="application/vnd.openxmlformats-package.core-properties+xml"/>"#
        x += "</Types>"
        return Data(x.utf8)
    }

    static let rootRels =
        xmlHeader
        + #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        + #"<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>"#
        + #"<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties" Target="docProps/core.xml"/>"#
        + "</Relationships>"

    private func core(_ input: ReportInput, title: String) -> Data {
        let stamp = ISO8601DateFormatter().string(from: input.generatedAt)
        var x = XMLText()
        x.raw(Self.xmlHeader)
        x.raw(#"<cp:coreProperties xmlns:cp="http://schemas.openxmlformats.org/package/2006/metadata/core-properties" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">"#)
        x.raw("<dc:title>")
        x.text(title, keepNewlines: false)
        x.raw("</dc:title><dc:creator>ictaudit \(XMLText.escaped(input.toolVersion))</dc:creator>")
        x.raw(#"<dcterms:created xsi:type="dcterms:W3CDTF">\#(stamp)</dcterms:created>"#)
        x.raw("</cp:coreProperties>")
        return Data(x.bytes)
    }

    private func workbook(_ names: [String]) -> Data {
        var x = XMLText()
        x.raw(Self.xmlHeader)
        x.raw(#"<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><bookViews><workbookView/></bookViews><sheets>"#)
        for (index, name) in names.enumerated() {
            x.raw(#"<sheet name=""#)
            x.text(name, keepNewlines: false)
            x.raw(#"" sheetId="\#(index + 1)" r:id="rId\#(index + 1)"/>"#)
        }
        x.raw("</sheets></workbook>")
        return Data(x.bytes)
    }

    private func workbookRels(sheets: Int) -> Data {
        var x = Self.xmlHeader
        x += #"<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">"#
        for i in 1...sheets {
            x += #"<Relationship Id="rId\#(i)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet\#(i).xml"/>"#
        }
        x += #"<Relationship Id="rId\#(sheets + 1)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>"#
        x += #"<Relationship Id="rId\#(sheets + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        x += "</Relationships>"
        return Data(x.utf8)
    }

    /// Style 0 plain, 1 the bold header, 2 a date and time.
    static let styles =
        xmlHeader
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="3"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}

/// The workbook's shared-strings table: each distinct text once, cells point at it by index.
struct SharedStrings {
    private var indexes: [String: Int] = [:]
    private var ordered: [String] = []
    private var references = 0

    mutating func index(_ text: String) -> Int {
        references += 1
        if let index = indexes[text] { return index }
        let index = ordered.count
        indexes[text] = index
        ordered.append(text)
        return index
    }

    func xml() -> Data {
        var x = XMLText(capacity: 128 + ordered.count * 24)
        x.raw(XLSXReport.xmlHeader)
        x.raw(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="\#(references)" uniqueCount="\#(ordered.count)">"#)
        for text in ordered {
            x.raw(#"<si><t xml:space="preserve">"#)
            x.text(text, keepNewlines: true, limit: XLSXReport.cellLimit)
            x.raw("</t></si>")
        }
        x.raw("</sst>")
        return Data(x.bytes)
    }
}
