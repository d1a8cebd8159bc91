public import Foundation
public import Logging

/// Runs one scheduled scan. The service's runner audits through `AuditPipeline`; tests pass
/// their own to observe starts and hold runs open.
public protocol ScheduleRunner: Sendable {
    func run(_ schedule: Schedule, fireTime: Date) async throws
}

/// What the scheduler did, for logs, metrics and the dashboard.
public enum SchedulerEvent: Sendable {
    case started(schedule: String, fireTime: Date, lateSeconds: Double, catchingUp: Bool, byHand: Bool)
    case finished(schedule: String, fireTime: Date, seconds: Double, error: String?)
    case dropped(schedule: String, fireTimes: [Date], reason: SchedulePlanner.DropReason)
}

/// The answer to starting a schedule by hand.
public enum RunNowResult: Sendable, Hashable {
    case started, alreadyRunning, unknownSchedule
}

/// Starts scheduled scans at their fire times, never two of one schedule at once, and remembers
/// what it decided in a small state file so missed runs are known after a restart.
public actor Scheduler {
    private var planner: SchedulePlanner
    private let clock: any ScheduleClock
    private let runner: any ScheduleRunner
    private let stateFile: String?
    private let logger: Logger
    private let onEvent: @Sendable (SchedulerEvent) -> Void
    private var runs: [String: Task<Void, Never>] = [:]

    public init(
        schedules: [Schedule], clock: any ScheduleClock, runner: any ScheduleRunner, stateFile: String?,
        logger: Logger, grace: TimeInterval = 60, onEvent: @escaping @Sendable (SchedulerEvent) -> Void = { _ in }
    ) {
        let saved = stateFile.map(Self.readState) ?? [:]
        planner = SchedulePlanner(schedules: schedules, lastDecided: saved, now: clock.now(), grace: grace)
        self.clock = clock
        self.runner = runner
        self.stateFile = stateFile
        self.logger = logger
        self.onEvent = onEvent
    }

    /// The schedules whose run is going.
    public var running: Set<String> { Set(runs.keys) }

    /// Each schedule's next fire time.
    public func nextFireTimes() -> [String: Date] { planner.nextFireTimes() }

    /// Decides and starts what is due now; returns the decisions (tests read them).
    @discardableResult
    public func step() -> [SchedulePlanner.Decision] {
        let now = clock.now()
        let decisions = planner.decide(at: now, running: running)
        for decision in decisions {
            switch decision {
            case .start(let name, let fireTime, let late, let catchingUp):
                guard let schedule = planner.schedules.first(where: { $0.name == name }) else { continue }
                start(schedule, fireTime: fireTime, late: late, catchingUp: catchingUp, byHand: false)
            case .dropped(let name, let fireTimes, let reason):
                logger.warning(
                    "scheduled fire times dropped",
                    metadata: ["schedule": "\(name)", "count": "\(fireTimes.count)", "reason": "\(reason.rawValue)"])
                onEvent(.dropped(schedule: name, fireTimes: fireTimes, reason: reason))
            }
        }
        if !decisions.isEmpty { saveState() }
        return decisions
    }

    /// Starts a schedule now, by hand (an auditor on the dashboard or the API). Refused while the
    /// schedule's previous run is going, like a fire time.
    public func runNow(_ name: String) -> RunNowResult {
        guard let schedule = planner.schedules.first(where: { $0.name == name }) else { return .unknownSchedule }
        guard runs[name] == nil else { return .alreadyRunning }
        start(schedule, fireTime: clock.now(), late: 0, catchingUp: false, byHand: true)
        return .started
    }

    /// The schedules, in file order.
    public var schedules: [Schedule] { planner.schedules }

    private func start(_ schedule: Schedule, fireTime: Date, late: TimeInterval, catchingUp: Bool, byHand: Bool) {
        let name = schedule.name
        logger.info(
            "scan starts",
            metadata: [
                "schedule": "\(name)", "fire_time": "\(fireTime)", "late_s": "\(late)", "catch_up": "\(catchingUp)",
                "by_hand": "\(byHand)",
            ])
        onEvent(.started(schedule: name, fireTime: fireTime, lateSeconds: late, catchingUp: catchingUp, byHand: byHand))
        let runner = runner
        let clock = clock
        runs[name] = Task {
            let started = clock.now()
            var failure: String?
            do {
                try await runner.run(schedule, fireTime: fireTime)
            } catch {
                failure = "\(error)"
            }
            self.finished(name, fireTime: fireTime, seconds: clock.now().timeIntervalSince(started), error: failure)
        }
    }

    /// Waits for the schedules' fire times and starts their runs until the task is cancelled.
    public func run() async {
        while !Task.isCancelled {
            step()
            let wake = planner.nextWake() ?? clock.now().addingTimeInterval(3600)
            do {
                try await clock.sleep(until: wake)
            } catch {
                break
            }
        }
        for run in runs.values { run.cancel() }
    }

    /// Waits until every run going now has ended (tests, and an orderly stop).
    public func waitForRuns() async {
        while let run = runs.values.first { await run.value }
    }

    private func finished(_ name: String, fireTime: Date, seconds: Double, error: String?) {
        runs[name] = nil
        if let error {
            logger.error("scheduled scan failed", metadata: ["schedule": "\(name)", "error": "\(error)"])
        } else {
            logger.info("scheduled scan finished", metadata: ["schedule": "\(name)", "seconds": "\(seconds)"])
        }
        onEvent(.finished(schedule: name, fireTime: fireTime, seconds: seconds, error: error))
    }

    // MARK: State

    private func saveState() {
        guard let stateFile else { return }
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        do {
            let url = URL(fileURLWithPath: stateFile)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try encoder.encode(planner.lastDecided).write(to: url, options: .atomic)
        } catch {
            logger.error("cannot save the scheduler's state", metadata: ["file": "\(stateFile)", "error": "\(error)"])
        }
    }

    private static func readState(_ path: String) -> [String: Date] {
        guard let data = FileManager.default.contents(atPath: path) else { return [:] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return (try? decoder.decode([String: Date].self, from: data)) ?? [:]
    }
}
