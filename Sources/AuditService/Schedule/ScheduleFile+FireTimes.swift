public import Foundation
public import InventoryModel

extension ScheduleFile {
    /// `ictaudit schedule list`: one line a schedule (name, expression, time zone, the next
    /// `count` fire times after `date`), each time written in the schedule's own zone, the zone named
    /// as the file names it.
    public static func fireTimes(path: String, count: Int, after date: Date = Date()) throws(SourceError) -> [String] {
        try load(path: path).map { schedule in
            let zone = schedule.cron.timeZone
            let formatter = DateFormatter()
            formatter.locale = Locale(identifier: "en_US_POSIX")
            formatter.timeZone = zone
            formatter.dateFormat = "yyyy-MM-dd HH:mm ZZZZZ"
            let times = schedule.cron.fireTimes(after: date, count: count).map(formatter.string(from:))
            return "\(schedule.name)\t\(schedule.cron)\t\(schedule.timeZoneName ?? zone.identifier)\t\(times.joined(separator: ", "))"
        }
    }
}
