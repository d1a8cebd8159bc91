import Foundation
import InventoryModel
import Testing

@testable import PolicyEngine

/// Wazuh 5's SCA semantics, case by case, from its own evaluator's unit tests
/// (wazuh/wazuh `src/wazuh_modules/sca/sca_impl/tests/`: `sca_utils_test.cpp`,
/// `file_rule_evaluator_test.cpp`, `directory_rule_evaluator_test.cpp`,
/// `command_rule_evaluator_test.cpp`, `check_condition_evaluator_test.cpp`), restated over probe
/// evidence: where Wazuh's tests mock the file system, these hand the evaluator the sections a
/// scan brings back, with the exit codes the probes report.
struct SCASemanticsTests {
    /// Evidence of one host, built section by section.
    struct Host {
        var sections: [String: Evidence] = [:]
        var windows = false

        mutating func file(_ path: String, _ text: String) {
            add(Probe.file(path), text, 0)
        }
        mutating func file(_ path: String, status: Int) {
            add(Probe.file(path), "", status)
        }
        mutating func directory(_ path: String, _ names: [String] = [], status: Int = 0) {
            add(Probe.directory(path), names.map { $0 + "\n" }.joined(), status)
        }
        mutating func tree(_ path: String, contents: String?, _ text: String, status: Int = 0) {
            add(Probe.tree(path, contents: contents), text, status)
        }
        mutating func program(_ text: String, _ output: String, status: Int? = 0) {
            add(Probe.program(text), output, status)
        }
        /// A key as the Windows probe lists it: subkeys, then values; nil values = the key is missing.
        mutating func registry(_ key: String, _ values: [String: String]?, subkeys: [String] = []) {
            let text = subkeys.map { "K\t\($0)\r\n" }.joined()
                + (values ?? [:]).sorted { $0.key < $1.key }.map { "V\t\($0.key)\t\($0.value)\r\n" }.joined()
            add(Probe.registry(key), text, values == nil ? Probe.Status.missing : 0)
        }
        mutating func registry(_ key: String, failed reason: String) {
            add(Probe.registry(key), reason, 1)
        }
        mutating func processes(_ names: [String]) {
            add(.processes, names.map { "\($0)\t/usr/sbin/\($0) --flag\n" }.joined(), 0)
        }

        private mutating func add(_ probe: Probe, _ text: String, _ status: Int?) {
            sections[probe.evidenceName] = Evidence(
                name: probe.evidenceName, source: "test", content: Data(text.utf8), exitCode: status)
        }

        var evaluator: SCAEvaluator {
            SCAEvaluator(context: EvaluationContext(evidence: sections), isWindows: windows)
        }

        /// The rule's outcome: "found", "not found", "invalid" or "not run".
        func outcome(_ rule: String) throws -> String {
            switch evaluator.evaluate(try SCARule.parse(rule)).0 {
            case .yes: "found"
            case .no: "not found"
            case .invalid: "invalid"
            case .notRun: "not run"
            }
        }

        func reason(_ rule: String) throws -> String? {
            if case .invalid(let why) = evaluator.evaluate(try SCARule.parse(rule)).0 { return why }
            return nil
        }

        func verdict(_ condition: SCACheck.Condition, _ rules: [String]) throws -> Verdict {
            let check = SCACheck(
                id: "1", title: "t", condition: condition, rules: try rules.map { try SCARule.parse($0) }, line: 1)
            return evaluator.evaluate(check).verdict
        }
    }

    static func pattern(_ text: String) throws -> SCAPattern { try SCAPattern.parse(text, offset: 0) }

    static func matches(_ content: String, _ pattern: String) throws -> Bool? {
        do { return try Self.pattern(pattern).matches(content: content).matched } catch is SCAPattern.Unjudgeable {
            return nil
        }
    }

    // MARK: - Content tests (sca_utils_test.cpp)

