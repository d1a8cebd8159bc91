import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

struct ProbeBatchTests {
    static let nonce = "5f2a9c1e7b3d4a60"

    static let probes = [
        ProbeSection(name: "hello", script: "printf 'hello\\n'", source: "printf"),
        ProbeSection(name: "fails", script: "echo out; echo err >&2; exit 3", source: "exit 3"),
        ProbeSection(name: "no-eol", script: "printf 'a\\nb'", source: "no trailing newline"),
        ProbeSection(name: "empty", script: "true", source: "nothing"),
        ProbeSection(name: "quote", script: "echo \"it's $((6 * 7))\"", source: "quotes"),
        ProbeSection(name: "binary", script: "printf '\\377\\376\\000x'", source: "bytes"),
        ProbeSection(
            name: "big", script: "i=0; while [ $i -lt 40 ]; do echo 0123456789; i=$((i + 1)); done", source: "440 bytes"
        ),
        ProbeSection(name: "reads-stdin", script: "cat; echo done", source: "stdin is /dev/null"),
    ]

    /// Frames as the batch's script prints them.
    static func frame(_ name: String, _ content: String, exit: Int, nonce: String = nonce) -> String {
        "\n==ICTAUDIT \(nonce) BEGIN \(name)\n\(content)\n==ICTAUDIT \(nonce) END \(name) \(exit)\n"
    }

    @Test("the command line is a short `/bin/sh -s` whatever the batch; the script, sections verbatim, goes on stdin")
    func commandShape() {
        let batch = ProbeBatch(probes: Self.probes, nonce: Self.nonce)
        #expect(batch.command == "/bin/sh -s")
        #expect(batch.input == Data(batch.script.utf8))
        #expect(batch.script.contains("==ICTAUDIT \(Self.nonce) BEGIN"))
        #expect(batch.script.contains("echo \"it's $((6 * 7))\""))
        #expect(batch.script.hasPrefix("{\n") && batch.script.hasSuffix("\n} </dev/null 4>&1\n"))
        let big = ProbeBatch(probes: (0..<5000).map { ProbeSection(name: "s\($0)", script: "echo \($0)", source: "") })
        #expect(big.command == batch.command)
    }

    @Test("each batch draws a new 128-bit nonce")
    func nonces() {
        let a = ProbeBatch.linux.nonce
        let b = ProbeBatch.linux.nonce
        #expect(a != b)
        #expect(a.count == 32)
        #expect(a.allSatisfy { $0.isHexDigit })
    }

