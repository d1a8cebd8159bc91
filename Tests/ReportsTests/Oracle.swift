import Foundation
import Reports
import ICTAuditTesting

/// Independent readers of our output: Python's openpyxl, jsonschema, junitparser and
/// compliance-trestle, LibreOffice and Chromium. Each test that uses one is enabled only when
/// it is installed (CI installs them all).
enum Oracle {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracles")
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// Whether `python3 -c "import module"` works.
    static func python(_ module: String) -> Bool {
        run("/usr/bin/env", ["python3", "-c", "import \(module)"]) == 0
    }

    static func tool(_ name: String) -> String? {
        for folder in ["/usr/bin", "/usr/local/bin", "/bin"] {
            let path = "\(folder)/\(name)"
            if FileManager.default.isExecutableFile(atPath: path) { return path }
        }
        return nil
    }

    private static func run(_ executable: String, _ arguments: [String]) -> Int32 {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        do { try process.run() } catch { return -1 }
        process.waitUntilExit()
        return process.terminationStatus
    }

    /// Runs one of the scripts in `Oracles/` and returns its exit status and output.
    static func script(_ name: String, _ arguments: [String]) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            "/usr/bin/env", ["python3", directory.appendingPathComponent(name).path] + arguments,
            timeout: .seconds(300))
    }

    static func json(_ result: CommandRunner.Result) throws -> Any {
        try JSONSerialization.jsonObject(with: result.standardOutput)
    }

    /// A fresh folder for one test's files.
    static func scratch() throws -> URL {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-reports-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        return url
    }

    static func write(_ files: [Reports.ReportFile], to folder: URL) throws {
        for file in files {
            let url = folder.appendingPathComponent(file.name)
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try file.data.write(to: url)
        }
    }
}