    @Test("A plain text matches a line equal to it; r: and n: tests match within a line")
    func simplePatterns() throws {
        #expect(try Self.matches("match", "match") == true)
        #expect(try Self.matches("nope", "match") == false)
        #expect(try Self.matches("123", #"r:\d+"#) == true)
        #expect(try Self.matches("abc", #"r:\d+"#) == false)
        #expect(try Self.matches("123", #"n:\d+ compare == 123"#) == true)
        #expect(try Self.matches("123", #"n:\d+ compare < 100"#) == false)
        #expect(try Self.matches("123abc", #"r:\d+ && r:abc"#) == true)
        #expect(try Self.matches("123abc", #"r:\d+ && r:def"#) == false)
    }

    @Test("Empty content matches nothing, not even r:.* or a negated test")
    func emptyContent() throws {
        #expect(try Self.matches("", "r:.*") == false)
        #expect(try Self.matches("", "!r:anything") == false)
    }

    @Test("A lone negated test means no line matches; inside && it applies to the same line")
    func negation() throws {
        #expect(try Self.matches("something", "!r:abc") == true)
        #expect(try Self.matches("abc", "!r:abc") == false)
        // Wazuh's examples: a line that is no comment and names the protocol.
        #expect(try Self.matches("Protocol 2", "!r:^# && r:Protocol && r:2") == true)
        #expect(try Self.matches("# Some commented line\nProtocol 2\nPort 22", "!r:^# && r:Protocol && r:2") == true)
        #expect(try Self.matches("# PermitRootLogin yes", "!r:^# && r:PermitRootLogin && r:yes") == false)
        #expect(try Self.matches("PasswordAuthentication yes\nPermitRootLogin yes", #"!r:^PasswordAuthentication\s+no"#) == true)
        #expect(try Self.matches("PasswordAuthentication no\nPermitRootLogin yes", #"!r:^PasswordAuthentication\s+no"#) == false)
        #expect(try Self.matches("maxauthtries 3", #"!r:^\s*maxauthtries\s+4\s*$"#) == true)
        #expect(try Self.matches("user:x:0:0", #"!r:^# && !r:^root: && r:^\w+:\w+:0:"#) == true)
        // The old reading (some line lacks X) would call this a match: two lines, one without "a".
        #expect(try Self.matches("a\nb", "!r:a") == false)
    }

    @Test("Matching ignores case, reads numbers with a tab before them, and takes backslashes literally")
    func documentedExamples() throws {
        #expect(try Self.matches("windows", "r:^WINDOWS") == true)
        #expect(try Self.matches("MaxAuthTries\t3", #"n:^\s*MaxAuthTries\s*\t*(\d+) compare <= 4"#) == true)
        #expect(try Self.matches("enabled", "r:^enabled") == true)
        #expect(try Self.matches("1", "1") == true)
        #expect(try Self.matches(#"some\string another\string third\string"#, #"r:third\\string"#) == true)
    }

    @Test("A numeric test compares the first group, or the whole match, read like std::stoi")
    func numericReading() throws {
        #expect(try Self.matches("Some string:           42", #"n:Some string:\s+(\d+) compare >= 24"#) == true)
        #expect(try Self.matches("umask 027", #"n:umask\s+(\d+) compare == 27"#) == true)
        #expect(try Self.matches("limit = -5", #"n:limit = (\S+) compare < 0"#) == true)
        // stoi reads the leading digits and ignores the rest.
        #expect(try Self.matches("x=14.9", #"n:x=(\S+) compare == 14"#) == true)
        // A capture that is not a number, or is beyond a 32-bit int, cannot be judged.
        #expect(try Self.matches("x=abc", #"n:x=(\S+) compare == 1"#) == nil)
        #expect(try Self.matches("x=99999999999", #"n:x=(\d+) compare > 1"#) == nil)
        #expect(SCAPattern.wholeNumber("  +12abc") == 12)
        #expect(SCAPattern.wholeNumber("-") == nil)
        #expect(SCAPattern.wholeNumber("2147483648") == nil)
        #expect(SCAPattern.wholeNumber("-2147483648") == -2_147_483_648)
    }

    @Test("Lines split at \\n only, as getline does: a \\r stays in the line")
    func lineSplitting() throws {
        #expect(SCAPattern.lines(of: "a\r\nb\n") == ["a\r", "b"])
        #expect(try Self.matches("PermitRootLogin no\r\n", "r:no$") == false)
    }

