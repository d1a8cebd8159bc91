import Foundation
import InventoryModel
import Ranking

/// What every format shows, worked out once: counts, groupings and display texts.
///
/// Renderers only lay this out and escape it, so the formats cannot drift apart in what they say.
/// Texts here are raw (unescaped); each renderer escapes them for its own format. The groupings
/// (unit sections, problems by host) are made when first asked for: JSON and OSCAL need only the
/// counts, and grouping two million findings copies each one.
final class ReportDigest {
    struct UnitSection {
        var unitID: String
        /// `nil` for hosts whose unit is not in the inventory's unit list.
        var unit: InventoryModel.Unit?
        var score: UnitScore?
        var hosts: HostSelection
    }

    /// Some of the snapshot's hosts, by index: a `HostScan` is hundreds of bytes, and grouping
    /// 50,000 of them by unit (and again by page) copied each one.
    typealias HostSelection = IndexSelection<HostScan>

    struct HostProblems {
        var host: String
        var findings: Selection
    }

    /// Some of the input's findings, by index: grouping two million findings this way copies
    /// none of them.
    typealias Selection = IndexSelection<Finding>

    let input: ReportInput
    let format: ReportFormatting
    let hostCountsByStatus: [(status: HostStatus, count: Int)]
    let findingCountsByVerdict: [(verdict: Verdict, count: Int)]
    /// Most severe first.
    let failureCountsBySeverity: [(severity: Severity, count: Int)]
    /// Indicator columns of the ranking table, in the method's order.
    let indicatorHeadings: [(id: String, label: LocalizedText)]
    /// The report's header lines (label, value), the same in every format.
    var headerFacts: [(ReportKey, String)] {
        [
            (.inventory, input.snapshot.inventoryName),
            (.scan, scanLabel),
            (.scanStarted, format.dateTime(input.snapshot.startedAt)),
            (.scanFinished, format.dateTime(input.snapshot.finishedAt)),
            (.generatedAt, format.dateTime(input.generatedAt)),
            (.toolVersion, "ictaudit \(input.toolVersion)"),
            (.rankingMethod, rankingMethodLabel),
            (.policies, policiesLabel),
        ]
    }

    /// Whether the method names tiers (Tốt/Khá…, A–E): then the ranking shows a tier column.
    var hasTiers: Bool { input.ranking.units.contains { $0.tier != nil } }

    /// Units in inventory order, then any unit that only hosts mention.
    lazy var unitSections: [UnitSection] = {
        let snapshot = input.snapshot
        let scores = Dictionary(
            input.ranking.units.map { ($0.unitID, $0) }, uniquingKeysWith: { first, _ in first })
        // By index: iterating the hosts themselves copies each `HostScan` (a retain per field).
        let all = snapshot.hosts
        var hostsByUnit: [String: [Int32]] = [:]
        for index in all.indices { hostsByUnit[all[index].target.unit, default: []].append(Int32(index)) }
        func hosts(_ unit: String) -> HostSelection {
            HostSelection(all: snapshot.hosts, positions: (hostsByUnit[unit] ?? [])[...])
        }
        var sections = snapshot.units.map { unit in
            UnitSection(unitID: unit.id, unit: unit, score: scores[unit.id], hosts: hosts(unit.id))
        }
        let known = Set(snapshot.units.map(\.id))
        var orphanUnits: [String] = []
        var orphanSeen: Set<String> = []
        for index in all.indices where !known.contains(all[index].target.unit) {
            let unit = all[index].target.unit
            if orphanSeen.insert(unit).inserted { orphanUnits.append(unit) }
        }
        sections += orphanUnits.map {
            UnitSection(unitID: $0, unit: nil, score: nil, hosts: hosts($0))
        }
        return sections
    }()

    /// Failed and error findings, grouped by host in inventory order (hosts the inventory does
    /// not know after, by name), most severe first. Indexes, bucketed by host in one pass; only
    /// each host's few findings are sorted.
    lazy var problems: [HostProblems] = {
        let findings = input.findings
        var positions = HostPositions(input.snapshot.hosts)
        let known = positions.hosts.count
        var failing: [Int32] = []
        var hostOf: [Int32] = []
        for index in findings.indices {
            let verdict = findings[index].verdict
            guard verdict == .fail || verdict == .error else { continue }
            failing.append(Int32(index))
            hostOf.append(positions.position(findings[index].host))
        }
        let hosts = positions.hosts
        // Hosts the inventory does not know come after the known ones, sorted by endpoint.
        var rank = Array(0..<Int32(hosts.count))
        if hosts.count > known {
            let unknown = (known..<hosts.count).sorted { hosts[$0] < hosts[$1] }
            for (offset, host) in unknown.enumerated() { rank[host] = Int32(known + offset) }
        }
        // Counting sort by host rank keeps each host's findings in input order.
        var starts = [Int](repeating: 0, count: hosts.count + 1)
        for at in hostOf { starts[Int(rank[Int(at)]) + 1] += 1 }
        for i in 0..<hosts.count { starts[i + 1] += starts[i] }
        var next = starts
        var ordered = [Int32](repeating: 0, count: failing.count)
        for (k, at) in hostOf.enumerated() {
            let r = Int(rank[Int(at)])
            ordered[next[r]] = failing[k]
            next[r] += 1
        }
        var byRank = [String](repeating: "", count: hosts.count)
        for (at, host) in hosts.enumerated() { byRank[Int(rank[at])] = host }
        var groups: [HostProblems] = []
        for r in 0..<hosts.count where starts[r] < starts[r + 1] {
            ordered[starts[r]..<starts[r + 1]].sort {
                let (a, b) = (findings[Int($0)], findings[Int($1)])
                return (b.severity.rank, a.policyID, a.ruleID) < (a.severity.rank, b.policyID, b.ruleID)
            }
            groups.append(HostProblems(host: byRank[r], findings: Selection(all: findings, positions: [])))
        }
        // The slices share one array of indexes.
        var g = 0
        for r in 0..<hosts.count where starts[r] < starts[r + 1] {
            groups[g].findings = Selection(all: findings, positions: ordered[starts[r]..<starts[r + 1]])
            g += 1
        }
        return groups
    }()

