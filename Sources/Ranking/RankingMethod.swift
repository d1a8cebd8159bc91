import InventoryModel

/// A ranking methodology: a named set of weighted indicators.
///
/// It is a value so that a stored scan can be ranked again under another method, and so that a
/// method read from a file later is the same thing as the built-in one.
public struct RankingMethod: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: LocalizedText
    public var indicators: [Indicator]

    public init(id: String, name: LocalizedText, indicators: [Indicator]) {
        self.id = id
        self.name = name
        self.indicators = indicators
    }
}

extension RankingMethod {
    /// The basic ICT readiness method: computers per staff member, up-to-date antivirus coverage and
    /// security rules passed, weighted equally.
    ///
    /// - Parameter maxSignatureAgeDays: how old antivirus signatures may be, at scan time, for a host
    ///   to count as covered.
    public static func basic(maxSignatureAgeDays: Double = 7) -> RankingMethod {
        let weight = 1.0 / 3.0
        return RankingMethod(
            id: "basic",
            name: LocalizedText(vi: "Chỉ số sẵn sàng CNTT cơ bản", en: "Basic ICT readiness index"),
            indicators: [
                Indicator(
                    id: IndicatorID.computersPerStaff,
                    label: LocalizedText(
                        vi: "Số máy tính trên mỗi cán bộ", en: "Computers per staff member"),
                    measure: .computersPerStaff, normalisation: .ratioToTarget(1), weight: weight),
                Indicator(
                    id: IndicatorID.antivirusCoverage,
                    label: LocalizedText(
                        vi: "Tỷ lệ máy có phần mềm phòng chống mã độc được cập nhật",
                        en: "Share of computers with up-to-date antivirus"),
                    measure: .antivirusCoverage(maxSignatureAgeDays: maxSignatureAgeDays),
                    normalisation: .share,
                    weight: weight),
                Indicator(
                    id: IndicatorID.rulesPassed,
                    label: LocalizedText(
                        vi: "Tỷ lệ quy tắc an toàn thông tin đạt",
                        en: "Share of security rules passed"),
                    measure: .rulesPassed, normalisation: .share, weight: weight),
            ]
        )
    }
}

/// The ids of the built-in indicators, as they appear in results and reports.
public enum IndicatorID {
    public static let computersPerStaff = "computers_per_staff"
    public static let antivirusCoverage = "antivirus_coverage"
    public static let rulesPassed = "rules_passed"
}
