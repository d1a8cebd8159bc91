import Foundation

/// One worksheet, made in two steps so ZIPFoundation gets it in one pass without the sheet's XML
/// ever sitting in memory whole.
///
/// ZIPFoundation must be told an entry's size before its first byte. Making the XML twice (once
/// counted, once written) cost half of the XLSX time at two million findings, so the first step
/// reads each row once and keeps only what varies: per cell its kind, its column when a cell was
/// skipped, and a shared-string number or the few bytes of a number, about 40 bytes a findings row
/// instead of ~200 of XML. The XML's exact size is summed from the same byte pieces the second
/// step writes (`Piece`), so the two cannot disagree; the second step checks it anyway. The second
/// step (`XLSXSheetWriter`) expands the compact rows into XML chunk by chunk as the archive asks.
struct XLSXSheet {
    /// A cell's kind in the compact rows; also indexes `pieces`.
    enum Kind: UInt8 {
        case rowEnd = 0
        case shared, inline, number, date, yes, no, percent
    }

    /// The fixed bytes around a cell's value: `<c` [reference] `attributes` `open` value `close`.
    struct Piece {
        var attributes: [UInt8]
        var open: [UInt8]
        var close: [UInt8]
        var length: Int { 2 + attributes.count + open.count + close.count }

        init(_ attributes: String, _ open: String, _ close: String) {
            self.attributes = Array(attributes.utf8)
            self.open = Array(open.utf8)
            self.close = Array(close.utf8)
        }
    }

