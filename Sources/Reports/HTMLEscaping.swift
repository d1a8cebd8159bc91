/// Escaping for HTML text and quoted attribute values.
///
/// All five of `& < > " '` are escaped everywhere, so the same function is safe in text and in
/// any quoted attribute; data never goes into tag names, attribute names, URLs or styles at all.
enum HTMLEscaping {
    static func escape(_ text: String, keepNewlines: Bool = false) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for character in UntrustedText.clean(text, keepNewlines: keepNewlines) {
            switch character {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(character)
            }
        }
        return out
    }
}
