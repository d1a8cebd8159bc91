import InventoryModel
import PolicyEngine

/// An indicator's measure with its expressions compiled once, ready to run on every unit.
///
/// A method read from a file has had its expressions checked already; one built in code may not,
/// so a compile error here becomes "no data" with the error as the explanation, never a crash.
struct CompiledMeasure {
    private enum Kind {
        case builtin(Measure)
        case hostShare(Expression)
        case value(Expression, per: Expression?)
        case declared
        case invalid(String)
    }

    private let kind: Kind

    init(_ measure: Measure) {
        do {
            switch measure {
            case .hostShare(let condition):
                kind = .hostShare(try Expression(condition, roots: RankingFacts.hostRoots, expecting: .bool))
            case .value(let expression, let per):
                kind = .value(
                    try Expression(expression, roots: RankingFacts.unitRoots),
                    per: try per.map { text throws(ExpressionError) in
                        try Expression(text, roots: RankingFacts.unitRoots)
                    })
            case .declared:
                kind = .declared
            case .computersPerStaff, .antivirusCoverage, .rulesPassed:
                kind = .builtin(measure)
            }
        } catch {
            kind = .invalid(error.description)
        }
    }

    /// Whether the measure reads the scan at all; declared figures have nothing to measure.
    var isMeasured: Bool {
        if case .declared = kind { return false }
        return true
    }

    func measure(
        unit: InventoryModel.Unit, hosts: [HostScan], findings: [Finding], inventory: UnitInventory? = nil
    ) -> Measurement {
        switch kind {
        case .builtin(let measure):
            return measure.measure(unit: unit, hosts: hosts, findings: findings)
        case .declared:
            return Self.noData(vi: "Chỉ số do đơn vị tự khai báo.", en: "A figure the unit declares.")
        case .invalid(let message):
            return Self.noData(vi: "Biểu thức không hợp lệ: \(message)", en: "Invalid expression: \(message)")
        case .hostShare(let condition):
            guard !hosts.isEmpty else {
                return Self.noData(
                    vi: "Đơn vị không có máy tính nào trong danh mục.", en: "The unit has no inventoried computers.")
            }
            let unitValue = RankingFacts.value(of: unit, hosts: hosts, findings: findings, inventory: inventory)
            let met = hosts.filter { condition.evaluate(host: $0, ["unit": unitValue]).bool == true }.count
            return Measurement(
                raw: Double(met) / Double(hosts.count), hasData: true,
                explanation: LocalizedText(
                    vi: "\(met)/\(hosts.count) máy đạt điều kiện \(condition.source).",
                    en: "\(met) of \(hosts.count) computers meet \(condition.source)."),
                hostsMet: met, hostsCounted: hosts.count)
        case .value(let expression, let per):
            let roots = ["unit": RankingFacts.value(of: unit, hosts: hosts, findings: findings, inventory: inventory)]
            guard let numerator = Self.number(expression.evaluate(roots)) else {
                return Self.noData(vi: "\(expression.source) không xác định.", en: "\(expression.source) is unknown.")
            }
            guard let per else {
                return Measurement(
                    raw: numerator, hasData: true,
                    explanation: LocalizedText(
                        vi: "\(expression.source) = \(Self.plain(numerator)).",
                        en: "\(expression.source) = \(Self.plain(numerator))."))
            }
            guard let denominator = Self.number(per.evaluate(roots)), denominator != 0 else {
                return Self.noData(
                    vi: "\(per.source) bằng 0 hoặc không xác định.", en: "\(per.source) is 0 or unknown.")
            }
            return Measurement(
                raw: numerator / denominator, hasData: true,
                explanation: LocalizedText(
                    vi: "\(expression.source) / \(per.source) = \(Self.plain(numerator)) / \(Self.plain(denominator)).",
                    en: "\(expression.source) / \(per.source) = \(Self.plain(numerator)) / \(Self.plain(denominator))."))
        }
    }

    static func number(_ result: ExpressionResult) -> Double? {
        switch result.outcome {
        case .value(.int(let i)): Double(i)
        case .value(.double(let d)) where d.isFinite: d
        default: nil
        }
    }

    private static func noData(vi: String, en: String) -> Measurement {
        .noData(
            LocalizedText(vi: vi + " Không có dữ liệu, tính bằng 0.", en: en + " No data, counted as 0."), source: .missing)
    }

    static func plain(_ value: Double) -> String {
        value == value.rounded() && abs(value) < 1e15 ? String(Int64(value)) : String(value)
    }
}
