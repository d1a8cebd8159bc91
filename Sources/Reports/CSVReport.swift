import Foundation
import InventoryModel

/// The report's tables as CSV, one file per table (`csv/ranking.csv`, `csv/findings.csv`, …).
///
/// UTF-8 with a byte-order mark, so Excel opens Vietnamese correctly instead of guessing a
/// code page; RFC 4180 quoting with CRLF row ends. Numbers use a decimal point and dates are
/// ISO 8601 with the report's UTC offset, whatever the language, so the files read the same in
/// every locale and in every tool. Text that a spreadsheet would run as a formula is made inert.
/// Rows are written to the sink as they are made.
public struct CSVReport: ReportRenderer {
    public init() {}

    public var format: ReportFormat { .csv }

    public func write(_ input: ReportInput, to sink: any ReportSink) throws {
        let memo = CleanedTexts()
        let dates = ISO8601DateFormatter()
        dates.timeZone = input.timeZone
        dates.formatOptions = [.withInternetDateTime]
        for table in ReportTables(input).all {
            var out = try ReportWriter("csv/\(table.id).csv", to: sink, memo: memo)
            out.raw([0xEF, 0xBB, 0xBF])
            for (index, column) in table.columns.enumerated() {
                if index > 0 { out.byte(0x2C) }
                out.raw(Self.quoted(column.heading))
            }
            out.raw("\r\n")
            for i in 0..<table.count {
                for (index, cell) in table.row(i).enumerated() {
                    if index > 0 { out.byte(0x2C) }
                    Self.field(cell, dates, into: &out)
                }
                out.raw("\r\n")
                try out.flushIfFull()
            }
            try out.finish()
        }
    }

    static func field(_ cell: ReportTable.Cell, _ dates: ISO8601DateFormatter, into out: inout ReportWriter) {
        switch cell {
        case .text(let text): out.csvText(text)
        case .number(let value), .percent(let value): if value.isFinite { out.raw(String(value)) }
        case .integer(let value): out.int(value)
        case .date(let date): out.raw(dates.string(from: date))
        case .bool(let value): out.raw(value ? "true" : "false")
        case .empty: break
        }
    }

    /// One field as a string (the asset register's CSV uses it).
    static func field(_ cell: ReportTable.Cell, _ dates: ISO8601DateFormatter, _ memo: CleanedTexts? = nil) -> String {
        var out = ReportWriter(memo: memo ?? CleanedTexts())
        field(cell, dates, into: &out)
        return out.string
    }

    /// Quoted only when it must be, doubling quotes inside.
    static func quoted(_ text: String) -> String {
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D || $0 == 0x3B }) else {
            return text
        }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
