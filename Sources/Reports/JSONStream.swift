import Foundation

/// A JSON writer that appends to one byte buffer as it goes, for reports with millions of
/// findings: no tree of dictionaries or `Encodable` values is built first, so memory stays near
/// the size of the output.
///
/// Output is pretty printed (two spaces, `"key" : value`), and callers write object keys in
/// sorted order, so the same input always gives the same bytes. Strings are escaped as RFC 8259
/// requires (quote, backslash, controls); everything else, `/` and non-ASCII included, is written
/// as UTF-8.
struct JSONStream {
    private(set) var bytes: [UInt8] = []
    /// Per open container: whether it has a member yet.
    private var started: [Bool] = []
    private var afterKey = false

    init(capacity: Int = 1 << 16) { bytes.reserveCapacity(capacity) }

    private mutating func newline() {
        bytes.append(0x0A)
        for _ in 0..<started.count { bytes.append(0x20); bytes.append(0x20) }
    }

    /// Comma and indentation before a value that is not an object member's value.
    private mutating func prepareValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard !started.isEmpty else { return }
        if started[started.count - 1] { bytes.append(0x2C) }
        started[started.count - 1] = true
        newline()
    }

    mutating func key(_ name: String) {
        prepareValue()
        writeString(name)
        bytes.append(contentsOf: [0x20, 0x3A, 0x20])
        afterKey = true
    }

    mutating func beginObject() { open(0x7B) }
    mutating func endObject() { close(0x7D) }
    mutating func beginArray() { open(0x5B) }
    mutating func endArray() { close(0x5D) }

    private mutating func open(_ bracket: UInt8) {
        prepareValue()
        bytes.append(bracket)
        started.append(false)
    }

    private mutating func close(_ bracket: UInt8) {
        let hadMembers = started.removeLast()
        if hadMembers { newline() }
        bytes.append(bracket)
    }

    mutating func string(_ value: String) {
        prepareValue()
        writeString(value)
    }

    mutating func string(_ value: String?) {
        if let value { string(value) } else { null() }
    }

    mutating func number(_ value: Double) {
        prepareValue()
        if value.isFinite {
            if value == value.rounded(), abs(value) < 1e15 {
                bytes.append(contentsOf: String(Int64(value)).utf8)
            } else {
                bytes.append(contentsOf: "\(value)".utf8)
            }
        } else {
            bytes.append(contentsOf: "null".utf8)
        }
    }

    mutating func number(_ value: Double?) {
        if let value { number(value) } else { null() }
    }

    mutating func int(_ value: Int) {
        prepareValue()
        bytes.append(contentsOf: String(value).utf8)
    }

    mutating func int(_ value: Int64?) {
        if let value { int(Int(value)) } else { null() }
    }

    mutating func bool(_ value: Bool) {
        prepareValue()
        bytes.append(contentsOf: (value ? "true" : "false").utf8)
    }

    mutating func bool(_ value: Bool?) {
        if let value { bool(value) } else { null() }
    }

    mutating func null() {
        prepareValue()
        bytes.append(contentsOf: "null".utf8)
    }

    /// ISO 8601 in UTC, whole seconds: `2025-02-19T21:20:00Z`.
    mutating func date(_ value: Date) {
        string(JSONStream.iso8601(value))
    }

    mutating func date(_ value: Date?) {
        if let value { date(value) } else { null() }
    }

    static func iso8601(_ date: Date) -> String {
        var seconds = time_t(date.timeIntervalSince1970.rounded(.down))
        var parts = tm()
        gmtime_r(&seconds, &parts)
        return String(
            format: "%04d-%02d-%02dT%02d:%02d:%02dZ", Int(parts.tm_year) + 1900, Int(parts.tm_mon) + 1, Int(parts.tm_mday),
            Int(parts.tm_hour), Int(parts.tm_min), Int(parts.tm_sec))
    }

    private static let hex: [UInt8] = Array("0123456789abcdef".utf8)

    private mutating func writeString(_ value: String) {
        bytes.append(0x22)
        var text = value
        text.withUTF8 { utf8 in
            for byte in utf8 {
                switch byte {
                case 0x22: bytes.append(contentsOf: [0x5C, 0x22])
                case 0x5C: bytes.append(contentsOf: [0x5C, 0x5C])
                case 0x0A: bytes.append(contentsOf: [0x5C, 0x6E])
                case 0x0D: bytes.append(contentsOf: [0x5C, 0x72])
                case 0x09: bytes.append(contentsOf: [0x5C, 0x74])
                case 0x00..<0x20:
                    bytes.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, Self.hex[Int(byte >> 4)], Self.hex[Int(byte & 0x0F)]])
                default: bytes.append(byte)
                }
            }
        }
        bytes.append(0x22)
    }

    /// The document, with a final newline.
    var data: Data { Data(bytes + [0x0A]) }
}
