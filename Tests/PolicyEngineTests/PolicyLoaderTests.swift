import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PolicyEngine

func loadError(_ text: String, file: String = "test.yaml") -> PolicyError? {
    do {
        _ = try Policy.parse(text: text, file: file)
        return nil
    } catch {
        return error
    }
}

/// The 1-based column of `needle` in `line`, counted in Unicode scalars as libyaml does.
func column(of needle: String, in line: String, occurrence: Int = 1) -> Int {
    var search = line.startIndex..<line.endIndex
    var found = line.startIndex
    for _ in 0..<occurrence {
        found = line.range(of: needle, range: search)!.lowerBound
        search = line.index(after: found)..<line.endIndex
    }
    return line.unicodeScalars.distance(from: line.unicodeScalars.startIndex, to: found) + 1
}

struct PolicyLoaderTests {
    @Test("A well-formed policy loads with every field")
    func loadsValidPolicy() throws {
        let policy = try Policy.parse(
            text: PolicyText.oneRule(
                tail:
                    "    references: [\"TCVN 11930:2017\"]\n    when: host.os.family == \"debian\"\n    check: host.port == 22"
            ),
            file: "p.yaml")
        #expect(policy.id == "test-policy")
        #expect(policy.version == "1.0")
        #expect(policy.title == LocalizedText(vi: "Chính sách thử", en: "Test policy"))
        #expect(policy.file == "p.yaml")
        #expect(policy.rules.count == 1)
        let rule = try #require(policy.rules.first)
        #expect(rule.id == "r1")
        #expect(rule.severity == .high)
        #expect(rule.references == ["TCVN 11930:2017"])
        #expect(rule.when?.source == "host.os.family == \"debian\"")
        #expect(rule.check.source == "host.port == 22")
        #expect(rule.line == 6)
    }

    @Test("An expression error in a plain scalar points at the exact character")
    func plainScalarPosition() {
        let error = loadError(
            PolicyText.oneRule(tail: #"    check: host.sshd.permit_root_logn == "no""#))
        #expect(error?.file == "test.yaml")
        #expect(error?.line == 11)
        #expect(error?.column == 22)
        #expect(
            error?.message
                == "unknown field 'permit_root_logn' on SSHD; did you mean 'permit_root_login'?")
        #expect(
            error?.description
                == "test.yaml:11:22: unknown field 'permit_root_logn' on SSHD; did you mean 'permit_root_login'?"
        )
    }

    @Test("Columns count Unicode scalars, so Vietnamese text before the error does not shift it")
    func vietnameseBeforeError() {
        let line = #"    check: host.hostname == "máy-chủ-đơn-vị" && host.sshd.bogus == 1"#
        let error = loadError(PolicyText.oneRule(tail: line))
        #expect(error?.line == 11)
        #expect(error?.column == column(of: "bogus", in: line))
    }

    @Test("Double-quoted scalars: the quote and escapes are accounted for")
    func doubleQuotedPosition() {
        let line = #"    check: "host.os.family == \"debian\" && host.sshd.bogus == 1""#
        let error = loadError(PolicyText.oneRule(tail: line))
        #expect(error?.line == 11)
        #expect(error?.column == column(of: "bogus", in: line))
        let first = loadError(PolicyText.oneRule(tail: #"    check: "host.port == \"22\"""#))
        #expect(first?.column == 23)
    }

    @Test("Single-quoted scalars: doubled quotes are accounted for")
    func singleQuotedPosition() {
        let line = #"    check: 'host.os.family == ''debian'' && host.sshd.bogus == 1'"#
        let error = loadError(PolicyText.oneRule(tail: line))
        #expect(error?.line == 11)
        #expect(error?.column == column(of: "bogus", in: line))
    }

    @Test("Literal block scalars: the error is found on its own line of the block")
    func literalBlockPosition() {
        let tail = """
                check: |
                  host.os.family == "debian" &&
                    host.sshd.bogus == "no"
            """
        let error = loadError(PolicyText.oneRule(tail: tail))
        #expect(error?.line == 13)
        #expect(error?.column == 19)
    }

    @Test("Folded block scalars and multi-line plain scalars map back across line folds")
    func foldedPositions() {
        let folded = """
                check: >
                  host.os.family == "debian"
                  && host.listening.exists(s, s.port == "23")
            """
        let foldedError = loadError(PolicyText.oneRule(tail: folded))
        #expect(foldedError?.message == "cannot compare int with string using '=='")
        #expect(foldedError?.line == 13)
        #expect(
            foldedError?.column
                == column(of: "==", in: "      && host.listening.exists(s, s.port == \"23\")"))
        let plain = """
                check: host.os.family == "debian"
                  && host.sshd.bogus == 1
            """
        let plainError = loadError(PolicyText.oneRule(tail: plain))
        #expect(plainError?.line == 12)
        #expect(plainError?.column == 20)
    }

    @Test("Invalid YAML is reported at libyaml's position")
    func badYAML() {
        let error = loadError("policy:\n  id: p\n  version: 1.0: x\n", file: "bad.yaml")
        #expect(error?.file == "bad.yaml")
        #expect(error?.line == 3)
        #expect(error?.column == 15)
        #expect(error?.message.hasPrefix("invalid YAML: mapping values are not allowed") == true)
        let unclosed = loadError("policy: { id: p\nrules: []\n", file: "bad.yaml")
        #expect(unclosed?.message.hasPrefix("invalid YAML:") == true)
        #expect(unclosed?.description.hasPrefix("bad.yaml:") == true)
    }

    @Test("Unknown keys are errors at the key, with a suggestion")
    func unknownKey() {
        let error = loadError(
            PolicyText.oneRule(tail: "    chek: host.port == 22\n    check: host.port == 22"))
        #expect(error?.line == 11)
        #expect(error?.column == 5)
        #expect(error?.message == "unknown key 'chek' in rule 'r1'; did you mean 'check'?")
    }

    @Test("A missing key names the rule and points at it")
    func missingKey() {
        let error = loadError(PolicyText.oneRule(tail: "    when: host.port == 22"))
        #expect(error?.message == "rule 'r1' is missing 'check'")
        #expect(error?.line == 6)
        #expect(error?.column == 5)
    }

    @Test("A bad severity lists the valid ones and suggests the nearest")
    func badSeverity() {
        let text = PolicyText.oneRule(tail: "    check: host.port == 22").replacingOccurrences(
            of: "severity: high", with: "severity: hihg")
        let error = loadError(text)
        #expect(error?.line == 7)
        #expect(error?.column == 15)
        #expect(
            error?.message
                == "unknown severity 'hihg'; use one of info, low, medium, high, critical. Did you mean 'high'?"
        )
    }

