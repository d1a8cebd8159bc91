import Foundation
import Hummingbird
import InventoryModel

extension AuditServer {
    /// `/scans/A/diff/B`: the core's `ScanDiff` as a page (the API serves the same diff as JSON).
    func addDiffPage(to router: Router<ServiceContext>) {
        router.get("/scans/{scan}/diff/{to}") { _, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            let from = try context.parameters.require("scan", as: Int64.self)
            let to = try context.parameters.require("to", as: Int64.self)
            guard let diff = try await self.catalog.diff(from: from, to: to) else {
                return self.page("message", context, status: .notFound, values: ["text": "404"])
            }
            return self.page("diff", context, values: Self.diffValues(diff, context.language))
        }
    }

    /// Every label a diff page shows, as `{{d.key}}` (the core's exhaustive vi/en table).
    static func diffLabels(_ language: Language) -> [String: String] {
        var table: [String: String] = [:]
        for label in ScanDiffLabel.allCases { table[String(describing: label)] = label.text.text(language) }
        return table
    }

    /// The template's values for one diff; everything from a host is inserted as text by mustache.
    static func diffValues(_ diff: ScanDiff, _ language: Language) -> [String: Any] {
        func host(_ identity: HostIdentity) -> [String: Any] {
            ["endpoint": identity.endpoint, "name": identity.name ?? "", "unit": identity.unit]
        }
        func finding(_ change: FindingChange) -> [String: Any] {
            [
                "severity": change.severity.rawValue, "policy": change.policyID, "rule": change.ruleID,
                "title": change.title.text(language), "host": change.host, "unit": change.unit,
                "before": change.before?.label.text(language) ?? "—", "after": change.after?.label.text(language) ?? "—",
            ]
        }
        func facts(_ changes: [FactChange]) -> [[String: Any]] {
            changes.map { ["fact": $0.fact, "before": $0.before ?? "—", "after": $0.after ?? "—"] }
        }
        func sockets(_ list: [ListeningSocket]) -> String {
            list.map { "\($0.port)/\($0.proto.rawValue) \($0.address)" }.joined(separator: ", ")
        }
        func standing(_ standing: UnitStanding?) -> String {
            guard let standing else { return ScanDiffLabel.unranked.text.text(language) }
            return "#\(standing.rank)" + (standing.tier.map { " \($0)" } ?? "") + " (\(number(standing.score)))"
        }
        func scan(_ reference: ScanReference) -> [String: Any] {
            ["id": reference.scanID.map(String.init) ?? "?", "inventory": reference.inventoryName, "started": time(reference.startedAt)]
        }
        let changes: [[String: Any]] = diff.hostChanges.map { change in
            [
                "host": host(change.host),
                "packages": change.packages.map { package -> [String: Any] in
                    let sign = package.before == nil ? "+" : package.after == nil ? "−" : "~"
                    return [
                        "sign": sign, "name": package.architecture.map { "\(package.name):\($0)" } ?? package.name,
                        "before": package.before ?? "—", "after": package.after ?? "—",
                    ]
                },
                "hasPackages": !change.packages.isEmpty, "opened": sockets(change.portsOpened), "closed": sockets(change.portsClosed),
                "hasOpened": !change.portsOpened.isEmpty, "hasClosed": !change.portsClosed.isEmpty,
                "facts": facts(change.antivirus) + facts(change.sshd) + facts(change.system),
            ]
        }
        return [
            "d": diffLabels(language), "before": scan(diff.before), "after": scan(diff.after), "empty": diff.isEmpty,
            "hostsAppeared": diff.hostsAppeared.map(host), "hostsGone": diff.hostsGone.map(host),
            "statusChanges": diff.statusChanges.map {
                ["host": host($0.host), "before": $0.before.label.text(language), "after": $0.after.label.text(language)] as [String: Any]
            },
            "newFindings": diff.newFindings.map(finding), "resolvedFindings": diff.resolvedFindings.map(finding),
            "notJudged": !diff.findingsCompared, "notRanked": !diff.rankingCompared, "hostChanges": changes,
            "rankMoves": diff.rankMoves.map {
                ["unit": $0.unitName.text(language), "before": standing($0.before), "after": standing($0.after)]
            },
        ]
    }
}
