import Foundation
import InventoryModel
import Logging
import Reports
import Testing

@testable import AuditService

/// The schedules file, the cron parser's errors, and the planner's rules for missed and overlapping runs.
struct ScheduleTests {
    static let saigon = TimeZone(identifier: "Asia/Ho_Chi_Minh")!

    static func date(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }

    static func schedule(_ name: String, _ cron: String, missed: Schedule.MissedRuns = .skip) throws -> Schedule {
        Schedule(
            name: name, cron: try CronExpression(cron, timeZone: saigon), inventory: "inventory/demo.yaml", policies: [],
            waivers: nil, method: nil, formats: [.html], output: "reports/%n/%Y-%m-%d", keep: nil, missed: missed,
            language: "vi", location: "test")
    }

    @Test("names, lists, ranges and steps mean what cron users expect")
    func fieldValues() throws {
        let cron = try CronExpression("*/15 8-17/3 1,15 jan-mar,DEC mon-fri", timeZone: Self.saigon)
        #expect(cron.minute.values == [0, 15, 30, 45])
        #expect(cron.hour.values == [8, 11, 14, 17])
        #expect(cron.month.values == [1, 2, 3, 12])
        #expect(cron.dayOfWeek.values == [1, 2, 3, 4, 5])
        #expect(try CronExpression("0 0 * * fri-sun", timeZone: Self.saigon).dayOfWeek.values == [0, 5, 6])
        #expect(try CronExpression("0 22-2 * * 7", timeZone: Self.saigon).hour.values == [0, 1, 2, 22, 23])
        #expect(try CronExpression("0 0 * * 7", timeZone: Self.saigon).dayOfWeek.values == [0])
    }

    @Test("a range with equal ends is that one value, as in cron (croniter alone reads it as the whole cycle)")
    func equalEnds() throws {
        #expect(try CronExpression("0 0 * 8-8 *", timeZone: Self.saigon).month.values == [8])
        #expect(try CronExpression("0 0 * * 1-1/3", timeZone: Self.saigon).dayOfWeek.values == [1])
        #expect(try CronExpression("0 0 * * 0-7", timeZone: Self.saigon).dayOfWeek.values == [0, 1, 2, 3, 4, 5, 6])
    }

    @Test("a wall time in the hour a DST change repeats fires in both passes (New York 01:30, Chatham 02:49)")
    func repeatedHour() throws {
        let york = try CronExpression("30 1 * * *", timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(
            york.fireTimes(after: Self.date("2024-11-02T16:00:00Z"), count: 3)
                == [Self.date("2024-11-03T05:30:00Z"), Self.date("2024-11-03T06:30:00Z"), Self.date("2024-11-04T06:30:00Z")])
        let chatham = try CronExpression("49 2 * * *", timeZone: TimeZone(identifier: "Pacific/Chatham")!)
        #expect(
            chatham.fireTimes(after: Self.date("2030-04-06T00:00:00Z"), count: 2)
                == [Self.date("2030-04-06T13:04:00Z"), Self.date("2030-04-06T14:04:00Z")])
        // A time the change skips fires once, when the gap ends (02:30 → 03:00 EDT).
        let spring = try CronExpression("30 2 * * *", timeZone: TimeZone(identifier: "America/New_York")!)
        #expect(spring.fireTimes(after: Self.date("2024-03-09T17:00:00Z"), count: 2) == [Self.date("2024-03-10T07:00:00Z"), Self.date("2024-03-11T06:30:00Z")])
    }

    @Test("a daily 02:00 scan in Hanoi time fires at 19:00 UTC the day before, every day")
    func dailyInSaigon() throws {
        let cron = try CronExpression("0 2 * * *", timeZone: Self.saigon)
        let times = cron.fireTimes(after: Self.date("2026-12-05T01:00:00Z"), count: 3)
        #expect(times == [Self.date("2026-12-05T19:00:00Z"), Self.date("2026-12-06T19:00:00Z"), Self.date("2026-12-07T19:00:00Z")])
    }