    @Test("Wrong value types are named")
    func wrongTypes() {
        let title = PolicyText.oneRule(tail: "    check: host.port == 22")
            .replacingOccurrences(
                of: #"title: { vi: "Tiêu đề", en: "Title" }"#, with: "title: Just English")
        let titleError = loadError(title)
        #expect(
            titleError?.message
                == #"'title' must have a Vietnamese and an English text: { vi: "...", en: "..." }"#)
        #expect(titleError?.line == 8)
        let noEnglish = PolicyText.oneRule(tail: "    check: host.port == 22")
            .replacingOccurrences(
                of: #"rationale: { vi: "Lý do", en: "Rationale" }"#,
                with: #"rationale: { vi: "Lý do" }"#)
        #expect(loadError(noEnglish)?.message == "'rationale' is missing 'en'")
        let refs = loadError(
            PolicyText.oneRule(tail: "    references: TCVN\n    check: host.port == 22"))
        #expect(
            refs?.message == #"'references' must be a list of texts, such as ["TCVN 11930:2017"]"#)
        #expect(
            loadError("policy: x\nrules: []\n")?.message
                == "'policy' must be a mapping of keys to values, but this is the text 'x'")
    }

    @Test("A check that is not a condition is rejected")
    func checkNotBool() {
        let error = loadError(PolicyText.oneRule(tail: "    check: host.port"))
        #expect(error?.message == "the expression must be a bool condition, but it is an int")
        #expect(error?.line == 11)
        #expect(error?.column == 17)
    }

    @Test("Duplicate rule ids are errors at the second id")
    func duplicateIDs() {
        let text =
            PolicyText.oneRule(tail: "    check: host.port == 22") + """

                  - id: r1
                    severity: low
                    title: { vi: "Khác", en: "Other" }
                    rationale: { vi: "Lý do", en: "Rationale" }
                    remediation: { vi: "Khắc phục", en: "Remediation" }
                    check: host.port == 23
                """
        let error = loadError(text)
        #expect(error?.message == "duplicate rule id 'r1'; it is first used on line 6")
        #expect(error?.line == 12)
        #expect(error?.column == 9)
    }

    @Test("Ids are restricted to letters, digits and . _ -")
    func badID() {
        let text = PolicyText.oneRule(tail: "    check: host.port == 22").replacingOccurrences(
            of: "id: r1", with: "id: quy tắc 1")
        #expect(
            loadError(text)?.message
                == "'id' may only contain letters, digits, '.', '_' and '-'; found 'quy tắc 1'")
    }

    @Test("An empty file and an empty rule list are errors")
    func emptyInputs() {
        #expect(
            loadError("")?.message
                == "the policy file is empty; it needs a 'policy' section and a 'rules' list")
        let noRules =
            "policy:\n  id: p\n  version: \"1\"\n  title: { vi: \"a\", en: \"b\" }\nrules: []\n"
        #expect(loadError(noRules)?.message == "'rules' is empty; a policy needs at least one rule")
        #expect(loadError(noRules)?.line == 5)
    }
}
