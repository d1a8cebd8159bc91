import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

/// Evaluates any expression on the compliant fixture host, with its probes and scan time.
private func value(_ text: String, evidence: [Evidence] = []) throws -> ExpressionResult.Outcome {
    var host = Fixtures.compliant
    host.evidence = evidence
    return try Expression(text).evaluate(
        ["host": host.factValue], context: EvaluationContext(host: host)
    ).outcome
}

private let loginDefs = Evidence(
    name: "file:/etc/login.defs", source: "cat /etc/login.defs",
    content: Data("# comment\nPASS_MAX_DAYS\t90\nPASS_MIN_DAYS 1\nUMASK 027\n".utf8), exitCode: 0)

struct ArithmeticTests {
    @Test("Integers stay integers; a double anywhere makes a double; precedence is CEL's")
    func numbers() throws {
        #expect(try value("host.port + 1") == .value(.int(23)))
        #expect(try value("host.port * 2 - 4 / 2") == .value(.int(42)))
        #expect(try value("host.port % 5") == .value(.int(2)))
        #expect(try value("host.port / 4.0") == .value(.double(5.5)))
        #expect(try value(#""ab" + "cd""#) == .value(.string("abcd")))
        #expect(try value("[1, 2] + [3]") == .value(.list([.int(1), .int(2), .int(3)])))
    }

    @Test("Division by zero and overflow are errors, not crashes")
    func runtimeErrors() throws {
        #expect(try value("host.port / 0") == .unknown("division by zero"))
        #expect(
            try value("9223372036854775807 + host.port")
                == .unknown("the arithmetic overflows a 64-bit integer"))
    }

    @Test("Durations are literals in seconds; dates subtract to durations")
    func durations() throws {
        #expect(try Expression("7d").type == .duration)
        #expect(try value("1h30m") == .value(.double(5_400)))
        #expect(try value("2w == 14d") == .value(.bool(true)))
        #expect(
            try value("host.antivirus.all(a, days_since(a.signature_date) <= 7.0)")
                == .value(.bool(true)))
        #expect(
            try value("host.antivirus.all(a, a.signature_date + 7d > host.hardware.bios_date)")
                == .value(.bool(true)))
        #expect(
            try value("host.hardware.bios_date - host.hardware.bios_date < 1s")
                == .value(.bool(true)))
        #expect(parseError("7x")?.message == "unexpected 'x' after the number 7")
        #expect(
            parseError("1m2h")?.message
                == "duration units must go from largest to smallest, each once (such as 1h30m)")
        #expect(
            checkError("7d > 3")?.message
                == "'>' needs two numbers, strings, dates, durations or versions, but found duration and int"
        )
    }
}

struct TextFunctionTests {
    @Test("matches, contains, startsWith, endsWith, lower, size on facts")
    func text() throws {
        #expect(try value(#"host.os.id.matches("^deb(ian)?$")"#) == .value(.bool(true)))
        #expect(try value(#"host.kernel.contains("amd64")"#) == .value(.bool(true)))
        #expect(try value(#"host.kernel.startsWith("6.")"#) == .value(.bool(true)))
        #expect(try value(#"host.kernel.endsWith("arm64")"#) == .value(.bool(false)))
        #expect(try value(#"host.sshd.log_level.lower() == "info""#) == .value(.bool(true)))
        #expect(try value(#"lower("ABC")"#) == .value(.string("abc")))
        #expect(try value(#"host.sshd.ciphers.contains("aes256-ctr")"#) == .value(.bool(true)))
    }

    @Test("A bad regular expression is an error at the pattern when the policy loads")
    func badRegex() throws {
        let error = checkError(#"host.os.id.matches("deb(ian")"#)
        #expect(error?.message == "'deb(ian' is not a valid regular expression")
        #expect(error?.position.column == 20)
        #expect(
            checkError("host.os.id.matches(host.kernel)")?.message
                == "matches(…) needs a regular expression in quotes, written out when the policy is loaded"
        )
    }

    @Test("Versions compare segment by segment, not as text")
    func versions() throws {
        #expect(try value(#"version("1.10") > version("1.9")"#) == .value(.bool(true)))
        #expect(try value(#"version("2.0") == version("2")"#) == .value(.bool(true)))
        #expect(try value(#"version("1:1.0") > version("9.9")"#) == .value(.bool(true)))
        #expect(try value(#"version("1.0rc1") < version("1.0.1")"#) == .value(.bool(true)))
        #expect(
            try value(#"host.antivirus.all(a, version(a.version) >= version("1.0.4"))"#)
                == .value(.bool(true)))
        #expect(
            checkError(#"version("1.2") < "1.3""#)?.message
                == "'<' needs two numbers, strings, dates, durations or versions, but found version and string; wrap the text in version(\"…\")"
        )
        #expect(
            checkError(#"version("latest") > version("1")"#)?.message
                == "'latest' is not a version; a version has at least one digit, such as \"1.2.3\"")
    }

