import Foundation
import InventoryModel

/// Display formatting: numbers rounded only here, dates in the report's time zone.
struct ReportFormatting {
    let language: Language
    let timeZone: TimeZone
    /// Made once: a `DateFormatter` costs an ICU formatter to build, and a large report formats
    /// a date for every host.
    private let dateTimes: DateFormatter
    private let days: DateFormatter

    init(language: Language, timeZone: TimeZone) {
        self.language = language
        self.timeZone = timeZone
        dateTimes = Self.formatter("yyyy-MM-dd HH:mm:ss xxxxx", timeZone)
        days = Self.formatter("yyyy-MM-dd", timeZone)
    }

    /// `places` decimals, with the decimal comma Vietnamese readers expect.
    func decimal(_ value: Double, places: Int = 4) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(places)f", value == 0 ? 0 : value)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// `12.345` in Vietnamese, `12,345` in English.
    func integer(_ value: Int) -> String {
        let digits = String(value.magnitude)
        var out = ""
        for (index, digit) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(language == .vi ? "." : ",") }
            out.append(digit)
        }
        return value < 0 ? "-" + out : out
    }

    /// A share as a percentage, `87,5 %` in Vietnamese and `87.5%` in English.
    func percent(_ share: Double) -> String {
        let text = decimal(share * 100, places: 1)
        return language == .vi ? "\(text) %" : "\(text)%"
    }

    /// `2025-02-19 16:20:00 +07:00`: unambiguous in both languages and sortable.
    func dateTime(_ date: Date) -> String {
        dateTimes.string(from: date)
    }

    func day(_ date: Date) -> String {
        days.string(from: date)
    }

    private static func formatter(_ pattern: String, _ timeZone: TimeZone) -> DateFormatter {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter
    }
}
