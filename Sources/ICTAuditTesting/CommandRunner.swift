public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Runs a program to completion with a deadline, without blocking a concurrency thread.
///
/// Output goes to temporary files rather than pipes, so a chatty program can never fill a pipe
/// and stall while nobody reads it.
public enum CommandRunner {
    public struct Result: Sendable {
        public var status: Int32
        public var standardOutput: Data
        public var standardError: String
        /// Whether the deadline killed the program.
        public var timedOut: Bool
        public var standardOutputText: String { String(decoding: standardOutput, as: UTF8.self) }
    }

    /// `input`, when given, is the program's standard input (else /dev/null); `directory` is the
    /// working directory (default: this process's); `environment` replaces the program's
    /// environment when given.
    public static func run(
        _ executable: String, _ arguments: [String], input: Data? = nil, timeout: Duration, directory: String? = nil,
        environment: [String: String]? = nil
    ) async throws -> Result {
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-cmd-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let outURL = scratch.appendingPathComponent("stdout")
        let errURL = scratch.appendingPathComponent("stderr")
        _ = FileManager.default.createFile(atPath: outURL.path, contents: nil)
        _ = FileManager.default.createFile(atPath: errURL.path, contents: nil)
        let out = try FileHandle(forWritingTo: outURL)
        let err = try FileHandle(forWritingTo: errURL)
        defer {
            try? out.close()
            try? err.close()
        }

        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        if let environment { process.environment = environment }
        if let input {
            let inURL = scratch.appendingPathComponent("stdin")
            try input.write(to: inURL)
            process.standardInput = try FileHandle(forReadingFrom: inURL)
        } else {
            process.standardInput = FileHandle.nullDevice
        }
        process.standardOutput = out
        process.standardError = err
        let state = RunState()
        let status: Int32 = try await withCheckedThrowingContinuation { continuation in
            process.terminationHandler = { finished in
                state.finish()
                continuation.resume(returning: finished.terminationStatus)
            }
            do {
                try process.run()
            } catch {
                process.terminationHandler = nil
                continuation.resume(throwing: error)
                return
            }
            let pid = process.processIdentifier
            Task {
                try? await Task.sleep(for: timeout)
                if state.expire() { kill(pid, SIGKILL) }
            }
        }
        return Result(
            status: status, standardOutput: (try? Data(contentsOf: outURL)) ?? Data(),
            standardError: String(decoding: (try? Data(contentsOf: errURL)) ?? Data(), as: UTF8.self),
            timedOut: state.expired)
    }

    /// Whether the program finished or its deadline passed first; the lock keeps the deadline from
    /// killing a pid after the program has been reaped.
    private final class RunState: @unchecked Sendable {
        private let lock = NSLock()
        private var finished = false
        private var didExpire = false

        func finish() {
            lock.lock()
            finished = true
            lock.unlock()
        }

        /// Marks the deadline passed; true when the program is still running and must be killed.
        func expire() -> Bool {
            lock.lock()
            defer { lock.unlock() }
            guard !finished else { return false }
            didExpire = true
            return true
        }

        var expired: Bool {
            lock.lock()
            defer { lock.unlock() }
            return didExpire
        }
    }
}