    @Test("Conversions read numbers out of text")
    func conversions() throws {
        #expect(try value(#"int(" 42 ") + 1"#) == .value(.int(43)))
        #expect(try value(#"double("2.5") * 2"#) == .value(.double(5)))
        #expect(try value("string(host.port)") == .value(.string("22")))
        #expect(
            try value(#"int("x")"#) == .unknown(#"a value is "x", which is not a whole number"#))
    }
}

struct MacroTests {
    @Test("filter, map and count build lists and numbers")
    func macros() throws {
        #expect(try value("host.listening.map(s, s.port)") == .value(.list([.int(22)])))
        #expect(
            try value("host.sshd.ciphers.filter(c, c.endsWith(\"-ctr\"))")
                == .value(.list([.string("aes256-ctr")])))
        #expect(try value("host.sshd.ciphers.count(c, c.startsWith(\"aes\"))") == .value(.int(2)))
        #expect(try Expression("host.listening.map(s, s.port)").type == .list(.int))
        #expect(
            checkError("host.listening.map(s, null)")?.message == "map cannot produce null")
        #expect(
            checkError("count(x, true)")?.message
                == "'count' is a list method: write list.count(x, …)")
    }
}

struct ProbeFunctionTests {
    @Test("file() reads probe evidence; matches records the matching lines")
    func fileEvidence() throws {
        let expression = try Expression(
            #"file("/etc/login.defs").matches("^PASS_MAX_DAYS\\s+([1-8]?[0-9]|90)$")"#)
        #expect(expression.probes == [.file("/etc/login.defs")])
        var host = Fixtures.compliant
        host.evidence = [loginDefs]
        let result = expression.evaluate(
            ["host": host.factValue], context: EvaluationContext(host: host))
        #expect(result.outcome == .value(.bool(true)))
        #expect(
            result.evidence == [
                EvidenceItem(path: "file:/etc/login.defs", value: "2: PASS_MAX_DAYS\t90")
            ])
    }

    @Test("lines() ranges over a file; elements are named by line index")
    func fileLines() throws {
        let text =
            #"file("/etc/login.defs").lines().exists(l, l.startsWith("UMASK") && l.endsWith("027"))"#
        #expect(try value(text, evidence: [loginDefs]) == .value(.bool(true)))
        let result = try Expression(text).evaluate(
            ["host": .null], context: EvaluationContext(evidence: [loginDefs.name: loginDefs]))
        #expect(
            result.evidence.map(\.path) == (0..<4).map { "file:/etc/login.defs[\($0)]" })
        #expect(
            result.evidence.last
                == EvidenceItem(path: "file:/etc/login.defs[3]", value: #""UMASK 027""#))
        #expect(
            try value(#"file("/etc/login.defs").lines().size()"#, evidence: [loginDefs])
                == .value(.int(4)))
    }

    @Test("A probe never gathered is an error; a missing file is null")
    func missingProbe() throws {
        #expect(
            try value(#"file("/etc/login.defs").contains("UMASK")"#)
                == .unknown(
                    "file:/etc/login.defs was not collected in this scan; scan again with this policy loaded"
                ))
        let missing = Evidence(
            name: "file:/etc/login.defs", source: "cat", content: Data(), exitCode: 1)
        #expect(
            try value(#"file("/etc/login.defs") == null"#, evidence: [missing])
                == .value(.bool(true)))
        #expect(
            try value(#"file("/etc/login.defs").contains("UMASK")"#, evidence: [missing])
                == .unknown("file:/etc/login.defs does not exist or cannot be read on this host"))
    }

    @Test("command() output is read whatever the exit status; file paths must be absolute")
    func commandEvidence() throws {
        let output = Evidence(
            name: "command:auditd", source: "systemctl is-enabled auditd",
            content: Data("disabled\n".utf8), exitCode: 1)
        #expect(
            try value(#"command("auditd").trim() == "disabled""#, evidence: [output])
                == .value(.bool(true)))
        #expect(
            checkError(#"file("etc/passwd") == """#)?.message
                == "file() needs an absolute path, such as \"/etc/login.defs\"")
    }
}

struct LineSplittingTests {
    @Test("lines() splits Windows CRLF output as well as LF")
    func crlf() {
        #expect(Evaluator.lines(of: "a\r\nb\nc\r\n").map(String.init) == ["a", "b", "c"])
        #expect(Evaluator.lines(of: "").map(String.init) == [])
        #expect(Evaluator.lines(of: "one").map(String.init) == ["one"])
    }
}
