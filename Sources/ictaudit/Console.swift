import ArgumentParser
import Audit
import Foundation
import InventoryModel
import Logging

/// The terminal face of the tool: progress on stderr, summaries on stdout, errors as one clear line.
struct Console: Sendable {
    let language: Language
    let logger: Logger

    init(language: Language) {
        self.language = language
        LoggingBootstrap.once()
        var logger = Logger(label: "ictaudit")
        logger.logLevel = ProcessInfo.processInfo.environment["ICTAUDIT_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        self.logger = logger
    }

    /// Runs a step whose errors say what and where, and turns them into one line and exit code 2.
    func checked<T>(_ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw failure("\(error)")
        }
    }

    /// One clear error line and exit code 2.
    func failure(_ message: String) -> any Error {
        FileHandle.standardError.write(Data("\(language == .vi ? "lỗi" : "error"): \(message)\n".utf8))
        return ExitCode(2)
    }

    @Sendable func show(_ event: AuditEvent) {
        if let line = event.line(language) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }

    func print(_ lines: [String]) {
        for line in lines { Swift.print(line) }
    }
}

/// The executable configures logging once; libraries only take a `Logger`.
enum LoggingBootstrap {
    private static let done: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)
    static func once() { _ = done }
}
