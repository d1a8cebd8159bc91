import Foundation

/// A point on the monotonic clock by which a phase must finish.
///
/// Every wait in the scanner is bounded by one of these, so a silent host can only cost its own
/// timeout, never the whole scan.
struct Deadline: Sendable {
    let uptimeNanoseconds: UInt64

    init(secondsFromNow seconds: Double) {
        uptimeNanoseconds = DispatchTime.now().uptimeNanoseconds + UInt64(max(0, seconds) * 1e9)
    }

    private init(uptimeNanoseconds: UInt64) {
        self.uptimeNanoseconds = uptimeNanoseconds
    }

    /// Milliseconds left, 0 when past.
    var remainingMilliseconds: Int32 {
        let now = DispatchTime.now().uptimeNanoseconds
        guard uptimeNanoseconds > now else { return 0 }
        return Int32(min(UInt64(Int32.max), (uptimeNanoseconds - now) / 1_000_000))
    }

    var hasPassed: Bool { remainingMilliseconds == 0 }

    /// The earlier of two deadlines.
    func capped(atSecondsFromNow seconds: Double) -> Deadline {
        let other = Deadline(secondsFromNow: seconds)
        return Deadline(uptimeNanoseconds: min(uptimeNanoseconds, other.uptimeNanoseconds))
    }
}
