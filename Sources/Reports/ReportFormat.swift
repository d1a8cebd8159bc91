import Foundation

/// One output format of the audit report, as `--format` names it.
///
/// The raw values are what users type (`--format html,xlsx`), so they are short and stable.
public enum ReportFormat: String, CaseIterable, Sendable, Codable {
    case html, md, json, csv, xlsx, junit, oscal

    /// What an audit writes when nobody asks for anything else: the page people read, the
    /// Markdown that pastes into tickets, and the JSON other tools read.
    public static let defaults: [ReportFormat] = [.html, .md, .json]

    /// Parses a comma-separated list such as `html,xlsx, oscal`; order is kept, repeats dropped,
    /// `all` means every format. Unknown names are an error that lists the known ones.
    public static func parseList(_ text: String) throws(ReportFormatError) -> [ReportFormat] {
        var formats: [ReportFormat] = []
        for part in text.split(separator: ",") {
            let name = part.trimmingCharacters(in: .whitespaces).lowercased()
            if name.isEmpty { continue }
            if name == "all" { return allCases }
            let format: ReportFormat? =
                switch name {
                case "markdown": .md
                case "excel": .xlsx
                default: ReportFormat(rawValue: name)
                }
            guard let format else { throw ReportFormatError(name: name) }
            if !formats.contains(format) { formats.append(format) }
        }
        guard !formats.isEmpty else { throw ReportFormatError(name: text) }
        return formats
    }
}

/// A `--format` name ictaudit does not write.
public struct ReportFormatError: Error, CustomStringConvertible, Sendable {
    public var name: String

    public var description: String {
        "unknown report format '\(name)'; known formats: "
            + ReportFormat.allCases.map(\.rawValue).joined(separator: ", ") + ", all"
    }
}
