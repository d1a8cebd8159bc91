import Foundation
import InventoryModel

/// Display formatting: numbers rounded only here, dates in the report's time zone.
struct ReportFormatting {
    let language: Language
    let timeZone: TimeZone

    /// `places` decimals, with the decimal comma Vietnamese readers expect.
    func decimal(_ value: Double, places: Int = 4) -> String {
        guard value.isFinite else { return "—" }
        let text = String(format: "%.\(places)f", value == 0 ? 0 : value)
        return language == .vi ? text.replacingOccurrences(of: ".", with: ",") : text
    }

    /// `2025-02-19 16:20:00 +07:00`: unambiguous in both languages and sortable.
    func dateTime(_ date: Date) -> String {
        format(date, "yyyy-MM-dd HH:mm:ss xxxxx")
    }

    func day(_ date: Date) -> String {
        format(date, "yyyy-MM-dd")
    }

    private func format(_ date: Date, _ pattern: String) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = timeZone
        formatter.dateFormat = pattern
        return formatter.string(from: date)
    }
}
