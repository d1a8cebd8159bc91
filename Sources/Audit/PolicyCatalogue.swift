import Foundation
import PolicyEngine

/// Finds and loads policy files.
public enum PolicyCatalogue {
    /// `$ICTAUDIT_POLICIES`, else `policies/` in the current directory.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["ICTAUDIT_POLICIES"].flatMap { $0.isEmpty ? nil : $0 } ?? "policies"
    }

    /// Loads each path: a file, or every `*.yaml`/`*.yml` directly inside a folder (sub-folders such
    /// as `ranking/` and `catalogues/` hold other kinds of files and are skipped, and so are the
    /// policy examples `*.tests.yaml`, which `ictaudit policy test` runs).
    public static func load(paths: [String]) throws(PolicyError) -> [Policy] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PolicyError(file: path, line: 1, column: 1, message: "no such policy file or folder")
            }
            if isDirectory.boolValue {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += entries.filter { ($0.hasSuffix(".yaml") || $0.hasSuffix(".yml")) && !$0.contains(".tests.") }
                    .sorted()
                    .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        guard !files.isEmpty else {
            throw PolicyError(file: paths.first ?? ".", line: 1, column: 1, message: "no policy files (*.yaml) found")
        }
        var policies: [Policy] = []
        var seen: [String: String] = [:]
        for file in files {
            let policy = try Policy.load(contentsOf: file)
            if let other = seen[policy.id] {
                throw PolicyError(
                    file: file.path, line: 1, column: 1, message: "policy id '\(policy.id)' is also used by \(other)")
            }
            seen[policy.id] = file.path
            policies.append(policy)
        }
        return policies
    }
}
