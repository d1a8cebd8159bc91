import Foundation
import ICTAuditTesting
import Testing

/// The lab's hosts are data (`lab/hosts.tsv`, `lab/hosts/*/manifest`); `LabManifest` reads them
/// with `lab/lab.sh`'s grammar so a bad step fails here, at `file:line`, not when the lab starts.
struct LabManifestTests {
    static let lab = Lab.repositoryRoot.appendingPathComponent("lab")

    @Test("every manifest and the hosts table in lab/ read without a problem, and every host of the table is built")
    func shippedLabIsClean() throws {
        let problems = LabManifest.check(lab: Self.lab)
        #expect(problems.isEmpty, "\(problems.map(\.description).joined(separator: "\n"))")
        let manifests = try FileManager.default.contentsOfDirectory(atPath: Self.lab.appendingPathComponent("hosts").path)
            .filter { FileManager.default.fileExists(atPath: Self.lab.appendingPathComponent("hosts/\($0)/manifest").path) }
        #expect(manifests.count >= 14)
        var steps = 0
        for folder in manifests {
            let file = Self.lab.appendingPathComponent("hosts/\(folder)/manifest").path
            steps += LabManifest.parse(try String(contentsOfFile: file, encoding: .utf8), file: file).steps.count
        }
        #expect(steps >= 50, "the shipped manifests hold \(steps) steps")
        #expect(try Lab.table().count >= 16)
    }

