import InventoryModel

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