    @Test("A malformed numeric or regular-expression test is an error when the policy loads")
    func malformedPatternsFailAtLoad() {
        // Wazuh finds these only on a host (the rule is then invalid); ictaudit refuses the file.
        for text in [
            #"n:123 c0mp4r3 >= 123"#, #"n:123 compare !! 123"#, #"n:^\*.*soft.*nofile\s+(\d+) compare >= asdf"#,
            "r:^((a+)+$",
        ] {
            #expect(throws: SCASyntaxError.self, "\(text)") { try Self.pattern(text) }
        }
    }

    // MARK: - File rules (file_rule_evaluator_test.cpp)

    @Test("f: without a test is found when a regular file exists, else not found, never invalid")
    func fileExistence() throws {
        var host = Host()
        host.file("/etc/present", "x\n")
        host.file("/etc/missing", status: Probe.Status.missing)
        host.file("/etc/a-directory", status: Probe.Status.notThatKind)
        host.file("/etc/locked", status: Probe.Status.unreadable)
        #expect(try host.outcome("f:/etc/present") == "found")
        #expect(try host.outcome("f:/etc/missing") == "not found")
        #expect(try host.outcome("f:/etc/a-directory") == "not found")
        #expect(try host.outcome("not f:/etc/missing") == "found")
        // Seeing a file needs no permission to read it.
        #expect(try host.outcome("f:/etc/locked") == "found")
    }

    @Test("f: with a test on a missing, non-regular or unreadable file is invalid, whatever the not")
    func fileContentInvalid() throws {
        var host = Host()
        host.file("/etc/missing", status: Probe.Status.missing)
        host.file("/etc/a-directory", status: Probe.Status.notThatKind)
        host.file("/etc/old-scan", status: 1)
        for rule in [
            "f:/etc/missing -> r:foo", "not f:/etc/missing -> r:foo", "f:/etc/missing -> !r:foo",
            "f:/etc/a-directory -> r:foo", "f:/etc/old-scan -> r:foo",
        ] {
            #expect(try host.outcome(rule) == "invalid", "\(rule)")
        }
        #expect(try host.reason("f:/etc/missing -> r:foo")?.contains("does not exist") == true)
        #expect(try host.reason("f:/etc/a-directory -> r:foo")?.contains("not a regular file") == true)
    }

    @Test("What the scan's account may not read or see is not run (an error), never a verdict root would not give")
    func lessPrivilege() throws {
        var host = Host()
        host.file("/etc/locked", status: Probe.Status.unreadable)
        host.file("/root/.hidden", status: Probe.Status.unreachable)
        host.directory("/root/dir", status: Probe.Status.unreachable)
        host.tree("/etc/locked.d", contents: nil, "", status: Probe.Status.unreadable)
        host.tree("/etc/partly", contents: nil, "F ./a\nE ./secret\n")
        // Wazuh, as root, reads the file; the account cannot: neither a pass, a fail nor N/A.
        #expect(try host.outcome("f:/etc/locked -> exact") == "not run")
        #expect(try host.outcome("not f:/etc/locked -> r:x") == "not run")
        #expect(try host.outcome("f:/root/.hidden") == "not run")
        #expect(try host.outcome("not f:/root/.hidden") == "not run")
        #expect(try host.outcome("d:/root/dir") == "not run")
        #expect(try host.outcome("d:/etc/locked.d -> r:x") == "not run")
        #expect(try host.outcome("d:/etc/partly -> r:nomatch") == "not run")
        #expect(try host.outcome("d:/etc/partly -> r:^a$") == "found")
        #expect(try host.verdict(.all, ["not f:/etc/locked -> r:x"]) == .error)
    }

    @Test("f: content tests: regex, plain line, negated rule")
    func fileContent() throws {
        var host = Host()
        host.file("/etc/foo", "foo\n")
        host.file("/etc/bar", "bar\n")
        host.file("/etc/lines", "nope\nexact\n")
        host.file("/etc/hello", "hello world\n")
        host.file("/etc/empty", "")
        host.file("/etc/count", "x=abc\n")
        #expect(try host.outcome("f:/etc/foo -> r:foo") == "found")
        #expect(try host.outcome("f:/etc/bar -> r:foo") == "not found")
        #expect(try host.outcome("f:/etc/lines -> exact") == "found")
        #expect(try host.outcome("f:/etc/lines -> exac") == "not found")
        #expect(try host.outcome("not f:/etc/hello -> r:hello") == "not found")
        #expect(try host.outcome("f:/etc/empty -> !r:foo") == "not found")
        #expect(try host.outcome(#"f:/etc/count -> n:x=(\S+) compare > 1"#) == "invalid")
    }

