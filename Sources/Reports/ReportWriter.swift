import Foundation

/// A buffered writer of one report file into a `ReportSink`, with the escapers every format needs
/// working on UTF-8 bytes.
///
/// Bytes collect in a buffer and go to the sink in chunks of about 64 KB when the renderer calls
/// `flushIfFull()` (after each row or record, so a chunk never splits what a renderer is in the
/// middle of deciding). Escaping scans the UTF-8 of each text once and copies the runs between
/// special bytes as they are, so a report's millions of cells cost no `Character` iteration and no
/// intermediate strings. Host text is cleaned first as `UntrustedText` says (controls and bidi
/// overrides replaced, NFC); printable ASCII, most of a large report, skips that step.
///
/// The buffer is one allocation the writer owns (a bounds check and a `memcpy` per piece): an
/// `[UInt8]` costs a call and a uniqueness check on every append, which at two million findings
/// was about half a second of a format's time. The writer is `~Copyable`, so no second owner of
/// the buffer can exist; the sink reads the buffer in place.
struct ReportWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    /// Bytes written and not yet handed to the sink.
    private(set) var count = 0
    private var capacity: Int
    /// nil for a writer that only collects bytes (one cell, one string).
    private let sink: (any ReportSink)?
    /// Remembers cleaned non-ASCII texts (titles and unit names repeat on every row).
    let memo: CleanedTexts
    static let chunk = 1 << 16

    init(_ name: String, to sink: any ReportSink, memo: CleanedTexts = CleanedTexts()) throws {
        try sink.begin(name)
        self.sink = sink
        self.memo = memo
        capacity = Self.chunk + Self.chunk / 2
        base = .allocate(capacity: capacity)
    }

    /// A writer that keeps its bytes, for a text that is needed as a value.
    init(memo: CleanedTexts = CleanedTexts()) {
        sink = nil
        self.memo = memo
        capacity = 256
        base = .allocate(capacity: capacity)
    }

    deinit { base.deallocate() }

    /// Forgets what a sink-less writer collected.
    mutating func clear() { count = 0 }

    /// Forgets the first `count` bytes a sink-less writer collected.
    mutating func drop(_ dropped: Int) {
        precondition(dropped >= 0 && dropped <= count)
        base.update(from: base + dropped, count: count - dropped)
        count -= dropped
    }

    /// What a sink-less writer collected, as a value (a copy).
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// What a sink-less writer collected, as `Data` (a copy).
    var data: Data { Data(bytes: base, count: count) }

    /// What a sink-less writer collected, as a string.
    var string: String { String(decoding: UnsafeBufferPointer(start: base, count: count), as: UTF8.self) }

    /// Calls `body` with what the writer holds, in place (valid only during the call).
    func withBytes<R>(_ body: (UnsafeRawBufferPointer) throws -> R) rethrows -> R {
        try body(UnsafeRawBufferPointer(start: base, count: count))
    }

    mutating func flushIfFull() throws {
        if count >= Self.chunk { try flush() }
    }

    mutating func flush() throws {
        guard let sink, count > 0 else { return }
        try sink.write(UnsafeRawBufferPointer(start: base, count: count))
        count = 0
    }

    /// Writes what is left and closes the file.
    mutating func finish() throws {
        try flush()
        try sink?.finish()
    }

    // MARK: - The buffer

    /// Copies `length` bytes from `source`.
    @inline(__always)
    private mutating func append(_ source: UnsafeRawPointer, _ length: Int) {
        if _slowPath(length > capacity &- count) { grow(length) }
        UnsafeMutableRawPointer(base + count).copyMemory(from: source, byteCount: length)
        count &+= length
    }

    @inline(__always)
    private mutating func append(_ buffer: UnsafeBufferPointer<UInt8>) {
        guard let start = buffer.baseAddress else { return }
        append(start, buffer.count)
    }

    @inline(__always)
    private mutating func append(_ buffer: UnsafeRawBufferPointer) {
        guard let start = buffer.baseAddress else { return }
        append(start, buffer.count)
    }

    @inline(__always)
    private mutating func append(_ text: StaticString) {
        if text.hasPointerRepresentation {
            append(text.utf8Start, text.utf8CodeUnitCount)
        } else {
            text.withUTF8Buffer { append($0) }
        }
    }

    /// Room for `length` more bytes: at least double, so a long record costs few moves.
    @inline(never)
    private mutating func grow(_ length: Int) {
        let wanted = max(capacity * 2, count + length)
        let larger = UnsafeMutablePointer<UInt8>.allocate(capacity: wanted)
        larger.initialize(from: base, count: count)
        base.deallocate()
        base = larger
        capacity = wanted
    }

    // MARK: - Markup this code wrote itself

    mutating func raw(_ text: String) {
        var text = text
        text.withUTF8 { append($0) }
    }

    mutating func raw(_ text: StaticString) {
        append(text)
    }

    mutating func raw(_ buffer: UnsafeBufferPointer<UInt8>) {
        append(buffer)
    }

    mutating func raw(_ other: [UInt8]) {
        other.withUnsafeBufferPointer { append($0) }
    }

    mutating func byte(_ value: UInt8) {
        if _slowPath(count == capacity) { grow(1) }
        base[count] = value
        count &+= 1
    }

    /// Decimal digits, without a `String` in between.
    mutating func int(_ value: Int) {
        if _slowPath(21 > capacity &- count) { grow(21) }
        if value < 0 {
            base[count] = 0x2D
            count &+= 1
        }
        var n = value.magnitude
        var digits = 1
        var scale: UInt = 10
        while digits < 20 && n >= scale {
            digits += 1
            scale = scale &* 10
        }
        var at = count &+ digits
        repeat {
            at &-= 1
            base[at] = UInt8(truncatingIfNeeded: 0x30 &+ n % 10)
            n /= 10
        } while n > 0
        count &+= digits
    }

    /// `value` with `places` decimals as C's `%.*f` prints it (what `String(format:)` prints),
    /// written in place.
    mutating func fixed(_ value: Double, places: Int) {
        if _slowPath(352 > capacity &- count) { grow(352) }
        let written = UnsafeMutableRawPointer(base + count).withMemoryRebound(to: CChar.self, capacity: 352) { buffer in
            withVaList([Int32(places), value]) { vsnprintf(buffer, 352, "%.*f", $0) }
        }
        count &+= min(max(0, Int(written)), 351)
    }

    // MARK: - Cleaning

    /// Calls `body` with the UTF-8 of `text` as `UntrustedText.clean` leaves it. Static, so the
    /// body may append to this writer's buffer without the call holding a second reference to it
    /// (which would copy the whole buffer on every append).
    @inline(__always)
    static func cleaned<R>(
        _ text: String, keepNewlines: Bool, memo: CleanedTexts, _ body: (UnsafeBufferPointer<UInt8>) -> R
    ) -> R {
        var text = text
        let plain = text.withUTF8 { utf8 in
            for byte in utf8 where byte < 0x20 || byte >= 0x7F {
                if keepNewlines && byte == 0x0A { continue }
                return false
            }
            return true
        }
        if plain { return text.withUTF8(body) }
        var clean = memo.clean(text, keepNewlines: keepNewlines)
        return clean.withUTF8(body)
    }

    // MARK: - Escapers

    /// Copies `utf8`, replacing each byte for which `replacement` answers.
    @inline(__always)
    private mutating func escape(_ utf8: UnsafeBufferPointer<UInt8>, _ replacement: (UInt8) -> StaticString?) {
        var start = 0
        for i in 0..<utf8.count {
            guard let swap = replacement(utf8[i]) else { continue }
            if start < i { append(utf8.baseAddress! + start, i - start) }
            append(swap)
            start = i + 1
        }
        if start < utf8.count { append(utf8.baseAddress! + start, utf8.count - start) }
    }

    @inline(__always)
    private static func htmlReplacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x22: "&quot;"
        case 0x27: "&#39;"
        default: nil
        }
    }

    /// HTML text or a quoted attribute value: host text cleaned, then all five of `& < > " '`
    /// escaped byte by byte (so no combining mark can hide a quote from the escaper).
    mutating func html(_ text: String, keepNewlines: Bool = false) {
        Self.cleaned(text, keepNewlines: keepNewlines, memo: memo) { escape($0, Self.htmlReplacement) }
    }

    /// Text this code made (labels, formatted numbers): escaped, not cleaned.
    mutating func htmlLabel(_ text: String) {
        var text = text
        text.withUTF8 { escape($0, Self.htmlReplacement) }
    }

    /// XML 1.0 text or attribute value: cleaned, `& < > " '` escaped, and U+FFFE/U+FFFF (which
    /// XML cannot carry) replaced with U+FFFD.
    mutating func xml(_ text: String, keepNewlines: Bool = true) {
        Self.cleaned(text, keepNewlines: keepNewlines, memo: memo) { xmlEscape($0) }
    }

    mutating func xmlEscape(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        var i = 0
        let count = utf8.count
        while i < count {
            let byte = utf8[i]
            let swap: StaticString?
            var width = 1
            switch byte {
            case 0x26: swap = "&amp;"
            case 0x3C: swap = "&lt;"
            case 0x3E: swap = "&gt;"
            case 0x22: swap = "&quot;"
            case 0x27: swap = "&apos;"
            case 0xEF where i + 2 < count && utf8[i + 1] == 0xBF && (utf8[i + 2] == 0xBE || utf8[i + 2] == 0xBF):
                swap = "\u{FFFD}"
                width = 3
            default: swap = nil
            }
            if let swap {
                if start < i { append(utf8.baseAddress! + start, i - start) }
                append(swap)
                start = i + width
            }
            i += width
        }
        if start < count { append(utf8.baseAddress! + start, count - start) }
    }

    @inline(__always)
    private static func markdownReplacement(_ byte: UInt8) -> StaticString? {
        switch byte {
        case 0x26: "&amp;"
        case 0x3C: "&lt;"
        case 0x3E: "&gt;"
        case 0x5C: "\\\\"
        case 0x60: "\\`"
        case 0x2A: "\\*"
        case 0x5F: "\\_"
        case 0x5B: "\\["
        case 0x5D: "\\]"
        case 0x7C: "\\|"
        case 0x7E: "\\~"
        case 0x23: "\\#"
        case 0x21: "\\!"
        case 0x24: "\\$"
        default: nil
        }
    }

    /// Markdown inline text, as `MarkdownEscaping` describes.
    mutating func markdown(_ text: String) {
        Self.cleaned(text, keepNewlines: false, memo: memo) { escape($0, Self.markdownReplacement) }
    }

    /// A JSON string literal, quotes included: `"` `\` and controls escaped as RFC 8259 requires;
    /// everything else, non-ASCII included, as UTF-8. Not cleaned: JSON keeps host data verbatim.
    mutating func jsonString(_ text: String) {
        byte(0x22)
        var text = text
        text.withUTF8 { jsonContent($0) }
        byte(0x22)
    }

    /// The inside of a JSON string literal (no quotes), escaped as `jsonString` does.
    mutating func jsonContent(_ utf8: UnsafeBufferPointer<UInt8>) {
        var start = 0
        for i in 0..<utf8.count {
            let byte = utf8[i]
            guard byte < 0x20 || byte == 0x22 || byte == 0x5C else { continue }
            if start < i { append(utf8.baseAddress! + start, i - start) }
            start = i + 1
            switch byte {
            case 0x22: self.byte(0x5C); self.byte(0x22)
            case 0x5C: self.byte(0x5C); self.byte(0x5C)
            case 0x0A: self.byte(0x5C); self.byte(0x6E)
            case 0x0D: self.byte(0x5C); self.byte(0x72)
            case 0x09: self.byte(0x5C); self.byte(0x74)
            default:
                raw("\\u00" as StaticString)
                self.byte(Self.hex[Int(byte >> 4)])
                self.byte(Self.hex[Int(byte & 0x0F)])
            }
        }
        if start < utf8.count { append(utf8.baseAddress! + start, utf8.count - start) }
    }

    /// A name-based UUID's 36 characters, without a `String` in between.
    mutating func uuid(_ words: NameBasedUUID.Words) {
        withUnsafeTemporaryAllocation(byteCount: 36, alignment: 1) { scratch in
            NameBasedUUID.hex(words, into: scratch)
            append(UnsafeRawBufferPointer(scratch))
        }
    }

    static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    /// A CSV field from host text: cleaned (line breaks kept), made inert when a spreadsheet would
    /// run it as a formula (`SpreadsheetText`), quoted only when it must be (RFC 4180).
    mutating func csvText(_ text: String) {
        Self.cleaned(text, keepNewlines: true, memo: memo) { utf8 in
            let inert = SpreadsheetText.startsFormula(utf8)
            var needsQuotes = false
            for byte in utf8 where byte == 0x2C || byte == 0x22 || byte == 0x0A || byte == 0x0D || byte == 0x3B {
                needsQuotes = true
                break
            }
            if needsQuotes { byte(0x22) }
            if inert { byte(0x27) }
            if needsQuotes {
                escape(utf8) { $0 == 0x22 ? "\"\"" : nil }
                byte(0x22)
            } else {
                append(utf8)
            }
        }
    }
}
