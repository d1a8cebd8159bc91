import ArgumentParser
import Audit
import Foundation
import InventoryModel
import Logging

/// The terminal face of the tool: progress on stderr, results on stdout, errors as one clear line.
struct Console: Sendable {
    let language: Language
    let logger: Logger
    var output: CommandOutput { .terminal }

    init(language: Language) {
        self.language = language
        LoggingBootstrap.once()
        var logger = Logger(label: "ictaudit")
        logger.logLevel = ProcessInfo.processInfo.environment["ICTAUDIT_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        self.logger = logger
    }

    /// Runs a step whose errors say what and where: each becomes one line and exit code 2; a
    /// `CommandStatus` (results written, the status tells) becomes that exit code.
    func checked<T>(_ body: () async throws -> T) async throws -> T {
        try await Self.checked(language, body)
    }

    /// As `checked`, before logging is set up (`serve` sets up its own).
    static func checked<T>(_ language: Language, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let exit as ExitCode {
            throw exit
        } catch let status as CommandStatus {
            throw ExitCode(status.code)
        } catch {
            let message = (error as? any WordedError)?.text(language) ?? "\(error)"
            FileHandle.standardError.write(Data("\(language == .vi ? "lỗi" : "error"): \(message)\n".utf8))
            throw ExitCode(2)
        }
    }

    @Sendable func show(_ event: AuditEvent) {
        if let line = event.line(language) { FileHandle.standardError.write(Data((line + "\n").utf8)) }
    }
}

/// The executable configures logging once; libraries only take a `Logger`.
enum LoggingBootstrap {
    private static let done: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)
    static func once() { _ = done }
}
