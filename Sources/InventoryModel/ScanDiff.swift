public import Foundation

/// What changed between two scans of an estate: hosts that appeared or went, findings that are
/// new or resolved, facts that moved (packages, listening ports, antivirus, sshd settings, system)
/// and units that moved in the ranking.
///
/// Pure and computed from what the store already holds, so `ictaudit diff`, the service's API and
/// the reports' "since the last scan" section all say the same thing. Hosts are matched by
/// endpoint (`address:port`), findings by policy, rule and host, units by id.
public struct ScanDiff: Codable, Sendable, Hashable {
    public var before: ScanReference
    public var after: ScanReference
    /// In the order of the later scan.
    public var hostsAppeared: [HostIdentity]
    /// In the order of the earlier scan.
    public var hostsGone: [HostIdentity]
    /// Hosts in both scans whose scan ended differently (e.g. scanned, then unreachable).
    public var statusChanges: [StatusChange]
    /// Failing now and not failing before (or judged for the first time); most severe first.
    public var newFindings: [FindingChange]
    /// Failing before and judged passing, not applicable or waived now; most severe first.
    public var resolvedFindings: [FindingChange]
    /// Hosts scanned both times whose facts differ, in the order of the later scan.
    public var hostChanges: [HostFactChanges]
    /// Units whose rank or tier changed, or that are ranked in only one of the scans; by later rank.
    public var rankMoves: [RankMove]
    /// Whether both scans had findings to compare; without them the finding lists say nothing.
    public var findingsCompared: Bool
    /// Whether both scans had a ranking to compare.
    public var rankingCompared: Bool

    /// Nothing to report between the two scans.
    public var isEmpty: Bool {
        hostsAppeared.isEmpty && hostsGone.isEmpty && statusChanges.isEmpty && newFindings.isEmpty
            && resolvedFindings.isEmpty && hostChanges.isEmpty && rankMoves.isEmpty
    }

    /// One side of a comparison: a scan, the findings judged on it and the units' standing.
    public struct Side: Sendable {
        public var snapshot: InventorySnapshot
        /// `nil` when the scan was never judged.
        public var findings: [Finding]?
        /// `nil` when the scan was not ranked.
        public var standings: [UnitStanding]?

        public init(snapshot: InventorySnapshot, findings: [Finding]? = nil, standings: [UnitStanding]? = nil) {
            self.snapshot = snapshot
            self.findings = findings
            self.standings = standings
        }
    }

    /// Compares an earlier scan with a later one.
    public init(from old: Side, to new: Side) {
        before = ScanReference(old.snapshot)
        after = ScanReference(new.snapshot)
        let oldHosts = Dictionary(old.snapshot.hosts.map { ($0.target.endpoint, $0) }, uniquingKeysWith: { a, _ in a })
        let newHosts = Dictionary(new.snapshot.hosts.map { ($0.target.endpoint, $0) }, uniquingKeysWith: { a, _ in a })
        hostsAppeared = new.snapshot.hosts.filter { oldHosts[$0.target.endpoint] == nil }.map(HostIdentity.init)
        hostsGone = old.snapshot.hosts.filter { newHosts[$0.target.endpoint] == nil }.map(HostIdentity.init)
        statusChanges = []
        hostChanges = []
        for host in new.snapshot.hosts {
            guard let earlier = oldHosts[host.target.endpoint] else { continue }
            if earlier.status != host.status {
                statusChanges.append(StatusChange(host: HostIdentity(host), before: earlier.status, after: host.status))
            }
            if let was = earlier.facts, let now = host.facts {
                let changes = HostFactChanges(host: HostIdentity(host), before: was, after: now)
                if !changes.isEmpty { hostChanges.append(changes) }
            }
        }
        (newFindings, resolvedFindings) = Self.findingChanges(
            old.findings ?? [], new.findings ?? [], goneHosts: Set(hostsGone.map(\.endpoint)))
        findingsCompared = old.findings != nil && new.findings != nil
        if !findingsCompared {
            newFindings = []
            resolvedFindings = []
        }
        rankingCompared = old.standings != nil && new.standings != nil
        rankMoves = rankingCompared ? Self.rankMoves(old.standings ?? [], new.standings ?? []) : []
    }

    private struct FindingKey: Hashable {
        var policy: String
        var rule: String
        var host: String
    }

