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
    /// Bytes of remembered fields kept per table before they are forgotten and made afresh
    /// (evidence that never repeats must not grow memory without bound). Smaller in tests.
    var fieldsLimit = 16 << 20

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
            // Most texts repeat the very `String` of an earlier row: its field bytes are
            // remembered (`TextCache`, as a range of `fields`) instead of cleaned and quoted again.
            var cache = TextCache<Range<Int>>(columns: table.columns.count)
            var fields = ReportWriter(memo: memo)
            for i in 0..<table.count {
                for (index, cell) in table.row(i).enumerated() {
                    if index > 0 { out.byte(0x2C) }
                    guard case .text(let text) = cell else {
                        Self.field(cell, dates, into: &out)
                        continue
                    }
                    let range: Range<Int>
                    if let known = cache.value(text, column: index) {
                        range = known
                    } else {
                        if fields.count > fieldsLimit {
                            fields.clear()
                            cache = TextCache(columns: table.columns.count)
                        }
                        let start = fields.count
                        fields.csvText(text)
                        range = start..<fields.count
                        cache.remember(text, range, column: index)
                    }
                    fields.withBytes { out.raw(UnsafeBufferPointer(rebasing: $0.bindMemory(to: UInt8.self)[range])) }
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
        case .date(let date): iso8601(date, dates, into: &out)
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

    /// `2025-02-18T04:20:00+07:00` (`Z` in UTC), what `ISO8601DateFormatter` with
    /// `.withInternetDateTime` writes, in bytes: the hosts table has three dates a host, and the
    /// formatter (ICU underneath) cost more than the rest of the hosts file. Whole seconds (the
    /// fraction dropped after rounding to milliseconds, as the formatter does); the offset of the
    /// formatter's zone at that instant. Years outside 1–9999 are left to the formatter.
    static func iso8601(_ date: Date, _ formatter: ISO8601DateFormatter, into out: inout ReportWriter) {
        let zone = formatter.timeZone ?? .gmt
        let offset = zone.secondsFromGMT(for: date)
        let stamp = date.timeIntervalSince1970
        // Year 1 to 9999 (with a day's margin for the offset).
        guard stamp > -62_135_596_800 + 86_400, stamp < 253_402_300_799 - 86_400 else {
            return out.raw(formatter.string(from: date))
        }
        // The formatter works in whole milliseconds (rounded), then drops them.
        let local = Int(((stamp * 1000).rounded() / 1000).rounded(.down)) + offset
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        let seconds = local - days * 86_400
        let civil = CivilDate(daysSinceEpoch: days)
        let (year, month, day) = (civil.year, civil.month, civil.day)
        func two(_ n: Int) {
            out.byte(UInt8(0x30 + n / 10))
            out.byte(UInt8(0x30 + n % 10))
        }
        two(year / 100)
        two(year % 100)
        out.byte(0x2D)
        two(month)
        out.byte(0x2D)
        two(day)
        out.byte(0x54)
        two(seconds / 3_600)
        out.byte(0x3A)
        two(seconds / 60 % 60)
        out.byte(0x3A)
        two(seconds % 60)
        guard offset != 0 else { return out.byte(0x5A) }
        out.byte(offset < 0 ? 0x2D : 0x2B)
        two(abs(offset) / 3_600)
        out.byte(0x3A)
        two(abs(offset) / 60 % 60)
        // Local mean time before standard zones (1906 in Vietnam) has seconds in its offset.
        if abs(offset) % 60 != 0 {
            out.byte(0x3A)
            two(abs(offset) % 60)
        }
    }
}
