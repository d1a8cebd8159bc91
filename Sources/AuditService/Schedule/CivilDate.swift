/// A proleptic Gregorian calendar day with no time zone: what a cron field is matched against.
///
/// Foundation's `Calendar` would do, but matching walks thousands of days per search; plain
/// arithmetic (Howard Hinnant's days-from-civil) keeps that cheap and free of allocation.
struct CivilDate: Sendable, Hashable, Comparable {
    var year: Int
    var month: Int
    var day: Int

    init(year: Int, month: Int, day: Int) {
        (self.year, self.month, self.day) = (year, month, day)
    }

    /// The day `days` after 1970-01-01.
    init(daysSinceEpoch days: Int) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        day = doy - (153 * mp + 2) / 5 + 1
        month = mp < 10 ? mp + 3 : mp - 9
        year = yoe + era * 400 + (month <= 2 ? 1 : 0)
    }

    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    /// 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday).
    var weekday: Int {
        let d = daysSinceEpoch
        return ((d % 7) + 7 + 4) % 7
    }

    var next: CivilDate {
        day < Self.days(inMonth: month, year: year)
            ? CivilDate(year: year, month: month, day: day + 1) : firstOfNextMonth
    }

    var firstOfNextMonth: CivilDate {
        month == 12 ? CivilDate(year: year + 1, month: 1, day: 1) : CivilDate(year: year, month: month + 1, day: 1)
    }

    static func days(inMonth month: Int, year: Int) -> Int {
        switch month {
        case 2: (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    /// The most days a month can have in any year (February: 29).
    static func maximumDays(month: Int) -> Int { month == 2 ? 29 : days(inMonth: month, year: 2001) }

    static func < (a: CivilDate, b: CivilDate) -> Bool {
        (a.year, a.month, a.day) < (b.year, b.month, b.day)
    }
}

/// A wall-clock minute: a civil date and the minute of that day.
struct WallMinute: Sendable, Hashable, Comparable {
    var date: CivilDate
    var minuteOfDay: Int

    init(date: CivilDate, minuteOfDay: Int) {
        self.date = date
        self.minuteOfDay = minuteOfDay
    }

    /// The wall minute of seconds counted as if the zone were UTC (instant + offset).
    init(epochSeconds: Double) {
        let minutes = Int((epochSeconds / 60).rounded(.down))
        let days = minutes >= 0 ? minutes / 1440 : (minutes - 1439) / 1440
        date = CivilDate(daysSinceEpoch: days)
        minuteOfDay = minutes - days * 1440
    }

    var epochSeconds: Double { Double(date.daysSinceEpoch * 86_400 + minuteOfDay * 60) }

    static func < (a: WallMinute, b: WallMinute) -> Bool {
        (a.date, a.minuteOfDay) < (b.date, b.minuteOfDay)
    }
}