    @Test("mistakes in a cron expression name the character that is wrong")
    func cronErrors() {
        func failure(_ text: String) -> CronSyntaxError? {
            do {
                _ = try CronExpression(text, timeZone: Self.saigon)
                return nil
            } catch { return error }
        }
        #expect(failure("0 2 * *")?.message.contains("has 4") == true)
        #expect(failure("0 24 * * *")?.offset == 2)
        #expect(failure("0 2 * * mun")?.message.contains("did you mean 'mon'") == true)
        #expect(failure("0 2 * * mun")?.offset == 8)
        #expect(failure("0 0 30 feb *")?.message.contains("never run") == true)
        #expect(failure("*/0 * * * *")?.offset == 2)
        #expect(failure("0 22-2/2 * * *")?.message.contains("two ranges") == true)
        #expect(failure("0 0 1,,2 * *") != nil)
    }

    @Test("a schedules file is read with every field, relative paths from its folder")
    func readsFile() throws {
        let text = """
            schedules:
              - name: hang-ngay
                cron: "0 2 * * *"
                inventory: inventory/demo.yaml
                policies: [policies]
                method: policies/ranking/ict-index.yaml
                formats: [html, json]
                output: reports/%n/%Y-%m-%d
                keep: 30
                missed: catch_up_once
              - name: weekly
                cron: "30 6 * * mon"
                time_zone: UTC
                inventory: /srv/inv.yaml
                output: /var/lib/ictaudit/reports/%Y%m%d-%H%M
            """
        let schedules = try ScheduleFile.parse(text: text, file: "/etc/ictaudit/schedules.yaml", baseDirectory: "/etc/ictaudit")
        #expect(schedules.map(\.name) == ["hang-ngay", "weekly"])
        #expect(schedules[0].inventory == "/etc/ictaudit/inventory/demo.yaml")
        #expect(schedules[0].policies == ["/etc/ictaudit/policies"])
        #expect(schedules[0].formats == [.html, .json])
        #expect(schedules[0].keep == 30)
        #expect(schedules[0].missed == .catchUpOnce)
        #expect(schedules[0].cron.timeZone.identifier == "Asia/Ho_Chi_Minh")
        #expect(schedules[1].cron.timeZone.secondsFromGMT() == 0)
        #expect(schedules[1].missed == .skip)
        #expect(schedules[1].formats == ReportFormat.defaults)
        // The report folder is dated in the schedule's own zone: 19:00 UTC is 02:00 next day in Hanoi.
        #expect(schedules[0].outputDirectory(firedAt: Self.date("2026-12-05T19:00:00Z")) == "/etc/ictaudit/reports/hang-ngay/2026-12-06")
        #expect(schedules[1].outputDirectory(firedAt: Self.date("2026-12-07T06:30:00Z")) == "/var/lib/ictaudit/reports/20261207-0630")
    }

    @Test("a mistake in a schedules file reads file:line:column with a suggestion")
    func fileErrors() {
        func failure(_ text: String) -> String {
            do {
                _ = try ScheduleFile.parse(text: text, file: "s.yaml")
                return "no error"
            } catch { return error.description }
        }
        let base = "schedules:\n  - name: a\n    inventory: i.yaml\n    output: out\n"
        #expect(failure(base + "    cron: \"0 2 * * mun\"\n") == "s.yaml:5:20: cron '0 2 * * mun': 'mun' is not a day of week (0-7 or fri, mon, sat, sun, thu, tue, wed); did you mean 'mon'?")
        #expect(failure(base + "    cron: 0 2 * * *\n    missed: catchup\n").hasPrefix("s.yaml:6:13: 'missed' must be skip or catch_up_once"))
        #expect(failure(base + "    cron: 0 2 * * *\n    invetory: x\n").contains("did you mean 'inventory'"))
        #expect(failure(base + "    cron: 0 2 * * *\n    time_zone: Asia/Ho_Chi_Minhh\n").contains("did you mean 'Asia/Ho_Chi_Minh'"))
        #expect(failure(base + "    cron: 0 2 * * *\n    formats: [pdf]\n").hasPrefix("s.yaml:6:15: 'pdf' is not a report format"))
        #expect(failure("schedules:\n  - name: a\n    cron: 0 2 * * *\n").hasPrefix("s.yaml:2:5: a schedule is missing"))
    }

