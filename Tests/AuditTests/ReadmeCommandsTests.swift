import Foundation
import ICTAuditTesting
import Testing

/// The README's command list is what users copy: every flag it shows must be one the built tool
/// accepts, read from the tool's own `--help`.
@Suite(.enabled(if: BuiltTool.path != nil, "the ictaudit binary is not built beside the tests"))
struct ReadmeCommandsTests {
    /// The lines of the `## Commands` code block: the words naming the command, and its flags.
    static func commands() throws -> [(command: [String], flags: [String], line: String)] {
        let readme = try String(contentsOf: Lab.repositoryRoot.appendingPathComponent("README.md"), encoding: .utf8)
        let section = try #require(readme.range(of: "## Commands\n\n```sh\n"))
        let end = try #require(readme.range(of: "```", range: section.upperBound..<readme.endIndex))
        return readme[section.upperBound..<end.lowerBound].split(separator: "\n").map { raw in
            let line = String(raw.prefix { $0 != "#" })
            let words = line.split(separator: " ").map(String.init).dropFirst()  // "ictaudit"
            // The command is its lower-case words before the first argument, flag or choice.
            let command = words.prefix { $0.first?.isLowercase == true && !$0.contains("|") }
            let flags = line.matches(of: /--[a-z][a-z-]*/).map { String($0.output) }
            return (Array(command), flags, String(raw))
        }
    }

    @Test("every flag the README's command list shows is in that command's --help")
    func readmeFlagsExist() async throws {
        let commands = try Self.commands()
        #expect(commands.count >= 15)
        for (command, flags, line) in commands {
            let help = try await CommandRunner.run(BuiltTool.path!, command + ["--help"], timeout: .seconds(30))
            #expect(help.status == 0, "\(line): \(help.standardError)")
            let known = Set(help.standardOutputText.matches(of: /--[a-z][a-z-]*/).map { String($0.output) })
            for flag in flags {
                #expect(known.contains(flag), "README: `\(line)` shows \(flag), which `ictaudit \(command.joined(separator: " ")) --help` does not list")
            }
        }
    }
}
