/// Escaping for Markdown text that may sit in a table cell, a list item or a heading.
///
/// `< > &` become entities so no raw HTML survives a Markdown renderer; the characters that
/// start emphasis, code, links, strikethrough or headings, and the `|` that ends a table cell,
/// are backslash-escaped; line breaks become spaces so a cell cannot end its row. Data never
/// starts a line in our output, so line-start markers (`-`, `+`, `1.`) need no escaping.
enum MarkdownEscaping {
    private static let backslashed: Set<Character> = [
        "\\", "`", "*", "_", "[", "]", "|", "~", "#", "!", "$",
    ]

    static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in UntrustedText.clean(text, keepNewlines: false) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case _ where backslashed.contains(character):
                out.append("\\")
                out.append(character)
            default: out.append(character)
            }
        }
        return out
    }
}
