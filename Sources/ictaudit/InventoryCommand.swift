public import ArgumentParser
import Audit
import Foundation
import InventoryModel
public import Reports

/// `ictaudit inventory`: the asset register of a stored scan.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory",
        abstract: "The asset register of a stored scan: units with their figures, one row per computer.",
        discussion: """
            Example: ictaudit inventory --format csv > may-tinh.csv   (opens in a spreadsheet, one row per host)
                     ictaudit inventory --unit thanh-tra --software --format csv
            Measured figures come from the scan and the capture stored with it; declared ones from the inventory.

            """ + DataSearch.helpText)

    @Option(name: .long, help: "Scan id (default: the newest complete scan).")
    var scan: Int64?
    @Option(name: .long, help: ArgumentHelp("Only this unit.", valueName: "unit"))
    var unit: String?
    @Option(name: .long, help: "Output: table, csv or json.")
    var format: AssetRegister.Format = .table
    @Flag(name: .long, help: "List each host's packages and Windows updates instead of the hosts.")
    var software = false
    @Option(name: .long, help: ArgumentHelp("SQLite store.", valueName: "path"))
    var store: String?
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi
    @OptionGroup var data: DataOptions

    func run() async throws {
        let console = Console(language: lang)
        let workspace = AuditWorkspace(options: .init(dataDirectory: data.data, store: store))
        let output = try await console.checked {
            try workspace.assetRegister(scan: scan, unit: unit, language: lang).render(format, software: software)
        }
        FileHandle.standardOutput.write(output)
    }
}

extension AssetRegister.Format: ExpressibleByArgument {}
