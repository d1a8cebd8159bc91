import Foundation
import InventoryModel
import PolicyEngine
import Testing

/// A probe that failed on the host is never read as empty output: the rule that reads it is an
/// error naming the reason, whatever it would have made of nothing.
struct ProbeStatusTests {
    func verdict(_ check: String, _ evidence: Evidence) throws -> (Verdict, String?) {
        try Fixtures.judge(check, evidence: [evidence], commands: [("c", "true")])
    }

    func command(_ content: String, exit: Int?, truncated: Bool = false) -> Evidence {
        Evidence(name: "command:c", source: "true", content: Data(content.utf8), exitCode: exit, truncated: truncated)
    }

    @Test("a command that failed without output (denied, not installed, killed) is an error, not an empty answer")
    func failedCommands() throws {
        // `awk … /etc/shadow` as a plain account: exit 2, nothing printed. Read as "", it passed.
        let denied = try verdict(#"command("c").trim() == """#, command("", exit: 2))
        #expect(denied.0 == .error)
        #expect(denied.1?.contains("exit status 2") == true)
        #expect(try verdict(#"command("c").trim() == """#, command("", exit: 127)).0 == .error)
        #expect(try verdict(#"command("c").trim() == """#, command("", exit: 137)).0 == .error)
        #expect(try verdict(#"command("c").trim() == """#, command("", exit: nil, truncated: true)).0 == .error)
    }

    @Test("a Windows command that raised an error (status 1000, e.g. .NET refused in Constrained Language Mode) is an error with PowerShell's words, not its output read as an answer")
    func raisedOnWindows() throws {
        let (verdict, message) = try verdict(
            #"command("c").trim() == "1""#,
            command("Cannot invoke method. Method invocation is supported only on core types in this language mode.\r\n", exit: Probe.Status.raised))
        #expect(verdict == .error)
        #expect(message?.contains("Method invocation is supported only on core types") == true)
        // The same text with status 1 is a Linux-style answer: judged.
        #expect(try self.verdict(#"command("c").trim() == "1""#, command("0\n", exit: 1)).0 == .fail)
    }

    @Test("a command that answers through its status prints the answer, and it is judged")
    func answeringStatus() throws {
        #expect(try verdict(#"command("c").trim() == "active""#, command("inactive\n", exit: 3)).0 == .fail)
        #expect(try verdict(#"int(command("c").trim()) > 0"#, command("0\n", exit: 1)).0 == .fail)
        #expect(try verdict(#"command("c").trim() == """#, command("", exit: 0)).0 == .pass)
    }

    @Test("a file the account cannot read is an error; a missing file is an answer (null)")
    func files() throws {
        let unreadable = Evidence(
            name: "file:/etc/shadow", source: "/etc/shadow", content: Data(), exitCode: Probe.Status.unreadable)
        let result = try verdict(#"!file("/etc/shadow").contains("::")"#, unreadable)
        #expect(result.0 == .error)
        #expect(result.1?.contains("permission denied") == true)
        let missing = Evidence(
            name: "file:/etc/shadow", source: "/etc/shadow", content: Data(), exitCode: Probe.Status.missing)
        #expect(try verdict(#"file("/etc/shadow") == null"#, missing).0 == .pass)
        // Behind a directory the account cannot search, "not there" is not known either.
        let unreachable = Evidence(
            name: "file:/etc/shadow", source: "/etc/shadow", content: Data(), exitCode: Probe.Status.unreachable)
        let hidden = try verdict(#"file("/etc/shadow") == null"#, unreachable)
        #expect(hidden.0 == .error)
        #expect(hidden.1?.contains("cannot be seen") == true)
    }
}
