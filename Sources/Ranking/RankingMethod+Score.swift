import Foundation
public import InventoryModel

extension RankingMethod {
    /// Scores and ranks every unit of `snapshot` under this method.
    ///
    /// Findings for units the snapshot does not know are ignored. When the weights add up to 0 or
    /// less, every contribution and score is 0. A unit id listed twice is ranked once.
    public func score(_ snapshot: InventorySnapshot, findings: [Finding]) -> RankingResult {
        score(snapshot, findings: findings, figures: DeclaredFigures())
    }

    /// Scores and ranks the snapshot's units (if any) together with the units of the declared
    /// figures. For a unit in both, a measured indicator with data wins over the declared figure.
    public func score(
        _ snapshot: InventorySnapshot?, findings: [Finding], figures: DeclaredFigures
    ) -> RankingResult {
        compute(rawFigures(snapshot, findings: findings, figures: figures))
    }

    /// Normalises, aggregates and ranks raw figures. Separate from measuring because normalising
    /// depends on every unit's raw value, and because explanations re-run it on changed figures.
    func compute(_ figures: RawFigures) -> RankingResult {
        let flat = indicators
        let pillarShares = aggregation.shares(pillars.map(\.weight))
        let indicatorShares = pillars.map { $0.aggregation.shares($0.indicators.map(\.weight)) }
        var scored: [UnitScore] = []
        scored.reserveCapacity(figures.rows.count)

        let groups = Dictionary(grouping: figures.rows.indices, by: { figures.rows[$0].group })
        for (_, members) in groups {
            let rows = members.map { figures.rows[$0] }
            let populations: [[Double]] = flat.indices.map { i in
                rows.compactMap { $0.indicators[i].hasData ? $0.indicators[i].raw : nil }
            }
            // Pass 1: indicators normalised and combined into each pillar, before any pillar normalisation.
            var normalised: [[Double]] = []
            var combined: [[(value: Double, hasData: Bool, declared: Bool)]] = []
            for row in rows {
                let n = flat.indices.map { flat[$0].normalisation.normalise(row.indicators[$0].raw, population: populations[$0]) }
                normalised.append(n)
                var offset = 0
                var values: [(value: Double, hasData: Bool, declared: Bool)] = []
                for (p, pillar) in pillars.enumerated() {
                    let range = offset..<(offset + pillar.indicators.count)
                    offset = range.upperBound
                    if let direct = row.pillars[p] {
                        values.append((direct, true, true))
                        continue
                    }
                    let value = zip(indicatorShares[p], range).reduce(0.0) { $0 + $1.0 * n[$1.1] }
                    values.append((value, range.contains { row.indicators[$0].hasData }, false))
                }
                combined.append(values)
            }
            // Pass 2: pillar normalisation across the group, then the score.
            let pillarPopulations: [[Double]] = pillars.indices.map { p in
                combined.compactMap { $0[p].hasData ? $0[p].value : nil }
            }
            for (r, row) in rows.enumerated() {
                var pillarScores: [PillarScore] = []
                var indicatorScores: [IndicatorScore] = []
                var offset = 0
                for (p, pillar) in pillars.enumerated() {
                    let part = combined[r][p]
                    let value = part.declared ? part.value : pillar.normalisation.map {
                        $0.normalise(part.value, population: pillarPopulations[p])
                    } ?? part.value
                    let contribution = pillarShares[p] * value
                    let source: FigureSource = part.declared ? .declared : part.hasData ? .measured : .missing
                    pillarScores.append(
                        PillarScore(
                            id: pillar.id, label: pillar.label, value: value, weight: pillar.weight,
                            contribution: contribution, source: source))
                    let range = offset..<(offset + pillar.indicators.count)
                    offset = range.upperBound
                    let weighted = zip(indicatorShares[p], range).map { $0 * normalised[r][$1] }
                    let weightedTotal = weighted.reduce(0, +)
                    for (k, i) in range.enumerated() {
                        let measurement = row.indicators[i]
                        let share: Double
                        if part.declared {
                            share = 0
                        } else if pillar.normalisation == nil {
                            share = pillarShares[p] * weighted[k]
                        } else {
                            share = weightedTotal != 0 ? contribution * weighted[k] / weightedTotal : 0
                        }
                        indicatorScores.append(
                            IndicatorScore(
                                id: flat[i].id, label: flat[i].label, raw: measurement.raw,
                                normalised: normalised[r][i], weight: flat[i].weight, contribution: share,
                                hasData: measurement.hasData, explanation: measurement.explanation,
                                source: measurement.source))
                    }
                }
                let score = pillarScores.reduce(0) { $0 + $1.contribution }
                scored.append(
                    UnitScore(
                        unitID: row.id, unitName: row.name, indicators: indicatorScores, score: score, rank: 0,
                        pillars: pillarScores, group: row.group, tier: tier(for: score)))
            }
        }

        return RankingResult(
            methodID: id, methodName: name, units: ranked(scored), scale: scale, decimals: decimals)
    }

    /// Competition ranks within each peer group; groups in the method's order, then any other
    /// group the figures name (by id), then units in no group.
    private func ranked(_ scored: [UnitScore]) -> [UnitScore] {
        let byGroup = Dictionary(grouping: scored, by: \.group)
        let known = peerGroups.map(\.id)
        let others = byGroup.keys.compactMap { $0 }.filter { !known.contains($0) }.sorted()
        let order: [String?] = (known + others).map { Optional($0) } + [nil]
        var result: [UnitScore] = []
        for group in order {
            guard let units = byGroup[group] else { continue }
            let byID = Dictionary(units.map { ($0.unitID, $0) }, uniquingKeysWith: { first, _ in first })
            let entries = CompetitionRanking.rank(units.map { (id: $0.unitID, score: rankingValue($0.score)) })
            result += entries.compactMap { entry in
                guard var unit = byID[entry.id] else { return nil }
                unit.rank = entry.rank
                return unit
            }
        }
        return result
    }

    /// The score ranks compare: full precision, or rounded as the publisher prints it.
    func rankingValue(_ score: Double) -> Double {
        guard let rankDecimals, score.isFinite else { return score }
        let factor = Foundation.pow(10, Double(rankDecimals))
        return (score * scale * factor).rounded() / factor
    }
}
