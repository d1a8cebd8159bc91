import ArgumentParser
import Foundation
import Inventory
import InventoryModel
import PolicyEngine
import Ranking

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
            """)

    @Option(name: .long, help: ArgumentHelp("Ranking method file (YAML).", valueName: "file"))
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

    func validate() throws {
        guard figures != nil || store != nil || scan != nil else {
            throw ValidationError("give --figures, --store or --scan: there is nothing to rank")
        }
    }

    func run() async throws {
        let console = Console(language: lang)
        let method = try console.checked { try RankingMethod.load(contentsOf: URL(fileURLWithPath: self.method)) }
        let declared = try console.checked { () throws -> DeclaredFigures in
            guard let figures else { return DeclaredFigures() }
            let text: String
            do {
                text = try String(contentsOfFile: figures, encoding: .utf8)
            } catch {
                throw PolicyError(file: figures, line: 1, column: 1, message: "cannot read the file: \(error.localizedDescription)")
            }
            return try DeclaredFigures.parseCSV(text, file: figures, method: method)
        }
        var snapshot: InventorySnapshot?
        var findings: [Finding] = []
        if store != nil || scan != nil {
            let opened = try console.checked { try AuditStore(path: store ?? AuditStore.defaultPath()) }
            let stored = try console.storedSnapshot(opened, id: scan)
            findings = try console.checked { try opened.latestEvaluation(scanID: stored.scanID!)?.findings ?? [] }
            snapshot = stored
        }

        if let unit = explain {
            guard
                let explanation = method.explain(unit, snapshot: snapshot, findings: findings, figures: declared)
            else {
                throw console.failure(lang == .vi ? "không có đơn vị '\(unit)' để giải thích" : "there is no unit '\(unit)' to explain")
            }
            print(explanation.lines(lang).map(Console.printable).joined(separator: "\n"))
            return
        }
        let result = method.score(snapshot, findings: findings, figures: declared)
        switch format {
        case .json: print(try RankingDocument(method: method, result: result).json())
        case .table:
            // Unit names come from the CSV: control characters are made visible, tabs and lines kept.
            for line in result.table(lang).split(separator: "\n") {
                print(line.split(separator: "\t", omittingEmptySubsequences: false).map { Console.printable(String($0)) }
                    .joined(separator: "\t"))
            }
        }
    }
}

extension Console {
    /// One clear error line and exit code 2, as `checked` does for errors with a location.
    func failure(_ message: String) -> any Error {
        FileHandle.standardError.write(Data("\(language == .vi ? "lỗi" : "error"): \(message)\n".utf8))
        return ExitCode(2)
    }
}
