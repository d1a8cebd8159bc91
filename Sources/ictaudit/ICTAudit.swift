import ArgumentParser
import Audit

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
}