    @Test("a fire time seen on time starts a run; the next is planned from it")
    func onTime() throws {
        let start = Self.date("2026-12-05T00:00:00Z")
        var planner = SchedulePlanner(schedules: [try Self.schedule("hourly", "0 * * * *")], lastDecided: [:], now: start)
        #expect(planner.decide(at: start.addingTimeInterval(1800), running: []).isEmpty)
        let fire = Self.date("2026-12-05T01:00:00Z")
        #expect(planner.nextWake() == fire)
        #expect(planner.decide(at: fire.addingTimeInterval(2), running: []) == [.start(schedule: "hourly", fireTime: fire, late: 2, catchingUp: false)])
        #expect(planner.decide(at: fire.addingTimeInterval(3), running: []).isEmpty)
        #expect(planner.nextWake() == Self.date("2026-12-05T02:00:00Z"))
    }

    @Test("a run still going is never started again: its next fire time is dropped")
    func noOverlap() throws {
        let start = Self.date("2026-12-05T00:00:00Z")
        var planner = SchedulePlanner(schedules: [try Self.schedule("hourly", "0 * * * *")], lastDecided: [:], now: start)
        let fire = Self.date("2026-12-05T01:00:00Z")
        #expect(planner.decide(at: fire.addingTimeInterval(1), running: ["hourly"]) == [.dropped(schedule: "hourly", fireTimes: [fire], reason: .stillRunning)])
    }

    @Test("runs missed while the service was down: skip drops them, catch_up_once runs once")
    func missedRuns() throws {
        let down = Self.date("2026-12-05T00:30:00Z")
        let back = Self.date("2026-12-05T05:10:00Z")
        let missed = (1...5).map { Self.date("2026-12-05T0\($0):00:00Z") }
        var skip = SchedulePlanner(
            schedules: [try Self.schedule("a", "0 * * * *")], lastDecided: ["a": down], now: back)
        #expect(skip.decide(at: back, running: []) == [.dropped(schedule: "a", fireTimes: missed, reason: .missed)])
        #expect(skip.nextWake() == Self.date("2026-12-05T06:00:00Z"))

        var catchUp = SchedulePlanner(
            schedules: [try Self.schedule("a", "0 * * * *", missed: .catchUpOnce)], lastDecided: ["a": down], now: back)
        #expect(
            catchUp.decide(at: back, running: []) == [
                .dropped(schedule: "a", fireTimes: Array(missed.dropLast()), reason: .missed),
                .start(schedule: "a", fireTime: missed[4], late: 600, catchingUp: true),
            ])
        #expect(catchUp.decide(at: back.addingTimeInterval(5), running: []).isEmpty)
    }

    @Test("the scheduler loop starts runs at fire times on an injected clock, never two of one schedule, and keeps its state across a restart")
    func schedulerLoop() async throws {
        let clock = ManualClock(Self.date("2026-12-05T00:00:00Z"))
        let runner = HeldRunner()
        let state = FileManager.default.temporaryDirectory.appendingPathComponent("sched-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: state) }
        let events = EventLog()
        let scheduler = Scheduler(
            schedules: [try Self.schedule("q", "*/15 * * * *", missed: .catchUpOnce)], clock: clock, runner: runner,
            stateFile: state, logger: Logger(label: "test"), onEvent: { events.add($0) })
        let loop = Task { await scheduler.run() }
        defer { loop.cancel() }

        await clock.advance(to: Self.date("2026-12-05T00:15:00Z"))
        try await runner.waitForStarts(1)
        #expect(await scheduler.running == ["q"])
        // The run is still going at 00:30: that fire time is dropped, not started twice.
        await clock.advance(to: Self.date("2026-12-05T00:30:00Z"))
        try await events.waitFor { $0.contains { if case .dropped(_, _, .stillRunning) = $0 { true } else { false } } }
        #expect(runner.starts.count == 1)
        runner.release()
        await scheduler.waitForRuns()
        await clock.advance(to: Self.date("2026-12-05T00:45:00Z"))
        try await runner.waitForStarts(2, log: { "\(events.all) running: \(await scheduler.running) next: \(await scheduler.nextFireTimes())" })
        runner.release()
        await scheduler.waitForRuns()
        loop.cancel()
        _ = await loop.value

        // Down from 00:45 to 02:05; back up, the schedule catches up once for 02:00.
        clock.set(Self.date("2026-12-05T02:05:00Z"))
        let again = Scheduler(
            schedules: [try Self.schedule("q", "*/15 * * * *", missed: .catchUpOnce)], clock: clock, runner: runner,
            stateFile: state, logger: Logger(label: "test"))
        let decisions = await again.step()
        #expect(decisions.last == .start(schedule: "q", fireTime: Self.date("2026-12-05T02:00:00Z"), late: 300, catchingUp: true))
        if case .dropped(_, let times, .missed) = decisions.first { #expect(times.count == 4) } else { Issue.record("no missed runs reported") }
        runner.release()
        await again.waitForRuns()
        #expect(runner.starts.map(\.1) == ["2026-12-05T00:15:00Z", "2026-12-05T00:45:00Z", "2026-12-05T02:00:00Z"].map(Self.date))
    }
}

/// A clock the test moves; sleepers wake when it passes their deadline.
final class ManualClock: ScheduleClock, @unchecked Sendable {
    private let lock = NSLock()
    private var current: Date
    private var sleepers: [(id: Int, deadline: Date, continuation: CheckedContinuation<Void, any Error>)] = []
    private var nextID = 0

    init(_ start: Date) { current = start }

    func now() -> Date { lock.withLock { current } }

    func set(_ date: Date) { lock.withLock { current = date } }

    func sleep(until deadline: Date) async throws {
        let id = lock.withLock { () -> Int in
            nextID += 1
            return nextID
        }
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                let ready = lock.withLock { () -> Bool in
                    if deadline <= current || Task.isCancelled { return true }
                    sleepers.append((id, deadline, continuation))
                    return false
                }
                if ready { continuation.resume() }
            }
            try Task.checkCancellation()
        } onCancel: {
            let cancelled = lock.withLock { () -> CheckedContinuation<Void, any Error>? in
                guard let index = sleepers.firstIndex(where: { $0.id == id }) else { return nil }
                return sleepers.remove(at: index).continuation
            }
            cancelled?.resume(throwing: CancellationError())
        }
    }

    /// Moves the clock and wakes every sleeper whose deadline has come, then lets them run.
    func advance(to date: Date) async {
        let woken = lock.withLock { () -> [CheckedContinuation<Void, any Error>] in
            current = date
            let due = sleepers.filter { $0.deadline <= date }
            sleepers.removeAll { $0.deadline <= date }
            return due.map(\.continuation)
        }
        for continuation in woken { continuation.resume() }
        for _ in 0..<20 { await Task.yield() }
    }
}

