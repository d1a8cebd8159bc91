import Foundation

/// One worksheet, made in two steps so ZIPFoundation gets it in one pass without the sheet's XML
/// ever sitting in memory whole.
///
/// ZIPFoundation must be told an entry's size before its first byte. Making the XML twice (once
/// counted, once written) cost half of the XLSX time at two million findings, so the first step
/// reads each row once and keeps only what varies: per cell its kind and a shared-string number or
/// the few bytes of a number, about 40 bytes a findings row instead of ~220 of XML. The XML's exact
/// size is summed from the same byte pieces the second step writes (`Piece`), so the two cannot
/// disagree; the second step checks it anyway. The second step (`XLSXSheetWriter`) expands the
/// compact rows into XML chunk by chunk.
///
/// Every byte of sheet XML costs ~7 ns in ZIPFoundation (its level-6 deflate and its byte-wise
/// CRC-32), so the XML carries no optional byte: rows and cells have no `r` reference. ECMA-376
/// Part 1 §18.3.1.73 (`row`) and §18.3.1.4 (`c`) make both optional; a row without one follows the
/// previous row, a cell without one follows the previous cell, and a skipped (empty) cell is an
/// empty `<c/>`, so every cell is where its column says (tested with openpyxl and LibreOffice).
/// Shared strings keep their first-seen numbers: numbering the frequent ones small made the XML
/// 13 % smaller but zlib slower on it (measured, notes).
struct XLSXSheet {
    /// A cell's kind in the compact rows; also indexes `pieces`.
    enum Kind: UInt8 {
        case rowEnd = 0
        case shared, inline, number, date, yes, no, percent
        /// A skipped cell, written `<c/>` so the next cell lands in its column.
        case gap
    }

    /// The fixed bytes around a cell's value: `open` value `close`.
    struct Piece {
        var open: [UInt8]
        var close: [UInt8]
        var length: Int { open.count + close.count }

        init(_ open: String, _ close: String) {
            self.open = Array(open.utf8)
            self.close = Array(close.utf8)
        }
    }

