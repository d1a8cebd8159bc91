import Foundation

/// A JSON writer that writes into a `ReportWriter` as it goes, for reports with millions of
/// findings: no tree of dictionaries or `Encodable` values is built first, and the writer hands
/// the sink 64 KB chunks (`flushIfFull()` between records), so memory stays flat whatever the
/// size of the output.
///
/// Output is pretty printed (two spaces, `"key" : value`) or, with `indent: 0`, compact
/// (`"key":value`; in a container marked with `recordsOnLines()`, each member on a line of its
/// own and the closing bracket on the next, so every line of a large document is one whole
/// record). Callers write object keys in a fixed order, so the same input always
/// gives the same bytes. Strings are escaped as RFC 8259
/// requires (quote, backslash, controls); everything else, `/` and non-ASCII included, is written
/// as UTF-8.
struct JSONStream: ~Copyable {
    var out: ReportWriter
    /// Per open container: whether it has a member yet.
    private var started: [Bool] = []
    /// Compact output: the depths (bit per depth) of the open containers whose members start on
    /// a line of their own.
    private var recordDepths: UInt64 = 0
    private var afterKey = false
    /// Spaces per level; 0 for compact output.
    private let indent: Int
    /// UTC, whole seconds: what `date` writes (through `CSVReport.iso8601`, without a `String`).
    private let dates: ISO8601DateFormatter = {
        let dates = ISO8601DateFormatter()
        dates.timeZone = TimeZone(secondsFromGMT: 0)
        dates.formatOptions = [.withInternetDateTime]
        return dates
    }()

    init(_ name: String, to sink: any ReportSink, indent: Int = 2) throws {
        out = try ReportWriter(name, to: sink)
        self.indent = indent
        started.reserveCapacity(32)
    }

    /// Compact output: each member of the container just opened starts on a new line, and its
    /// closing bracket too, so a document of millions of records stays readable line by line
    /// (and `grep`-able: a line is one record).
    mutating func recordsOnLines() {
        if started.count < 64 { recordDepths |= 1 << UInt64(started.count) }
    }

    private var recordsOnLinesHere: Bool { started.count < 64 && recordDepths & (1 << UInt64(started.count)) != 0 }

    mutating func flushIfFull() throws { try out.flushIfFull() }

    /// Ends the document with a newline and closes the file.
    mutating func finish() throws {
        out.byte(0x0A)
        try out.finish()
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 256)

    private mutating func newline() {
        if indent == 0 {
            if recordsOnLinesHere { out.byte(0x0A) }
            return
        }
        out.byte(0x0A)
        let width = started.count * indent
        if width <= Self.spaces.count {
            Self.spaces.withUnsafeBufferPointer { out.raw(UnsafeBufferPointer(rebasing: $0[..<width])) }
        } else {
            out.raw([UInt8](repeating: 0x20, count: width))
        }
    }

    /// Comma and indentation before a value that is not an object member's value; callers that
    /// write a value's bytes themselves (`out.raw`) call this first.
    mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard !started.isEmpty else { return }
        if started[started.count - 1] { out.byte(0x2C) }
        started[started.count - 1] = true
        newline()
    }

    mutating func key(_ name: StaticString) {
        prepareValue()
        out.byte(0x22)
        out.raw(name)
        if indent == 0 { out.raw("\":" as StaticString) } else { out.raw("\" : " as StaticString) }
        afterKey = true
    }

    /// A key from data (a map's keys), escaped.
    mutating func key(text name: String) {
        prepareValue()
        out.jsonString(name)
        if indent == 0 { out.byte(0x3A) } else { out.raw(" : " as StaticString) }
        afterKey = true
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        prepareValue()
        out.byte(bracket)
        started.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        if indent == 0 {
            if recordsOnLinesHere {
                if started[started.count - 1] { out.byte(0x0A) }
                recordDepths &= ~(1 << UInt64(started.count))
            }
            started.removeLast()
            out.byte(bracket)
            return
        }
        let hadMembers = started.removeLast()
        if hadMembers { newline() }
        out.byte(bracket)
    }

    mutating func string(_ value: String) {
        prepareValue()
        out.jsonString(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    /// A string known to need no escaping (UUIDs, dates, enum raw values this code defines).
    mutating func plain(_ value: StaticString) {
        prepareValue()
        out.byte(0x22)
        out.raw(value)
        out.byte(0x22)
    }

    mutating func number(_ value: Double) {
        prepareValue()
        if value.isFinite {
            if value == value.rounded(), abs(value) < 1e15 {
                out.int(Int(value))
            } else {
                out.raw("\(value)")
            }
        } else {
            out.raw("null" as StaticString)
        }
    }

    mutating func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    mutating func int(_ value: Int) {
        prepareValue()
        out.int(value)
    }

    mutating func int(_ value: Int64?) {
        if let value { int(Int(value)) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        prepareValue()
        out.raw(value ? "true" as StaticString : "false")
    }

    mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    mutating func null() {
        prepareValue()
        out.raw("null" as StaticString)
    }

    // MARK: Members: a key and its value in one call

    mutating func field(_ name: StaticString, _ value: String?) {
        key(name)
        string(value)
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ value: Int64?) {
        key(name)
        int(value)
    }

    mutating func field(_ name: StaticString, _ value: Double?) {
        key(name)
        number(value)
    }

    mutating func field(_ name: StaticString, _ value: Bool?) {
        key(name)
        bool(value)
    }

    mutating func field(_ name: StaticString, date value: Date?) {
        key(name)
        date(value)
    }

    /// ISO 8601 in UTC, whole seconds: `2025-02-19T21:20:00Z`. Written from the calendar fields
    /// (`String(format:)` per date was most of the hosts' time at 50,000 hosts).
    mutating func date(_ value: Date) {
        prepareValue()
        out.byte(0x22)
        CSVReport.iso8601(value, dates, into: &out)
        out.byte(0x22)
    }

    mutating func date(_ value: Date?) {
        if let value { date(value) } else { null() }
    }
}
