import Foundation
import InventoryModel
import Ranking

/// A policy as reports name it: its id and its title.
public struct PolicyName: Codable, Sendable, Hashable {
    public var id: String
    public var title: LocalizedText

    public init(id: String, title: LocalizedText) {
        self.id = id
        self.title = title
    }
}

/// Everything a report is made from. Renderers read nothing else: no clock, no files, so the same
/// input always gives the same bytes.
public struct ReportInput: Sendable {
    public var snapshot: InventorySnapshot
    public var findings: [Finding]
    public var ranking: RankingResult
    /// When the report was made; the caller's clock, not ours.
    public var generatedAt: Date
    public var language: Language
    /// The policies the findings were judged against, in the order to list them.
    public var policies: [PolicyName]
    /// The ictaudit version that made the report, e.g. `0.1.0`.
    public var toolVersion: String
    /// The zone dates are shown in (JSON always uses UTC). Vietnam's UTC+7 unless told otherwise.
    public var timeZone: TimeZone

    public init(
        snapshot: InventorySnapshot, findings: [Finding], ranking: RankingResult, generatedAt: Date,
        language: Language, policies: [PolicyName], toolVersion: String,
        timeZone: TimeZone = TimeZone(secondsFromGMT: 7 * 3_600)!
    ) {
        self.snapshot = snapshot
        self.findings = findings
        self.ranking = ranking
        self.generatedAt = generatedAt
        self.language = language
        self.policies = policies
        self.toolVersion = toolVersion
        self.timeZone = timeZone
    }
}
