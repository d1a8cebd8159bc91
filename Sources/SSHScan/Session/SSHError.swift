public import InventoryModel

/// Why talking to a host failed, in words a user can act on.
///
/// Each case maps to the `HostStatus` a scan records, so a failure is a result, never a crash.
public enum SSHError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Could not open a TCP connection (refused, no route, name not found).
    case unreachable(String)
    /// A phase did not finish before its deadline.
    case timedOut(String)
    /// The host's key is not in known_hosts and `--accept-new` was not given.
    case hostKeyUnknown(String)
    /// The host's key differs from the one recorded in known_hosts.
    case hostKeyChanged(String)
    /// The server refused every credential offered.
    case authenticationFailed(String)
    /// Anything else: protocol errors, unreadable key files, a channel that would not open.
    case failed(String)

    public var status: HostStatus {
        switch self {
        case .unreachable: .unreachable
        case .timedOut: .timedOut
        case .hostKeyUnknown: .hostKeyUnknown
        case .hostKeyChanged: .hostKeyChanged
        case .authenticationFailed: .authFailed
        case .failed: .error
        }
    }

    public var description: String {
        switch self {
        case .unreachable(let m), .timedOut(let m), .hostKeyUnknown(let m), .hostKeyChanged(let m),
            .authenticationFailed(let m), .failed(let m):
            m
        }
    }
}

extension SSHError {
    /// The same error with context in front of its message, e.g. which jump host it came from.
    func prefixed(_ context: String) -> SSHError {
        switch self {
        case .unreachable(let m): .unreachable(context + m)
        case .timedOut(let m): .timedOut(context + m)
        case .hostKeyUnknown(let m): .hostKeyUnknown(context + m)
        case .hostKeyChanged(let m): .hostKeyChanged(context + m)
        case .authenticationFailed(let m): .authenticationFailed(context + m)
        case .failed(let m): .failed(context + m)
        }
    }
}
