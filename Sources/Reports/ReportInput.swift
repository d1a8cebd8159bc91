public import Foundation
public import InventoryModel
public import Ranking

/// A policy as reports name it: its id and its title, and how to fix each of its rules.
public struct PolicyName: Codable, Sendable, Hashable {
    public var id: String
    public var title: LocalizedText
    /// Rule id → what to do when the rule fails, shown beside each failed finding.
    public var remediations: [String: LocalizedText]

    public init(id: String, title: LocalizedText, remediations: [String: LocalizedText] = [:]) {
        self.id = id
        self.title = title
        self.remediations = remediations
    }

    /// The JSON report lists policies by id and title only.
    private enum CodingKeys: String, CodingKey { case id, title }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(id: try c.decode(String.self, forKey: .id), title: try c.decode(LocalizedText.self, forKey: .title))
    }
}

/// One stored scan's scores, for the trend chart: unit id → score on the method's display scale.
public struct ScanScores: Sendable, Hashable {
    public var scanID: Int64?
    public var startedAt: Date
    public var scores: [String: Double]

    public init(scanID: Int64?, startedAt: Date, scores: [String: Double]) {
        self.scanID = scanID
        self.startedAt = startedAt
        self.scores = scores
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
    /// The units' measured inventories; built from the snapshot when not given.
    public var unitInventories: [UnitInventory]?
    /// What changed since the previous scan of the same inventory (or the scan the user named);
    /// nil when there is none to compare with.
    public var changes: ScanDiff?
    /// Scores of the stored scans of this inventory, oldest first, this one included.
    public var trend: [ScanScores]

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
        self.unitInventories = nil
        self.changes = nil
        self.trend = []
    }

    /// The given inventories, or those measured from the snapshot.
    public var inventories: [UnitInventory] {
        unitInventories ?? UnitInventory.build(snapshot)
    }
}
