import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

struct PolicyTestSuiteTests {
    /// Every `*.tests.yaml` next to the shipped policies.
    static var suites: [URL] {
        let folder = Fixtures.policiesDirectory
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []
        return names.filter { $0.hasSuffix(".tests.yaml") }.sorted().map {
            folder.appendingPathComponent($0)
        }
    }

    @Test("Every shipped policy example holds")
    func shippedExamplesHold() throws {
        #expect(Self.suites.count >= 1)
        for url in Self.suites {
            let suite = try PolicyTestSuite.parse(text: String(contentsOf: url, encoding: .utf8), file: url.path)
            let policyURL = suite.policyURL(relativeTo: url)
            let policy = try Policy.parse(text: String(contentsOf: policyURL, encoding: .utf8), file: policyURL.path)
            #expect(suite.run(policy).map(\.description) == [], "\(url.lastPathComponent)")
        }
    }

    static let policyText = """
        policy:
          id: p
          version: "1"
          title: { vi: "Thử", en: "Test" }
        rules:
          - id: ssh-max-auth-tries
            severity: low
            title: { vi: "t", en: "t" }
            rationale: { vi: "r", en: "r" }
            remediation: { vi: "m", en: "m" }
            check: host.sshd.max_auth_tries <= 4
        """

    @Test("A wrong expectation is reported at its line with the verdict and evidence")
    func failingExpectation() throws {
        let suite = try PolicyTestSuite.parse(
            text: """
                cases:
                  - name: six tries
                    host: { sshd: { max_auth_tries: 6 } }
                    expect:
                      ssh-max-auth-tries: pass
                      ssh-max-auth-trys: fail
                """, file: "p.tests.yaml")
        let policy = try Policy.parse(text: Self.policyText, file: "p.yaml")
        #expect(
            suite.run(policy).map(\.description) == [
                "p.tests.yaml:5:7: case 'six tries': rule 'ssh-max-auth-tries' expected pass, got fail; evidence: host.sshd.max_auth_tries = 6",
                "p.tests.yaml:6:7: case 'six tries': policy 'p' has no rule 'ssh-max-auth-trys'; did you mean 'ssh-max-auth-tries'?",
            ])
    }

    @Test("Facts are checked against the schema: a misspelt field or a wrong type is a load error")
    func factsChecked() throws {
        func error(_ host: String) -> String? {
            do {
                _ = try PolicyTestSuite.parse(
                    text: "cases:\n  - name: x\n    host: \(host)\n    expect: {}", file: "t.yaml")
                return nil
            } catch { return error.description }
        }
        #expect(
            error("{ sshd: { max_auth_trys: 3 } }")
                == "t.yaml:3:21: unknown field 'max_auth_trys' in host.sshd (SSHD); did you mean 'max_auth_tries'?"
        )
        #expect(
            error("{ sshd: { max_auth_tries: three } }")
                == "t.yaml:3:37: 'host.sshd.max_auth_tries' must be a value of type int; found 'three'"
        )
        #expect(
            error("{ antivirus: [{ signature_date: yesterday }] }")
                == "t.yaml:3:43: 'host.antivirus[0].signature_date' must be a date such as 2025-06-15 or 2025-06-15T08:00:00Z; found 'yesterday'"
        )
    }

    @Test("The policy file defaults to the suite's name without .tests")
    func defaultPolicy() throws {
        let suite = try PolicyTestSuite.parse(text: "cases: []", file: "x")
        #expect(
            suite.policyURL(relativeTo: URL(fileURLWithPath: "/p/baseline-linux.tests.yaml")).path
                == "/p/baseline-linux.yaml")
    }
}
