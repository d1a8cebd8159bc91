import ICTAuditTesting

/// Tools the report tests run (LibreOffice, Chromium), with a generous deadline.
enum CommandRunnerShim {
    static func run(_ executable: String, _ arguments: [String]) async throws -> CommandRunner.Result {
        try await CommandRunner.run(executable, arguments, timeout: .seconds(300))
    }
}
