import Foundation
import InventoryModel

/// The findings as a NIST OSCAL assessment-results document (`report.oscal.json`, OSCAL 1.2.1).
///
/// Each scanned host is an inventory item; each judged rule on a host is an observation (method
/// TEST, the evidence items as relevant evidence) and a finding whose target is the rule as an
/// objective, `satisfied` when it passed and `not-satisfied` with a reason (`fail`, `error`,
/// `waived`) otherwise. Not-applicable rules were not assessed and are left out. UUIDs are
/// name-based (v5) on the scan, host and rule, so the same input gives the same document.
public struct OSCALReport: TextReportRenderer {
    public init() {}

    public static let oscalVersion = "1.2.1"
    static let namespace = "https://github.com/ictaudit/ictaudit/ns/oscal"

    public var format: ReportFormat { .oscal }
    public var fileName: String { "report.oscal.json" }

    public func render(_ input: ReportInput) throws -> String {
        let d = ReportDigest(input)
        let language = input.language
        let scanKey = "\(input.snapshot.inventoryName)#\(input.snapshot.scanID.map(String.init) ?? "unsaved")@\(input.snapshot.startedAt.timeIntervalSince1970)"
        let stamp = Self.dateTime

        var items: [[String: Any]] = []
        var itemUUIDs: [String: String] = [:]
        for host in input.snapshot.hosts where itemUUIDs[host.target.endpoint] == nil {
            let uuid = NameBasedUUID.make("\(scanKey)/host/\(host.target.endpoint)")
            itemUUIDs[host.target.endpoint] = uuid
            var props: [[String: Any]] = [
                ["name": "asset-id", "value": Self.line(host.target.endpoint)],
                ["name": "ipv4-address", "value": Self.line(host.target.address)],
            ]
            if host.target.address.contains(":") { props[1]["name"] = "ipv6-address" }
            if let os = host.facts?.os { props.append(["name": "software-name", "value": Self.line(os.prettyName ?? os.id)]) }
            items.append([
                "uuid": uuid, "description": Self.line(d.hostLabel(host)), "props": props,
                "remarks": Self.line("\(d.label(.unit)): \(d.unitName(host.target.unit)); \(d.label(.status)): \(d.statusText(host))"),
            ])
        }

        var observations: [[String: Any]] = []
        var findings: [[String: Any]] = []
        observations.reserveCapacity(input.findings.count)
        findings.reserveCapacity(input.findings.count)
        for finding in input.findings where finding.verdict != .notApplicable {
            let key = "\(scanKey)/\(finding.host)/\(finding.policyID)/\(finding.ruleID)"
            let observationUUID = NameBasedUUID.make(key + "/observation")
            let title = Self.line("\(finding.ruleID): \(finding.title.text(language))")
            var observation: [String: Any] = [
                "uuid": observationUUID, "title": title,
                "description": Self.line(
                    "\(finding.verdict.label.text(language)) — \(d.hostLabel(endpoint: finding.host))"
                        + (finding.message.map { ": \($0)" } ?? "")),
                "methods": ["TEST"], "types": ["finding"],
                "collected": Self.format(input.snapshot.startedAt),
            ]
            if let item = itemUUIDs[finding.host] {
                observation["subjects"] = [["subject-uuid": item, "type": "inventory-item"]]
            }
            if !finding.evidence.isEmpty {
                observation["relevant-evidence"] = finding.evidence.map {
                    ["description": Self.line("\($0.path) = \($0.value)")]
                }
            }
            observations.append(observation)

            var status: [String: Any] = ["state": finding.verdict == .pass ? "satisfied" : "not-satisfied"]
            switch finding.verdict {
            case .fail: status["reason"] = "fail"
            case .error: status["reason"] = "error"
            case .waived: status["reason"] = "waived"
            case .pass, .notApplicable: break
            }
            var entry: [String: Any] = [
                "uuid": NameBasedUUID.make(key + "/finding"), "title": title,
                "description": Self.line(
                    "\(d.policyLabel(finding.policyID)) — \(d.label(.severity)): \(finding.severity.label.text(language))"),
                "props": [
                    ["name": "severity", "ns": Self.namespace, "value": finding.severity.rawValue],
                    ["name": "verdict", "ns": Self.namespace, "value": finding.verdict.rawValue],
                ],
                "target": [
                    "type": "objective-id", "target-id": Self.token("\(finding.policyID).\(finding.ruleID)"),
                    "status": status,
                ],
                "related-observations": [["observation-uuid": observationUUID]],
            ]
            if let waiver = finding.waiver {
                entry["remarks"] = Self.line("\(d.label(.waiver)): \(waiver.justification) (\(waiver.approver), \(waiver.expires))")
            }
            findings.append(entry)
        }

        var result: [String: Any] = [
            "uuid": NameBasedUUID.make("\(scanKey)/result"),
            "title": Self.line(d.title),
            "description": Self.line("\(d.label(.scan)) \(d.scanLabel); \(d.label(.policies)): \(d.policiesLabel)"),
            "start": Self.format(input.snapshot.startedAt),
            "end": Self.format(input.snapshot.finishedAt),
            "reviewed-controls": ["control-selections": [["include-all": [String: Any]()]]],
        ]
        if !items.isEmpty { result["local-definitions"] = ["inventory-items": items] }
        if !observations.isEmpty { result["observations"] = observations }
        if !findings.isEmpty { result["findings"] = findings }

        let document: [String: Any] = [
            "assessment-results": [
                "uuid": NameBasedUUID.make("\(scanKey)/assessment-results"),
                "metadata": [
                    "title": Self.line(d.title),
                    "last-modified": stamp(input.generatedAt),
                    "version": Self.line(input.toolVersion),
                    "oscal-version": Self.oscalVersion,
                    "remarks": Self.line("ictaudit \(input.toolVersion); \(d.label(.rankingMethod)): \(d.rankingMethodLabel)"),
                ],
                "import-ap": ["href": "#assessment-plan"],
                "results": [result],
            ] as [String: Any]
        ]
        let data = try JSONSerialization.data(
            withJSONObject: document, options: [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    static func dateTime(_ date: Date) -> String { format(date) }

    static func format(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }

    /// OSCAL strings have no leading or trailing space and are never empty; markup-line text has
    /// no line breaks. Host text is cleaned of controls and bidi overrides first.
    static func line(_ text: String) -> String {
        let cleaned = UntrustedText.clean(text).trimmingCharacters(in: .whitespaces)
        return cleaned.isEmpty ? "—" : cleaned
    }

    /// An OSCAL token: a letter or `_` first, then letters, digits, `.`, `-`, `_`.
    static func token(_ text: String) -> String {
        var out = String.UnicodeScalarView()
        for scalar in text.unicodeScalars {
            let ok = scalar.properties.isAlphabetic || ("0"..."9").contains(scalar) || scalar == "." || scalar == "-" || scalar == "_"
            out.append(ok ? scalar : "_")
        }
        if let first = out.first, !(first.properties.isAlphabetic || first == "_") { out.insert("_", at: out.startIndex) }
        return out.isEmpty ? "_" : String(out)
    }
}
