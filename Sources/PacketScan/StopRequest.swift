import Foundation

/// Lets another thread end a capture early, such as the command line's Ctrl-C handler; the
/// capture still reports everything it read. The read loop asks when the interface is idle and
/// every 4,096 packets, so the lock costs the packet loop nothing measurable.
public final class StopRequest: @unchecked Sendable {
    private let lock = NSLock()
    private var requested = false

    public init() {}

    public func stop() {
        lock.lock()
        requested = true
        lock.unlock()
    }

    public var isRequested: Bool {
        lock.lock()
        defer { lock.unlock() }
        return requested
    }
}