    // MARK: - Directory rules (directory_rule_evaluator_test.cpp)

    /// A walk of /dir as the probe reports it.
    static let walk = """
        F ./foo.txt
        F ./bar.txt
        D ./sub
        F ./sub/match.txt
        L ./link.txt
        F ./target.txt
        C ./target.txt
        | not this
        | hello
        C ./sub/match.txt
        | hola mundo 10
        | goodbye world

        """

    @Test("d: without a test is found when a directory exists, else not found")
    func directoryExistence() throws {
        var host = Host()
        host.directory("/dir", ["a"])
        host.directory("/missing", status: Probe.Status.missing)
        host.directory("/file", status: Probe.Status.notThatKind)
        host.directory("/locked", status: Probe.Status.unreadable)
        #expect(try host.outcome("d:/dir") == "found")
        #expect(try host.outcome("d:/missing") == "not found")
        #expect(try host.outcome("d:/file") == "not found")
        #expect(try host.outcome("d:/locked") == "found")
        #expect(try host.outcome("not d:/missing") == "found")
    }

    @Test("d: name tests walk subdirectories, skip links, and are invalid on a missing path")
    func directoryNames() throws {
        var host = Host()
        host.tree("/dir", contents: nil, Self.walk)
        host.tree("/missing", contents: nil, "", status: Probe.Status.missing)
        host.tree("/notadir", contents: nil, "", status: Probe.Status.notThatKind)

        #expect(try host.outcome("d:/dir -> r:foo") == "found")
        #expect(try host.outcome("d:/dir -> r:nomatch") == "not found")
        #expect(try host.outcome("d:/dir -> match.txt") == "found")  // in ./sub
        #expect(try host.outcome("d:/dir -> link.txt") == "not found")  // a link is skipped
        #expect(try host.outcome("d:/dir -> sub") == "not found")  // a directory is walked, not named
        #expect(try host.outcome("not d:/dir -> r:foo") == "not found")
        #expect(try host.outcome("d:/missing -> match.txt") == "invalid")
        #expect(try host.reason("d:/missing -> r:foo")?.contains("does not exist") == true)
        #expect(try host.reason("d:/notadir -> r:foo")?.contains("not a directory") == true)
        #expect(try host.outcome("not d:/missing -> r:foo") == "invalid")
    }

    /// The same walk with the text of every file.
    static let completeWalk = walk + """
        C ./foo.txt
        C ./bar.txt
        | bar

        """

    @Test("d: name and content tests read the files the walk sent")
    func directoryContents() throws {
        var host = Host()
        let rules = [
            "d:/dir -> target.txt -> hello", "d:/dir -> target.txt -> r:hello", "d:/dir -> target.txt -> r:bye",
            "d:/dir -> r:. -> r:hello", "d:/dir -> r:match -> n:hola mundo (\\d+) compare == 10",
            "d:/dir -> r:match -> r:hola && n:mundo (\\d+) compare == 10",
            "not d:/dir -> r:.+ -> !r:hello && r:world", "not d:/dir -> r:.+ -> r:^nothing-like-this",
            "d:/partial -> r:.+ -> r:^nothing-like-this",
        ]
        for rule in rules {
            for probe in try SCARule.parse(rule).probes {
                host.tree(probe.name, contents: probe.run, probe.name == "/dir" ? Self.completeWalk : Self.walk)
            }
        }
        #expect(try host.outcome("d:/dir -> target.txt -> hello") == "found")
        #expect(try host.outcome("d:/dir -> target.txt -> r:hello") == "found")
        #expect(try host.outcome("d:/dir -> target.txt -> r:bye") == "not found")
        #expect(try host.outcome("d:/dir -> r:. -> r:hello") == "found")
        #expect(try host.outcome("d:/dir -> r:match -> n:hola mundo (\\d+) compare == 10") == "found")
        #expect(try host.outcome("d:/dir -> r:match -> r:hola && n:mundo (\\d+) compare == 10") == "found")
        // sub/match.txt has a line with "world" and without "hello".
        #expect(try host.outcome("not d:/dir -> r:.+ -> !r:hello && r:world") == "not found")
        // `not` over a content test that finds nothing in any file: found.
        #expect(try host.outcome("not d:/dir -> r:.+ -> r:^nothing-like-this") == "found")
        // foo.txt and bar.txt match the names but their text never came: not run, not false.
        #expect(try host.outcome("d:/partial -> r:.+ -> r:^nothing-like-this") == "not run")
    }