/// A runner whose runs last until the test releases them.
final class HeldRunner: ScheduleRunner, @unchecked Sendable {
    private let lock = NSLock()
    private var started: [(String, Date)] = []
    private var waiting: [CheckedContinuation<Void, Never>] = []
    private var released = 0

    var starts: [(String, Date)] { lock.withLock { started } }

    func run(_ schedule: Schedule, fireTime: Date) async throws {
        await withCheckedContinuation { continuation in
            let go = lock.withLock { () -> Bool in
                started.append((schedule.name, fireTime))
                if released > 0 {
                    released -= 1
                    return true
                }
                waiting.append(continuation)
                return false
            }
            if go { continuation.resume() }
        }
    }

    /// Ends the runs going now, or the next one to start if none is going yet.
    func release() {
        let all = lock.withLock { () -> [CheckedContinuation<Void, Never>] in
            if waiting.isEmpty { released += 1 }
            defer { waiting = [] }
            return waiting
        }
        for continuation in all { continuation.resume() }
    }

    func waitForStarts(_ count: Int, log: () async -> String = { "" }) async throws {
        for _ in 0..<100_000 where starts.count < count { await Task.yield() }
        let state = await log()
        try #require(starts.count >= count, "\(state)")
    }
}

final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var events: [SchedulerEvent] = []
    func add(_ event: SchedulerEvent) { lock.withLock { events.append(event) } }
    var all: [SchedulerEvent] { lock.withLock { events } }
    func waitFor(_ condition: ([SchedulerEvent]) -> Bool) async throws {
        for _ in 0..<100_000 where !lock.withLock({ condition(events) }) { await Task.yield() }
        try #require(lock.withLock { condition(events) })
    }
}
