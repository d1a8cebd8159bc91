import ArgumentParser
import Audit
import InventoryModel

/// `ictaudit rank`: ranks units under a method file from declared figures, a stored scan, or both.
struct RankCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rank",
        abstract: "Rank units under a ranking method (policies/ranking/*.yaml) from declared figures and/or a stored scan.",
        discussion: """
            Example: ictaudit rank --method policies/ranking/dti-2022-province.yaml --figures dti.csv --format json
            The CSV has a `unit` column, optional `name` and `group`, then one column per indicator or pillar id.
            With --store or --scan, figures measured in the stored scan win over declared ones.

            """ + DataSearch.helpText)

    @Option(name: .long, help: ArgumentHelp("Ranking method: a file (YAML), or a name in the data's ranking/ folder.", valueName: "method"))
    var method: String
    @Option(name: .long, help: ArgumentHelp("Declared figures (CSV).", valueName: "csv"))
    var figures: String?
    @Option(name: .long, help: ArgumentHelp("SQLite store to read measured figures from.", valueName: "path"))
    var store: String?
    @Option(name: .long, help: "Scan id to read measured figures from (default with --store: the newest).")
    var scan: Int64?
    @Option(name: .long, help: "Output: table or json.")
    var format: RankRequest.Format = .table
    @Option(name: .long, help: ArgumentHelp("Explain one unit's result instead of listing all.", valueName: "unit"))
    var explain: String?
    @OptionGroup var language: LanguageOption
    @OptionGroup var data: DataOptions

    func validate() throws {
        if let problem = RankRequest.problem(figures: figures, store: store, scan: scan) { throw ValidationError(problem.text(language.lang)) }
    }

    func run() async throws {
        let workspace = AuditWorkspace(options: .init(dataDirectory: data.data, rankingMethod: method, store: store))
        let request = RankRequest(figures: figures, scan: scan, format: format, explain: explain, language: language.lang)
        try await Console(language: language.lang).checked { try workspace.rank(request, output: .terminal) }
    }
}
