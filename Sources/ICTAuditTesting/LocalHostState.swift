/// One test at a time on this machine's own state.
///
/// Most tests touch only what they made (a lab in a temporary folder, a port of their own). A few
/// read or change this machine itself through `LocalSSHHost`: one adds an account with an empty
/// password for its duration, another compares two readings of `/etc/shadow` taken a moment apart.
/// Swift Testing runs suites in parallel, so such tests hold this lock for their whole body, and a
/// reading never sees another test's passing change.
public enum LocalHostState {
    private actor Lock {
        var held = false
        var waiters: [CheckedContinuation<Void, Never>] = []

        func acquire() async {
            guard held else {
                held = true
                return
            }
            await withCheckedContinuation { waiters.append($0) }
        }

        func release() {
            if waiters.isEmpty { held = false } else { waiters.removeFirst().resume() }
        }
    }

    private static let lock = Lock()

    /// Runs `body` while no other test holds the machine's state.
    public static func exclusive<T>(_ body: () async throws -> T) async rethrows -> T {
        await lock.acquire()
        do {
            let result = try await body()
            await lock.release()
            return result
        } catch {
            await lock.release()
            throw error
        }
    }
}
