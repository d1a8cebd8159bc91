public import Foundation
import InventoryModel

/// A five-field cron expression (`minute hour day-of-month month day-of-week`) in a time zone.
///
/// No cron parser is among the packages we depend on, so this is a small one of our own, checked
/// against Python's croniter over thousands of generated expressions and instants. Its rules are
/// croniter's (and POSIX cron's) where they differ from Vixie cron:
/// - When both day fields restrict, a day matching *either* fires (`0 0 1,15 * mon`: the 1st, the
///   15th and every Monday). A day field written `*` does not restrict; one that lists every
///   value (`1-31`) still does unless the other day field uses `*`.
/// - Fire times are the instants whose wall-clock time in the zone matches. In the hour a DST
///   change repeats, a matching time fires in both passes. A time the change skips fires once,
///   at the end of the gap, when the hour field names hours (`30 2 * * *` runs at 03:00 that day);
///   with `*` hours the skipped times are simply skipped.
public struct CronExpression: Sendable, Hashable, CustomStringConvertible {
    public let minute: CronField
    public let hour: CronField
    public let dayOfMonth: CronField
    public let month: CronField
    public let dayOfWeek: CronField
    public let timeZone: TimeZone

    /// Both day fields restrict, so a day matching either one fires.
    let daysEither: Bool

    public var description: String {
        [minute, hour, dayOfMonth, month, dayOfWeek].map(\.text).joined(separator: " ")
    }

    /// Parses five whitespace-separated fields.
    public init(_ text: String, timeZone: TimeZone) throws(CronSyntaxError) {
        var fields: [(text: String, offset: Int)] = []
        var current = ""
        var start = 0
        for (index, character) in text.enumerated() {
            if character == " " || character == "\t" {
                if !current.isEmpty { fields.append((current, start)) }
                current = ""
            } else {
                if current.isEmpty { start = index }
                current.append(character)
            }
        }
        if !current.isEmpty { fields.append((current, start)) }
        guard fields.count == 5 else {
            throw CronSyntaxError(
                offset: fields.count > 5 ? fields[5].offset : text.count, problem: .fieldCount(fields.count))
        }
        var parsed: [CronField] = []
        for (kind, field) in zip(CronField.Kind.allCases, fields) {
            do {
                parsed.append(try CronField(field.text, kind: kind))
            } catch {
                throw CronSyntaxError(offset: field.offset + error.offset, problem: error.problem)
            }
        }
        (minute, hour, dayOfMonth, month, dayOfWeek) = (parsed[0], parsed[1], parsed[2], parsed[3], parsed[4])
        self.timeZone = timeZone
        let domStar = dayOfMonth.text == "*" || (dayOfMonth.isFull && dayOfWeek.text.contains("*"))
        let dowStar = dayOfWeek.text == "*" || (dayOfWeek.isFull && dayOfMonth.text.contains("*"))
        daysEither = !domStar && !dowStar
        // An expression that can never fire (`0 0 30 feb *`) is a mistake to report now, not a
        // schedule that silently never runs.
        if !daysEither || dowStar {
            let possible = month.values.contains { m in dayOfMonth.values.contains { $0 <= CivilDate.maximumDays(month: m) } }
            guard possible else {
                throw CronSyntaxError(
                    offset: fields[2].offset, problem: .neverRuns(days: dayOfMonth.text, months: month.text))
            }
        }
    }

    /// Whether a calendar day is one the expression fires on.
    func matches(day: CivilDate) -> Bool {
        guard month.contains(day.month) else { return false }
        let dom = dayOfMonth.contains(day.day)
        let dow = dayOfWeek.contains(day.weekday)
        return daysEither ? (dom || dow) : (dom && dow)
    }

