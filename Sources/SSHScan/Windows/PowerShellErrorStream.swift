public import Foundation

/// PowerShell 5.1's error stream as it reaches an SSH client.
///
/// `powershell -EncodedCommand` with redirected standard streams writes its error, warning,
/// verbose and progress records to standard error as CLIXML, not as text:
///
///     #< CLIXML
///     <Objs Version="1.1.0.1" xmlns="…"><S S="Error">Cannot invoke method. …_x000D__x000A_</S>…</Objs>
///
/// The text a person needs is in the `<S S="Error">` strings, each a piece of the error's lines,
/// XML-escaped and with characters XML cannot carry written as `_xHHHH_` (UTF-16 code units:
/// `_x000D__x000A_` is a line end, `_x005F_` an underscore). Progress records (`<Obj S="progress">`)
/// are noise. Output that is not CLIXML (cmd.exe's own messages) is kept as it is.
public enum PowerShellErrorStream {
    static let marker = "#< CLIXML"

    /// The errors written on `stderr`, one line each, blank lines and trailing spaces dropped;
    /// nil when there are none.
    public static func errors(in stderr: Data) -> String? {
        let text = String(decoding: stderr, as: UTF8.self)
        var lines: [String] = []
        var rest = Substring(text)
        while let start = rest.range(of: marker) {
            lines += plainLines(rest[..<start.lowerBound])
            rest = rest[start.upperBound...]
            let end = rest.range(of: "</Objs>")?.upperBound ?? rest.endIndex
            lines += errorLines(ofDocument: rest[..<end])
            rest = rest[end...]
        }
        lines += plainLines(rest)
        return lines.isEmpty ? nil : lines.joined(separator: "\n")
    }

    private static func plainLines(_ text: Substring) -> [String] {
        text.split(whereSeparator: \.isNewline).map { trimmedEnd($0) }.filter { !$0.isEmpty }
    }

    private static func trimmedEnd(_ line: Substring) -> String {
        var line = line
        while let last = line.last, last.isWhitespace { line.removeLast() }
        return String(line)
    }

    /// The lines of every `<S S="Error">` string of one `<Objs>` document, in order.
    static func errorLines(ofDocument document: Substring) -> [String] {
        let open = "<S S=\"Error\">"
        var joined = ""
        var rest = document
        while let start = rest.range(of: open) {
            rest = rest[start.upperBound...]
            guard let end = rest.range(of: "</S>") else { break }
            joined += unescaped(rest[..<end.lowerBound])
            rest = rest[end.upperBound...]
        }
        return plainLines(Substring(joined))
    }

    /// XML entities first (the document's own escaping), then PowerShell's `_xHHHH_` escapes.
    static func unescaped(_ text: Substring) -> String {
        var xml = ""
        var rest = text
        while let amp = rest.firstIndex(of: "&") {
            xml += rest[..<amp]
            guard let semicolon = rest[amp...].firstIndex(of: ";"), rest.distance(from: amp, to: semicolon) <= 10 else {
                xml += "&"
                rest = rest[rest.index(after: amp)...]
                continue
            }
            let name = rest[rest.index(after: amp)..<semicolon]
            let named: [Substring: String] = ["lt": "<", "gt": ">", "amp": "&", "quot": "\"", "apos": "'"]
            if let character = named[name] {
                xml += character
            } else if name.hasPrefix("#x"), let code = UInt32(name.dropFirst(2), radix: 16), let scalar = Unicode.Scalar(code) {
                xml.unicodeScalars.append(scalar)
            } else if name.hasPrefix("#"), let code = UInt32(name.dropFirst()), let scalar = Unicode.Scalar(code) {
                xml.unicodeScalars.append(scalar)
            } else {
                xml += rest[amp...semicolon]
            }
            rest = rest[rest.index(after: semicolon)...]
        }
        xml += rest
        return decodingCodeUnits(xml)
    }

    /// `_xHHHH_` → the UTF-16 code unit HHHH (pairs of escapes make one surrogate pair).
    static func decodingCodeUnits(_ text: String) -> String {
        var units: [UInt16] = []
        let scalars = Array(text.utf16)
        var index = 0
        func hex(_ at: Int) -> UInt16? {
            guard at + 7 <= scalars.count, scalars[at] == 0x5F, scalars[at + 1] == 0x78, scalars[at + 6] == 0x5F else { return nil }
            return UInt16(String(decoding: scalars[(at + 2)..<(at + 6)], as: UTF16.self), radix: 16)
        }
        while index < scalars.count {
            if let unit = hex(index) {
                units.append(unit)
                index += 7
            } else {
                units.append(scalars[index])
                index += 1
            }
        }
        return String(decoding: units, as: UTF16.self)
    }
}