    lazy var notScanned: [HostScan] = input.snapshot.hosts.filter { $0.status != .scanned }

    /// Failed and error findings per host endpoint: from `problems` (one entry per host), not a
    /// dictionary update per finding.
    lazy var problemCounts: [String: Int] = Dictionary(
        problems.map { ($0.host, $0.findings.count) }, uniquingKeysWith: +)

    /// Endpoint → index into the snapshot's hosts (a `HostScan` is hundreds of bytes: a
    /// dictionary of copies was ~80 MB at 50,000 hosts, in every format).
    let hostIndex: [String: Int]
    /// Unit id → index into the snapshot's units (the first of a repeated id, as before).
    private let unitIndex: [String: Int]
    private let policyTitles: [String: LocalizedText]

    init(_ input: ReportInput) {
        self.input = input
        format = ReportFormatting(language: input.language, timeZone: input.timeZone)
        let snapshot = input.snapshot

        // Hosts and findings by index, counted into arrays: every format makes a digest, and
        // iterating copies of 2 M findings with two dictionary lookups each was ~0.1 s a format.
        let hosts = snapshot.hosts
        var byStatus: [HostStatus: Int] = [:]
        for index in hosts.indices { byStatus[hosts[index].status, default: 0] += 1 }
        hostCountsByStatus = HostStatus.allCases.map { ($0, byStatus[$0] ?? 0) }
        // One pass over the findings for both tables.
        var byVerdict = [Int](repeating: 0, count: Verdict.allCases.count)
        var failuresBySeverity = [Int](repeating: 0, count: Severity.allCases.count)
        let findings = input.findings
        for index in findings.indices {
            let verdict = findings[index].verdict
            byVerdict[verdict.ordinal] += 1
            if verdict == .fail { failuresBySeverity[findings[index].severity.rank] += 1 }
        }
        findingCountsByVerdict = Verdict.allCases.enumerated().map { ($1, byVerdict[$0]) }
        failureCountsBySeverity = Severity.allCases.enumerated().reversed().map { ($1, failuresBySeverity[$0]) }
        indicatorHeadings = input.ranking.units.first?.indicators.map { ($0.id, $0.label) } ?? []

        unitIndex = Dictionary(snapshot.units.enumerated().map { ($1.id, $0) }, uniquingKeysWith: { first, _ in first })
        var hostIndex = [String: Int](minimumCapacity: hosts.count)
        for index in hosts.indices {
            let endpoint = hosts[index].target.endpoint
            if hostIndex[endpoint] == nil { hostIndex[endpoint] = index }
        }
        self.hostIndex = hostIndex
        policyTitles = Dictionary(
            input.policies.map { ($0.id, $0.title) }, uniquingKeysWith: { first, _ in first })
    }

    var language: Language { input.language }

    func label(_ key: ReportKey) -> String { key.text(in: language) }

    /// `#7`, or "not stored" for a scan that has no id yet.
    var scanLabel: String {
        input.snapshot.scanID.map { "#\($0)" } ?? label(.scanNotStored)
    }

    var policiesLabel: String {
        input.policies.map { "\($0.title.text(language)) (\($0.id))" }.joined(separator: ", ")
    }

    var rankingMethodLabel: String {
        "\(input.ranking.methodName.text(language)) (\(input.ranking.methodID))"
    }

    func unitTitle(_ section: UnitSection) -> String {
        guard let unit = section.unit else {
            return "\(section.unitID) (\(label(.unitNotInInventory)))"
        }
        return "\(unit.name.text(language)) (\(unit.id))"
    }

    func unitName(_ unitID: String) -> String {
        unitIndex[unitID].map { input.snapshot.units[$0].name.text(language) } ?? unitID
    }

    /// The inventory's name for the host and its endpoint, e.g. `web-01 (10.0.0.5:22)`.
    func hostLabel(_ host: HostScan) -> String {
        host.target.name.map { "\($0) (\(host.target.endpoint))" } ?? host.target.endpoint
    }

