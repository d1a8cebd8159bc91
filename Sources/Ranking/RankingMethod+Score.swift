import InventoryModel

extension RankingMethod {
    /// Scores and ranks every unit of `snapshot` under this method.
    ///
    /// Measurement and normalisation are separate passes because normalising may depend on every
    /// unit's raw value. Findings for units the snapshot does not know are ignored. When the weights
    /// add up to 0 or less, every contribution and score is 0. A unit id listed twice is ranked once.
    public func score(_ snapshot: InventorySnapshot, findings: [Finding]) -> RankingResult {
        var seen = Set<String>()
        let units = snapshot.units.filter { seen.insert($0.id).inserted }
        let hostsByUnit = Dictionary(grouping: snapshot.hosts, by: \.target.unit)
        let findingsByUnit = Dictionary(grouping: findings, by: \.unit)
        let measured: [[Measurement]] = units.map { unit in
            indicators.map {
                $0.measure.measure(
                    unit: unit, hosts: hostsByUnit[unit.id] ?? [],
                    findings: findingsByUnit[unit.id] ?? [])
            }
        }
        let populations: [[Double]] = indicators.indices.map { index in
            measured.compactMap { $0[index].hasData ? $0[index].raw : nil }
        }
        let totalWeight = indicators.reduce(0) { $0 + $1.weight }

        var scored: [UnitScore] = []
        for (unit, measurements) in zip(units, measured) {
            let scores = zip(indicators, measurements).enumerated().map { index, pair in
                let (indicator, measurement) = pair
                let normalised = indicator.normalisation.normalise(
                    measurement.raw, population: populations[index])
                return IndicatorScore(
                    id: indicator.id, label: indicator.label, raw: measurement.raw,
                    normalised: normalised,
                    weight: indicator.weight,
                    contribution: totalWeight > 0 ? indicator.weight * normalised / totalWeight : 0,
                    hasData: measurement.hasData, explanation: measurement.explanation)
            }
            let score = scores.reduce(0) { $0 + $1.contribution }
            scored.append(
                UnitScore(
                    unitID: unit.id, unitName: unit.name, indicators: scores, score: score, rank: 0)
            )
        }

        let byID = Dictionary(uniqueKeysWithValues: scored.map { ($0.unitID, $0) })
        let ranked = CompetitionRanking.rank(scored.map { (id: $0.unitID, score: $0.score) })
        let rankedUnits = ranked.compactMap { entry -> UnitScore? in
            guard var unit = byID[entry.id] else { return nil }
            unit.rank = entry.rank
            return unit
        }
        return RankingResult(methodID: id, methodName: name, units: rankedUnits)
    }
}