    @Test("the steps known here are exactly the cases of apply_manifest in lab/lab.sh")
    func sameVerbsAsLabScript() throws {
        let script = try String(contentsOfFile: Lab.scriptPath, encoding: .utf8)
        let start = try #require(script.range(of: "\napply_manifest() {"))
        let end = try #require(script.range(of: "\n}\n", range: start.upperBound..<script.endIndex))
        let body = script[start.upperBound..<end.lowerBound]
        let cases = body.split(separator: "\n").compactMap { line in line.firstMatch(of: /^\s+([a-z][a-z-]*)\)/).map { String($0.1) } }
        #expect(Set(cases) == Set(LabManifest.Verb.allCases.map(\.rawValue)))
    }

    @Test("a misspelt step, a bad time, a step on a missing file, an unreadable @EPOCH@: lab.sh's own apply_manifest stops at the same file:line")
    func sameLineAsLabScript() async throws {
        let good = "# a case\nlink /etc/os-release ../usr/lib/os-release\n"
        let tail = "mode 600 /etc/a\nmtime /etc/a start-1d\n"
        let cases: [(line: String, expected: String)] = [
            ("mtiem /etc/a start", "unknown step 'mtiem'; did you mean 'mtime'?"),
            ("mtime /etc/a start-5x", "'start-5x' is not a time (start, start-N seconds, start-Nd days, or an epoch)"),
            ("mode 600 /etc/missing", "x: no file /etc/missing before this step"),
            ("fill /etc/b", "/etc/b: '@EPOCH:yesterday@' has no time lab.sh can read"),
        ]
        for (line, expected) in cases {
            let lab = try scratchLab(manifest: good + line + "\n" + tail, unreadableTime: line.hasPrefix("fill"))
            defer { try? FileManager.default.removeItem(at: lab) }
            let manifest = lab.appendingPathComponent("hosts/x/manifest").path
            let problems = LabManifest.check(lab: lab)
            #expect(problems.first == LabManifest.Problem(file: manifest, line: 3, message: expected), "\(problems)")
            let script = try await runApplyManifest(lab: lab)
            #expect(script.status != 0)
            #expect(script.standardError.contains("lab.sh: \(manifest):3: "), "\(script.standardError)")
        }
        // The same folder without the bad line: both accept it.
        let lab = try scratchLab(manifest: good + tail)
        defer { try? FileManager.default.removeItem(at: lab) }
        #expect(LabManifest.check(lab: lab).isEmpty)
        let script = try await runApplyManifest(lab: lab)
        #expect(script.status == 0, "\(script.standardError)")
    }

    @Test("the table's folders and hosts, port placeholders, check-via and unfilled placeholders are checked across files")
    func crossFileProblems() throws {
        let lab = try scratchLab(
            manifest: "sshd PermitOpen 127.0.0.1:@PORT:nowhere@\ncheck-via x\ncheck-via y\n",
            table: "x\t1\tx\tone\ny\t1\tx missing\ttwo\nz\tport\tx\tthree\n", unreadableTime: true)
        defer { try? FileManager.default.removeItem(at: lab) }
        let table = lab.appendingPathComponent("hosts.tsv").path
        let manifest = lab.appendingPathComponent("hosts/x/manifest").path
        let found = Set(LabManifest.check(lab: lab).map(\.description))
        #expect(
            found == [
                "\(table):2: y: no folder lab/hosts/missing",
                "\(table):2: port offset 1 is x's too",
                "\(table):3: a row is name, port offset, folders, summary, separated by tabs",
                "\(manifest):1: @PORT:nowhere@ names no host in hosts.tsv",
                "\(table):1: x: /etc/b holds @…@ placeholders but no manifest fills it (add `fill /etc/b`)",
                "\(table):2: y: /etc/b holds @…@ placeholders but no manifest fills it (add `fill /etc/b`)",
            ])
    }

    /// A lab folder with one host `x` (folder `x`: /etc/a; with `unreadableTime`, /etc/b holding a
    /// time lab.sh cannot read).
    private func scratchLab(manifest: String, table: String = "x\t1\tx\tthe only host\n", unreadableTime: Bool = false) throws -> URL {
        let lab = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-lab-\(UUID().uuidString)")
        let root = lab.appendingPathComponent("hosts/x/root/etc")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try "a\n".write(to: root.appendingPathComponent("a"), atomically: true, encoding: .utf8)
        if unreadableTime {
            try "booted @EPOCH:yesterday@\n".write(to: root.appendingPathComponent("b"), atomically: true, encoding: .utf8)
        }
        try manifest.write(to: lab.appendingPathComponent("hosts/x/manifest"), atomically: true, encoding: .utf8)
        try table.write(to: lab.appendingPathComponent("hosts.tsv"), atomically: true, encoding: .utf8)
        return lab
    }

    /// lab.sh's own `apply_manifest` (and the helpers it calls), taken from the script and run by
    /// bash on folder `x` into a scratch chroot: the oracle for which line fails.
    private func runApplyManifest(lab: URL) async throws -> (status: Int32, standardError: String) {
        let chroot = lab.appendingPathComponent("chroot")
        try FileManager.default.createDirectory(at: chroot.appendingPathComponent("etc"), withIntermediateDirectories: true)
        // What copy_root does first: the folder's files into the chroot.
        let etc = lab.appendingPathComponent("hosts/x/root/etc")
        for name in try FileManager.default.contentsOfDirectory(atPath: etc.path) {
            try FileManager.default.copyItem(at: etc.appendingPathComponent(name), to: chroot.appendingPathComponent("etc/\(name)"))
        }
        let harness = """
            set -euo pipefail
            die() { echo "lab.sh: $*" >&2; exit 1; }
            eval "$(sed -n '/^when() {/,/^}/p; /^fill() {/,/^}/p; /^clamav_db() {/,/^}/p; /^recordings() {/,/^}/p; /^apply_manifest() {/,/^}/p' "$1")"
            SCRIPT_DIR=$2 R=$3 HOST=x START=1790000000 LABUSER=root
            declare -A SSHD_EXTRA CHECK CHECK_VIA CHECK_OUTPUT STALE_KEY
            apply_manifest x
            """
        let result = try await CommandRunner.run(
            "/bin/bash", ["-c", harness, "harness", Lab.scriptPath, lab.path, chroot.path], timeout: .seconds(30))
        return (result.status, result.standardError)
    }
}