    static let pieces: [Piece] = {
        let close = "</v></c>"
        return [
            Piece("", ""),  // rowEnd: never written as a cell
            Piece(#"<c t="s"><v>"#, close),
            Piece(#"<c t="inlineStr"><is><t xml:space="preserve">"#, "</t></is></c>"),
            Piece("<c><v>", close),
            Piece(#"<c s="2"><v>"#, close),
            Piece(#"<c t="b"><v>"#, "1" + close),
            Piece(#"<c t="b"><v>"#, "0" + close),
            Piece(#"<c s="3"><v>"#, close),
            Piece("<c/>", ""),
        ]
    }()

    static let rowOpen = Array("<row>".utf8), rowClose = Array("</row>".utf8)

    let part: XLSXReport.SheetPart
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
        var rowCount = 0
        if header {
            rowCount = 1
            scratch.raw("<row>")
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
        let rowBytes = Self.rowOpen.count + Self.rowClose.count
        let gap = Kind.gap.rawValue, gapBytes = Self.pieces[Int(gap)].length
        // Per kind the fixed bytes around a value, as plain numbers (a `Piece` copied per cell
        // retains and releases its two arrays).
        let lengths = Self.pieces.map(\.length)
        for i in part.rows {
            rowCount += 1
            size += rowBytes
            var expected = 0
            for (column, cell) in part.table.row(i).enumerated() where column < columns.count {
                let kind: Kind
                let payload: Int
                switch cell {
                case .empty: continue
                case .number(let value), .percent(let value): if !value.isFinite { continue }
                default: break
                }
                // Skipped cells before this one, each an empty `<c/>`.
                while expected < column {
                    compact.append(gap)
                    size += gapBytes
                    expected += 1
                }
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
                        compact.append(kind.rawValue)
                        Self.appendVarint(Int(number), to: &compact)
                        payload = Self.digits(Int(number))
                    } else {
                        kind = .inline
                        XLSXText.write(text, into: &scratch)
                        payload = Self.appendBytes(kind, &scratch, to: &compact)
                    }
                case .number(let value):
                    kind = .number
                    scratch.raw("\(value)")
                    payload = Self.appendBytes(kind, &scratch, to: &compact)
                case .percent(let value):
                    kind = .percent
                    scratch.raw("\(value)")
                    payload = Self.appendBytes(kind, &scratch, to: &compact)
                case .integer(let value):
                    kind = .number
                    scratch.int(value)
                    payload = Self.appendBytes(kind, &scratch, to: &compact)
                case .date(let date):
                    kind = .date
                    scratch.raw("\((date.timeIntervalSince1970 + offset) / 86_400 + 25_569)")
                    payload = Self.appendBytes(kind, &scratch, to: &compact)
                case .bool(let value):
                    kind = value ? .yes : .no
                    compact.append(kind.rawValue)
                    payload = 0
                case .empty:
                    continue
                }
                size += lengths[Int(kind.rawValue)] + payload
                expected = column + 1
            }
            compact.append(Kind.rowEnd.rawValue)
        }
        rows = compact

        scratch.raw("</sheetData>")
        if header, !columns.isEmpty {
            scratch.raw(#"<autoFilter ref="A1:"#)
            scratch.raw(XLSXReport.columnName(columns.count - 1))
            scratch.int(max(1, rowCount))
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

    /// A cell whose value is written as it is (escaped text, a number's digits): its kind, a
    /// varint length, the bytes; empties `scratch` and returns the length.
    @inline(__always)
    private static func appendBytes(_ kind: Kind, _ scratch: inout ReportWriter, to compact: inout [UInt8]) -> Int {
        compact.append(kind.rawValue)
        let count = scratch.count
        appendVarint(count, to: &compact)
        scratch.withBytes { compact.append(contentsOf: $0) }
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

/// Expands a sheet's compact rows into its XML, in chunks of the exact sizes ZIPFoundation's
/// provider asks for.
///
/// Bytes are copied into a raw buffer with `memcpy`: a findings row is some thirty small pieces,
/// and as `Array` appends (each checking uniqueness and capacity) they cost more than the deflate.
/// A chunk is the buffer itself, handed to `Data` without a copy (ZIPFoundation's `encode` then
/// reads and deflates it in place: the `Data` is uniquely referenced); only the few bytes past the
/// chunk's end move to a fresh buffer.
final class XLSXSheetWriter {
    let sheet: XLSXSheet
    private var buffer: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    /// Position in `sheet.rows`.
    private var position = 0
    private var stage = 0
    /// Bytes handed out so far: must end equal to `sheet.size`.
    private(set) var written = 0

    /// Room past a chunk for the row that crosses its end.
    static let slack = 1 << 12
    private let pieces = XLSXPieceBytes()

    init(_ sheet: XLSXSheet, chunk: Int) {
        self.sheet = sheet
        capacity = chunk + Self.slack
        buffer = .allocate(capacity: capacity)
    }

    deinit { buffer.deallocate() }

    /// The next `size` bytes (fewer only at the end), as a `Data` that owns its bytes.
    func next(_ size: Int) -> Data {
        while count < size && stage < 3 { fill(until: size) }
        let length = min(count, size)
        let rest = count - length
        let fresh = UnsafeMutablePointer<UInt8>.allocate(capacity: max(capacity, rest + Self.slack))
        fresh.update(from: buffer + length, count: rest)
        let chunk = Data(bytesNoCopy: buffer, count: length, deallocator: .custom { pointer, _ in pointer.deallocate() })
        buffer = fresh
        capacity = max(capacity, rest + Self.slack)
        count = rest
        written += length
        return chunk
    }

    /// Whether the sheet has no byte left beyond those handed out.
    func exhausted() -> Bool {
        while stage < 3 { fill(until: count + 1) }
        return count == 0
    }

    private func fill(until target: Int) {
        switch stage {
        case 0:
            sheet.head.withUnsafeBufferPointer { append($0) }
            stage = 1
        case 1:
            if position < sheet.rows.count {
                expandRows(until: target)
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
    private func append(_ start: UnsafeRawPointer, _ length: Int) {
        reserve(length)
        UnsafeMutableRawPointer(buffer + count).copyMemory(from: start, byteCount: length)
        count += length
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
        let bytes = UnsafeRawPointer(pieces.bytes), spans = pieces.spans
        let rowOpen = XLSXSheet.rowOpen, rowClose = XLSXSheet.rowClose
        let shared = XLSXSheet.Kind.shared.rawValue, inline = XLSXSheet.Kind.inline.rawValue
        let number = XLSXSheet.Kind.number.rawValue, date = XLSXSheet.Kind.date.rawValue
        let percent = XLSXSheet.Kind.percent.rawValue
        sheet.rows.withUnsafeBufferPointer { rows in
            while count < target && position < rows.count {
                append(rowOpen)
                while true {
                    let kind = rows[position]
                    position += 1
                    if kind == XLSXSheet.Kind.rowEnd.rawValue { break }
                    reserve(64)
                    let span = spans + 4 * Int(kind)
                    append(bytes + span[0], span[1])
                    if kind == shared {
                        decimal(XLSXSheet.readVarint(rows, &position))
                    } else if kind == inline || kind == number || kind == date || kind == percent {
                        let length = XLSXSheet.readVarint(rows, &position)
                        append(UnsafeBufferPointer(rebasing: rows[position..<(position + length)]))
                        position += length
                    }
                    append(bytes + span[2], span[3])
                }
                append(rowClose)
            }
        }
    }
}

/// `XLSXSheet.pieces` as one block of bytes and plain offsets, for the writer's inner loop (no
/// array to retain per cell).
struct XLSXPieceBytes: ~Copyable {
    let bytes: UnsafeMutablePointer<UInt8>
    /// Per kind four numbers: where its opening bytes start in `bytes`, how many; the same for
    /// its closing bytes.
    let spans: UnsafeMutablePointer<Int>

    init() {
        let pieces = XLSXSheet.pieces
        let all = pieces.flatMap { $0.open + $0.close }
        bytes = .allocate(capacity: max(1, all.count))
        bytes.initialize(from: all, count: all.count)
        spans = .allocate(capacity: 4 * pieces.count)
        var at = 0
        for (kind, piece) in pieces.enumerated() {
            spans[4 * kind] = at
            spans[4 * kind + 1] = piece.open.count
            spans[4 * kind + 2] = at + piece.open.count
            spans[4 * kind + 3] = piece.close.count
            at += piece.open.count + piece.close.count
        }
    }

    deinit {
        bytes.deallocate()
        spans.deallocate()
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
///
/// Texts are found by their UTF-8 bytes in an open-addressing table of our own, not a
/// `[String: UInt32]`: hashing a `String` normalises non-ASCII text to NFC first, and the asset
/// register's Vietnamese names and the evidence texts made per host cost ~0.3 CPU s that way at
/// 2 M findings. Two spellings of one text (NFC and not) get two numbers, written the same.
final class XLSXSharedStrings {
    private(set) var texts: [String] = []
    /// Each text's UTF-8, back to back; `starts[n]` is where text `n` begins.
    private var arena: [UInt8] = []
    private var starts: [Int] = [0]
    private var hashes: [UInt64] = []
    /// Text number + 1 per slot, 0 for an empty slot; a power of two long, at most half full.
    private var slots: [UInt32] = Array(repeating: 0, count: 1 << 12)
    private var stored = 0
    let budget: Int

    init(budget: Int = 64 << 20) { self.budget = budget }

    /// The text's number, or nil when the table is full.
    func number(_ text: String) -> UInt32? {
        var contiguous = text
        return contiguous.withUTF8 { utf8 in
            let hash = Self.hash(utf8)
            let mask = slots.count - 1
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[slot] != 0 {
                let number = Int(slots[slot] - 1)
                if hashes[number] == hash && equal(number, utf8) { return UInt32(number) }
                slot = (slot + 1) & mask
            }
            // A text, its slot and its entries here cost about 48 bytes besides its UTF-8.
            let cost = utf8.count + 48
            guard stored + cost <= budget else { return nil }
            stored += cost
            let number = texts.count
            texts.append(text)
            arena.append(contentsOf: utf8)
            starts.append(arena.count)
            hashes.append(hash)
            slots[slot] = UInt32(number + 1)
            if texts.count * 2 > slots.count { grow() }
            return UInt32(number)
        }
    }

    @inline(__always)
    private func equal(_ number: Int, _ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        let start = starts[number], end = starts[number + 1]
        guard end - start == utf8.count else { return false }
        return arena.withUnsafeBufferPointer { arena in
            utf8.isEmpty || memcmp(arena.baseAddress! + start, utf8.baseAddress!, utf8.count) == 0
        }
    }

    private func grow() {
        var larger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = larger.count - 1
        for (number, hash) in hashes.enumerated() {
            var slot = Int(truncatingIfNeeded: hash) & mask
            while larger[slot] != 0 { slot = (slot + 1) & mask }
            larger[slot] = UInt32(number + 1)
        }
        slots = larger
    }

    /// A fast 64-bit hash of bytes (8 at a time, multiply and fold), mixed so the low bits that
    /// pick a slot depend on every byte.
    @inline(__always)
    static func hash(_ utf8: UnsafeBufferPointer<UInt8>) -> UInt64 {
        let k: UInt64 = 0x9E37_79B9_7F4A_7C15
        var h = UInt64(truncatingIfNeeded: utf8.count) &* k
        guard let base = utf8.baseAddress else { return h }
        let raw = UnsafeRawPointer(base)
        var i = 0
        while i + 8 <= utf8.count {
            h = (h ^ raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)) &* k
            h ^= h >> 29
            i += 8
        }
        if i < utf8.count {
            var tail: UInt64 = 0
            for j in i..<utf8.count { tail = tail << 8 | UInt64(utf8[j]) }
            h = (h ^ tail) &* k
        }
        h ^= h >> 32
        h = h &* 0xBF58_476D_1CE4_E5B9
        return h ^ (h >> 31)
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
        return out.data
    }
}
