import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import Reports

/// JSON against its schema, JUnit read by junitparser, OSCAL loaded by compliance-trestle.
struct InterchangeReportTests {
    private func write(_ renderer: any ReportRenderer, _ input: ReportInput) throws -> URL {
        let folder = try Oracle.scratch()
        let files = try renderer.files(for: input)
        try Oracle.write(files, to: folder)
        return folder.appendingPathComponent(files[0].name)
    }

    static let schema = Oracle.repository.appendingPathComponent("schemas/report.v1.schema.json")

    @Test("report.json validates against schemas/report.v1.schema.json, plain and hostile", .enabled(if: Oracle.python("jsonschema")))
    func jsonSchema() async throws {
        for input in [ReportFixtures.input(.vi), ReportFixtures.hostileInput(.en)] {
            let file = try write(JSONReport(), input)
            let result = try await Oracle.script("json_schema_check.py", [Self.schema.path, file.path])
            #expect(result.status == 0, "\(result.standardOutputText) \(result.standardError)")
        }
    }

    @Test("the schema rejects a document that breaks it, so the check above can fail", .enabled(if: Oracle.python("jsonschema")))
    func jsonSchemaRejects() async throws {
        let file = try write(JSONReport(), ReportFixtures.input(.vi))
        var object = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: file)) as? [String: Any])
        object["schemaVersion"] = 2
        try JSONSerialization.data(withJSONObject: object).write(to: file)
        let result = try await Oracle.script("json_schema_check.py", [Self.schema.path, file.path])
        #expect(result.status == 1)
        #expect(result.standardOutputText.contains("schemaVersion"))
    }

    @Test("JUnit read by junitparser: a suite per host, a case per rule, failures carry the evidence", .enabled(if: Oracle.python("junitparser")))
    func junit() async throws {
        let file = try write(JUnitReport(), ReportFixtures.hostileInput(.en))
        let result = try await Oracle.script("junit_read.py", [file.path])
        #expect(result.status == 0, "\(result.standardError)")
        let doc = try #require(try Oracle.json(result) as? [String: Any])
        // 5 findings + 4 host scan cases; fails: 2 rules; errors: one rule + one unreachable host.
        #expect(doc["tests"] as? Int == 9)
        #expect(doc["failures"] as? Int == 2)
        #expect(doc["errors"] as? Int == 2)
        #expect(doc["skipped"] as? Int == 1)
        let suites = try #require(doc["suites"] as? [[String: Any]])
        #expect(suites.count == 4)
        let first = try #require(suites.first)
        #expect(first["name"] as? String == "web-01 (10.0.0.1:22)")
        let cases = try #require(first["cases"] as? [[String: Any]])
        let failure = try #require(cases.first { ($0["name"] as? String)?.hasPrefix("ssh.root_login") == true })
        let results = try #require(failure["results"] as? [[String: Any]])
        #expect(results.first?["kind"] as? String == "Failure")
        #expect((results.first?["text"] as? String)?.contains("sshd.permit_root_login = yes`*_[x](javascript:alert(1))`") == true)
        let hostile = try #require(suites.last)
        let hostileCases = try #require(hostile["cases"] as? [[String: Any]])
        let text = (hostileCases.last?["results"] as? [[String: Any]])?.first?["message"] as? String
        #expect(text?.contains("<script>alert('x')</script>") == true, "escaped in XML, intact once parsed")
        #expect(text?.contains("\u{202E}") == false)
    }

    @Test("OSCAL assessment-results 1.2.1 load in compliance-trestle: one finding per rule and host with its status", .enabled(if: Oracle.python("trestle")))
    func oscal() async throws {
        let file = try write(OSCALReport(), ReportFixtures.hostileInput(.vi))
        let result = try await Oracle.script("oscal_check.py", [file.path])
        #expect(result.status == 0, "\(result.standardError.suffix(2_000))")
        let doc = try #require(try Oracle.json(result) as? [String: Any])
        #expect(doc["oscal_version"] as? String == "1.2.1")
        #expect(doc["observations"] as? Int == 4, "not-applicable rules are not assessed")
        #expect(doc["items"] as? Int == 4)
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.map { $0["state"] as? String } == ["not-satisfied", "not-satisfied", "satisfied", "not-satisfied"])
        #expect(findings.map { $0["reason"] as? String } == ["fail", "error", nil, "fail"])
        // The hostile host's ssh.root_login is critical, the others' high: two rules with one
        // id, so two objectives, each with an id of its own.
        #expect(
            findings.map { $0["target"] as? String }
                == ["baseline.ssh.root_login", "baseline.av.fresh", "baseline.ssh.root_login", "baseline.ssh.root_login_2"])
        let evidence = try #require(doc["evidence"] as? [String])
        #expect(evidence.contains("sshd.permit_root_login = \(ReportFixtures.formula)"))
    }

    @Test(
        "OSCAL describes each rule once, as an objective the findings target; findings and observations carry only their own facts",
        .enabled(if: Oracle.python("trestle")))
    func oscalObjectives() async throws {
        var input = ReportFixtures.hostileInput(.en)
        input.policies[0].remediations = ["ssh.root_login": LocalizedText(vi: "Đặt PermitRootLogin no", en: "Set PermitRootLogin no\nthen reload sshd")]
        let file = try write(OSCALReport(), input)
        let result = try await Oracle.script("oscal_check.py", [file.path])
        #expect(result.status == 0, "\(result.standardError.suffix(2_000))")
        let doc = try #require(try Oracle.json(result) as? [String: Any])
        let objectives = try #require(doc["objectives"] as? [[String: Any]])
        // Three rules judged (win.defender was not applicable), one of them seen with two severities.
        #expect(objectives.map { $0["control"] as? String } == ["baseline.ssh.root_login", "baseline.av.fresh", "baseline.ssh.root_login"])
        let props = objectives.map { $0["props"] as? [String: String] }
        #expect(props.map { $0?["severity"] } == ["high", "medium", "critical"])
        #expect(props.map { $0?["policy"] } == ["baseline", "baseline", "baseline"])
        #expect(props.map { $0?["rule"] } == ["ssh.root_login", "av.fresh", "ssh.root_login"])
        #expect(objectives.allSatisfy { ($0["props_ns"] as? [String]) == [OSCALReport.namespace] })
        #expect(objectives.first?["description"] as? String == "Baseline (baseline) — Severity: High")
        let parts = try #require(objectives.first?["parts"] as? [[String: Any]])
        #expect(parts.first?["name"] as? String == "objective")
        #expect(parts.first?["title"] as? String == "ssh.root_login: No root login")
        #expect(parts.last?["name"] as? String == "remediation")
        #expect(parts.last?["prose"] as? String == "Set PermitRootLogin no\nthen reload sshd")
        let av = try #require(objectives[1]["parts"] as? [[String: Any]])
        #expect(av.count == 1, "no remediation given for av.fresh, no part for it")

        // Every finding's target is an objective's part id: the finding names its rule, the rule
        // says title, policy and severity once.
        let objectiveIDs = objectives.flatMap { ($0["parts"] as? [[String: Any]] ?? []).filter { $0["name"] as? String == "objective" }.compactMap { $0["id"] as? String } }
        #expect(Set(objectiveIDs).count == objectiveIDs.count, "objective ids are unique")
        let findings = try #require(doc["findings"] as? [[String: Any]])
        #expect(findings.allSatisfy { objectiveIDs.contains($0["target"] as? String ?? "") })
        #expect(findings.allSatisfy { $0["props"] as? Int == 0 }, "no props repeating the status or the objective")
        #expect(findings.map { $0["description"] as? String }.prefix(3) == ["web-01 (10.0.0.1:22)", "web-01 (10.0.0.1:22)", "10.0.0.2:2222"])
        #expect(findings.first?["title"] as? String == "ssh.root_login: No root login")

        // Each finding names its own observation, which names the host's inventory item.
        let observations = try #require(doc["observation_records"] as? [[String: Any]])
        #expect(findings.map { ($0["observations"] as? [String]) ?? [] } == observations.map { [$0["uuid"] as? String ?? ""] })
        #expect(observations.allSatisfy { $0["title"] is NSNull && $0["types"] is NSNull })
        #expect(observations.allSatisfy { ($0["methods"] as? [String]) == ["TEST"] })
        let items = try #require(doc["item_uuids"] as? [String])
        #expect(observations.map { ($0["subjects"] as? [String])?.first } == [items[0], items[0], items[1], items[3]])
        // What the check said, after the rule's id; the rule's id alone when it said nothing.
        #expect(observations.map { $0["description"] as? String }.prefix(3) == [
            "ssh.root_login: PermitRootLogin is yes | expected no second line", "av.fresh: signature date unknown", "ssh.root_login",
        ])
    }

    @Test("our SHA-1 v5 UUIDs equal Python's uuid.uuid5 for names of every length around the 64-byte blocks, whole and by prefix", .enabled(if: Oracle.python("uuid")))
    func uuidOracle() async throws {
        // Lengths 0...300 cross every padding case (55, 56, 63, 64 bytes left in a block) and
        // several blocks; some names are Vietnamese, so UTF-8 counts differ from characters.
        let names = (0...300).map { n in String(repeating: n % 3 == 0 ? "đ" : "a", count: n % 3 == 0 ? n / 2 : n) }
        let folder = try Oracle.scratch()
        let file = folder.appendingPathComponent("names.json")
        try JSONSerialization.data(withJSONObject: names).write(to: file)
        let namespace = NameBasedUUID.format(NameBasedUUID.namespace)
        let result = try await Oracle.script("uuid5.py", [namespace, file.path])
        #expect(result.status == 0, "\(result.standardError)")
        let expected = try #require(try Oracle.json(result) as? [String])
        #expect(names.map(NameBasedUUID.make) == expected)
        // The prefixed path (the SHA-1 state of a shared prefix, copied) gives the same UUIDs.
        let split = names.map { name in
            let cut = name.index(name.startIndex, offsetBy: name.count / 3)
            return NameBasedUUID.Prefixed(prefix: String(name[..<cut])).make(String(name[cut...]))
        }
        #expect(split == expected)
    }

    @Test("OSCAL uuids are name-based v5: the same input gives the same document")
    func oscalStable() throws {
        let a = try OSCALReport().render(ReportFixtures.input(.vi))
        let b = try OSCALReport().render(ReportFixtures.input(.vi))
        #expect(a == b)
        // RFC 9562 appendix: v5 of "www.example.com" in the DNS namespace.
        let dns: [UInt8] = [0x6b, 0xa7, 0xb8, 0x10, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8]
        #expect(NameBasedUUID.format(NameBasedUUID.uuidBytes(namespace: dns, name: "www.example.com")) == "2ed6657d-e927-568b-95e1-2665a8aea6a2")
    }
}
