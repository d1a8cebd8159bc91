import Foundation
import InventoryModel
import Ranking
import Reports
import Testing

/// A method with tiers and a 100-point scale (ATTT A–E) shows both in every report format.
struct TieredRankingReportTests {
    private func input() -> ReportInput {
        var input = ReportFixtures.input(.en)
        input.ranking.scale = 100
        input.ranking.units = input.ranking.units.enumerated().map { index, unit in
            var unit = unit
            unit.tier = Tier(id: index == 0 ? "B" : "D", label: LocalizedText(vi: "Hạng B", en: "Grade \(index == 0 ? "B" : "D")"), minimum: 0)
            return unit
        }
        return input
    }

    @Test("The ranking table gets a tier column and the score on the method's scale")
    func tierAndScale() throws {
        let input = input()
        let first = try #require(input.ranking.units.first)
        let scaled = String(format: "%.4f", first.score * 100)
        let markdown = try MarkdownReport().render(input)
        #expect(markdown.contains("| Tier |"))
        #expect(markdown.contains("Grade B"))
        #expect(markdown.contains(scaled))
        let html = try HTMLReport().render(input)
        #expect(html.contains("<th>Tier</th>"))
        #expect(html.contains("Grade D"))
        let json = try #require(
            try JSONSerialization.jsonObject(with: Data(JSONReport().render(input).utf8)) as? [String: Any])
        let units = try #require(json["units"] as? [[String: Any]])
        #expect((units.first?["scaledScore"] as? Double).map { abs($0 - first.score * 100) < 1e-9 } == true)
        #expect((units.first?["tier"] as? [String: Any])?["id"] as? String == "B")
    }

    @Test("A method without tiers keeps the table as it was")
    func noTierColumn() throws {
        #expect(!(try MarkdownReport().render(ReportFixtures.input(.en))).contains("| Tier |"))
    }
}
