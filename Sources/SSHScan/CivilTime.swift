import Foundation
import InventoryModel

/// Calendar dates in UTC without `DateFormatter`, whose locale and time-zone defaults would make
/// a host's dates depend on the scanner's settings.
enum CivilTime {
    /// The instant of a UTC date and time, or nil when any field is out of range.
    static func date(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) -> Date? {
        guard (1...12).contains(month), (1...daysIn(month: month, year: year)).contains(day), (0...23).contains(hour),
            (0...59).contains(minute), (0...60).contains(second), (1...9999).contains(year)
        else { return nil }
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        return Date(timeIntervalSince1970: TimeInterval(days * 86_400 + hour * 3600 + minute * 60 + second))
    }

    static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// `Jan` … `Dec` to 1 … 12.
    static func month(abbreviation: some StringProtocol) -> Int? {
        let names = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]
        return names.firstIndex(of: abbreviation.lowercased()).map { $0 + 1 }
    }

    /// `+0700` as seconds east of UTC; nil for anything that is not a real offset (±14:00 at most).
    static func offsetSeconds(_ text: some StringProtocol) -> Int? {
        guard text.count == 5, let sign = text.first, sign == "+" || sign == "-", let digits = Int(text.dropFirst()),
            digits / 100 <= 14, digits % 100 < 60
        else { return nil }
        let seconds = (digits / 100) * 3600 + (digits % 100) * 60
        return sign == "-" ? -seconds : seconds
    }

    /// `YYYY-MM-DD HH:MM:SS` at the start of a line (one or more spaces between date and time).
    static func dateTime(_ text: String) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "|" })
        guard words.count >= 2 else { return nil }
        let d = words[0].split(separator: "-").compactMap { Int($0) }
        let t = words[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 3 else { return nil }
        return CivilTime.date(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1], second: t[2])
    }

    /// `2024-01-10T09:12:44+0700` (dnf) or `…Z`.
    static func isoDateTime(_ text: String) -> Date? {
        guard text.count >= 19 else { return nil }
        let base = text.prefix(19).replacingOccurrences(of: "T", with: " ")
        guard let local = dateTime(base) else { return nil }
        let zone = text.dropFirst(19)
        guard let sign = zone.first, sign == "+" || sign == "-" else { return local }
        let digits = zone.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) else { return local }
        let offset = TimeInterval((hh * 3600 + mm * 60) * (sign == "+" ? 1 : -1))
        return local.addingTimeInterval(-offset)
    }
}
