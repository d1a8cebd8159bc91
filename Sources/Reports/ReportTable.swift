import Foundation

/// A table as spreadsheets and CSV files carry it: typed columns and rows made on demand.
///
/// Rows are made one at a time from the input (`row(i)`), not held, so a findings table of two
/// million rows costs no more memory than the findings themselves. Cells keep their type, so
/// XLSX writes numbers as numbers and dates as dates, and CSV writes them in one plain form.
struct ReportTable {
    enum Cell {
        /// Text from anywhere, raw; each format cleans and escapes it.
        case text(String)
        case number(Double)
        /// A share (0.25 = 25 %): a percentage in a spreadsheet, the plain fraction in CSV and JSON.
        case percent(Double)
        case integer(Int)
        case date(Date)
        case bool(Bool)
        case empty
    }

    struct Column {
        /// Stable machine name, the CSV header's second row is not used: tools read `id`s from JSON.
        var id: String
        var heading: String
        /// Width in characters for spreadsheets.
        var width: Double
    }

    /// File and sheet id: `ranking`, `indicators`, `units`, `hosts`, `findings`.
    var id: String
    /// The sheet's title in the report's language.
    var title: String
    var columns: [Column]
    var count: Int
    var row: (Int) -> [Cell]
}

/// Text a spreadsheet would run as a formula (`=HYPERLINK(…)`, `+cmd`, `-2+3`, `@SUM`), made
/// inert with a leading apostrophe, as OWASP advises for CSV injection. Tab and carriage return
/// start formulas in some importers too.
enum SpreadsheetText {
    static func neutralise(_ text: String) -> String {
        guard let first = text.unicodeScalars.first else { return text }
        switch first {
        case "=", "+", "-", "@", "\t", "\r", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}":
            return "'" + text
        default:
            return text
        }
    }

    /// Whether UTF-8 text starts with one of the characters `neutralise` guards against.
    static func startsFormula(_ utf8: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let first = utf8.first else { return false }
        switch first {
        case 0x3D, 0x2B, 0x2D, 0x40, 0x09, 0x0D: return true
        case 0xEF:
            guard utf8.count >= 3, utf8[1] == 0xBC else { return false }
            return utf8[2] == 0x9D || utf8[2] == 0x8B || utf8[2] == 0x8D || utf8[2] == 0xA0
        default: return false
        }
    }
}