    /// The first matching wall-clock minute at or after `from` and before `limit`, if any.
    func firstWallMatch(from: WallMinute, before limit: WallMinute) -> WallMinute? {
        var day = from.date
        var firstMinuteOfDay = from.minuteOfDay
        while day <= limit.date {
            if !month.contains(day.month) {
                day = day.firstOfNextMonth
                firstMinuteOfDay = 0
                continue
            }
            if matches(day: day) {
                var h = firstMinuteOfDay / 60
                var m = firstMinuteOfDay % 60
                while h < 24 {
                    if hour.contains(h) {
                        while m < 60 {
                            if minute.contains(m) {
                                let found = WallMinute(date: day, minuteOfDay: h * 60 + m)
                                return found < limit ? found : nil
                            }
                            m += 1
                        }
                    }
                    h += 1
                    m = 0
                }
            }
            day = day.next
            firstMinuteOfDay = 0
        }
        return nil
    }

    /// The next fire time strictly after `instant`, or `nil` when none comes within `years`.
    public func next(after instant: Date, years: Int = 30) -> Date? {
        // Fire times are whole minutes: start at the minute after the one `instant` falls in.
        var segmentStart = (instant.timeIntervalSince1970 / 60).rounded(.down) * 60 + 60
        let horizon = segmentStart + Double(years) * 366 * 86_400
        while segmentStart < horizon {
            let startDate = Date(timeIntervalSince1970: segmentStart)
            let offset = timeZone.secondsFromGMT(for: startDate)
            var segmentEnd = transition(after: startDate, offset: offset, before: horizon)
            let wallStart = WallMinute(epochSeconds: segmentStart + Double(offset))
            let wallEnd = WallMinute(epochSeconds: segmentEnd + Double(offset))
            if let found = firstWallMatch(from: wallStart, before: wallEnd) {
                let candidate = found.epochSeconds - Double(offset)
                let candidateDate = Date(timeIntervalSince1970: candidate)
                if timeZone.secondsFromGMT(for: candidateDate) == offset { return candidateDate }
                // A change of offset the zone's DST list did not report: cut the segment there.
                segmentEnd = firstChange(from: segmentStart, to: candidate, offset: offset)
                if let again = firstWallMatch(from: wallStart, before: WallMinute(epochSeconds: segmentEnd + Double(offset))) {
                    return Date(timeIntervalSince1970: again.epochSeconds - Double(offset))
                }
            }
            guard segmentEnd < horizon else { return nil }
            let nextOffset = timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: segmentEnd))
            if nextOffset > offset, !hour.isFull {
                // Clocks jump forward: wall times in [end+offset, end+nextOffset) never happen. A
                // schedule naming hours fires once, when the gap ends.
                let gapStart = WallMinute(epochSeconds: segmentEnd + Double(offset))
                let gapEnd = WallMinute(epochSeconds: segmentEnd + Double(nextOffset))
                if firstWallMatch(from: gapStart, before: gapEnd) != nil {
                    return Date(timeIntervalSince1970: segmentEnd)
                }
            }
            segmentStart = segmentEnd
        }
        return nil
    }

    /// The next `count` fire times after `instant`.
    public func fireTimes(after instant: Date, count: Int) -> [Date] {
        var result: [Date] = []
        var cursor = instant
        while result.count < count, let next = next(after: cursor) {
            result.append(next)
            cursor = next
        }
        return result
    }

    /// The instant the zone's offset next changes after `date` (or `horizon`).
    private func transition(after date: Date, offset: Int, before horizon: Double) -> Double {
        guard let next = timeZone.nextDaylightSavingTimeTransition(after: date) else { return horizon }
        let seconds = next.timeIntervalSince1970
        guard seconds < horizon else { return horizon }
        return timeZone.secondsFromGMT(for: next) == offset ? firstChange(from: date.timeIntervalSince1970, to: seconds, offset: offset) : seconds
    }

    /// The first whole minute in `(from, to]` whose offset differs from `offset` (binary search).
    private func firstChange(from: Double, to: Double, offset: Int) -> Double {
        var low = from
        var high = to
        guard timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: high)) != offset else { return high }
        while high - low > 60 {
            let middle = ((low + high) / 2 / 60).rounded(.down) * 60
            if timeZone.secondsFromGMT(for: Date(timeIntervalSince1970: middle)) == offset { low = middle } else { high = middle }
        }
        return high
    }
}
