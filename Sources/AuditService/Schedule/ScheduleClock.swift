public import Foundation

/// Where the scheduler reads the time and waits: the system clock in the service, a clock the
/// test moves by hand in tests (so no test sleeps).
public protocol ScheduleClock: Sendable {
    func now() -> Date
    /// Returns at `deadline` or later, or throws when the task is cancelled.
    func sleep(until deadline: Date) async throws
}

/// The real clock. Waits in steps of at most a minute, so a wall clock set forward or back (NTP,
/// a laptop waking) is noticed within a minute rather than after the whole wait.
public struct SystemScheduleClock: ScheduleClock {
    public init() {}

    public func now() -> Date { Date() }

    public func sleep(until deadline: Date) async throws {
        while true {
            let remaining = deadline.timeIntervalSinceNow
            guard remaining > 0 else { return }
            try await Task.sleep(for: .seconds(min(remaining, 60)))
        }
    }
}
