import Foundation
public import InventoryModel

/// A step of a fleet scan, for progress displays.
public enum ScanProgress: Sendable {
    case started(SSHTarget)
    case finished(HostScan, completed: Int, total: Int)
}

extension HostScanner {
    /// Scans every target, at most `options.concurrency` at once, each on its own thread so that
    /// blocking libssh2 calls never starve Swift's cooperative pool.
    ///
    /// Results come back in the order of `targets`.
    public func scan(
        _ targets: [SSHTarget], progress: @escaping @Sendable (ScanProgress) -> Void = { _ in }
    ) async -> [HostScan] {
        let limit = max(1, options.concurrency)
        var results = [HostScan?](repeating: nil, count: targets.count)
        await withTaskGroup(of: (Int, HostScan).self) { group in
            var next = 0
            var completed = 0
            func launch(_ index: Int) {
                let target = targets[index]
                group.addTask {
                    await withCheckedContinuation { continuation in
                        // A thread per in-flight host: GCD's pool is as wide as the CPU count,
                        // which would serialise hosts that spend their time waiting on the network.
                        let worker = Thread {
                            progress(.started(target))
                            continuation.resume(returning: (index, self.scan(target)))
                        }
                        worker.name = "ictaudit-ssh-\(index)"
                        worker.start()
                    }
                }
            }
            while next < min(limit, targets.count) {
                launch(next)
                next += 1
            }
            for await (index, result) in group {
                results[index] = result
                completed += 1
                progress(.finished(result, completed: completed, total: targets.count))
                if next < targets.count {
                    launch(next)
                    next += 1
                }
            }
        }
        return results.map { $0! }
    }
}

extension HostScanner {
    /// Scans one target from async code on its own thread, leaving Swift's small cooperative pool
    /// free; the synchronous `scan(_:)` would block one of its threads for the whole timeout.
    public func scan(_ target: SSHTarget) async -> HostScan {
        await scan([target])[0]
    }
}
