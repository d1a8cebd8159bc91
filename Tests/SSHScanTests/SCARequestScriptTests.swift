import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import SSHScan

/// The scripts SCA requests send run in a real POSIX shell against a real directory tree made
/// here, and report what Wazuh's evaluator needs to tell apart: missing, unreadable, the wrong
/// kind, a program that cannot run (127), stderr with stdout, and a recursive walk without links.
struct SCARequestScriptTests {
    /// Runs one request's Linux snippet the way the batch does: as a function body in `/bin/sh`.
    static func run(_ request: EvidenceRequest) async throws -> (output: String, status: Int32) {
        let script = try #require(request.linuxScript)
        let result = try await CommandRunner.run(
            "/bin/sh", ["-c", "exec </dev/null; ictaudit_s() { \(script); }; ictaudit_s"], timeout: .seconds(30))
        return (result.standardOutputText, result.status)
    }

    /// The same as another account: `nobody`, through `su` (root only).
    static func runAsNobody(_ request: EvidenceRequest) async throws -> (output: String, status: Int32) {
        let script = try #require(request.linuxScript)
        let result = try await CommandRunner.run(
            "/bin/su", ["-s", "/bin/sh", "nobody", "-c", "exec </dev/null; ictaudit_s() { \(script); }; ictaudit_s"],
            timeout: .seconds(30))
        return (result.standardOutputText, result.status)
    }

    /// A directory with a file, a subdirectory, a link, and an empty file, removed afterwards.
    static func tree() throws -> URL {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-sca-\(UUID().uuidString)")
        let files = FileManager.default
        try files.createDirectory(at: root.appendingPathComponent("sub/deeper"), withIntermediateDirectories: true)
        try "-w /etc/sudoers -p wa -k scope\n".write(to: root.appendingPathComponent("a.rules"), atomically: true, encoding: .utf8)
        try "no newline at the end".write(to: root.appendingPathComponent("sub/deeper/b.rules"), atomically: true, encoding: .utf8)
        try "other\n".write(to: root.appendingPathComponent("sub/notes.txt"), atomically: true, encoding: .utf8)
        try "".write(to: root.appendingPathComponent("empty.rules"), atomically: true, encoding: .utf8)
        try files.createSymbolicLink(atPath: root.appendingPathComponent("link.rules").path, withDestinationPath: root.appendingPathComponent("a.rules").path)
        try files.createSymbolicLink(atPath: root.appendingPathComponent("linked-dir").path, withDestinationPath: root.appendingPathComponent("sub").path)
        return root
    }