    @Test(
        "the command, given the script on stdin, runs under every shell a login may have, with exact content, exit codes and cap",
        arguments: [["/bin/dash", "-c"], ["/bin/bash", "-c"], ["/bin/busybox", "sh", "-c"]])
    func runsUnderShell(_ shell: [String]) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: shell[0]), "\(shell[0]) is not installed")
        let batch = ProbeBatch(probes: Self.probes, outputCap: 100)
        let result = try await CommandRunner.run(
            shell[0], Array(shell.dropFirst()) + [batch.command], input: batch.input, timeout: .seconds(30))
        #expect(result.status == 0)
        #expect(result.standardError == "")
        // A section cut at the cap may end with SIGPIPE (141) when its writer outlives `head`: a
        // race, not a result; the truncation flag is what says the output was cut.
        let evidence = batch.sections(from: result.standardOutput).map { section in
            var section = section
            if section.truncated && section.exitCode == 141 { section.exitCode = 0 }
            return section
        }
        #expect(
            evidence == [
                Evidence(name: "hello", source: "printf", content: Data("hello\n".utf8), exitCode: 0),
                Evidence(name: "fails", source: "exit 3", content: Data("out\n".utf8), exitCode: 3),
                Evidence(name: "no-eol", source: "no trailing newline", content: Data("a\nb".utf8), exitCode: 0),
                Evidence(name: "empty", source: "nothing", content: Data(), exitCode: 0),
                Evidence(name: "quote", source: "quotes", content: Data("it's 42\n".utf8), exitCode: 0),
                Evidence(name: "binary", source: "bytes", content: Data([0xFF, 0xFE, 0x00, 0x78]), exitCode: 0),
                Evidence(
                    name: "big", source: "440 bytes",
                    content: Data(String(repeating: "0123456789\n", count: 10).prefix(100).utf8), exitCode: 0,
                    truncated: true),
                Evidence(name: "reads-stdin", source: "stdin is /dev/null", content: Data("done\n".utf8), exitCode: 0),
            ])
    }

    @Test(
        "inline sections run in the batch's own shell with the same frames, exit codes and cap, between wrapped ones",
        arguments: [["/bin/dash", "-c"], ["/bin/bash", "-c"], ["/bin/busybox", "sh", "-c"]])
    func inlineUnderShell(_ shell: [String]) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: shell[0]), "\(shell[0]) is not installed")
        let directory = NSTemporaryDirectory() + "probe-inline-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try Data("A\n".utf8).write(to: URL(fileURLWithPath: directory + "/a"))
        try Data([0x42, 0x00, 0xFF]).write(to: URL(fileURLWithPath: directory + "/b"))
        let probes = [
            ProbeSection(
                name: "files", script: "printf '\\n'; head -v -c $ictaudit_cap \(directory)/a \(directory)/missing \(directory)/b",
                source: "head -v", inline: true),
            ProbeSection(name: "wrapped", script: "echo \"${x:-unset} $#\"; exit 3", source: "exit 3"),
            ProbeSection(
                name: "capped", script: "x=set; set -- 1 2; i=0; while [ $i -lt 40 ]; do echo 0123456789; i=$((i + 1)); done | head -c $ictaudit_cap",
                source: "440 bytes", inline: true),
            ProbeSection(name: "after", script: "echo \"$x $#\"; false", source: "state", inline: true),
        ]
        let batch = ProbeBatch(probes: probes, outputCap: 300)
        let result = try await CommandRunner.run(
            shell[0], Array(shell.dropFirst()) + [batch.command], input: batch.input, timeout: .seconds(30))
        #expect(result.status == 0)
        #expect(result.standardError == "")
        var files = Data("\n==> \(directory)/a <==\nA\n\n==> \(directory)/b <==\n".utf8)
        files.append(contentsOf: [0x42, 0x00, 0xFF])
        #expect(
            batch.sections(from: result.standardOutput) == [
                Evidence(name: "files", source: "head -v", content: files, exitCode: 1),
                Evidence(name: "wrapped", source: "exit 3", content: Data("unset 0\n".utf8), exitCode: 3),
                Evidence(
                    name: "capped", source: "440 bytes",
                    content: Data(String(repeating: "0123456789\n", count: 40).prefix(300).utf8), exitCode: 0,
                    truncated: true),
                // An inline section's variables outlive it; its positional parameters do not.
                Evidence(name: "after", source: "state", content: Data("set 0\n".utf8), exitCode: 1),
            ])
    }

    @Test("the Linux batch runs to its end under dash and bash on this machine", arguments: ["/bin/dash", "/bin/bash"])
    func linuxBatchLocally(_ shell: String) async throws {
        try #require(FileManager.default.isExecutableFile(atPath: shell), "\(shell) is not installed")
        let batch = ProbeBatch.linux
        let result = try await CommandRunner.run(shell, ["-c", batch.command], input: batch.input, timeout: .seconds(60))
        let evidence = batch.sections(from: result.standardOutput)
        #expect(evidence.map(\.name) == ProbeBatch.linuxProbes(sudo: false).flatMap(\.evidenceNames))
        #expect(evidence.allSatisfy { $0.exitCode != nil && !$0.truncated })
        let hostname = try String(contentsOfFile: "/proc/sys/kernel/hostname", encoding: .utf8)
        #expect(
            LinuxFactsParser.facts(from: evidence).hostname == hostname.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("output cut mid-section keeps what arrived, marked truncated and without an exit code")
    func cutOutput() {
        let batch = ProbeBatch(probes: Self.probes, nonce: Self.nonce)
        let output = Self.frame("hello", "hello\n", exit: 0) + "\n==ICTAUDIT \(Self.nonce) BEGIN fails\nout\npartial li"
        #expect(
            batch.sections(from: Data(output.utf8)) == [
                Evidence(name: "hello", source: "printf", content: Data("hello\n".utf8), exitCode: 0),
                Evidence(
                    name: "fails", source: "exit 3", content: Data("out\npartial li".utf8), exitCode: nil,
                    truncated: true),
            ])
    }

    @Test("a section whose END is missing ends where the next section begins")
    func missingEnd() {
        let batch = ProbeBatch(probes: Self.probes, nonce: Self.nonce)
        let output = "\n==ICTAUDIT \(Self.nonce) BEGIN hello\nhel" + Self.frame("quote", "it's 42\n", exit: 0)
        #expect(
            batch.sections(from: Data(output.utf8)) == [
                Evidence(name: "hello", source: "printf", content: Data("hel".utf8), truncated: true),
                Evidence(name: "quote", source: "quotes", content: Data("it's 42\n".utf8), exitCode: 0),
            ])
    }

    @Test("frames without this run's nonce are content, and noise around frames is ignored")
    func forgedFrames() {
        let batch = ProbeBatch(probes: Self.probes, nonce: Self.nonce)
        let forged = "x\n==ICTAUDIT 0000 END hello 0\n==ICTAUDIT 0000 BEGIN quote\nforged\n"
        let output =
            "Welcome to host!\n" + Self.frame("hello", forged, exit: 0) + "trailing noise"
            + Self.frame("unknown-section", "ignored", exit: 0)
        #expect(
            batch.sections(from: Data(output.utf8)) == [
                Evidence(name: "hello", source: "printf", content: Data(forged.utf8), exitCode: 0)
            ])
    }

    @Test("binary and invalid UTF-8 bytes survive exactly; garbage alone yields nothing")
    func binaryContent() {
        let batch = ProbeBatch(probes: Self.probes, nonce: Self.nonce)
        let payload: [UInt8] = [0x00, 0xC3, 0x28, 0xFF, 0x0A, 0x80, 0xE2, 0x82]
        var output = Data("\n==ICTAUDIT \(Self.nonce) BEGIN binary\n".utf8)
        output.append(contentsOf: payload)
        output.append(Data("\n==ICTAUDIT \(Self.nonce) END binary 0\n".utf8))
        let evidence = batch.sections(from: output)
        #expect(evidence == [Evidence(name: "binary", source: "bytes", content: Data(payload), exitCode: 0)])
        #expect(evidence.first?.text == "\0\u{FFFD}(\u{FFFD}\n\u{FFFD}\u{FFFD}")
        #expect(batch.sections(from: Data([0xFF, 0x00, 0x3D, 0x3D, 0x0A])) == [])
        #expect(batch.sections(from: Data()) == [])
    }

    @Test("content longer than the cap is cut to the cap even when the host ignored head -c")
    func capEnforcedByParser() {
        let batch = ProbeBatch(probes: Self.probes, outputCap: 4, nonce: Self.nonce)
        let output = Self.frame("hello", "hello world", exit: 0) + Self.frame("quote", "1234", exit: 0)
        #expect(
            batch.sections(from: Data(output.utf8)) == [
                Evidence(name: "hello", source: "printf", content: Data("hell".utf8), exitCode: 0, truncated: true),
                Evidence(name: "quote", source: "quotes", content: Data("1234".utf8), exitCode: 0),
            ])
    }
}