    private static func findingChanges(
        _ old: [Finding], _ new: [Finding], goneHosts: Set<String>
    ) -> (new: [FindingChange], resolved: [FindingChange]) {
        func key(_ finding: Finding) -> FindingKey {
            FindingKey(policy: finding.policyID, rule: finding.ruleID, host: finding.host)
        }
        let oldVerdicts = Dictionary(old.map { (key($0), $0.verdict) }, uniquingKeysWith: { a, _ in a })
        let newVerdicts = Dictionary(new.map { (key($0), $0.verdict) }, uniquingKeysWith: { a, _ in a })
        // A host that answered neither pass nor fail (unreachable, error) has not resolved anything.
        let settled: Set<Verdict> = [.pass, .notApplicable, .waived]
        var appeared: [FindingChange] = []
        var resolved: [FindingChange] = []
        for finding in new where finding.verdict == .fail {
            let before = oldVerdicts[key(finding)]
            if before != .fail { appeared.append(FindingChange(finding, before: before, after: .fail)) }
        }
        for finding in old where finding.verdict == .fail && !goneHosts.contains(finding.host) {
            if let after = newVerdicts[key(finding)], settled.contains(after) {
                resolved.append(FindingChange(finding, before: .fail, after: after))
            }
        }
        return (appeared.sorted(by: FindingChange.precedes), resolved.sorted(by: FindingChange.precedes))
    }

    private static func rankMoves(_ old: [UnitStanding], _ new: [UnitStanding]) -> [RankMove] {
        let oldByID = Dictionary(old.map { ($0.unitID, $0) }, uniquingKeysWith: { a, _ in a })
        let newIDs = Set(new.map(\.unitID))
        var moves: [RankMove] = []
        for standing in new {
            let earlier = oldByID[standing.unitID]
            if earlier?.rank != standing.rank || earlier?.tier != standing.tier {
                moves.append(RankMove(unitID: standing.unitID, unitName: standing.unitName, before: earlier, after: standing))
            }
        }
        for standing in old where !newIDs.contains(standing.unitID) {
            moves.append(RankMove(unitID: standing.unitID, unitName: standing.unitName, before: standing, after: nil))
        }
        return moves
    }
}

/// Which scan a diff side is, for its heading.
public struct ScanReference: Codable, Sendable, Hashable {
    public var scanID: Int64?
    public var inventoryName: String
    public var startedAt: Date

    public init(_ snapshot: InventorySnapshot) {
        scanID = snapshot.scanID
        inventoryName = snapshot.inventoryName
        startedAt = snapshot.startedAt
    }
}

/// A host as a diff names it.
public struct HostIdentity: Codable, Sendable, Hashable {
    public var endpoint: String
    /// The inventory's name for the host, else the hostname it reported.
    public var name: String?
    public var unit: String

    public init(endpoint: String, name: String?, unit: String) {
        self.endpoint = endpoint
        self.name = name
        self.unit = unit
    }

    public init(_ host: HostScan) {
        self.init(endpoint: host.target.endpoint, name: host.target.name ?? host.facts?.hostname, unit: host.target.unit)
    }
}

public struct StatusChange: Codable, Sendable, Hashable {
    public var host: HostIdentity
    public var before: HostStatus
    public var after: HostStatus

    public init(host: HostIdentity, before: HostStatus, after: HostStatus) {
        self.host = host
        self.before = before
        self.after = after
    }
}

/// A rule's verdict on a host that changed between the scans.
public struct FindingChange: Codable, Sendable, Hashable {
    public var policyID: String
    public var ruleID: String
    public var title: LocalizedText
    public var severity: Severity
    public var host: String
    public var unit: String
    /// `nil` when the rule was not judged on the host in that scan.
    public var before: Verdict?
    public var after: Verdict?

    public init(_ finding: Finding, before: Verdict?, after: Verdict?) {
        policyID = finding.policyID
        ruleID = finding.ruleID
        title = finding.title
        severity = finding.severity
        host = finding.host
        unit = finding.unit
        self.before = before
        self.after = after
    }

    /// Most severe first, then by host and rule, so the list reads the same on every run.
    static func precedes(_ a: FindingChange, _ b: FindingChange) -> Bool {
        if a.severity != b.severity { return a.severity > b.severity }
        if a.host != b.host { return a.host < b.host }
        if a.policyID != b.policyID { return a.policyID < b.policyID }
        return a.ruleID < b.ruleID
    }
}

/// A unit's place in one ranking, as much of it as a diff needs (the full score lives in `Ranking`).
public struct UnitStanding: Codable, Sendable, Hashable {
    public var unitID: String
    public var unitName: LocalizedText
    public var rank: Int
    public var score: Double
    /// The tier's id (`A`, `tot`), when the method has tiers.
    public var tier: String?
    public var group: String?

    public init(unitID: String, unitName: LocalizedText, rank: Int, score: Double, tier: String? = nil, group: String? = nil) {
        self.unitID = unitID
        self.unitName = unitName
        self.rank = rank
        self.score = score
        self.tier = tier
        self.group = group
    }
}

/// A unit that moved in the ranking; `before` or `after` is `nil` for a unit ranked in one scan only.
public struct RankMove: Codable, Sendable, Hashable {
    public var unitID: String
    public var unitName: LocalizedText
    public var before: UnitStanding?
    public var after: UnitStanding?

    /// Positive when the unit climbed (its rank number fell).
    public var places: Int? {
        guard let before, let after else { return nil }
        return before.rank - after.rank
    }
}
