import ArgumentParser
import Audit
import InventoryModel
import PolicyEngine

/// `ictaudit policy lint` and `ictaudit policy test`: for policy authors, no hosts needed.
struct PolicyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy", abstract: "Check and test policy files without touching any host.", subcommands: [Lint.self, Test.self])

    struct Lint: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "lint",
            abstract: "Load policies, policy tests, waiver files or Wazuh SCA policies and report the first problem in each.")

        @Argument(help: ArgumentHelp("Files to check.", valueName: "file"))
        var files: [String]
        @OptionGroup var language: LanguageOption

        func validate() throws {
            guard !files.isEmpty else { throw ValidationError(UsageProblem.noFiles.text(language.lang)) }
        }

        func run() async throws {
            try await Console.checked(language.lang) { try PolicyLinter.lint(files: files, language: language.lang, output: .terminal) }
        }
    }

    struct Test: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "test", abstract: "Run the examples written next to policies (*.tests.yaml): facts in, expected verdicts out.",
            discussion: DataSearch.helpText)

        @Argument(help: ArgumentHelp("Test files, or folders holding *.tests.yaml. Default: the data directory's policies/.", valueName: "file"))
        var files: [String] = []
        @OptionGroup var data: DataOptions
        @OptionGroup var language: LanguageOption

        func run() async throws {
            let workspace = AuditWorkspace(options: .init(dataDirectory: data.data))
            try await Console(language: language.lang).checked {
                try workspace.testPolicies(files, language: language.lang, output: .terminal)
            }
        }
    }
}
