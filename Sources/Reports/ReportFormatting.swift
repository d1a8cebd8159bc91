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

    /// `places` decimals, with the decimal comma Vietnamese readers expect. C's `%.*f` (what
    /// `String(format:)` prints), without Foundation's format parsing and string search: a
    /// ministry's report formats a number for every host.
    func decimal(_ value: Double, places: Int = 4) -> String {
        guard value.isFinite else { return "—" }
        let comma = language == .vi
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: 352) { buffer in
            let count = withVaList([Int32(places), value == 0 ? 0 : value]) { vsnprintf(buffer.baseAddress!, 352, "%.*f", $0) }
            let length = min(Int(count), 351)
            return String(unsafeUninitializedCapacity: length) { out in
                for i in 0..<length {
                    let byte = UInt8(bitPattern: buffer[i])
                    out[i] = comma && byte == 0x2E ? 0x2C : byte
                }
                return length
            }
        }
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

    /// `2025-02-19` in the report's time zone, from the calendar fields (a `DateFormatter`
    /// costs microseconds a call, and every host's antivirus shows a day).
    func day(_ date: Date) -> String {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard abs(seconds) < 1e14 else { return days.string(from: date) }
        var local = time_t(seconds) + time_t(timeZone.secondsFromGMT(for: date))
        var parts = tm()
        gmtime_r(&local, &parts)
        let year = Int(parts.tm_year) + 1900
        guard (1600..<10_000).contains(year) else { return days.string(from: date) }
        let (month, day) = (Int(parts.tm_mon) + 1, Int(parts.tm_mday))
        var out = String(year)
        while out.utf8.count < 4 { out = "0" + out }
        out += month < 10 ? "-0\(month)" : "-\(month)"
        out += day < 10 ? "-0\(day)" : "-\(day)"
        return out
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