    static let pieces: [Piece] = {
        let value = (#"><v>"#, "</v></c>")
        let text = (#"><is><t xml:space="preserve">"#, "</t></is></c>")
        return [
            Piece("", "", ""),  // rowEnd: never written as a cell
            Piece(#" t="s""#, value.0, value.1),
            Piece(#" t="inlineStr""#, text.0, text.1),
            Piece("", value.0, value.1),
            Piece(#" s="2""#, value.0, value.1),
            Piece(#" t="b""#, value.0, "1" + value.1),
            Piece(#" t="b""#, value.0, "0" + value.1),
            Piece(#" s="3""#, value.0, value.1),
        ]
    }()

    static let rowOpen = Array(#"<row r=""#.utf8), rowOpenEnd = Array(#"">"#.utf8), rowClose = Array("</row>".utf8)
    static let referenceOpen = Array(#" r=""#.utf8)

    let part: XLSXReport.SheetPart
    /// Column letters, `A`…
    let letters: [[UInt8]]
    /// Everything before the first data row (header row included) and after the last.
    private(set) var head: [UInt8] = []
    private(set) var tail: [UInt8] = []
    /// The data rows, compact.
    private(set) var rows: [UInt8] = []
    /// The sheet's XML size in bytes.
    private(set) var size = 0

    /// Reads the part's rows once. Texts go into `strings` (or inline when it is full).
    init(_ part: XLSXReport.SheetPart, header: Bool, offset: TimeInterval, strings: XLSXSharedStrings, memo: CleanedTexts) {
        self.part = part
        let columns = part.table.columns
        letters = (0..<columns.count).map { Array(XLSXReport.columnName($0).utf8) }
        var scratch = ReportWriter(memo: memo)

        scratch.raw(XLSXReport.xmlHeader)
        scratch.raw(#"<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">"#)
        if header {
            scratch.raw(#"<sheetViews><sheetView workbookViewId="0"><pane ySplit="1" topLeftCell="A2" activePane="bottomLeft" state="frozen"/><selection pane="bottomLeft" activeCell="A2" sqref="A2"/></sheetView></sheetViews>"#)
        }
        scratch.raw("<cols>")
        for (index, column) in columns.enumerated() {
            scratch.raw(#"<col min="\#(index + 1)" max="\#(index + 1)" width="\#(column.width)" customWidth="1"/>"#)
        }
        scratch.raw("</cols><sheetData>")
        var rowNumber = 0
        if header {
            rowNumber = 1
            scratch.raw(#"<row r="1">"#)
            for column in columns {
                scratch.raw(#"<c s="1" t="inlineStr"><is><t xml:space="preserve">"#)
                XLSXText.write(column.heading, into: &scratch)
                scratch.raw("</t></is></c>")
            }
            scratch.raw("</row>")
        }
        head = scratch.bytes
        scratch.clear()

        // The data rows: compact form and XML size.
        var size = head.count
        var compact: [UInt8] = []
        compact.reserveCapacity(part.rows.count * columns.count * 4)
        var cache = TextCache<UInt32>(columns: columns.count)
        for i in part.rows {
            rowNumber += 1
            size += Self.rowOpen.count + Self.digits(rowNumber) + Self.rowOpenEnd.count + Self.rowClose.count
            var expected = 0
            for (column, cell) in part.table.row(i).enumerated() where column < columns.count {
                // A cell's reference (`r="C7"`) is written only after a skipped (empty) cell: a
                // cell without one is the column after the previous cell.
                let reference = column == expected ? nil : column
                let kind: Kind
                let payload: Int
                switch cell {
                case .text(let value):
                    var number = cache.value(value, column: column)
                    var text = value
                    if number == nil {
                        text = SpreadsheetText.neutralise(value)
                        number = strings.number(text)
                        if let number { cache.remember(value, number, column: column) }
                    }
                    if let number {
                        kind = .shared
                        Self.appendHead(kind, reference, to: &compact)
                        Self.appendVarint(Int(number), to: &compact)
                        payload = Self.digits(Int(number))
                    } else {
                        kind = .inline
                        XLSXText.write(text, into: &scratch)
                        payload = Self.appendBytes(kind, reference, &scratch, to: &compact)
                    }
                case .number(let value) where value.isFinite:
                    kind = .number
                    scratch.raw("\(value)")
                    payload = Self.appendBytes(kind, reference, &scratch, to: &compact)
                case .percent(let value) where value.isFinite:
                    kind = .percent
                    scratch.raw("\(value)")
                    payload = Self.appendBytes(kind, reference, &scratch, to: &compact)
                case .integer(let value):
                    kind = .number
                    scratch.int(value)
                    payload = Self.appendBytes(kind, reference, &scratch, to: &compact)
                case .date(let date):
                    kind = .date
                    scratch.raw("\((date.timeIntervalSince1970 + offset) / 86_400 + 25_569)")
                    payload = Self.appendBytes(kind, reference, &scratch, to: &compact)
                case .bool(let value):
                    kind = value ? .yes : .no
                    Self.appendHead(kind, reference, to: &compact)
                    payload = 0
                case .number, .percent, .empty:
                    continue
                }
                size += Self.pieces[Int(kind.rawValue)].length + payload
                if let reference {
                    size += Self.referenceOpen.count + letters[reference].count + Self.digits(rowNumber) + 1
                }
                expected = column + 1
            }
            compact.append(Kind.rowEnd.rawValue)
        }
        rows = compact

        scratch.raw("</sheetData>")
        if header, !columns.isEmpty {
            scratch.raw(#"<autoFilter ref="A1:"#)
            scratch.raw(letters[columns.count - 1])
            scratch.int(max(1, rowNumber))
            scratch.raw(#""/>"#)
        }
        scratch.raw("</worksheet>")
        tail = scratch.bytes
        self.size = size + tail.count
    }

    /// Decimal digits of a non-negative number.
    @inline(__always)
    static func digits(_ value: Int) -> Int {
        var n = value, count = 1
        while n >= 10 {
            n /= 10
            count += 1
        }
        return count
    }

    /// The cell's kind (bit 7 set when its column follows, as a varint).
    @inline(__always)
    private static func appendHead(_ kind: Kind, _ reference: Int?, to compact: inout [UInt8]) {
        guard let reference else { return compact.append(kind.rawValue) }
        compact.append(kind.rawValue | 0x80)
        appendVarint(reference, to: &compact)
    }

    /// A cell whose value is written as it is (escaped text, a number's digits): its head, a
    /// varint length, the bytes; empties `scratch` and returns the length.
    @inline(__always)
    private static func appendBytes(_ kind: Kind, _ reference: Int?, _ scratch: inout ReportWriter, to compact: inout [UInt8]) -> Int {
        appendHead(kind, reference, to: &compact)
        let count = scratch.bytes.count
        appendVarint(count, to: &compact)
        compact.append(contentsOf: scratch.bytes)
        scratch.clear()
        return count
    }

    @inline(__always)
    static func appendVarint(_ value: Int, to rows: inout [UInt8]) {
        var n = UInt(value)
        while n >= 0x80 {
            rows.append(UInt8(truncatingIfNeeded: n) | 0x80)
            n >>= 7
        }
        rows.append(UInt8(n))
    }

    @inline(__always)
    static func readVarint(_ rows: UnsafeBufferPointer<UInt8>, _ position: inout Int) -> Int {
        var value = 0, shift = 0
        while true {
            let byte = rows[position]
            position += 1
            value |= Int(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}

/// Expands a sheet's compact rows into its XML, a chunk at a time, as ZIPFoundation's provider
/// asks for bytes.
///
/// Bytes are copied into a raw buffer with `memcpy`: a findings row is some forty small pieces,
/// and as `Array` appends (each checking uniqueness and capacity) they cost more than the deflate.
final class XLSXSheetWriter {
    let sheet: XLSXSheet
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Bytes of the buffer already handed out.
    private var read = 0
    /// Position in `sheet.rows`.
    private var position = 0
    private var rowNumber: Int
    private var stage = 0
    /// Bytes handed out so far: must end equal to `sheet.size`.
    private(set) var written = 0
    /// `<c` + attributes + open, per kind: one copy for a cell without a reference.
    private let prefixes: [[UInt8]]

    static let chunk = 1 << 16

    init(_ sheet: XLSXSheet, header: Bool) {
        self.sheet = sheet
        rowNumber = header ? 1 : 0
        capacity = 4 * Self.chunk
        buffer = .allocate(capacity: capacity)
        prefixes = XLSXSheet.pieces.map { Array("<c".utf8) + $0.attributes + $0.open }
    }

    deinit { buffer.deallocate() }

    /// The next `size` bytes (fewer only at the end).
    func next(_ size: Int) -> Data {
        while count - read < size && stage < 3 { fill(until: read + size) }
        let end = min(count, read + size)
        let chunk = Data(bytes: buffer + read, count: end - read)
        written += chunk.count
        read = end
        if read >= Self.chunk {
            // Move what is left to the front.
            (buffer).update(from: buffer + read, count: count - read)
            count -= read
            read = 0
        }
        return chunk
    }

    private func fill(until target: Int) {
        switch stage {
        case 0:
            sheet.head.withUnsafeBufferPointer { append($0) }
            stage = 1
        case 1:
            if position < sheet.rows.count {
                expandRows(until: max(target, count + Self.chunk))
            } else {
                stage = 2
            }
        case 2:
            sheet.tail.withUnsafeBufferPointer { append($0) }
            stage = 3
        default:
            break
        }
    }

    /// Room for `extra` more bytes.
    @inline(__always)
    private func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let larger = max(capacity * 2, count + extra)
        let moved = UnsafeMutablePointer<UInt8>.allocate(capacity: larger)
        moved.update(from: buffer, count: count)
        buffer.deallocate()
        buffer = moved
        capacity = larger
    }

    @inline(__always)
    private func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        reserve(bytes.count)
        (buffer + count).update(from: bytes.baseAddress!, count: bytes.count)
        count += bytes.count
    }

    @inline(__always)
    private func append(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { append($0) }
    }

    /// Decimal digits; the caller reserved room.
    @inline(__always)
    private func decimal(_ value: Int) {
        let width = XLSXSheet.digits(value)
        var n = value
        var i = count + width
        repeat {
            i -= 1
            buffer[i] = UInt8(truncatingIfNeeded: 0x30 + n % 10)
            n /= 10
        } while n > 0
        count += width
    }

    /// Writes whole rows until the buffer holds `target` bytes or the rows end.
    private func expandRows(until target: Int) {
        let pieces = XLSXSheet.pieces
        let prefixes = self.prefixes
        let letters = sheet.letters
        let rowOpen = XLSXSheet.rowOpen, rowOpenEnd = XLSXSheet.rowOpenEnd, rowClose = XLSXSheet.rowClose
        let referenceOpen = XLSXSheet.referenceOpen
        let shared = XLSXSheet.Kind.shared.rawValue, yes = XLSXSheet.Kind.yes.rawValue, no = XLSXSheet.Kind.no.rawValue
        sheet.rows.withUnsafeBufferPointer { rows in
            while count < target && position < rows.count {
                rowNumber += 1
                reserve(32)
                append(rowOpen)
                decimal(rowNumber)
                append(rowOpenEnd)
                while true {
                    let head = rows[position]
                    position += 1
                    if head == XLSXSheet.Kind.rowEnd.rawValue { break }
                    let kind = head & 0x7F
                    reserve(96)
                    if head & 0x80 != 0 {
                        let column = XLSXSheet.readVarint(rows, &position)
                        let piece = pieces[Int(kind)]
                        buffer[count] = 0x3C  // <
                        buffer[count + 1] = 0x63  // c
                        count += 2
                        append(referenceOpen)
                        append(letters[column])
                        reserve(24)
                        decimal(rowNumber)
                        buffer[count] = 0x22
                        count += 1
                        append(piece.attributes)
                        append(piece.open)
                    } else {
                        append(prefixes[Int(kind)])
                    }
                    if kind == shared {
                        reserve(24)
                        decimal(XLSXSheet.readVarint(rows, &position))
                    } else if kind != yes && kind != no {
                        let length = XLSXSheet.readVarint(rows, &position)
                        append(UnsafeBufferPointer(rebasing: rows[position..<(position + length)]))
                        position += length
                    }
                    append(pieces[Int(kind)].close)
                }
                append(rowClose)
            }
        }
    }
}

/// A cell's text as Excel takes it: cleaned as `UntrustedText` says (line breaks kept), cut at
/// Excel's 32,767 characters, XML-escaped.
enum XLSXText {
    /// Excel's longest cell text, in UTF-16 units.
    static let cellLimit = 32_767

    static func write(_ value: String, into out: inout ReportWriter) {
        guard value.utf8.count > cellLimit else { return out.xml(value) }
        var cleaned = UntrustedText.clean(value, keepNewlines: true)
        if cleaned.utf16.count > cellLimit {
            let index = cleaned.utf16.index(cleaned.utf16.startIndex, offsetBy: cellLimit - 1)
            cleaned = String(cleaned[..<(index.samePosition(in: cleaned) ?? cleaned.startIndex)]) + "…"
        }
        cleaned.withUTF8 { out.xmlEscape($0) }
    }
}

/// The workbook's shared-strings table (`xl/sharedStrings.xml`): each distinct text once, and
/// cells refer to it by number.
///
/// A findings row repeats its unit, host, policy, rule, title, severity, verdict and often its
/// evidence; as numbers the sheet's XML is a third of the inline strings' (measured at 2 M
/// findings in the notes), and ZIPFoundation's deflate and CRC cost in proportion to it. Texts
/// are cleaned and escaped once each, when the table is written. Past `budget` bytes of distinct
/// text (a ministry whose evidence never repeats), new texts go inline in their cells, so memory
/// stays bounded.
final class XLSXSharedStrings {
    private var numbers: [String: UInt32] = [:]
    private(set) var texts: [String] = []
    private var stored = 0
    let budget: Int

    init(budget: Int = 64 << 20) { self.budget = budget }

    /// The text's number, or nil when the table is full.
    func number(_ text: String) -> UInt32? {
        if let known = numbers[text] { return known }
        // A dictionary entry and an array slot cost about 48 bytes besides the text.
        let cost = text.utf8.count + 48
        guard stored + cost <= budget else { return nil }
        let number = UInt32(texts.count)
        numbers[text] = number
        texts.append(text)
        stored += cost
        return number
    }

    /// `xl/sharedStrings.xml`.
    func xml(memo: CleanedTexts) -> Data {
        var out = ReportWriter(memo: memo)
        out.raw(XLSXReport.xmlHeader)
        out.raw(#"<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount=""#)
        out.int(texts.count)
        out.raw(#"">"#)
        for text in texts {
            out.raw(#"<si><t xml:space="preserve">"#)
            XLSXText.write(text, into: &out)
            out.raw("</t></si>")
        }
        out.raw("</sst>")
        return Data(out.bytes)
    }
}
