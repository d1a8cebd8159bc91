import InventoryModel

/// Every unit's raw figures under one method: what scoring starts from, and what an explanation
/// changes to see what a unit would gain.
struct RawFigures: Sendable {
    struct Row: Sendable {
        var id: String
        var name: LocalizedText
        var group: String?
        /// One per indicator, in `RankingMethod.indicators` order.
        var indicators: [Measurement]
        /// One per pillar: the value the unit declared for the whole pillar, if any.
        var pillars: [Double?]
    }

    var rows: [Row]
}

extension RankingMethod {
    /// Measures the snapshot's units and merges the declared figures: a measured value with data
    /// wins over a declared one, a declared one over nothing.
    func rawFigures(_ snapshot: InventorySnapshot?, findings: [Finding], figures: DeclaredFigures) -> RawFigures {
        var seen = Set<String>()
        let units = (snapshot?.units ?? []).filter { seen.insert($0.id).inserted }
        let hostsByUnit = Dictionary(grouping: snapshot?.hosts ?? [], by: \.target.unit)
        let findingsByUnit = Dictionary(grouping: findings, by: \.unit)
        let flat = indicators
        let compiled = flat.map { CompiledMeasure($0.measure) }

        func declared(_ id: String, unit: InventoryModel.Unit?, row: DeclaredFigures.Row?) -> Double? {
            row?.values[id] ?? unit?.declared[id]
        }

        func makeRow(unit: InventoryModel.Unit?, row: DeclaredFigures.Row?, id: String) -> RawFigures.Row {
            let measurements = zip(flat, compiled).map { indicator, measure -> Measurement in
                var measured: Measurement?
                if let unit, measure.isMeasured {
                    measured = measure.measure(
                        unit: unit, hosts: hostsByUnit[unit.id] ?? [], findings: findingsByUnit[unit.id] ?? [])
                }
                if let measured, measured.hasData { return measured }
                if let value = declared(indicator.id, unit: unit, row: row) {
                    return Measurement(
                        raw: value, hasData: true,
                        explanation: LocalizedText(
                            vi: "Số liệu đơn vị tự khai báo: \(CompiledMeasure.plain(value)).",
                            en: "Figure declared by the unit: \(CompiledMeasure.plain(value))."),
                        source: .declared)
                }
                if var measured {
                    measured.source = .missing
                    return measured
                }
                return Measurement(
                    raw: 0, hasData: false,
                    explanation: LocalizedText(
                        vi: "Không có số liệu đo hoặc khai báo: tính bằng 0.",
                        en: "No measured or declared figure: counted as 0."),
                    source: .missing)
            }
            let group =
                row?.group ?? peerGroups.first { $0.units.contains(id) }?.id
            return RawFigures.Row(
                id: id, name: unit?.name ?? row?.name ?? LocalizedText(vi: id, en: id), group: group,
                indicators: measurements,
                pillars: pillars.map { row?.values[$0.id] ?? unit?.declared[$0.id] })
        }

        var rows = units.map { makeRow(unit: $0, row: figures.row($0.id), id: $0.id) }
        for row in figures.rows where seen.insert(row.unit).inserted {
            rows.append(makeRow(unit: nil, row: row, id: row.unit))
        }
        return RawFigures(rows: rows)
    }
}
