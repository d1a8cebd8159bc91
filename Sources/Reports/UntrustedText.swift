import Foundation

/// Cleaning for text that came from a host or a file, before any format-specific escaping.
///
/// Control characters could move a terminal's cursor, hide text or end a table row, and bidi
/// overrides can make a report say something other than what its bytes say; both are replaced
/// with U+FFFD so a reader sees that something was there. Text is NFC-normalised so Vietnamese
/// typed with combining marks compares and renders like precomposed text.
enum UntrustedText {
    static func clean(_ text: String, keepNewlines: Bool = false) -> String {
        // Most of a large report is printable ASCII (addresses, ids, verdicts): already clean and
        // NFC, so it is returned as it is without normalising.
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) { return text }
        var out = String.UnicodeScalarView()
        var previousWasCR = false
        for scalar in text.precomposedStringWithCanonicalMapping.unicodeScalars {
            defer { previousWasCR = scalar == "\r" }
            switch scalar.value {
            case 0x0A, 0x0D, 0x85, 0x2028, 0x2029:
                if scalar == "\n" && previousWasCR { continue }
                out.append(keepNewlines ? "\n" : " ")
            case 0x09:
                out.append(" ")
            case 0x00...0x1F, 0x7F...0x9F, 0x200E, 0x200F, 0x202A...0x202E, 0x2066...0x2069:
                out.append("\u{FFFD}")
            default:
                out.append(scalar)
            }
        }
        return String(out)
    }
}

/// Remembers cleaned texts during one rendering: a large report repeats the same Vietnamese rule
/// titles, unit names and labels hundreds of thousands of times, and normalising each again is
/// most of the cost. Texts longer than `maxLength` (messages, evidence) are not remembered.
final class CleanedTexts {
    private var cleaned: [String: String] = [:]
    private var cleanedKeepingNewlines: [String: String] = [:]
    let maxLength: Int

    init(maxLength: Int = 256) { self.maxLength = maxLength }

    func clean(_ text: String, keepNewlines: Bool = false) -> String {
        if text.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) || text.utf8.count > maxLength {
            return UntrustedText.clean(text, keepNewlines: keepNewlines)
        }
        if keepNewlines {
            if let known = cleanedKeepingNewlines[text] { return known }
            let value = UntrustedText.clean(text, keepNewlines: true)
            cleanedKeepingNewlines[text] = value
            return value
        }
        if let known = cleaned[text] { return known }
        let value = UntrustedText.clean(text)
        cleaned[text] = value
        return value
    }
}
