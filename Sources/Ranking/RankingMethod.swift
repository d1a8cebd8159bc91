public import InventoryModel

/// A ranking methodology: pillars of weighted indicators, how they add up, tiers and peer groups.
///
/// It is a value so that a stored scan can be ranked again under another method, and so that a
/// method read from a file (`RankingMethod.load`) is the same thing as the built-in one.
public struct RankingMethod: Codable, Sendable, Hashable, Identifiable {
    public var id: String
    public var name: LocalizedText
    /// The decision or report the method copies, e.g. `Quyết định 922/QĐ-BTTTT ngày 20/5/2022`.
    public var source: String?
    /// The assessment year the method applies to.
    public var year: Int?
    public var pillars: [Pillar]
    /// How pillars combine into the unit's score in [0, 1].
    public var aggregation: Aggregation
    /// Multiplier for display and tier thresholds: 1 for an index, 100 for a 100-point scale.
    public var scale: Double
    /// Decimals shown; values are kept at full precision.
    public var decimals: Int
    /// When set, ranks compare scores rounded to this many decimals, as publishers rank on the
    /// figures they print (two provinces both shown as 0.6427 share a rank).
    public var rankDecimals: Int?
    /// Highest first.
    public var tiers: [Tier]
    public var peerGroups: [PeerGroup]

    public init(
        id: String, name: LocalizedText, source: String? = nil, year: Int? = nil, pillars: [Pillar],
        aggregation: Aggregation = .weightedMean, scale: Double = 1, decimals: Int = 4,
        rankDecimals: Int? = nil, tiers: [Tier] = [], peerGroups: [PeerGroup] = []
    ) {
        self.id = id
        self.name = name
        self.source = source
        self.year = year
        self.pillars = pillars
        self.aggregation = aggregation
        self.scale = scale
        self.decimals = decimals
        self.rankDecimals = rankDecimals
        self.tiers = tiers.sorted { $0.minimum > $1.minimum }
        self.peerGroups = peerGroups
    }

    /// A flat method: one pillar holding every indicator, weighted as given.
    public init(id: String, name: LocalizedText, indicators: [Indicator]) {
        self.init(
            id: id, name: name,
            pillars: [Pillar(id: "index", label: name, weight: 1, indicators: indicators)])
    }

    /// Every indicator of every pillar, in file order.
    public var indicators: [Indicator] { pillars.flatMap(\.indicators) }

    /// The tier a displayed score falls in, if the method has tiers.
    public func tier(for score: Double) -> Tier? {
        tiers.first { score * scale >= $0.minimum - 1e-12 }
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
