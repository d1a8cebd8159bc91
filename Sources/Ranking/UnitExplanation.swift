import Foundation
public import InventoryModel

/// Why a unit stands where it does: what each pillar and indicator gave, how far the next tier and
/// the unit above are, and the few changes that would gain the most.
public struct UnitExplanation: Sendable, Hashable {
    /// A change to one figure and what the score would gain, the other units staying as they are.
    public struct Improvement: Sendable, Hashable {
        /// The indicator or pillar id.
        public var id: String
        public var text: LocalizedText
        /// On the method's display scale.
        public var gain: Double
    }

    public var unit: UnitScore
    /// The next tier up and the score (display scale) still missing to reach it.
    public var nextTier: (tier: Tier, gap: Double)?
    /// The nearest better-ranked unit of the same group and the score (display scale) between them.
    public var unitAbove: (unit: UnitScore, gap: Double)?
    /// Largest gain first.
    public var improvements: [Improvement]
    public var scale: Double
    public var decimals: Int

    public static func == (a: UnitExplanation, b: UnitExplanation) -> Bool {
        a.unit == b.unit && a.nextTier?.tier == b.nextTier?.tier && a.nextTier?.gap == b.nextTier?.gap
            && a.unitAbove?.unit == b.unitAbove?.unit && a.unitAbove?.gap == b.unitAbove?.gap
            && a.improvements == b.improvements
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(unit)
        hasher.combine(improvements)
    }

    /// The explanation as lines of text in one language, numbers rounded for display.
    public func lines(_ language: Language) -> [String] {
        let vi = language == .vi
        func f(_ value: Double) -> String { String(format: "%.\(decimals)f", value) }
        var lines: [String] = []
        let tierText = unit.tier.map { " — \($0.label.text(language))" } ?? ""
        lines.append(
            vi
                ? "\(unit.unitName.vi): \(f(unit.score * scale)), hạng \(unit.rank)\(tierText)"
                : "\(unit.unitName.en): \(f(unit.score * scale)), rank \(unit.rank)\(tierText)")
        for pillar in unit.pillars {
            let source = Self.sourceLabel(pillar.source, language)
            lines.append("  \(pillar.label.text(language)) [\(source)]: \(f(pillar.value)) → +\(f(pillar.contribution * scale))")
            for indicator in unit.indicators where pillarIndicator(indicator, of: pillar) {
                let source = Self.sourceLabel(indicator.source, language)
                lines.append(
                    "    \(indicator.label.text(language)) [\(source)]: \(CompiledMeasure.plain(indicator.raw)) → "
                        + "\(f(indicator.normalised)), +\(f(indicator.contribution * scale)) — \(indicator.explanation.text(language))")
            }
        }
        if let (tier, gap) = nextTier {
            lines.append(
                vi
                    ? "Còn \(f(gap)) điểm để đạt mức \(tier.label.vi)."
                    : "\(f(gap)) more to reach \(tier.label.en).")
        }
        if let (above, gap) = unitAbove {
            lines.append(
                vi
                    ? "Cách đơn vị xếp trên (\(above.unitName.vi), hạng \(above.rank)) \(f(gap))."
                    : "\(f(gap)) behind the unit above (\(above.unitName.en), rank \(above.rank)).")
        }
        if !improvements.isEmpty {
            lines.append(vi ? "Thay đổi được nhiều điểm nhất:" : "Changes that would gain the most:")
            for improvement in improvements {
                lines.append("  - \(improvement.text.text(language)): +\(f(improvement.gain))")
            }
        }
        return lines
    }

    /// Explanations list each pillar's indicators under it; ids are unique across the method.
    var pillarIndicatorIDs: [String: Set<String>] = [:]

    private func pillarIndicator(_ indicator: IndicatorScore, of pillar: PillarScore) -> Bool {
        pillarIndicatorIDs[pillar.id]?.contains(indicator.id) ?? false
    }

    static func sourceLabel(_ source: FigureSource, _ language: Language) -> String {
        switch (source, language) {
        case (.measured, .vi): "đo"
        case (.measured, .en): "measured"
        case (.declared, .vi): "khai báo"
        case (.declared, .en): "declared"
        case (.missing, .vi): "thiếu"
        case (.missing, .en): "missing"
        }
    }
}

extension RankingMethod {
    /// Explains one unit's result. Gains are found by scoring again with one figure changed, so
    /// they hold for relative normalisations too (raising one unit can move the best or the mean).
    ///
    /// - Parameter limit: how many improvements to keep.
    public func explain(
        _ unitID: String, snapshot: InventorySnapshot?, findings: [Finding], figures: DeclaredFigures,
        limit: Int = 3
    ) -> UnitExplanation? {
        let raw = rawFigures(snapshot, findings: findings, figures: figures)
        return explain(unitID, raw: raw, result: compute(raw), limit: limit)
    }

