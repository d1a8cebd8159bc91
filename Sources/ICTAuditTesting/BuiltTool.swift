public import Foundation

/// The `ictaudit` executable that `swift build --build-tests` puts beside the test bundle, for
/// tests that run the tool as a user does: a real process, its output, its exit status, kill -9.
public enum BuiltTool {
    /// Its path, or nil when only the tests were built.
    public static let path: String? = {
        let folder = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        let candidates = [folder, folder.deletingLastPathComponent()].map { $0.appendingPathComponent("ictaudit").path }
        return candidates.first { FileManager.default.isExecutableFile(atPath: $0) }
    }()

    /// Starts `executable` with empty standard input and standard output and error both written to
    /// `log`; the caller waits for it, or kills it mid-way.
    public static func launch(_ executable: String, _ arguments: [String], log: URL) throws -> Process {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardInput = FileHandle.nullDevice
        _ = FileManager.default.createFile(atPath: log.path, contents: nil)
        let handle = try FileHandle(forWritingTo: log)
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        return process
    }
}
