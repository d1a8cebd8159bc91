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
    /// Bytes of distinct text the shared-strings table holds before new texts go inline. Smaller
    /// in tests, so the inline form is written and read too.
    var sharedStringsBudget = 64 << 20

    public init(rowsPerSheet: Int = 1_048_575) {
        precondition(rowsPerSheet > 0)
        self.rowsPerSheet = rowsPerSheet
    }

    public var format: ReportFormat { .xlsx }

    /// ZIPFoundation's read and deflate chunk for sheets: larger than its 16 KB default, so
    /// fewer `Data` chunks and deflate calls for a sheet of hundreds of megabytes.
    static let bufferSize = 1 << 20

    /// One worksheet: a slice of a table.
    struct SheetPart {
        var table: ReportTable
        var rows: Range<Int>
        var name: String
    }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        // Each table once: making one can cost a pass over every finding (units counts failures).
        let tables = ReportTables(input).all
        var parts: [SheetPart] = []
        var used: Set<String> = []
        for table in tables {
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

        // The archive is built in memory (its compressed size: ~12 bytes a finding) and handed to
        // the sink whole. The sheets are read and expanded into XML on two threads of their own
        // (`XLSXPipeline`) while this one deflates them into their entries; the shared strings
        // come last, when every sheet has added to them.
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
        let pipeline = XLSXPipeline(
            sheets: sheets, offset: offset, strings: XLSXSharedStrings(budget: sharedStringsBudget), memo: memo,
            chunk: Self.bufferSize)
        defer { pipeline.stop() }
        try add("[Content_Types].xml", contentTypes(sheets: sheets.count))
        try add("_rels/.rels", Data(Self.rootRels.utf8))
        try add("docProps/core.xml", core(input, title: digest.title))
        try add("xl/workbook.xml", workbook(names))
        try add("xl/_rels/workbook.xml.rels", workbookRels(sheets: sheets.count))
        try add("xl/styles.xml", Data(Self.styles.utf8))
        for (index, (part, _)) in sheets.enumerated() {
            let made = pipeline.next()
            if case .failed(let error) = made { throw error }
            guard case .entry(let size) = made else { throw XLSXError(description: "XLSX sheet \(part.name): no sheet made") }
            try archive.addEntry(
                with: "xl/worksheets/sheet\(index + 1).xml", type: .file, uncompressedSize: Int64(size),
                modificationDate: date, compressionMethod: .deflate, bufferSize: Self.bufferSize
            ) { _, wanted in
                let made = pipeline.next()
                if case .failed(let error) = made { throw error }
                guard case .chunk(let data) = made, data.count == wanted else {
                    throw XLSXError(description: "XLSX sheet \(part.name): a chunk of \(wanted) bytes was not made")
                }
                return data
            }
        }
        let made = pipeline.next()
        if case .failed(let error) = made { throw error }
        guard case .strings(let strings) = made else { throw XLSXError(description: "XLSX: no shared strings made") }
        try add("xl/sharedStrings.xml", strings)
        guard let data = archive.data else { throw CocoaError(.fileWriteUnknown) }
        var out = try ReportWriter("report.xlsx", to: sink)
        data.withUnsafeBytes { out.raw($0.bindMemory(to: UInt8.self)) }
        try out.finish()
    }

    // MARK: - The first sheet

    private func aboutSheet(
        _ d: ReportDigest, tables: [ReportTable], parts: [SheetPart], used: inout Set<String>
    ) -> SheetPart {
        var rows: [[ReportTable.Cell]] = [[.text(d.title)], []]
        rows += d.headerFacts.map { [.text(d.label($0.0)), .text($0.1)] }
        rows.append([])
        rows.append([.text(d.label(.sheetsHeading)), .text(d.label(.rows))])
        rows += parts.map { [.text($0.name), .integer($0.rows.count)] }
        for table in tables {
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
        x += #"<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>"#
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
        x += #"<Relationship Id="rId\#(sheets + 2)" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>"#
        x += "</Relationships>"
        return Data(x.utf8)
    }

    /// Style 0 plain, 1 the bold header, 2 a date and time, 3 a percentage (built-in format 10, `0.00%`).
    static let styles =
        xmlHeader
        + #"<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">"#
        + #"<numFmts count="1"><numFmt numFmtId="164" formatCode="yyyy\-mm\-dd\ hh:mm:ss"/></numFmts>"#
        + #"<fonts count="2"><font><sz val="11"/><name val="Calibri"/></font><font><b/><sz val="11"/><name val="Calibri"/></font></fonts>"#
        + #"<fills count="2"><fill><patternFill patternType="none"/></fill><fill><patternFill patternType="gray125"/></fill></fills>"#
        + #"<borders count="1"><border><left/><right/><top/><bottom/><diagonal/></border></borders>"#
        + #"<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>"#
        + #"<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>"#
        + #"<xf numFmtId="0" fontId="1" fillId="0" borderId="0" xfId="0" applyFont="1"/>"#
        + #"<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>"#
        + #"<xf numFmtId="10" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>"#
        + #"<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>"#
        + "</styleSheet>"
}

/// A sheet's XML came out a different size than its first pass declared: a bug in this renderer,
/// reported rather than written as a corrupt archive.
struct XLSXError: Error, CustomStringConvertible {
    static func sizeMismatch(sheet: String, declared: Int, written: Int) -> XLSXError {
        XLSXError(description: "XLSX sheet \(sheet): \(written) bytes written, \(declared) declared")
    }

    var description: String
}
