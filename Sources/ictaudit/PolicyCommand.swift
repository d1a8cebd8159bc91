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
                "Run the examples written next to policies (*.tests.yaml): facts in, expected verdicts out.",
            discussion: DataSearch.helpText)

        @Argument(
            help: ArgumentHelp(
                "Test files, or folders holding *.tests.yaml. Default: the data directory's policies/.",
                valueName: "file"))
        var files: [String] = []
        @OptionGroup var data: DataOptions

        func run() async throws {
            let console = Console(language: .en)
            let suites = try await console.checked { try AuditWorkspace(options: .init(dataDirectory: data.data)).policyTestSuites(files) }
            let run = PolicyTestRun(suites)
            for suite in run.suites {
                for problem in suite.problems { FileHandle.standardError.write(Data("\(problem)\n".utf8)) }
                if let line = suite.line { print(line) }
            }
            print(run.summary)
            if run.failures > 0 { throw ExitCode(1) }
        }
    }
}
