import Foundation

/// The `==> label <==` parts of a multi-file probe section.
///
/// The probe writes each header after a newline of its own, so a part's text is exactly what the
/// file or tool printed, trailing newline or not.
struct LabelledParts {
    private(set) var parts: [(label: String, text: String)] = []

    init(_ text: String) {
        let header = "\n==> "
        var rest = Substring(text)
        guard let first = rest.range(of: header) else { return }
        rest = rest[first.lowerBound...]
        while let start = rest.range(of: header) {
            let afterHeader = rest[start.upperBound...]
            guard let lineEnd = afterHeader.firstIndex(of: "\n") else { break }
            let line = afterHeader[..<lineEnd]
            guard line.hasSuffix(" <==") else {
                rest = afterHeader
                continue
            }
            let label = String(line.dropLast(4))
            let body = afterHeader[afterHeader.index(after: lineEnd)...]
            let bodyEnd = LabelledParts.nextHeader(in: body) ?? body.endIndex
            parts.append((label, String(body[..<bodyEnd])))
            rest = body[bodyEnd...]
        }
    }

    /// Where the next well-formed header starts.
    private static func nextHeader(in text: Substring) -> Substring.Index? {
        var search = text
        while let found = search.range(of: "\n==> ") {
            let line = search[found.upperBound...].prefix { $0 != "\n" }
            if line.hasSuffix(" <==") { return found.lowerBound }
            search = search[found.upperBound...]
        }
        return nil
    }

    /// The text of the first part with this label.
    subscript(label: String) -> String? { parts.first { $0.label == label }?.text }
}
