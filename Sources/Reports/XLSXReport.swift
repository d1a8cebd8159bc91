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

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let tables = ReportTables(input)
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
        let sheets = [(about, false)] + parts.map { ($0, true) }
        let names = sheets.map(\.0.name)
        let memo = CleanedTexts()

        // The archive is built in memory (its compressed size: ~30 bytes a finding), each sheet
        // streamed into its entry as it is made. ZIPFoundation needs an entry's size before its
        // bytes, so each sheet is made twice: once counted, once written.
        let archive = try Archive(accessMode: .create)
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
        for (index, (part, header)) in sheets.enumerated() {
            var counter = SheetStream(part, header: header, offset: offset, memo: memo)
            let size = counter.count()
            var stream = SheetStream(part, header: header, offset: offset, memo: memo)
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(size),
                modificationDate: date, compressionMethod: .deflate
            ) { _, size in
                stream.next(size)
            }
        }
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        var out = try ReportWriter("report.xlsx", to: sink)
        data.withUnsafeBytes { out.raw($0.bindMemory(to: UInt8.self)) }
        try out.finish()
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

/// One worksheet's XML, made a piece at a time as the archive asks for bytes, so a sheet of a
/// million rows never sits in memory whole.
///
/// Text is written as inline strings (`t="inlineStr"`): a shared-strings table would hold every
/// distinct text of two million rows until the end, and look each one up twice. Deflate takes
/// out most of the repetition anyway.
struct SheetStream {
    let part: XLSXReport.SheetPart
    let header: Bool
    let offset: TimeInterval
    private var out: ReportWriter
    private var read = 0
    private var nextRow: Int
    private var rowNumber = 0
    private var stage = 0
    /// The column a cell without a reference would be in.
    private var nextColumn = 0
    private let letters: [[UInt8]]

    init(_ part: XLSXReport.SheetPart, header: Bool, offset: TimeInterval, memo: CleanedTexts) {
        self.part = part
        self.header = header
        self.offset = offset
        out = ReportWriter(memo: memo)
        nextRow = part.rows.lowerBound
        letters = (0..<part.table.columns.count).map { Array(XLSXReport.columnName($0).utf8) }
    }

    /// The sheet's size in bytes, made and thrown away piece by piece.
    mutating func count() -> Int {
        var total = 0
        while more() {
            total += out.bytes.count
            out.clear()
        }
        return total + out.bytes.count
    }

    /// The next `size` bytes (fewer only at the end).
    mutating func next(_ size: Int) -> Data {
        while out.bytes.count - read < size && more() {}
        let end = min(out.bytes.count, read + size)
        let chunk = out.bytes.withUnsafeBufferPointer { Data(UnsafeBufferPointer(rebasing: $0[read..<end])) }
        read = end
        if read >= ReportWriter.chunk {
            out.drop(read)
            read = 0
        }
        return chunk
    }

    /// Writes the next piece (the head, a row, the tail); false when nothing is left.
    private mutating func more() -> Bool {
        switch stage {
        case 0:
            head()
            stage = 1
            return true
        case 1:
            if nextRow < part.rows.upperBound {
                row(nextRow)
                nextRow += 1
                return true
            }
            tail()
            stage = 2
            return true
        default:
            return false
        }
    }

    private mutating func head() {
        let table = part.table
        out.raw(XLSXReport.xmlHeader)
        out.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        if header {
            out.raw(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#)
        }
        out.raw("<cols>")
        for (index, column) in table.columns.enumerated() {
            out.raw(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#)
        }
        out.raw("</cols><sheetData>")
        if header {
            rowNumber = 1
            nextColumn = 0
            out.raw(#"<row r="1">"#)
            for (index, column) in table.columns.enumerated() {
                reference(index, style: #" s="1" t="inlineStr""#)
                text(column.heading)
            }
            out.raw("</row>")
        }
    }

    /// Opens a cell. Its reference (`r="C7"`) is written only after a skipped (empty) cell: a
    /// cell without one is the column after the previous cell, and leaving them out takes a
    /// quarter off the sheet's XML (and off the deflate time).
    private mutating func reference(_ column: Int, style: StaticString = "") {
        if column == nextColumn {
            out.raw("<c")
        } else {
            out.raw(#"<c r=""#)
            out.raw(letters[column])
            out.int(rowNumber)
            out.byte(0x22)
        }
        nextColumn = column + 1
        out.raw(style)
        out.byte(0x3E)
    }

    /// An inline string: cleaned, escaped, cut at Excel's 32,767 characters; ends the cell.
    private mutating func text(_ value: String) {
        out.raw(#"<is><t xml:space="preserve">"#)
        if value.utf8.count > XLSXReport.cellLimit {
            var cleaned = UntrustedText.clean(value, keepNewlines: true)
            if cleaned.utf16.count > XLSXReport.cellLimit {
                let index = cleaned.utf16.index(cleaned.utf16.startIndex, offsetBy: XLSXReport.cellLimit - 1)
                cleaned = String(cleaned[..<(index.samePosition(in: cleaned) ?? cleaned.startIndex)]) + "…"
            }
            cleaned.withUTF8 { out.xmlEscape($0) }
        } else {
            out.xml(value)
        }
        out.raw("</t></is></c>")
    }

    private mutating func row(_ i: Int) {
        rowNumber += 1
        let columns = letters.count
        out.raw(#"<row r=""#)
        out.int(rowNumber)
        out.raw(#"">"#)
        nextColumn = 0
        for (index, cell) in part.table.row(i).enumerated() where index < columns {
            switch cell {
            case .text(let value):
                reference(index, style: #" t="inlineStr""#)
                text(SpreadsheetText.neutralise(value))
            case .number(let value) where value.isFinite:
                reference(index)
                out.raw("<v>\(value)</v></c>")
            case .integer(let value):
                reference(index)
                out.raw("<v>")
                out.int(value)
                out.raw("</v></c>")
            case .date(let date):
                reference(index, style: #" s="2""#)
                out.raw("<v>\((date.timeIntervalSince1970 + offset) / 86_400 + 25_569)</v></c>")
            case .bool(let value):
                reference(index, style: #" t="b""#)
                out.raw(value ? "<v>1</v></c>" : "<v>0</v></c>")
            case .number, .empty:
                continue
            }
        }
        out.raw("</row>")
    }

    private mutating func tail() {
        out.raw("</sheetData>")
        let columns = letters.count
        if header, columns > 0 {
            out.raw(#"<autoFilter ref="A1:"#)
            out.raw(letters[columns - 1])
            out.int(max(1, rowNumber))
            out.raw(#""/>"#)
        }
        out.raw("</worksheet>")
    }
}
