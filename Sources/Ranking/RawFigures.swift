import InventoryModel
import PolicyEngine

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
        // The unit inventory (measured LAN, links, antivirus, servers), built once per scoring.
        let inventories = Dictionary(
            (snapshot.map { UnitInventory.build($0) } ?? []).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        let flat = indicators
        let compiled = flat.map { CompiledMeasure($0.measure) }
        let declaredExpressions = flat.map { indicator in
            indicator.declaredValue.flatMap { try? Expression($0, roots: RankingFacts.unitRoots) }
        }

        func declared(_ id: String, unit: InventoryModel.Unit?, row: DeclaredFigures.Row?) -> Double? {
            row?.values[id] ?? unit?.declared[id]
        }

        func makeRow(unit: InventoryModel.Unit?, row: DeclaredFigures.Row?, id: String) -> RawFigures.Row {
            let measurements = zip(flat, zip(compiled, declaredExpressions)).map { indicator, pair -> Measurement in
                let (measure, declaredExpression) = pair
                var measured: Measurement?
                if let unit, measure.isMeasured {
                    measured = measure.measure(
                        unit: unit, hosts: hostsByUnit[unit.id] ?? [], findings: findingsByUnit[unit.id] ?? [],
                        inventory: inventories[unit.id])
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
                if let unit, let declaredExpression,
                    let value = CompiledMeasure.number(
                        declaredExpression.evaluate([
                            "unit": RankingFacts.value(
                                of: unit, hosts: hostsByUnit[unit.id] ?? [], findings: findingsByUnit[unit.id] ?? [],
                                inventory: inventories[unit.id])
                        ]))
                {
                    let why = measured.map { " " + $0.explanation.vi } ?? ""
                    let whyEN = measured.map { " " + $0.explanation.en } ?? ""
                    return Measurement(
                        raw: value, hasData: true,
                        explanation: LocalizedText(
                            vi: "Số liệu khai báo trong danh mục: \(declaredExpression.source) = \(CompiledMeasure.plain(value)).\(why)",
                            en: "Figure declared in the inventory: \(declaredExpression.source) = \(CompiledMeasure.plain(value)).\(whyEN)"),
                        source: .declared)
                }
                if var measured {
                    measured.source = .missing
                    return measured
                }
                return .noData(
                    LocalizedText(
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
