import Foundation
public import NIOCore

#if canImport(Glibc)
    import Glibc
#endif

/// Answers already encoded, by scan and request.
///
/// A stored scan never changes, so the JSON of `/api/v1/units` or of a page of findings for scan
/// N is the same for every caller until a newer scan is served: it is encoded once and copied
/// after that. Only the newest scan's answers are kept, within a byte budget; a lock rather
/// than an actor, so readers never queue behind one another to look.
public final class ResponseCache: @unchecked Sendable {
    private struct State {
        var scanID: Int64?
        var entries: [String: ByteBuffer] = [:]
        var bytes = 0
    }

    private let lock = NSLock()
    private var current = State()
    /// The most the cache holds; past it, it starts again empty.
    public let budget: Int

    public init(budget: Int = 64 << 20) { self.budget = budget }

    /// The answer kept for `key` of scan `scanID`.
    public func answer(scanID: Int64, key: String) -> ByteBuffer? {
        lock.withLock { current.scanID == scanID ? current.entries[key] : nil }
    }

    /// Keeps an answer of scan `scanID` (ignored when that scan is no longer the newest).
    public func keep(_ body: ByteBuffer, scanID: Int64, key: String) {
        lock.withLock {
            guard current.scanID == scanID else { return }
            if current.bytes + body.readableBytes > budget { (current.entries, current.bytes) = ([:], 0) }
            current.entries[key] = body
            current.bytes += body.readableBytes
        }
    }

    /// A newer scan is served: the answers of the previous one go.
    func keep(scanID: Int64) {
        lock.withLock {
            guard current.scanID != scanID else { return }
            current = State(scanID: scanID)
        }
    }

    /// How many answers are kept (for tests).
    var count: Int { lock.withLock { current.entries.count } }
}

/// Work that should yield the processor to requests: a thread of its own at a lower CPU
/// priority (Linux keeps a nice value per thread).
///
/// Nice 5, not 19: at 19 a rebuild on a busy machine gets ~1.5 % of a core against every other
/// process, and a first view (which every request waits for) took minutes; at 5 it still gives
/// requests about three times its share.
enum LowPriorityThread {
    static func run<T: Sendable>(nice: Int32 = 5, _ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            let thread = Thread {
                #if canImport(Glibc)
                    // `who` 0 is the calling thread, not the whole process.
                    if nice != 0 { _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, nice) }
                #endif
                continuation.resume(with: Result { try body() })
            }
            thread.stackSize = 8 << 20
            thread.start()
        }
    }
}
