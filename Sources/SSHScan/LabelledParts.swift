import Foundation

/// The `==> label <==` parts of a multi-file probe section.
///
/// The probe writes each header after a newline of its own, so a part's text is exactly what the
/// file or tool printed, trailing newline or not.
struct LabelledParts {
    private(set) var parts: [(label: String, text: String)] = []

    init(_ text: String) {
        var rest = Substring(text)
        guard let first = LabelledParts.find(LabelledParts.header, in: rest) else { return }
        rest = rest[first.lowerBound...]
        while let start = LabelledParts.find(LabelledParts.header, in: rest) {
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
        while let found = find(header, in: search) {
            let line = search[found.upperBound...].prefix { $0 != "\n" }
            if line.hasSuffix(" <==") { return found.lowerBound }
            search = search[found.upperBound...]
        }
        return nil
    }

    private static let header = Array("\n==> ".utf8)

    /// `needle` in `text`'s bytes: Foundation's `range(of:)` bridges to `NSString` and costs
    /// more than the rest of reading a host's package list.
    private static func find(_ needle: [UInt8], in text: Substring) -> Range<Substring.Index>? {
        let utf8 = text.utf8
        let found: Int?? = utf8.withContiguousStorageIfAvailable { bytes in
            guard let first = needle.first, bytes.count >= needle.count else { return nil }
            var i = 0
            let last = bytes.count - needle.count
            while i <= last {
                if bytes[i] == first, bytes[i..<(i + needle.count)].elementsEqual(needle) { return i }
                i += 1
            }
            return nil
        }
        guard let offset = found ?? utf8.firstRange(of: needle).map({ utf8.distance(from: utf8.startIndex, to: $0.lowerBound) })
        else { return nil }
        let start = utf8.index(utf8.startIndex, offsetBy: offset)
        return start..<utf8.index(start, offsetBy: needle.count)
    }

    /// The text of the first part with this label.
    subscript(label: String) -> String? { parts.first { $0.label == label }?.text }
}
