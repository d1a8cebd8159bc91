import Foundation

/// A small number for every fact path that starts at a root (`host.os.family`, and the element
/// paths a macro reads, `host.listening[0].port`), the same number wherever and in whichever
/// expression the path is written.
///
/// An evaluator judges all of a policy's rules on one host, and rules read the same facts again
/// and again (`host.os.family` in many a `when`). With a number per path it remembers each fact it
/// has looked up in an array, instead of hashing the field names through the fact tree's
/// dictionaries once per rule. Numbers are given out while expressions compile, never while they
/// evaluate, so the lock is off the hot path.
final class RootedPathNumbers: @unchecked Sendable {
    static let shared = RootedPathNumbers()

    private let lock = NSLock()
    private var numbers: [String: Int] = [:]

    /// How many numbers are given out: the size an evaluator's per-host memory starts at, so it
    /// does not grow a step at a time on every host.
    var count: Int { lock.withLock { numbers.count } }

    func number(for path: String) -> Int {
        lock.withLock {
            if let known = numbers[path] { return known }
            let next = numbers.count
            numbers[path] = next
            return next
        }
    }
}
