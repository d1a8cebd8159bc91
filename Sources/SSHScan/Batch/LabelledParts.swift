/// The `==> label <==` parts of a multi-file probe section.
///
/// The probe writes each header after a newline of its own (as `head -v` and the batch's `part`
/// do), so a part is exactly what the file or tool printed, trailing newline or not. A header
/// line that does not end in ` <==` is content.
struct LabelledParts {
    private(set) var parts: [(label: String, text: String)] = []

    init(_ text: String) {
        parts = Self.split(ArraySlice(text.utf8)).map { ($0.label, String(decoding: $0.content, as: UTF8.self)) }
    }

    /// The parts of raw bytes, NULs and invalid UTF-8 kept: one reading of the format for
    /// parsers (through `init`) and for splitting a section into evidence (`ProbeSection.parts`).
    static func split(_ content: ArraySlice<UInt8>) -> [(label: String, content: ArraySlice<UInt8>)] {
        let bytes = Array(content)
        var headers: [(start: Int, label: String, body: Int)] = []
        var cursor = 0
        while let found = ProbeBatch.find(header, in: bytes, from: cursor, atLineStart: false) {
            let labelStart = found + header.count
            guard let lineEnd = bytes[labelStart...].firstIndex(of: UInt8(ascii: "\n")) else { break }
            let line = bytes[labelStart..<lineEnd]
            if line.count >= trailer.count, line.suffix(trailer.count).elementsEqual(trailer) {
                headers.append((found, String(decoding: line.dropLast(trailer.count), as: UTF8.self), lineEnd + 1))
            }
            cursor = found + 1
        }
        return headers.enumerated().map { index, header in
            let end = index + 1 < headers.count ? headers[index + 1].start : bytes.count
            return (header.label, bytes[header.body..<max(header.body, end)])
        }
    }

    private static let header = Array("\n==> ".utf8)
    private static let trailer = Array(" <==".utf8)

    /// The text of the first part with this label.
    subscript(label: String) -> String? { parts.first { $0.label == label }?.text }
}
