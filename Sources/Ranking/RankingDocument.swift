import Foundation
public import InventoryModel

/// The JSON form of a ranking for `ictaudit rank --format json`: `units`, each with `id`, `score`,
/// `rank` and its `pillars`, every value at full precision and each figure marked measured or declared.
public struct RankingDocument: Encodable, Sendable {
    struct Method: Encodable {
        var id: String
        var name: LocalizedText
        var source: String?
        var year: Int?
        var scale: Double
    }

    struct Part: Encodable {
        var id: String
        var name: LocalizedText
        var value: Double
        var contribution: Double
        var source: FigureSource
    }

    struct UnitEntry: Encodable {
        var id: String
        var name: LocalizedText
        var group: String?
        /// In [0, 1]; multiply by the method's scale for display.
        var score: Double
        var rank: Int
        var tier: String?
        var pillars: [Part]
        var indicators: [Part]
    }

    var method: Method
    var units: [UnitEntry]

    public init(method: RankingMethod, result: RankingResult) {
        self.method = Method(id: method.id, name: method.name, source: method.source, year: method.year, scale: method.scale)
        units = result.units.map { unit in
            UnitEntry(
                id: unit.unitID, name: unit.unitName, group: unit.group, score: unit.score, rank: unit.rank,
                tier: unit.tier?.id,
                pillars: unit.pillars.map {
                    Part(id: $0.id, name: $0.label, value: $0.value, contribution: $0.contribution, source: $0.source)
                },
                indicators: unit.indicators.map {
                    Part(id: $0.id, name: $0.label, value: $0.raw, contribution: $0.contribution, source: $0.source)
                })
        }
    }

    /// Pretty, key-sorted UTF-8 JSON, so outputs can be diffed year to year.
    public func json() throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(self), as: UTF8.self)
    }
}

extension RankingResult {
    /// A plain text table: rank, unit, score, tier, then each pillar with `*` after declared values.
    public func table(_ language: Language) -> String {
        func f(_ value: Double) -> String { String(format: "%.\(decimals)f", value) }
        let pillarIDs = units.first?.pillars.map(\.id) ?? []
        var lines = [
            ([language == .vi ? "Hạng" : "Rank", language == .vi ? "Đơn vị" : "Unit", language == .vi ? "Điểm" : "Score",
                language == .vi ? "Mức" : "Tier"] + pillarIDs).joined(separator: "\t")
        ]
        var group: String?? = .none
        for unit in units {
            if group != .some(unit.group), let id = unit.group {
                lines.append("[\(id)]")
            }
            group = .some(unit.group)
            let pillars = unit.pillars.map { f($0.value) + ($0.source == .declared ? "*" : "") }
            lines.append(
                ([String(unit.rank), unit.unitName.text(language), f(unit.score * scale), unit.tier?.label.text(language) ?? "-"]
                    + pillars).joined(separator: "\t"))
        }
        lines.append(language == .vi ? "* số liệu do đơn vị khai báo" : "* figure declared by the unit")
        return lines.joined(separator: "\n") + "\n"
    }
}
