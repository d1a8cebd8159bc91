import Foundation

/// Cleaning for text that came from a host or a file, before any format-specific escaping.
///
/// Control characters could move a terminal's cursor, hide text or end a table row, and bidi
/// overrides can make a report say something other than what its bytes say; both are replaced
/// with U+FFFD so a reader sees that something was there. Text is NFC-normalised so Vietnamese
/// typed with combining marks compares and renders like precomposed text.
enum UntrustedText {
    static func clean(_ text: String, keepNewlines: Bool = false) -> String {
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
