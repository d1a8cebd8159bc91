import Foundation
import InventoryModel
import Ranking
import Reports
import Testing

struct JSONReportTests {
    private let json = try! JSONReport().render(ReportFixtures.input(.vi))

    private func object() throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(json.utf8)) as? [String: Any])
    }

    @Test("the top level carries generatedAt, scan, units, hosts and findings, with ISO 8601 dates")
    func topLevel() throws {
        let root = try object()
        #expect(
            Set(root.keys).isSuperset(of: [
                "generatedAt", "scan", "units", "hosts", "findings", "method", "summary",
                "policies",
            ]))
        #expect(root["generatedAt"] as? String == "2025-02-19T22:20:00Z")
        #expect(root["toolVersion"] as? String == "0.1.0")
        let scan = try #require(root["scan"] as? [String: Any])
        #expect(scan["id"] as? Int == 42)
        #expect(scan["inventory"] as? String == ReportFixtures.inventoryName)
        #expect(scan["startedAt"] as? String == "2025-02-19T21:20:00Z")
        #expect(scan["finishedAt"] as? String == "2025-02-19T21:21:30Z")
    }

    @Test("units carry id, bilingual name, full-precision score, rank and indicators")
    func units() throws {
        let units = try #require(try object()["units"] as? [[String: Any]])
        #expect(units.map { $0["id"] as? String } == ["vp", "tt"])
        #expect(units.map { $0["rank"] as? Int } == [1, 2])
        #expect(
            (units[0]["name"] as? [String: String]) == [
                "vi": "Văn phòng Sở", "en": "Department Office",
            ])
        let score = try #require(units[0]["score"] as? Double)
        #expect(abs(score - (1.0 + 0.5 + 1.0 / 3) / 3) < 1e-12)
        let indicators = try #require(units[1]["indicators"] as? [[String: Any]])
        #expect(
            indicators.map { $0["id"] as? String } == [
                "computers_per_staff", "antivirus_coverage", "rules_passed",
            ])
        #expect(indicators[2]["hasData"] as? Bool == false)
        #expect(indicators[0]["raw"] as? Double == 1)
    }

    @Test(
        "hosts carry address, port, unit, status, message, hostname, OS and antivirus, with nulls kept"
    )
    func hosts() throws {
        let hosts = try #require(try object()["hosts"] as? [[String: Any]])
        #expect(hosts.count == 3)
        let first = hosts[0]
        #expect(first["address"] as? String == "10.0.0.1")
        #expect(first["port"] as? Int == 22)
        #expect(first["unit"] as? String == "vp")
        #expect(first["status"] as? String == "scanned")
        #expect(first["message"] is NSNull)
        #expect(first["hostname"] as? String == ReportFixtures.hostileHostname)
        #expect(first["sshBanner"] as? String == ReportFixtures.hostileBanner)
        let os = try #require(first["os"] as? [String: Any])
        #expect(os["prettyName"] as? String == "Debian GNU/Linux 12 (bookworm)")
        let antivirus = try #require(first["antivirus"] as? [[String: Any]])
        #expect(antivirus[0]["product"] as? String == "ClamAV")
        #expect(antivirus[0]["signatureAgeDays"] as? Double == 2)
        #expect(antivirus[0]["signatureDate"] as? String == "2025-02-17T21:20:00Z")
        let unreachable = hosts[2]
        #expect(unreachable["status"] as? String == "unreachable")
        #expect(unreachable["message"] as? String == "connect: no route to host | retry\nlater")
        #expect(unreachable["hostname"] is NSNull)
        #expect(unreachable["os"] is NSNull)
        #expect((unreachable["antivirus"] as? [Any])?.isEmpty == true)
    }

    @Test("findings carry policy, rule, host, unit, verdict, severity, message and evidence")
    func findings() throws {
        let findings = try #require(try object()["findings"] as? [[String: Any]])
        #expect(findings.count == 4)
        let fail = findings[0]
        #expect(fail["policy"] as? String == "baseline")
        #expect(fail["rule"] as? String == "ssh.root_login")
        #expect(fail["host"] as? String == "10.0.0.1:22")
        #expect(fail["unit"] as? String == "vp")
        #expect(fail["verdict"] as? String == "fail")
        #expect(fail["severity"] as? String == "high")
        #expect(fail["message"] as? String == ReportFixtures.brokenMessage)
        let evidence = try #require(fail["evidence"] as? [[String: String]])
        #expect(
            evidence == [
                ["path": "sshd.permit_root_login", "value": ReportFixtures.hostileEvidence]
            ])
        #expect(findings[3]["verdict"] as? String == "not_applicable")
        #expect(findings[2]["message"] is NSNull)
    }

    @Test("the summary counts every status, verdict and severity, zeros included")
    func summary() throws {
        let summary = try #require(try object()["summary"] as? [String: Any])
        let byStatus = try #require(summary["hostsByStatus"] as? [String: Int])
        #expect(byStatus.count == HostStatus.allCases.count)
        #expect(byStatus["scanned"] == 2)
        #expect(byStatus["unreachable"] == 1)
        #expect((summary["failuresBySeverity"] as? [String: Int])?["high"] == 1)
        #expect((summary["findingsByVerdict"] as? [String: Int])?["waived"] == 0)
    }

    @Test("keys are sorted and the same input gives the same bytes")
    func deterministic() throws {
        #expect(json == (try JSONReport().render(ReportFixtures.input(.vi))))
        let findings = try #require(json.range(of: "\"findings\""))
        let generated = try #require(json.range(of: "\"generatedAt\""))
        #expect(findings.lowerBound < generated.lowerBound)
    }

    /// Compact, one record a line: a line is a whole finding, host, unit or policy, or one
    /// top-level member, or the brackets around a list of records; so `grep` finds whole records
    /// and a diff shows the records that changed.
    @Test("one record a line: every line parses alone, and the records are every finding, host, unit and policy")
    func oneRecordPerLine() throws {
        let input = ReportFixtures.hostileInput(.vi)
        let text = try JSONReport().render(input)
        #expect(try JSONSerialization.jsonObject(with: Data(text.utf8)) is [String: Any], "the whole document parses")
        var records: [[String: Any]] = []
        var members: [String] = []
        var lists: [String] = []
        for line in text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init) {
            let trimmed = line.hasSuffix(",") ? String(line.dropLast()) : line
            switch trimmed {
            case "{", "}", "]", "": continue
            case _ where trimmed.hasSuffix(":["):
                lists.append(trimmed)
            case _ where trimmed.hasPrefix("{"):
                let record = try JSONSerialization.jsonObject(with: Data(trimmed.utf8))
                records.append(try #require(record as? [String: Any], "a record line is one object: \(trimmed.prefix(80))"))
            default:
                let member = try JSONSerialization.jsonObject(with: Data("{\(trimmed)}".utf8))
                members.append(contentsOf: try #require(member as? [String: Any]).keys)
            }
        }
        #expect(lists == ["\"findings\":[", "\"hosts\":[", "\"policies\":[", "\"units\":["])
        #expect(members == ["generatedAt", "language", "method", "scan", "schemaVersion", "summary", "toolVersion"])
        let expected = input.findings.count + input.snapshot.hosts.count + input.policies.count + input.ranking.units.count
        #expect(records.count == expected)
        #expect(records.prefix(input.findings.count).map { $0["rule"] as? String } == input.findings.map(\.ruleID))
        // Host text with line breaks stays on its record's line, escaped.
        #expect(records.contains { ($0["message"] as? String)?.contains("\n") == true })
    }
}