    /// The label for a finding's host endpoint, flagging endpoints the snapshot does not know.
    func hostLabel(endpoint: String) -> String {
        guard let index = hostIndex[endpoint] else { return "\(endpoint) (\(label(.hostNotInInventory)))" }
        // The target's fields in place: a `HostScan` copy costs a retain per field.
        let hosts = input.snapshot.hosts
        return hosts[index].target.name.map { "\($0) (\(hosts[index].target.endpoint))" } ?? hosts[index].target.endpoint
    }

    func policyLabel(_ policyID: String) -> String {
        policyTitles[policyID].map { "\($0.text(language)) (\(policyID))" } ?? policyID
    }

    func statusText(_ host: HostScan) -> String {
        let status = host.status.label.text(language)
        guard let message = host.message, !message.isEmpty else { return status }
        return "\(status): \(message)"
    }

    func osText(_ host: HostScan) -> String {
        guard let os = host.facts?.os else { return label(.unknown) }
        return os.prettyName ?? os.name.map { name in os.versionID.map { "\(name) \($0)" } ?? name }
            ?? os.id
    }

    func hostnameText(_ host: HostScan) -> String {
        host.facts?.hostname ?? label(.unknown)
    }

    func bannerText(_ host: HostScan) -> String {
        host.serverBanner ?? label(.unknown)
    }

    /// Each product with whether it is installed and how old its signatures were when the host's
    /// scan started, e.g. `ClamAV 1.0.5: installed, signatures 2025-02-17 (2 days old at scan time)`.
    func antivirusText(_ host: HostScan) -> String {
        guard host.status == .scanned, let facts = host.facts else { return label(.unknown) }
        guard !facts.antivirus.isEmpty else { return label(.noneFound) }
        return facts.antivirus.map { product in
            let name = [product.product, product.version].compactMap { $0 }.joined(separator: " ")
            guard product.installed else { return "\(name): \(label(.notInstalled))" }
            let signatures: String
            if let date = product.signatureDate {
                let age = host.startedAt.timeIntervalSince(date) / 86_400
                signatures =
                    "\(format.day(date)) (\(format.decimal(age, places: 1)) \(label(.days)))"
            } else {
                signatures = label(.unknown)
            }
            return "\(name): \(label(.installed)), \(label(.signatures)) \(signatures)"
        }.joined(separator: "; ")
    }

    func evidenceText(_ item: EvidenceItem) -> String {
        "\(item.path) = \(item.value)"
    }

    func indicatorCell(_ indicator: IndicatorScore) -> String {
        guard indicator.hasData else {
            return "\(format.decimal(indicator.normalised)) (\(label(.noData)))"
        }
        return "\(format.decimal(indicator.raw)) → \(format.decimal(indicator.normalised))"
    }

    func indicatorHeading(_ label: LocalizedText) -> String {
        "\(label.text(language)) (\(self.label(.rawToNormalised)))"
    }

    var title: String {
        "\(label(.title)): \(input.snapshot.inventoryName)"
    }
}

extension Verdict {
    /// The position in `allCases`, without making the `allCases` array: for per-verdict tables
    /// looked up once per finding.
    var ordinal: Int {
        switch self {
        case .pass: 0
        case .fail: 1
        case .error: 2
        case .notApplicable: 3
        case .waived: 4
        }
    }
}

extension Severity {
    /// Severities in `Comparable` order as integers: `Severity.<` looks both up in `allCases`
    /// (an array made per comparison), too slow for sorting hundreds of thousands of findings.
    var rank: Int {
        switch self {
        case .info: 0
        case .low: 1
        case .medium: 2
        case .high: 3
        case .critical: 4
        }
    }
}

/// Some elements of an array, by index: a view that copies none of them.
struct IndexSelection<Element>: RandomAccessCollection {
    let all: [Element]
    let positions: ArraySlice<Int32>

    var startIndex: Int { positions.startIndex }
    var endIndex: Int { positions.endIndex }
    subscript(position: Int) -> Element { all[Int(positions[position])] }

    /// The elements at `range` of this selection's indexes.
    func slice(_ range: Range<Int>) -> IndexSelection { IndexSelection(all: all, positions: positions[range]) }
}

/// Numbers hosts for grouping findings by host: the inventory's hosts first, in order, then each
/// endpoint only findings name, as first met. Findings come host by host, so the last answer is
/// checked before the table (two million findings, 50,000 hosts).
struct HostPositions {
    private(set) var hosts: [String] = []
    private var table: [String: Int32] = [:]
    private var last: (host: String, position: Int32)?

    init(_ scanned: [HostScan]) {
        table.reserveCapacity(scanned.count)
        for index in scanned.indices {
            let endpoint = scanned[index].target.endpoint
            guard table[endpoint] == nil else { continue }
            table[endpoint] = Int32(hosts.count)
            hosts.append(endpoint)
        }
    }

    mutating func position(_ host: String) -> Int32 {
        if let last, last.host == host { return last.position }
        let at: Int32
        if let known = table[host] {
            at = known
        } else {
            at = Int32(hosts.count)
            table[host] = at
            hosts.append(host)
        }
        last = (host, at)
        return at
    }
}
