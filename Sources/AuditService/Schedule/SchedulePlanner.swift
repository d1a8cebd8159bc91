public import Foundation

/// Decides, at a given instant, which schedules start, which fire times are dropped, and when to
/// look again. Pure: the clock and the runs belong to `Scheduler`, so every rule here is tested
/// with plain dates.
///
/// Rules:
/// - A schedule whose previous run is still going is never started again: the fire time is
///   dropped and reported (`.stillRunning`).
/// - A fire time more than `grace` in the past when seen was missed (the service was down or
///   asleep): `skip` drops all such times; `catch_up_once` runs once for the newest of them.
public struct SchedulePlanner: Sendable {
    public enum Decision: Sendable, Hashable {
        /// Start a run now for this fire time; `late` is how long after the fire time it starts.
        case start(schedule: String, fireTime: Date, late: TimeInterval, catchingUp: Bool)
        /// Fire times dropped without a run.
        case dropped(schedule: String, fireTimes: [Date], reason: DropReason)
    }

    public enum DropReason: String, Sendable, Hashable {
        case missed = "missed while the service was down"
        case stillRunning = "the previous run was still going"
    }

    public let schedules: [Schedule]
    /// How late a fire time may be seen and still count as on time.
    public var grace: TimeInterval
    /// Per schedule, the last fire time already decided on (run or dropped).
    public private(set) var lastDecided: [String: Date]

    /// `lastDecided` from the saved state; schedules never decided start counting from `now`.
    public init(schedules: [Schedule], lastDecided: [String: Date], now: Date, grace: TimeInterval = 60) {
        self.schedules = schedules
        self.grace = grace
        var known: [String: Date] = [:]
        for schedule in schedules { known[schedule.name] = lastDecided[schedule.name] ?? now }
        self.lastDecided = known
    }

    /// The next fire time of each schedule after what was already decided.
    public func nextFireTimes() -> [String: Date] {
        var result: [String: Date] = [:]
        for schedule in schedules {
            if let next = schedule.cron.next(after: lastDecided[schedule.name]!) { result[schedule.name] = next }
        }
        return result
    }

    /// When something next becomes due.
    public func nextWake() -> Date? { nextFireTimes().values.min() }

    /// What to do at `now`, given the schedules whose runs are going.
    public mutating func decide(at now: Date, running: Set<String>) -> [Decision] {
        var decisions: [Decision] = []
        for schedule in schedules {
            var due: [Date] = []
            var cursor = lastDecided[schedule.name]!
            // Bounded: a schedule firing every minute, down for a year, is still only so many.
            while due.count < 600_000, let next = schedule.cron.next(after: cursor), next <= now {
                due.append(next)
                cursor = next
            }
            guard let newest = due.last else { continue }
            lastDecided[schedule.name] = newest
            let missed = due.filter { now.timeIntervalSince($0) > grace }
            let onTime = due.filter { now.timeIntervalSince($0) <= grace }
            if running.contains(schedule.name) {
                decisions.append(.dropped(schedule: schedule.name, fireTimes: due, reason: .stillRunning))
                continue
            }
            if let fire = onTime.last {
                if !missed.isEmpty { decisions.append(.dropped(schedule: schedule.name, fireTimes: missed, reason: .missed)) }
                decisions.append(.start(schedule: schedule.name, fireTime: fire, late: now.timeIntervalSince(fire), catchingUp: false))
            } else {
                switch schedule.missed {
                case .skip:
                    decisions.append(.dropped(schedule: schedule.name, fireTimes: missed, reason: .missed))
                case .catchUpOnce:
                    if missed.count > 1 {
                        decisions.append(.dropped(schedule: schedule.name, fireTimes: Array(missed.dropLast()), reason: .missed))
                    }
                    decisions.append(
                        .start(schedule: schedule.name, fireTime: newest, late: now.timeIntervalSince(newest), catchingUp: true))
                }
            }
        }
        return decisions
    }
}
