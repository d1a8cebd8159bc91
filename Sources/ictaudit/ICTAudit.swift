import ArgumentParser
import Audit
import Foundation
import InventoryModel

@main
struct ICTAudit: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "ictaudit",
        abstract: "Kiểm kê hạ tầng CNTT và đánh giá tuân thủ an toàn thông tin / ICT inventory and security compliance audit.",
        discussion: """
            A full audit reads an inventory file, scans its hosts over SSH, stores the scan, judges it \
            against the policies and writes ranked reports:

              ictaudit audit inventory/demo.yaml --out reports/demo

            The stages also run alone on the store: `scan`, then `check`, then `report`.

            """ + DataSearch.helpText,
        version: AuditPipeline.toolVersion,
        subcommands: [
            AuditCommand.self, ScanCommand.self, CheckCommand.self, ReportCommand.self, ScansCommand.self, DiffCommand.self, PruneCommand.self,
            RankCommand.self, CaptureCommand.self, PolicyCommand.self, FactsCommand.self, InventoryCommand.self, ServeCommand.self,
            ScheduleCommand.self,
        ]
    )

    /// ArgumentParser's own `main`, except that a refused command line is printed in the
    /// language it asked for (`CommandLineError`); every other outcome (help, version, exit
    /// codes, errors already printed by `Console`) is ArgumentParser's.
    static func main() async {
        let arguments = Array(CommandLine.arguments.dropFirst())
        do {
            var command = try await asyncParseAsRoot(arguments)
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure, CommandLineError.language(arguments) == .vi {
                FileHandle.standardError.write(Data((CommandLineError.vietnamese(fullMessage(for: error)) + "\n").utf8))
                exit(withError: ExitCode.validationFailure)
            }
            exit(withError: error)
        }
    }
}
