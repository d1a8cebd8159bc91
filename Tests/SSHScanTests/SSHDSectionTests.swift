import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The `sshd` section as a plain account: `sshd -T` would fail without a readable host key, so the
/// batch must not start it at all, and read the configuration files instead.
struct SSHDSectionAccountTests {
    @Test("an account that can read no host key reads sshd_config without executing sshd")
    func plainAccountSkipsSSHDTest() async throws {
        try #require(getuid() == 0, "running the section as another account needs root")
        let strace = "/usr/bin/strace"
        try #require(FileManager.default.isExecutableFile(atPath: strace), "strace is not installed; .ci/run installs it")
        try #require(FileManager.default.fileExists(atPath: "/etc/ssh/sshd_config"), "openssh-server is not installed")
        let section = try #require(ProbeBatch.linuxProbes(sudo: false).first { $0.name == "sshd" })
        let batch = ProbeBatch(probes: [section])
        let trace = FileManager.default.temporaryDirectory.appendingPathComponent("sshd-section-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: trace) }
        let result = try await CommandRunner.run(
            strace,
            ["-f", "-qq", "-e", "trace=execve", "-o", trace.path, "/usr/bin/setpriv", "--reuid=nobody", "--regid=nogroup",
             "--clear-groups", "/usr/bin/env", "LOGNAME=nobody", "/bin/sh", "-c", batch.script],
            timeout: .seconds(30))
        let evidence = try #require(batch.sections(from: result.standardOutput).first)
        #expect(evidence.text.contains("==> /etc/ssh/sshd_config <=="))
        let executed = try String(contentsOf: trace, encoding: .utf8).split(separator: "\n")
            .filter { $0.contains("execve(\"") && !$0.contains("= -1") }
        #expect(!executed.isEmpty)
        #expect(!executed.contains { $0.contains("/sshd\"") }, "sshd was executed: \(executed)")
    }
}
