import Foundation
import InventoryModel

/// `os-release(5)`: shell-style `KEY=value` assignments, values optionally quoted.
enum OSRelease {
    static func operatingSystem(from text: String) -> OperatingSystem? {
        let fields = self.fields(from: text)
        guard !fields.isEmpty else { return nil }
        return OperatingSystem(
            // The specification's default when ID is missing.
            id: fields["ID"].flatMap { $0.isEmpty ? nil : $0 } ?? "linux",
            idLike: (fields["ID_LIKE"] ?? "").split(whereSeparator: \.isWhitespace).map(String.init),
            name: fields["NAME"],
            prettyName: fields["PRETTY_NAME"],
            versionID: fields["VERSION_ID"])
    }

    /// Every valid assignment; the first of a repeated key wins.
    static func fields(from text: String) -> [String: String] {
        var fields: [String: String] = [:]
        for rawLine in text.split(whereSeparator: \.isNewline) {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            guard !line.hasPrefix("#"), let equals = line.firstIndex(of: "=") else { continue }
            let key = String(line[..<equals])
            guard !key.isEmpty, key.unicodeScalars.allSatisfy(isKeyScalar), fields[key] == nil else { continue }
            fields[key] = unquote(line[line.index(after: equals)...])
        }
        return fields
    }

    private static func isKeyScalar(_ scalar: Unicode.Scalar) -> Bool {
        ("A"..."Z").contains(scalar) || ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) || scalar == "_"
    }

    /// Shell quoting as os-release allows it: "…" with \" \\ \$ \` escapes, '…' literal, bare words
    /// with backslash escapes; anything after the closing quote is dropped.
    static func unquote(_ raw: Substring) -> String {
        var result = ""
        var iterator = raw.makeIterator()
        var quote: Character?
        while let ch = iterator.next() {
            switch (quote, ch) {
            case (nil, "\""), (nil, "'"):
                quote = ch
            case (nil, "\\"), ("\"", "\\"):
                guard let next = iterator.next() else { break }
                if quote == "\"" && !"\"\\$`".contains(next) { result.append("\\") }
                result.append(next)
            case ("\"", "\""), ("'", "'"):
                quote = nil
            case (nil, let c) where c.isWhitespace:
                return result
            default:
                result.append(ch)
            }
        }
        return result
    }
}
