import Foundation
import Inventory
public import InventoryModel
import PolicyEngine
public import Ranking
import Reports

extension AuditWorkspace {
    /// Figures a unit declared (CSV), checked against the method's indicators; none without a file.
    public func declaredFigures(_ path: String?, method: RankingMethod) throws -> DeclaredFigures {
        guard let path else { return DeclaredFigures() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw WorkspaceError(
                vi: "không đọc được tệp số liệu \(path): \(error.localizedDescription)",
                en: "cannot read the figures file \(path): \(error.localizedDescription)")
        }
        return try DeclaredFigures.parseCSV(text, file: path, method: method)
    }

    /// A stored scan and its latest findings, for figures measured rather than declared.
    public func measured(scan id: Int64?) throws -> (snapshot: InventorySnapshot, findings: [Finding]) {
        let store = try openStore()
        let snapshot = try storedSnapshot(store, id: id)
        return (snapshot, try store.latestEvaluation(scanID: snapshot.scanID!)?.findings ?? [])
    }
}

/// `ictaudit rank` as a request: which figures to rank from and how to print the result. The
/// method and the store come from the workspace's options.
public struct RankRequest: Sendable {
    public enum Format: String, Sendable {
        case table, json
    }

    /// Declared figures (CSV).
    public var figures: String?
    /// The stored scan to read measured figures from; `nil` with a store named: the newest.
    public var scan: Int64?
    public var format: Format
    /// Explain this unit's result instead of listing all.
    public var explain: String?
    public var language: Language

    public init(figures: String?, scan: Int64?, format: Format, explain: String?, language: Language) {
        self.figures = figures
        self.scan = scan
        self.format = format
        self.explain = explain
        self.language = language
    }

    /// Why there is nothing to rank (no declared figures, no store, no scan); nil when there is.
    public static func problem(figures: String?, store: String?, scan: Int64?) -> UsageProblem? {
        figures != nil || store != nil || scan != nil ? nil : .nothingToRank
    }
}

extension AuditWorkspace {
    /// Ranks units under the workspace's method from the declared figures, the stored scan (when
    /// a store or a scan was named; its measured figures win), or both, and writes the table, the
    /// JSON document or one unit's explanation.
    public func rank(_ request: RankRequest, output: CommandOutput) throws {
        if let problem = RankRequest.problem(figures: request.figures, store: options.store, scan: request.scan) {
            throw WorkspaceError(vi: problem.text(.vi), en: problem.text(.en))
        }
        let method = try rankingMethod()
        let measured = options.store != nil || request.scan != nil ? try measured(scan: request.scan) : nil
        let declared = try declaredFigures(request.figures, method: method)
        let language = request.language
        if let unit = request.explain {
            guard
                let explanation = method.explain(
                    unit, snapshot: measured?.snapshot, findings: measured?.findings ?? [], figures: declared)
            else {
                throw WorkspaceError(
                    language == .vi ? "không có đơn vị '\(unit)' để giải thích" : "there is no unit '\(unit)' to explain")
            }
            return output.print(explanation.lines(language).map(TerminalText.printable))
        }
        let result = method.score(measured?.snapshot, findings: measured?.findings ?? [], figures: declared)
        switch request.format {
        case .json: output.print(try RankingDocument(method: method, result: result).json())
        case .table:
            // Unit names come from the CSV: control characters are made visible, tabs and lines kept.
            output.print(
                result.table(language).split(separator: "\n").map { line in
                    line.split(separator: "\t", omittingEmptySubsequences: false)
                        .map { TerminalText.printable(String($0)) }.joined(separator: "\t")
                })
        }
    }
}