/// A section that dumps several files with one `head -v` comes back as one evidence per file.
struct SectionPartsTests {
    static let nonce = ProbeBatchTests.nonce
    static let files = ProbeSection(
        name: "files", script: "printf '\\n'; head -v -c $ictaudit_cap /a /b /c", source: "/a, /b, /c", inline: true,
        parts: [.init("/a", as: "first"), .init("/b", as: "second"), .init("/c", as: "second")])

    @Test("each listed part is kept byte for byte under its name; unlisted labels, repeats and fake headers are not")
    func split() {
        let batch = ProbeBatch(probes: [Self.files], nonce: Self.nonce)
        var body = Data("\n==> /a <==\nA\u{0}\n==> not a header\nstill A".utf8)
        body.append(0xFF)
        body.append(contentsOf: Data("\n==> /x <==\nunlisted\n==> /b <==\nB\n==> /c <==\nC".utf8))
        var output = Data("\n==ICTAUDIT \(Self.nonce) BEGIN files\n".utf8)
        output.append(body)
        output.append(contentsOf: Data("\n==ICTAUDIT \(Self.nonce) END files 0\n".utf8))
        var first = Data("A\u{0}\n==> not a header\nstill A".utf8)
        first.append(0xFF)
        #expect(
            batch.sections(from: output) == [
                Evidence(name: "first", source: "/a", content: first, exitCode: 0),
                Evidence(name: "second", source: "/b", content: Data("B".utf8), exitCode: 0),
            ])
        #expect(Self.files.evidenceNames == ["first", "second"])
    }

    @Test("the cap applies to each part, and a cut-off section marks only its last part truncated")
    func capsPerPart() {
        let batch = ProbeBatch(probes: [Self.files], outputCap: 4, nonce: Self.nonce)
        let whole = "\n==ICTAUDIT \(Self.nonce) BEGIN files\n\n==> /a <==\nabcdefgh\n==> /b <==\nxy"
        #expect(
            batch.sections(from: Data(whole.utf8)) == [
                Evidence(name: "first", source: "/a", content: Data("abcd".utf8), exitCode: nil, truncated: true),
                Evidence(name: "second", source: "/b", content: Data("xy".utf8), exitCode: nil, truncated: true),
            ])
    }

    @Test("the Linux batch's section of parts, run here, splits into exactly the files it read")
    func realShell() async throws {
        let batch = ProbeBatch(probes: [ProbeBatch.linuxProbes(sudo: false)[0]])
        let result = try await CommandRunner.run("/bin/sh", ["-c", batch.script], timeout: .seconds(30))
        let evidence = batch.sections(from: result.standardOutput)
        #expect(evidence.map(\.name) == ["hostname", "os-release", "kernel", "uptime", "cpuinfo", "meminfo", "route"])
        let kernel = try String(contentsOfFile: "/proc/sys/kernel/osrelease", encoding: .utf8)
        #expect(evidence.first { $0.name == "kernel" }?.text == kernel)
        #expect(evidence.allSatisfy { !$0.content.isEmpty })
    }
}

struct LinuxBatchChoiceTests {
    @Test("sudo changes only how the shadow file is read; without pending updates the costly section is left out")
    func variants() {
        let plain = ProbeBatch.linux(sudo: false)
        let withSudo = ProbeBatch.linux(sudo: true)
        #expect(plain.probes.map(\.name) == withSudo.probes.map(\.name))
        #expect(plain.probes.first { $0.name == "accounts" }?.script.contains("sudo -n") == false)
        #expect(withSudo.probes.first { $0.name == "accounts" }?.script.contains("sudo -n cat /etc/shadow") == true)
        let quick = ProbeBatch.linux(pendingUpdates: false)
        #expect(quick.probes.map(\.name) == plain.probes.map(\.name).filter { $0 != "updates" })
        let extra = ProbeSection(name: "policy-file", script: "cat /etc/issue", source: "/etc/issue")
        #expect(ProbeBatch.linux(extra: [extra]).probes.last == extra)
    }
}