    @Test("A file request tells a file (0), nothing there (2) and something else (4) apart")
    func fileStatuses() async throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let present = try await Self.run(.file(path: root.path + "/a.rules"))
        #expect(present.status == 0)
        #expect(present.output == "-w /etc/sudoers -p wa -k scope\n")
        #expect(try await Self.run(.file(path: root.path + "/nothing")).status == 2)
        #expect(try await Self.run(.file(path: root.path + "/sub")).status == 4)
        // A link is followed, as Wazuh's checks follow it.
        #expect(try await Self.run(.file(path: root.path + "/link.rules")).status == 0)
        #expect(try await Self.run(.directory(path: root.path + "/nothing")).status == 2)
        #expect(try await Self.run(.directory(path: root.path + "/a.rules")).status == 4)
        #expect(try await Self.run(.directory(path: root.path + "/sub")).output == "deeper\nnotes.txt\n")
    }

    @Test(
        "As an account without the rights, a closed directory on the way reports 5, an unreadable file 3, an unlistable subdirectory E",
        .enabled(if: getuid() == 0, "needs root to act as another account"))
    func lessPrivilege() async throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let files = FileManager.default
        try files.setAttributes([.posixPermissions: 0o755], ofItemAtPath: root.path)
        try files.createDirectory(at: root.appendingPathComponent("closed/inner"), withIntermediateDirectories: true)
        try "secret\n".write(to: root.appendingPathComponent("closed/inner/x.conf"), atomically: true, encoding: .utf8)
        try "secret\n".write(to: root.appendingPathComponent("locked.conf"), atomically: true, encoding: .utf8)
        try files.setAttributes([.posixPermissions: 0o700], ofItemAtPath: root.appendingPathComponent("closed").path)
        try files.setAttributes([.posixPermissions: 0o600], ofItemAtPath: root.appendingPathComponent("locked.conf").path)
        #expect(try await Self.runAsNobody(.file(path: root.path + "/closed/inner/x.conf")).status == 5)
        #expect(try await Self.runAsNobody(.file(path: root.path + "/closed/inner/none")).status == 5)
        #expect(try await Self.runAsNobody(.file(path: root.path + "/nothing/here")).status == 2)
        #expect(try await Self.runAsNobody(.file(path: root.path + "/locked.conf")).status == 3)
        #expect(try await Self.runAsNobody(.directory(path: root.path + "/closed")).status == 3)
        #expect(try await Self.runAsNobody(.directory(path: root.path + "/closed/inner")).status == 5)
        #expect(try await Self.runAsNobody(.tree(path: root.path + "/closed", contents: nil)).status == 3)
        let walk = try await Self.runAsNobody(.tree(path: root.path, contents: "^"))
        #expect(walk.status == 0)
        let lines = Set(walk.output.split(separator: "\n").map(String.init))
        #expect(lines.isSuperset(of: ["E ./closed", "U ./locked.conf", "C ./a.rules"]))
        // As root the same paths are plain answers.
        #expect(try await Self.run(.file(path: root.path + "/closed/inner/x.conf")).status == 0)
    }

    @Test("A tree request walks subdirectories, lists links without following them, and sends the text of matching files")
    func treeWalk() async throws {
        let root = try Self.tree()
        defer { try? FileManager.default.removeItem(at: root) }
        let walk = try await Self.run(.tree(path: root.path, contents: #"\.[rR][uU][lL][eE][sS]$"#))
        #expect(walk.status == 0)
        let lines = Set(walk.output.split(separator: "\n").map(String.init))
        #expect(
            lines.isSuperset(of: [
                "F ./a.rules", "D ./sub", "D ./sub/deeper", "F ./sub/deeper/b.rules", "F ./sub/notes.txt",
                "L ./link.rules", "L ./linked-dir", "F ./empty.rules", "C ./a.rules",
                "| -w /etc/sudoers -p wa -k scope", "C ./sub/deeper/b.rules", "| no newline at the end",
                "C ./empty.rules",
            ]))
        #expect(!lines.contains("C ./sub/notes.txt"))
        #expect(!lines.contains { $0.hasPrefix("F ./linked-dir/") })
        let namesOnly = try await Self.run(.tree(path: root.path, contents: nil))
        #expect(!namesOnly.output.contains("C ./"))
        #expect(try await Self.run(.tree(path: root.path + "/nothing", contents: nil)).status == 2)
        #expect(try await Self.run(.tree(path: root.path + "/a.rules", contents: nil)).status == 4)
        // The root itself may be a link: Wazuh resolves it before walking.
        let viaLink = try await Self.run(.tree(path: root.path + "/linked-dir", contents: nil))
        #expect(viaLink.output.split(separator: "\n").contains("D ./deeper"))
    }

    @Test("A program runs as Wazuh runs it: split into words, no shell, stderr with stdout, 127 when missing")
    func programs() async throws {
        #expect(SCAProgram.words(#"stat -Lc "%a %u" /etc/passwd"#) == ["stat", "-Lc", "%a %u", "/etc/passwd"])
        #expect(
            SCAProgram.words(#"sh -c "cut -f1 -d\":\" /etc/group | sort""#)
                == ["sh", "-c", #"cut -f1 -d":" /etc/group | sort"#])
        #expect(SCAProgram.words(#"a  b "" c\ d"#) == ["a", "b", "", "c d"])
        // Wazuh's splitter eats the backslash of "\n": printf gets a plain "n".
        let quoted = try await Self.run(.program(text: #"printf "%s|%s\n" "a b" c"#))
        #expect(quoted.output == "a b|cn")
        // A pipe outside `sh -c` is an argument, not a pipe.
        #expect(try await Self.run(.program(text: "echo one | tr o 0")).output == "one | tr o 0\n")
        let both = try await Self.run(.program(text: #"sh -c "echo out; echo err >&2; exit 3""#))
        #expect(both.output == "out\nerr\n")
        #expect(both.status == 3)
        #expect(try await Self.run(.program(text: "ictaudit-no-such-program --version")).status == 127)
        #expect(try await Self.run(.program(text: #"sh -c "ictaudit-no-such-program""#)).status == 127)
    }

    @Test("As another account, a program that fails is marked ictaudit-not-root with status 6, its output kept; success and 127 as they are")
    func programsWithoutRoot() async throws {
        try #require(getuid() == 0, "running a program as nobody needs root")
        // sshd -T without the host keys: "no hostkeys available -- exiting.", status 1, as on a real host.
        if FileManager.default.isExecutableFile(atPath: "/usr/sbin/sshd") {
            let sshd = try await Self.runAsNobody(.program(text: "/usr/sbin/sshd -T"))
            #expect(sshd.status == 6)
            #expect(sshd.output.hasPrefix("ictaudit-not-root 1\n"))
            #expect(sshd.output.contains("no hostkeys available"))
        }
        let failing = try await Self.runAsNobody(.program(text: #"sh -c "echo denied; exit 3""#))
        #expect(failing.status == 6)
        #expect(failing.output == "ictaudit-not-root 3\ndenied\n")
        let ok = try await Self.runAsNobody(.program(text: #"sh -c "echo out; echo err >&2""#))
        #expect(ok.status == 0)
        #expect(ok.output == "out\nerr\n")
        #expect(try await Self.runAsNobody(.program(text: "/nonexistent/ictaudit-no-such-program")).status == 127)
        // As root the same failing program keeps its output and status.
        let asRoot = try await Self.run(.program(text: #"sh -c "echo denied; exit 3""#))
        #expect(asRoot.status == 3)
        #expect(asRoot.output == "denied\n")
    }

    @Test("The process list names each process as /proc/PID/comm does, then its command line")
    func processes() async throws {
        let list = try await Self.run(.processes)
        let names = list.output.split(separator: "\n").map { $0.split(separator: "\t", maxSplits: 1).first ?? "" }
        #expect(names.contains("sh"))
        #expect(!names.contains { $0.contains("/") && $0.hasPrefix("/") })
    }
}
