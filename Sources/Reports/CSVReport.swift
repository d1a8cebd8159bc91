import Foundation
import InventoryModel

/// The report's tables as CSV, one file per table (`csv/ranking.csv`, `csv/findings.csv`, …).
///
/// UTF-8 with a byte-order mark, so Excel opens Vietnamese correctly instead of guessing a
/// code page; RFC 4180 quoting with CRLF row ends. Numbers use a decimal point and dates are
/// ISO 8601 with the report's UTC offset, whatever the language, so the files read the same in
/// every locale and in every tool. Text that a spreadsheet would run as a formula is made inert.
public struct CSVReport: ReportRenderer {
    public init() {}

    public var format: ReportFormat { .csv }

    public func files(for input: ReportInput) throws -> [ReportFile] {
        let memo = CleanedTexts()
        let dates = ISO8601DateFormatter()
        dates.timeZone = input.timeZone
        dates.formatOptions = [.withInternetDateTime]
        return ReportTables(input).all.map { table in
            var out = Data([0xEF, 0xBB, 0xBF])
            out.reserveCapacity(64 + table.count * 16 * table.columns.count)
            append(table.columns.map { Self.quoted($0.heading) }, to: &out)
            for i in 0..<table.count {
                append(table.row(i).map { Self.field($0, dates, memo) }, to: &out)
            }
            return ReportFile(name: "csv/\(table.id).csv", data: out)
        }
    }

    private func append(_ fields: [String], to out: inout Data) {
        out.append(contentsOf: fields.joined(separator: ",").utf8)
        out.append(contentsOf: [0x0D, 0x0A])
    }

    static func field(_ cell: ReportTable.Cell, _ dates: ISO8601DateFormatter, _ memo: CleanedTexts? = nil) -> String {
        switch cell {
        case .text(let text):
            quoted(
                SpreadsheetText.neutralise(
                    memo?.clean(text, keepNewlines: true) ?? UntrustedText.clean(text, keepNewlines: true)))
        case .number(let value): value.isFinite ? String(value) : ""
        case .integer(let value): String(value)
        case .date(let date): dates.string(from: date)
        case .bool(let value): value ? "true" : "false"
        case .empty: ""
        }
    }

    /// Quoted only when it must be, doubling quotes inside.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