    @Test("d: content that could not be read, or a walk that was cut, leaves the rule not run")
    func directoryContentProblems() throws {
        var host = Host()
        host.tree("/dir", contents: SCANameFilter.filter(for: try Self.pattern("r:.*")), "F ./a.conf\nU ./a.conf\n")
        #expect(try host.outcome("d:/dir -> r:.* -> r:x") == "not run")
        var cut = Host()
        cut.sections[Probe.tree("/big", contents: nil).evidenceName] = Evidence(
            name: Probe.tree("/big", contents: nil).evidenceName, source: "t", content: Data("F ./a\n".utf8),
            exitCode: nil, truncated: true)
        #expect(try cut.outcome("d:/big -> r:nomatch") == "not run")
    }

    // MARK: - Command rules (command_rule_evaluator_test.cpp)

    @Test("c: runs; its output (stderr included) is matched line by line, or whole for a plain text")
    func commands() throws {
        var host = Host()
        host.program("some command", "")
        host.program("exact", "exact match\n")
        host.program("ok", "ok\n")
        host.program("num", "42\n")
        host.program("both", "out line\nsshd: error on stderr\n", status: 1)
        host.program("lines", "\n\nexact\n\n")
        #expect(try host.outcome("c:some command") == "found")
        #expect(try host.outcome("c:some command -> some pattern") == "not found")
        #expect(try host.outcome("c:some command -> r:foo") == "not found")
        #expect(try host.outcome("c:exact -> exact match") == "found")
        #expect(try host.outcome("c:exact -> exact") == "not found")
        #expect(try host.outcome("c:ok -> r:success") == "not found")
        #expect(try host.outcome("c:ok -> r:^ok$") == "found")
        #expect(try host.outcome(#"c:num -> n:\d+ compare <= 50"#) == "found")
        #expect(try host.outcome("c:both -> r:error on stderr") == "found")
        // Blank lines around the output are trimmed before a whole-output comparison.
        #expect(try host.outcome("c:lines -> exact") == "found")
    }

    @Test("c: whose program cannot be run (exit 127) is invalid, whatever the not; a timeout is not run")
    func commandsThatCannotRun() throws {
        var host = Host()
        host.program("auditctl -l", "sh: 1: exec: auditctl: not found\n", status: 127)
        host.program("sleep 60", "", status: nil)
        host.program("false", "", status: 1)
        #expect(try host.outcome("c:auditctl -l -> r:-w /etc/passwd") == "invalid")
        #expect(try host.outcome("not c:auditctl -l -> r:-w /etc/passwd") == "invalid")
        #expect(try host.outcome("c:auditctl -l") == "invalid")
        #expect(try host.reason("c:auditctl -l")?.contains("auditctl -l") == true)
        #expect(try host.outcome("c:sleep 60 -> r:x") == "not run")
        #expect(try host.outcome("c:false") == "found")  // it ran; its status does not matter
        #expect(try host.outcome("c:never-collected -> r:x") == "not run")
    }

