import ArgumentParser
import Audit
import Foundation
import InventoryModel
import Ranking
import Reports

/// `ictaudit rank`: ranks units under a method file from declared figures, a stored scan, or both.
struct RankCommand: AsyncParsableCommand {
    enum Format: String, ExpressibleByArgument {
        case table, json
    }

    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank units under a ranking method (policies/ranking/*.yaml) from declared figures and/or a stored scan.",
        discussion: """
            Example: ictaudit rank --method policies/ranking/dti-2022-province.yaml --figures dti.csv --format json
            The CSV has a `unit` column, optional `name` and `group`, then one column per indicator or pillar id.
            With --store or --scan, figures measured in the stored scan win over declared ones.

            """ + DataSearch.helpText)

    @Option(
        name: .long,
        help: ArgumentHelp("Ranking method: a file (YAML), or a name in the data's ranking/ folder.", valueName: "method"))
    var method: String
    @Option(name: .long, help: ArgumentHelp("Declared figures (CSV).", valueName: "csv"))
    var figures: String?
    @Option(name: .long, help: ArgumentHelp("SQLite store to read measured figures from.", valueName: "path"))
    var store: String?
    @Option(name: .long, help: "Scan id to read measured figures from (default with --store: the newest).")
    var scan: Int64?
    @Option(name: .long, help: "Output: table or json.")
    var format: Format = .table
    @Option(name: .long, help: ArgumentHelp("Explain one unit's result instead of listing all.", valueName: "unit"))
    var explain: String?
    @Option(name: .long, help: "Output language: vi or en.")
    var lang: Language = .vi
    @OptionGroup var data: DataOptions

    func validate() throws {
        guard figures != nil || store != nil || scan != nil else {
            throw ValidationError("give --figures, --store or --scan: there is nothing to rank")
        }
    }

    func run() async throws {
        let console = Console(language: lang)
        let workspace = AuditWorkspace(
            options: .init(dataDirectory: data.data, rankingMethod: self.method, store: store))
        let (method, declared, measured) = try await console.checked {
            let method = try workspace.rankingMethod()
            let measured = store != nil || scan != nil ? try workspace.measured(scan: scan) : nil
            return (method, try workspace.declaredFigures(figures, method: method), measured)
        }
        if let unit = explain {
            guard
                let explanation = method.explain(
                    unit, snapshot: measured?.snapshot, findings: measured?.findings ?? [], figures: declared)
            else {
                throw console.failure(lang == .vi ? "không có đơn vị '\(unit)' để giải thích" : "there is no unit '\(unit)' to explain")
            }
            print(explanation.lines(lang).map(TerminalText.printable).joined(separator: "\n"))
            return
        }
        let result = method.score(measured?.snapshot, findings: measured?.findings ?? [], figures: declared)
        switch format {
        case .json: print(try RankingDocument(method: method, result: result).json())
        case .table:
            // Unit names come from the CSV: control characters are made visible, tabs and lines kept.
            for line in result.table(lang).split(separator: "\n") {
                print(line.split(separator: "\t", omittingEmptySubsequences: false).map { TerminalText.printable(String($0)) }
                    .joined(separator: "\t"))
            }
        }
    }
}
