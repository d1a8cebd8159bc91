import Foundation
import PolicyEngine

/// Finds and loads policy files.
public enum PolicyCatalogue {
    /// `$ICTAUDIT_POLICIES`, else `policies/` in the current directory.
    public static func defaultLocation(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        environment["ICTAUDIT_POLICIES"].flatMap { $0.isEmpty ? nil : $0 } ?? "policies"
    }

    /// Policy files are `*.yaml`/`*.yml`; examples beside them (`*.tests.yaml`) are not policies.
    static func isPolicyFileName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.contains(".tests.")
    }

    /// Loads each path: a file, or every `*.yaml`/`*.yml` directly inside a folder (sub-folders such
    /// as `ranking/` and `catalogues/` hold other kinds of files and are skipped, as are test examples).
    /// A file whose top level has `checks:` is a Wazuh SCA policy; anything else is ours.
    public static func load(paths: [String]) throws(PolicyError) -> PolicySet {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw PolicyError(file: path, line: 1, column: 1, message: "no such policy file or folder")
            }
            if isDirectory.boolValue {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += entries.filter(isPolicyFileName).sorted()
                    .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        guard !files.isEmpty else {
            throw PolicyError(file: paths.first ?? ".", line: 1, column: 1, message: "no policy files (*.yaml) found")
        }
        var set = PolicySet(policies: [])
        var seen: [String: String] = [:]
        for file in files {
            let id: String
            if isWazuhSCA(file) {
                let policy = try SCAPolicy.load(contentsOf: file)
                id = policy.id
                set.sca.append(policy)
            } else {
                let policy = try Policy.load(contentsOf: file)
                id = policy.id
                set.policies.append(policy)
            }
            if let other = seen[id] {
                throw PolicyError(file: file.path, line: 1, column: 1, message: "policy id '\(id)' is also used by \(other)")
            }
            seen[id] = file.path
        }
        return set
    }

    static func isWazuhSCA(_ file: URL) -> Bool {
        guard let text = try? String(contentsOf: file, encoding: .utf8) else { return false }
        return text.split(separator: "\n", omittingEmptySubsequences: true).contains { $0.hasPrefix("checks:") }
    }
}