    @Test("c: refused under an account other than root (status 6, ictaudit-not-root, a refusal) is not run, whatever the not")
    func commandsFailedWithoutRoot() throws {
        var host = Host()
        host.program("sshd -T", "ictaudit-not-root 1\nsshd: no hostkeys available -- exiting.\n", status: Probe.Status.failedWithoutRoot)
        // A failure that is an answer (grep finds nothing, for root too) is judged with its own status.
        host.program("grep -c x /etc/y", "ictaudit-not-root 1\n0\n", status: Probe.Status.failedWithoutRoot)
        #expect(try host.outcome("c:grep -c x /etc/y -> n:^(\\d+) compare == 0") == "found")
        #expect(try host.outcome("c:sshd -T -> r:^permitrootlogin\\s+no") == "not run")
        #expect(try host.outcome("not c:sshd -T -> r:^permitrootlogin\\s+yes") == "not run")
        if case .notRun(let why) = host.evaluator.evaluate(try SCARule.parse("c:sshd -T -> r:x")).0 {
            #expect(why.contains("exit status 1"))
        } else {
            Issue.record("c:sshd -T is not 'not run'")
        }
        // A program that really exits 6 as root prints its own output: read as Wazuh reads it.
        host.program("tool", "six\n", status: 6)
        #expect(try host.outcome("c:tool -> r:six") == "found")
    }

    // MARK: - Processes and registry

    @Test("p: compares process names, as the process list names them")
    func processes() throws {
        var host = Host()
        host.processes(["sshd", "auditd"])
        #expect(try host.outcome("p:auditd") == "found")
        #expect(try host.outcome("p:crond") == "not found")
        #expect(try host.outcome("not p:crond") == "found")
        #expect(try host.outcome("p:flag") == "not found")
    }

