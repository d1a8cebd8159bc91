import Foundation

/// A byte buffer for XML documents the renderers write (XLSX parts, JUnit, OSCAL's XML-safe text).
///
/// Text from hosts passes through `UntrustedText.clean` and then drops what XML 1.0 cannot
/// carry at all (U+FFFE, U+FFFF), so a hostile byte can neither break the document nor end an
/// element; `& < > " '` are escaped in text and attributes alike.
struct XMLText {
    var bytes: [UInt8] = []

    init(capacity: Int = 4_096) { bytes.reserveCapacity(capacity) }

    /// Markup this code wrote itself.
    mutating func raw(_ markup: String) { bytes.append(contentsOf: markup.utf8) }

    mutating func text(_ text: String, keepNewlines: Bool = true, limit: Int? = nil) {
        var cleaned = UntrustedText.clean(text, keepNewlines: keepNewlines)
        if let limit, cleaned.utf16.count > limit {
            // Excel refuses a cell longer than 32,767 characters: cut and say so with an ellipsis.
            let index = cleaned.utf16.index(cleaned.utf16.startIndex, offsetBy: limit - 1)
            cleaned = String(cleaned[..<(index.samePosition(in: cleaned) ?? cleaned.startIndex)]) + "…"
        }
        Self.escape(cleaned, into: &bytes)
    }

    static func escape(_ text: String, into bytes: inout [UInt8]) {
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": bytes.append(contentsOf: "&amp;".utf8)
            case "<": bytes.append(contentsOf: "&lt;".utf8)
            case ">": bytes.append(contentsOf: "&gt;".utf8)
            case "\"": bytes.append(contentsOf: "&quot;".utf8)
            case "'": bytes.append(contentsOf: "&apos;".utf8)
            case "\u{FFFE}", "\u{FFFF}": bytes.append(contentsOf: "\u{FFFD}".utf8)
            default:
                UTF8.encode(scalar) { bytes.append($0) }
            }
        }
    }

    static func escaped(_ text: String) -> String {
        var out = XMLText(capacity: text.utf8.count + 16)
        out.text(text)
        return String(decoding: out.bytes, as: UTF8.self)
    }
}
