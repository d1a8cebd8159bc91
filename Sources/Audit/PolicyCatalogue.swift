public import Foundation
import InventoryModel
import PolicyEngine

/// Finds and loads policy files and the examples written next to them.
public enum PolicyCatalogue {
    /// Policy files are `*.yaml`/`*.yml`; examples beside them (`*.tests.yaml`) are not policies.
    static func isPolicyFileName(_ name: String) -> Bool {
        (name.hasSuffix(".yaml") || name.hasSuffix(".yml")) && !name.contains(".tests.")
    }

    /// Examples next to policies, run by `ictaudit policy test`.
    static func isTestFileName(_ name: String) -> Bool {
        name.hasSuffix(".tests.yaml") || name.hasSuffix(".tests.yml")
    }

    /// The one walk over policy paths: each path is a file, or a folder whose files directly inside
    /// match `include` (sub-folders such as `ranking/` and `catalogues/` hold other kinds of files
    /// and are skipped). A path that does not exist is a `WorkspaceError`, not a `file:1:1` error:
    /// nothing was read.
    public static func files(in paths: [String], include: (String) -> Bool) throws(WorkspaceError) -> [URL] {
        var files: [URL] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                throw WorkspaceError(vi: "không có tệp hay thư mục: \(path)", en: "no such file or folder: \(path)")
            }
            if isDirectory.boolValue {
                let entries = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                files += entries.filter(include).sorted()
                    .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
            } else {
                files.append(URL(fileURLWithPath: path))
            }
        }
        return files
    }

    /// The `*.tests.yaml` files among `paths`.
    public static func testSuites(in paths: [String]) throws(WorkspaceError) -> [URL] {
        try files(in: paths, include: isTestFileName)
    }

    /// Loads each path: a file, or every policy file directly inside a folder.
    /// A file whose top level has `checks:` is a Wazuh SCA policy; anything else is ours.
    public static func load(paths: [String]) throws -> PolicySet {
        let files = try files(in: paths, include: isPolicyFileName)
        guard !files.isEmpty else {
            throw WorkspaceError(
                vi: "không có tệp chính sách (*.yaml) trong \(paths.joined(separator: ", "))",
                en: "no policy files (*.yaml) in \(paths.joined(separator: ", "))")
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
                throw PolicyError(file: file.path, line: 1, column: 1, problem: PolicyProblem.policyIDTaken(id, by: other))
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