    @Test("r: checks keys, value names and data; a missing key or value under a test is invalid")
    func registry() throws {
        var host = Host()
        host.windows = true
        host.registry(#"HKLM\Soft\Key"#, ["Enabled": "1", "Name": "Contoso Ltd"])
        host.registry(#"HKLM\Soft\Gone"#, nil)
        #expect(try host.outcome(#"r:HKLM\Soft\Key"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Gone"#) == "not found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> enabled"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> r:^Nam"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> Other"#) == "not found")
        #expect(try host.outcome(#"r:HKLM\Soft\Gone -> Enabled"#) == "invalid")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> Enabled -> 1"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> Name -> contoso ltd"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> Name -> r:^Contoso"#) == "found")
        #expect(try host.outcome(#"r:HKLM\Soft\Key -> Missing -> 1"#) == "invalid")
        host.windows = false
        #expect(try host.outcome(#"r:HKLM\Soft\Key"#) == "invalid")
    }

    /// registry_rule_evaluator_test.cpp: `r:key -> name` is found by a subkey as well as a value
    /// (subkeys enumerated first); an exception reading the key (access denied) is invalid.
    @Test("r: key -> name finds subkeys, not only values; a key that cannot be read is invalid, never 'not found'")
    func registrySubkeys() throws {
        var host = Host()
        host.windows = true
        host.registry(#"HKLM\SOFTWARE\Policies\Microsoft"#, ["Note": "x"], subkeys: ["Windows Defender", "WindowsFirewall"])
        host.registry(#"HKLM\SECURITY\Policy"#, failed: "Requested registry access is not allowed.")
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> WindowsFirewall"#) == "found")
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> windows defender"#) == "found")
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> r:^Windows\s"#) == "found")
        #expect(try host.outcome(#"not r:HKLM\SOFTWARE\Policies\Microsoft -> WindowsFirewall"#) == "not found")
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> Note"#) == "found")
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> Edge"#) == "not found")
        // A subkey is not a value: its "data" cannot be tested.
        #expect(try host.outcome(#"r:HKLM\SOFTWARE\Policies\Microsoft -> WindowsFirewall -> 1"#) == "invalid")
        #expect(try host.outcome(#"r:HKLM\SECURITY\Policy"#) == "invalid")
        #expect(try host.outcome(#"not r:HKLM\SECURITY\Policy"#) == "invalid")
        #expect(try host.outcome(#"r:HKLM\SECURITY\Policy -> Secrets"#) == "invalid")
    }

    @Test("c: on Windows whose program cmd.exe cannot find (exit 9009, 'is not recognized') is invalid, as Wazuh's CreateProcess failure is")
    func windowsProgramNotFound() throws {
        var host = Host()
        host.windows = true
        host.program(
            "auditpol.exe /get /category:*",
            "'auditpol.exe' is not recognized as an internal or external command,\r\noperable program or batch file.\r\n",
            status: 9009)
        host.program("net accounts", "Lockout threshold: Never\r\n", status: 0)
        host.program("findstr x nofile", "FINDSTR: Cannot open nofile\r\n", status: 1)
        #expect(try host.outcome("c:auditpol.exe /get /category:* -> r:Logon") == "invalid")
        #expect(try host.outcome("not c:auditpol.exe /get /category:* -> r:Logon") == "invalid")
        #expect(try host.outcome("c:net accounts -> r:Lockout") == "found")
        #expect(try host.outcome("c:findstr x nofile -> r:Cannot open") == "found")  // ran: its status does not matter
        host.windows = false
        // On Linux 9009 is just a status.
        host.program("weird", "out\n", status: 9009)
        #expect(try host.outcome("c:weird -> r:out") == "found")
    }

    // MARK: - Conditions (check_condition_evaluator_test.cpp)

    /// Rules whose outcomes are known: found, not found, invalid, not run.
    static var outcomes: Host {
        var host = Host()
        host.file("/found", "x\n")
        host.file("/not-found", status: Probe.Status.missing)
        host.file("/invalid", status: Probe.Status.missing)
        host.program("slow", "", status: nil)
        return host
    }

    static let found = "f:/found"
    static let notFound = "f:/not-found"
    static let invalid = "f:/invalid -> r:x"
    static let notRun = "c:slow -> r:x"

    @Test("all: found rules pass, a not-found decides fail, an invalid one makes it not applicable")
    func all() throws {
        let host = Self.outcomes
        #expect(try host.verdict(.all, [Self.found, Self.found, Self.found]) == .pass)
        #expect(try host.verdict(.all, [Self.found, Self.found, Self.invalid]) == .notApplicable)
        #expect(try host.verdict(.all, [Self.found, Self.invalid, Self.notFound]) == .fail)
        #expect(try host.verdict(.all, [Self.notFound, Self.invalid]) == .fail)
        #expect(try host.verdict(.all, [Self.notFound, Self.found]) == .fail)
    }

    @Test("any: a found rule decides pass; otherwise an invalid one makes it not applicable")
    func any() throws {
        let host = Self.outcomes
        #expect(try host.verdict(.any, [Self.notFound, Self.notFound]) == .fail)
        #expect(try host.verdict(.any, [Self.notFound, Self.invalid]) == .notApplicable)
        #expect(try host.verdict(.any, [Self.notFound, Self.invalid, Self.found]) == .pass)
        #expect(try host.verdict(.any, [Self.found, Self.invalid]) == .pass)
        #expect(try host.verdict(.any, [Self.found, Self.notFound]) == .pass)
    }

    @Test("none: a found rule decides fail; otherwise an invalid one makes it not applicable")
    func none() throws {
        let host = Self.outcomes
        #expect(try host.verdict(.none, [Self.notFound, Self.notFound]) == .pass)
        #expect(try host.verdict(.none, [Self.notFound, Self.invalid]) == .notApplicable)
        #expect(try host.verdict(.none, [Self.notFound, Self.invalid, Self.found]) == .fail)
        #expect(try host.verdict(.none, [Self.found, Self.invalid]) == .fail)
    }

    @Test("A rule that was not run, undecided, makes the check an error, not a verdict")
    func notRun() throws {
        let host = Self.outcomes
        #expect(try host.verdict(.all, [Self.found, Self.notRun]) == .error)
        #expect(try host.verdict(.all, [Self.invalid, Self.notRun]) == .error)
        #expect(try host.verdict(.any, [Self.notRun, Self.found]) == .pass)
    }

    @Test("The issue's case: `not f:` on a file that is not there is not a pass")
    func missingFileUnderNot() throws {
        var host = Host()
        host.file("/etc/modprobe.d/cramfs.conf", status: Probe.Status.missing)
        #expect(
            try host.verdict(.all, [#"not f:/etc/modprobe.d/cramfs.conf -> r:^\s*install\s+cramfs\s+/bin/true"#])
                == .notApplicable)
    }
}
