import ArgumentParser
import Audit
import InventoryModel
import Reports

/// `ictaudit inventory`: the asset register of a stored scan.
struct InventoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "inventory", abstract: "The asset register of a stored scan: units with their figures, one row per computer.",
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
    @OptionGroup var language: LanguageOption
    @OptionGroup var data: DataOptions

    func run() async throws {
        let workspace = AuditWorkspace(options: .init(dataDirectory: data.data, store: store))
        try await Console(language: language.lang).checked {
            let register = try workspace.assetRegister(scan: scan, unit: unit, language: language.lang)
            CommandOutput.terminal.write(try register.render(format, software: software))
        }
    }
}