    /// Scores the units and explains every one of them, measuring the snapshot once.
    ///
    /// Measuring (building each unit's inventory from every host and finding) is what costs; the
    /// gains of one unit's explanation only re-rank the measured figures. Explaining units one by
    /// one measured the whole snapshot again for each (50 units of a 5,000-host scan: 50 passes).
    public func scoreAndExplain(
        _ snapshot: InventorySnapshot?, findings: [Finding], figures: DeclaredFigures, limit: Int = 3
    ) -> (result: RankingResult, explanations: [String: UnitExplanation]) {
        let raw = rawFigures(snapshot, findings: findings, figures: figures)
        let result = compute(raw)
        var explanations: [String: UnitExplanation] = [:]
        for unit in result.units {
            explanations[unit.unitID] = explain(unit.unitID, raw: raw, result: result, limit: limit)
        }
        return (result, explanations)
    }

    private func explain(_ unitID: String, raw: RawFigures, result: RankingResult, limit: Int) -> UnitExplanation? {
        guard let row = raw.rows.firstIndex(where: { $0.id == unitID }),
            let unit = result.units.first(where: { $0.unitID == unitID })
        else { return nil }
        let base = unit.score

        let nextTier = tiers.last { $0.minimum > base * scale + 1e-12 }.map { ($0, $0.minimum - base * scale) }
        let peers = result.units.filter { $0.group == unit.group && $0.rank < unit.rank }
        let unitAbove = peers.min { $0.score < $1.score }.map { ($0, ($0.score - base) * scale) }

        var improvements: [UnitExplanation.Improvement] = []
        func gain(_ change: (inout RawFigures) -> Void) -> Double {
            var changed = raw
            change(&changed)
            let score = compute(changed).units.first { $0.unitID == unitID }?.score ?? base
            return (score - base) * scale
        }
        let group = raw.rows.filter { $0.group == raw.rows[row].group }
        let flat = indicators
        var offset = 0
        for (p, pillar) in pillars.enumerated() {
            let range = offset..<(offset + pillar.indicators.count)
            offset = range.upperBound
            if let current = raw.rows[row].pillars[p] {
                let best = group.compactMap { $0.pillars[p] }.max() ?? 1
                let target = best > current ? best : 1
                guard target > current, pillar.weight > 0 else { continue }
                let g = gain { $0.rows[row].pillars[p] = target }
                if g > 0 {
                    improvements.append(
                        .init(
                            id: pillar.id,
                            text: LocalizedText(
                                vi: "nâng \(pillar.label.vi) từ \(CompiledMeasure.plain(current)) lên \(CompiledMeasure.plain(target))",
                                en: "raise \(pillar.label.en) from \(CompiledMeasure.plain(current)) to \(CompiledMeasure.plain(target))"),
                            gain: g))
                }
                continue
            }
            for i in range {
                let measurement = raw.rows[row].indicators[i]
                let label = flat[i].label
                if let met = measurement.hostsMet, let counted = measurement.hostsCounted, met < counted {
                    let g = gain {
                        $0.rows[row].indicators[i].raw = 1
                        $0.rows[row].indicators[i].hasData = true
                    }
                    if g > 0 {
                        improvements.append(
                            .init(
                                id: flat[i].id,
                                text: LocalizedText(
                                    vi: "\(label.vi): thêm \(counted - met) máy tính đạt",
                                    en: "\(label.en) on \(counted - met) more computers"),
                                gain: g))
                    }
                    continue
                }
                let population = group.compactMap { $0.indicators[i].hasData ? $0.indicators[i].raw : nil }
                guard let target = flat[i].normalisation.ceiling(population: population),
                    target > measurement.raw || !measurement.hasData
                else { continue }
                let g = gain {
                    $0.rows[row].indicators[i].raw = target
                    $0.rows[row].indicators[i].hasData = true
                }
                if g > 0 {
                    let from = CompiledMeasure.plain(measurement.raw)
                    improvements.append(
                        .init(
                            id: flat[i].id,
                            text: LocalizedText(
                                vi: "nâng \(label.vi) từ \(from) lên \(CompiledMeasure.plain(target))",
                                en: "raise \(label.en) from \(from) to \(CompiledMeasure.plain(target))"),
                            gain: g))
                }
            }
        }
        improvements.sort { $0.gain != $1.gain ? $0.gain > $1.gain : $0.id < $1.id }

        var explanation = UnitExplanation(
            unit: unit, nextTier: nextTier, unitAbove: unitAbove, improvements: Array(improvements.prefix(limit)),
            scale: scale, decimals: decimals)
        explanation.pillarIndicatorIDs = Dictionary(
            uniqueKeysWithValues: pillars.map { ($0.id, Set($0.indicators.map(\.id))) })
        return explanation
    }
}
