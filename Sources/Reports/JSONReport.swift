import Foundation

/// The report as JSON (`report.json`), for dashboards and other tools.
///
/// Keys are sorted and dates are ISO 8601 in UTC, so two reports of the same input are
/// byte-identical and diff cleanly.
public struct JSONReport: TextReportRenderer {
    public init() {}

    public var format: ReportFormat { .json }

    public var fileName: String { "report.json" }

    public func render(_ input: ReportInput) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        let data = try encoder.encode(JSONReportDocument(input))
        return String(decoding: data, as: UTF8.self) + "\n"
    }
}
