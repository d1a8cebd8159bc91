import ArgumentParser
import Audit
import Foundation
import InventoryModel
import PolicyEngine

/// `ictaudit policy lint` and `ictaudit policy test`: for policy authors, no hosts needed.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check and test policy files without touching any host.",
        subcommands: [Lint.self, Test.self])

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract:
                "Load policies, policy tests, waiver files or Wazuh SCA policies and report the first problem in each."
        )

        @Argument(help: ArgumentHelp("Files to check.", valueName: "file"))
        var files: [String]

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError("name at least one file") }
        }

        func run() async throws {
            var failed = 0
            for file in files {
                do {
                    let (_, summary) = try PolicyLinter.lint(contentsOf: URL(fileURLWithPath: file))
                    print("\(file): ok — \(summary)")
                } catch {
                    failed += 1
                    FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                }
            }
            if failed > 0 { throw ExitCode(1) }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test",
            abstract:
                "Run the examples written next to policies (*.tests.yaml): facts in, expected verdicts out."
        )

        @Argument(
            help: ArgumentHelp(
                "Test files, or folders holding *.tests.yaml. Default: $ICTAUDIT_POLICIES, else ./policies.",
                valueName: "file"))
        var files: [String] = []

        func run() async throws {
            var suites: [URL] = []
            for path in files.isEmpty ? [PolicyCatalogue.defaultLocation()] : files {
                var isDirectory: ObjCBool = false
                guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                    FileHandle.standardError.write(
                        Data("\(path):1:1: no such file or folder\n".utf8))
                    throw ExitCode(2)
                }
                if isDirectory.boolValue {
                    let names = (try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []
                    suites += names.filter { $0.hasSuffix(".tests.yaml") }.sorted()
                        .map { URL(fileURLWithPath: path).appendingPathComponent($0) }
                } else {
                    suites.append(URL(fileURLWithPath: path))
                }
            }
            var failures = 0
            var expectations = 0
            for url in suites {
                do {
                    let suite = try PolicyTestSuite.load(contentsOf: url)
                    let policy = try Policy.load(contentsOf: suite.policyURL(relativeTo: url))
                    let problems = suite.run(policy)
                    expectations += suite.cases.map(\.expectations.count).reduce(0, +)
                    failures += problems.count
                    for problem in problems {
                        FileHandle.standardError.write(Data("\(problem)\n".utf8))
                    }
                    print(
                        "\(url.relativePath): \(problems.isEmpty ? "ok" : "\(problems.count) failed") — \(suite.cases.count) cases"
                    )
                } catch {
                    failures += 1
                    FileHandle.standardError.write(Data("\(error.description)\n".utf8))
                }
            }
            print("\(suites.count) suites, \(expectations) expectations, \(failures) failures")
            if failures > 0 { throw ExitCode(1) }
        }
    }
}
