public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A real sshd on 127.0.0.1 that only forwards (a jump host), for ProxyJump tests.
///
/// It accepts the lab's client key for the lab user, runs no command (`ForceCommand /bin/false`)
/// and forwards only to the ports it is given (`PermitOpen`), as a hardened bastion would.
public final class Bastion: @unchecked Sendable {
    public let port: Int
    public let knownHostsLine: String
    private let pid: pid_t
    private let dir: String

    /// Starts on `port`, or, when another process took that port since it was picked, on a
    /// fresh free one (`port` tells which).
    public init(lab: Lab, port: Int, permitOpen: [Int]) throws {
        var candidate = port
        var failure = ""
        for attempt in 1...3 {
            if let (pid, dir, line) = try Self.start(lab: lab, port: candidate, permitOpen: permitOpen, failure: &failure) {
                (self.pid, self.dir, self.port, knownHostsLine) = (pid, dir, candidate, line)
                return
            }
            guard attempt < 3, failure.contains("Address already in use") else { break }
            candidate = try TCPTestListener.closedPort()
        }
        throw LabError.startFailed(status: 1, output: "the bastion sshd on port \(candidate) did not start: \(failure)")
    }

    private static func start(lab: Lab, port: Int, permitOpen: [Int], failure: inout String) throws
        -> (pid: pid_t, dir: String, knownHostsLine: String)?
    {
        let dir = lab.dir + "/bastion-\(port)"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let key = dir + "/host_ed25519"
        if !FileManager.default.fileExists(atPath: key) {
            try Self.run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-f", key])
        }
        let config = """
            ListenAddress 127.0.0.1:\(port)
            HostKey \(key)
            PidFile \(dir)/sshd.pid
            AuthorizedKeysFile \(lab.dir)/authorized_keys
            AllowUsers \(lab.user)
            UsePAM no
            StrictModes no
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            AllowTcpForwarding local
            PermitOpen \(permitOpen.map { "127.0.0.1:\($0)" }.joined(separator: " "))
            ForceCommand /bin/false
            LogLevel ERROR

            """
        try config.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
        let log = { (try? String(contentsOfFile: dir + "/sshd.log", encoding: .utf8)) ?? "no sshd.log" }
        do {
            // sshd binds before it forks into the background, so a taken port fails here.
            try Self.run("/usr/sbin/sshd", ["-f", dir + "/sshd_config", "-E", dir + "/sshd.log"])
        } catch {
            failure = log()
            return nil
        }
        // A loaded machine (the whole suite runs in parallel) can take seconds to start sshd, and
        // sshd writes its pid file in place: it can be read while still empty.
        var pid: pid_t?
        for _ in 0..<150 where pid == nil {
            pid = (try? String(contentsOfFile: dir + "/sshd.pid", encoding: .utf8))
                .flatMap { pid_t($0.trimmingCharacters(in: .whitespacesAndNewlines)) }
            if pid == nil { usleep(100_000) }
        }
        guard let pid else {
            failure = log()
            if failure.isEmpty { failure = "no pid in \(dir)/sshd.pid after 15 s and nothing in sshd.log" }
            // Whatever did start must not outlive the test run.
            try? Self.run("/usr/bin/pkill", ["-f", dir + "/sshd_config"])
            return nil
        }
        let publicKey = try String(contentsOfFile: key + ".pub", encoding: .utf8).split(separator: " ").prefix(2)
        return (pid, dir, "[127.0.0.1]:\(port) " + publicKey.joined(separator: " "))
    }

    deinit {
        kill(pid, SIGTERM)
    }

    private static func run(_ tool: String, _ arguments: [String]) throws {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        try process.run()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else {
            throw LabError.startFailed(status: process.terminationStatus, output: "\(tool) \(arguments.joined(separator: " "))")
        }
    }
}
