import Foundation
import InventoryModel
import Ranking
import Testing

struct NormalisationAggregationTests {
    @Test("min-max spreads the population over [0, 1]; an all-equal population puts everyone at 1")
    func minMax() {
        #expect(Normalisation.minMax.normalise(4, population: [2, 4, 6]) == 0.5)
        #expect(Normalisation.minMax.normalise(2, population: [2, 4, 6]) == 0)
        #expect(Normalisation.minMax.normalise(3, population: [3, 3]) == 1)
    }

    @Test("ratio to the best unit divides by the population's highest value")
    func ratioToBest() {
        #expect(Normalisation.ratioToBest.normalise(2, population: [2, 8]) == 0.25)
        #expect(Normalisation.ratioToBest.normalise(8, population: [2, 8]) == 1)
    }

    @Test("a log-scale ratio to target is log(raw) / log(target), capped at 1")
    func logRatio() {
        #expect(abs(Normalisation.logRatioToTarget(100).normalise(10, population: []) - 0.5) < 1e-15)
        #expect(Normalisation.logRatioToTarget(100).normalise(1_000, population: []) == 1)
        #expect(Normalisation.logRatioToTarget(100).normalise(0.5, population: []) == 0)
    }

    @Test("z-score uses the population mean and deviation; z-score then min-max lands in [0, 1]")
    func zScores() {
        #expect(Normalisation.zScore.normalise(3, population: [1, 2, 3]) == 1 / (2.0 / 3).squareRoot())
        #expect(Normalisation.zScore.normalise(2, population: [1, 2, 3]) == 0)
        #expect(abs(Normalisation.zScoreMinMax.normalise(2, population: [1, 2, 4]) - 1.0 / 3) < 1e-12)
        #expect(Normalisation.zScoreMinMax.normalise(4, population: [1, 2, 4]) == 1)
    }

    @Test("step bands give the highest band reached, over the top band's points; raw keeps the value")
    func stepsAndRaw() {
        let bands = Normalisation.steps([
            StepBand(from: 0.5, points: 25), StepBand(from: 0.8, points: 40), StepBand(from: 1, points: 50),
        ])
        #expect(bands.normalise(0.85, population: []) == 0.8)
        #expect(bands.normalise(1, population: []) == 1)
        #expect(bands.normalise(0.3, population: []) == 0)
        #expect(Normalisation.raw.normalise(1.7, population: []) == 1.7)
    }

    private func method(_ aggregation: Aggregation, weights: [Double]) -> RankingMethod {
        RankingMethod(
            id: "agg", name: LocalizedText(vi: "A", en: "A"),
            pillars: weights.enumerated().map {
                Pillar(id: "p\($0.offset)", label: LocalizedText(vi: "P", en: "P"), weight: $0.element)
            },
            aggregation: aggregation)
    }

    private func score(_ method: RankingMethod, _ values: [Double]) -> Double {
        let row = DeclaredFigures.Row(
            unit: "u", values: Dictionary(uniqueKeysWithValues: values.enumerated().map { ("p\($0.offset)", $0.element) }))
        return method.score(nil, findings: [], figures: DeclaredFigures(rows: [row])).units[0].score
    }

    @Test("weighted mean, plain mean and points over maximum aggregate pillars as documented")
    func aggregations() {
        #expect(score(method(.weightedMean, weights: [3, 1]), [1, 0]) == 0.75)
        #expect(score(method(.mean, weights: [3, 1]), [1, 0]) == 0.5)
        #expect(score(method(.points, weights: [100, 0, 300]), [0.5, 1, 1]) == 0.25 * 0.5 + 0.75)
        #expect(score(method(.weightedMean, weights: [0, 0]), [1, 1]) == 0)
    }

    private let attt: RankingMethod = {
        // A hand-built copy of the shipped technical-checks pillar would drift; read the file.
        (try? ShippedMethods.load("attt-ranking.yaml"))!
    }()

    @Test("a measured figure wins over a declared one; a unit only in the CSV is ranked from its figures")
    func measuredWins() throws {
        let csv = "unit,ty_le_may_co_phan_mem_diet_virus,to_chuc_quy_trinh\na,0.9,1\nz,0.9,1\n"
        let figures = try ShippedMethods.figures(csv, method: attt)
        let result = attt.score(Fixtures.snapshot, findings: Fixtures.findings, figures: figures)
        let a = try #require(result.units.first { $0.unitID == "a" })
        let antivirus = try #require(a.indicators.first { $0.id == "ty_le_may_co_phan_mem_diet_virus" })
        #expect(antivirus.source == .measured)
        #expect(antivirus.raw == 0.4)
        #expect(a.pillars.map(\.source) == [.measured, .declared, .missing])
        let z = try #require(result.units.first { $0.unitID == "z" })
        #expect(z.indicators.map(\.source) == [.missing, .declared, .missing])
        #expect(z.unitName.en == "z")
    }

    @Test("the explanation names the computers to fix, the gain, the next tier and the unit above")
    func explanation() throws {
        let explanation = try #require(
            attt.explain("a", snapshot: Fixtures.snapshot, findings: Fixtures.findings, figures: DeclaredFigures()))
        let best = try #require(explanation.improvements.first { $0.id == "ty_le_may_co_phan_mem_diet_virus" })
        #expect(best.text.en == "Share of computers with antivirus updated within 7 days on 3 more computers")
        // 50/100 of the score × 15/50 of the pillar × (1 − 0.4), on the 100-point scale.
        #expect(abs(best.gain - 0.5 * 0.3 * 0.6 * 100) < 1e-9)
        #expect(explanation.improvements.map(\.gain) == explanation.improvements.map(\.gain).sorted(by: >))
        let a = explanation.unit
        let tier = try #require(explanation.nextTier)
        #expect(tier.tier.id == a.tier.flatMap { current in attt.tiers.last { $0.minimum > current.minimum }?.id })
        #expect(abs(tier.gap - (tier.tier.minimum - a.score * 100)) < 1e-9)
        #expect(explanation.lines(.vi).contains { $0.contains("thêm 3 máy tính đạt") })
        #expect(explanation.unitAbove == nil || explanation.unitAbove!.unit.rank < a.rank)
    }

    @Test("scoring and explaining every unit at once (the snapshot measured once) gives the score and each unit's own explanation")
    func explainEveryUnit() throws {
        let (result, explanations) = attt.scoreAndExplain(Fixtures.snapshot, findings: Fixtures.findings, figures: DeclaredFigures())
        #expect(result == attt.score(Fixtures.snapshot, findings: Fixtures.findings))
        #expect(Set(explanations.keys) == Set(result.units.map(\.unitID)) && explanations.count > 1)
        for unit in result.units {
            #expect(explanations[unit.unitID] == attt.explain(unit.unitID, snapshot: Fixtures.snapshot, findings: Fixtures.findings, figures: DeclaredFigures()))
        }
    }
}
