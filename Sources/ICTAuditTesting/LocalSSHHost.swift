public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A plain OpenSSH `sshd` on 127.0.0.1 serving THIS machine's own filesystem: no chroot, no
/// fixtures, the real Debian host the tests run on.
///
/// The lab's chroots make facts exact; this host makes them real. Tests that compare a scan with
/// what the machine itself says (Wazuh's SCA semantics evaluated locally, `dpkg-query`, `ss`)
/// scan it, as `root` and as a plain account, to see what less privilege changes. It gets a
/// fresh host key and client key in a temporary directory, a free port, and stops when the test
/// process exits. Like `../shared/peers/sshd-lab.sh`, it runs `sshd` without PAM, so the plain
/// account (created when missing) has no password and logs in by key only.
public final class LocalSSHHost: Sendable {
    public let port: Int
    /// Keys, config, known_hosts and the server's log.
    public let dir: String
    /// The unprivileged account the server accepts besides `root`.
    public let plainUser: String

    public var clientKeyPath: String { dir + "/client_ed25519" }
    /// Holds this server's host key for `[127.0.0.1]:port`.
    public var knownHostsPath: String { dir + "/known_hosts" }
    public var address: String { "127.0.0.1" }

    /// Why the server cannot run here, or nil when it can.
    public static var unavailableReason: String? {
        if getuid() != 0 { return "serving this machine over sshd as root and as a plain account needs root" }
        let files = FileManager.default
        for (tool, package) in [
            ("/usr/sbin/sshd", "openssh-server"), ("/usr/bin/ssh-keygen", "openssh-client"),
            ("/usr/sbin/useradd", "passwd"),
        ] where !files.isExecutableFile(atPath: tool) {
            return "\(tool) is missing (apt-get install \(package))"
        }
        return nil
    }

    /// The server of this test process, started on first use.
    public static func shared() async throws -> LocalSSHHost {
        try await starting.value
    }

    private static let starting = Task<LocalSSHHost, any Error> {
        if let reason = unavailableReason { throw LocalSSHHostError.unavailable(reason) }
        return try await LocalSSHHost.start(plainUser: "ictaudit-plain")
    }

    private init(port: Int, dir: String, plainUser: String) {
        self.port = port
        self.dir = dir
        self.plainUser = plainUser
    }

    /// Starts a server; prefer ``shared()``, which starts one per test process.
    public static func start(plainUser: String) async throws -> LocalSSHHost {
        let dir = NSTemporaryDirectory().appending("ictaudit-localhost-\(getpid())-\(UInt32.random(in: 0...UInt32.max))")
        // sshd reads the authorized keys as the logged-in user: the directory must be traversable.
        try FileManager.default.createDirectory(
            atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try FileManager.default.createDirectory(
            atPath: "/run/sshd", withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        try await run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ictaudit-localhost", "-f", dir + "/host_ed25519"])
        try await run("/usr/bin/ssh-keygen", ["-q", "-t", "ed25519", "-N", "", "-C", "ictaudit-client", "-f", dir + "/client_ed25519"])
        try FileManager.default.copyItem(atPath: dir + "/client_ed25519.pub", toPath: dir + "/authorized_keys")
        try FileManager.default.setAttributes([.posixPermissions: 0o644], ofItemAtPath: dir + "/authorized_keys")
        try await ensureAccount(plainUser)

        let port = try TCPTestListener.closedPort()
        let config = """
            ListenAddress 127.0.0.1:\(port)
            HostKey \(dir)/host_ed25519
            PidFile \(dir)/sshd.pid
            AuthorizedKeysFile \(dir)/authorized_keys
            AllowUsers root \(plainUser)
            PermitRootLogin prohibit-password
            PubkeyAuthentication yes
            PasswordAuthentication no
            KbdInteractiveAuthentication no
            UsePAM no
            StrictModes no
            UseDNS no
            PrintMotd no
            PrintLastLog no
            MaxStartups 100:30:200
            MaxSessions 50
            LogLevel ERROR

            """
        try config.write(toFile: dir + "/sshd_config", atomically: true, encoding: .utf8)
        let hostKey = try String(contentsOfFile: dir + "/host_ed25519.pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        try "[127.0.0.1]:\(port) \(hostKey)\n".write(toFile: dir + "/known_hosts", atomically: true, encoding: .utf8)

        StopAtExit.register(dir: dir)
        // sshd checks its config, then forks into the background once it listens.
        try await run("/usr/sbin/sshd", ["-f", dir + "/sshd_config", "-E", dir + "/sshd.log"])
        let host = LocalSSHHost(port: port, dir: dir, plainUser: plainUser)
        try await host.waitUntilListening()
        return host
    }

    /// Runs `command` on this host as `user` through the OpenSSH client, as an operator would.
    public func openSSH(user: String = "root", command: String, timeout: Duration = .seconds(60)) async throws
        -> CommandRunner.Result
    {
        try await CommandRunner.run(
            "/usr/bin/ssh",
            [
                "-i", clientKeyPath, "-o", "UserKnownHostsFile=\(knownHostsPath)", "-o", "StrictHostKeyChecking=yes",
                "-o", "BatchMode=yes", "-o", "ConnectTimeout=10", "-o", "LogLevel=ERROR", "-p", String(port),
                "\(user)@127.0.0.1", command,
            ],
            timeout: timeout)
    }

    /// Stops the server now (it is stopped at exit anyway).
    public func stop() {
        StopAtExit.stop(dir: dir)
    }

    private func waitUntilListening() async throws {
        for _ in 0..<50 {
            if let result = try? await openSSH(command: "true", timeout: .seconds(10)), result.status == 0 { return }
            try await Task.sleep(for: .milliseconds(100))
        }
        let log = (try? String(contentsOfFile: dir + "/sshd.log", encoding: .utf8)) ?? ""
        throw LocalSSHHostError.startFailed("sshd on 127.0.0.1:\(port) does not accept the client key: \(log)")
    }

    /// Creates `name` when missing, with no password (`*`) so that sshd without PAM lets the key in.
    private static func ensureAccount(_ name: String) async throws {
        let known = try await CommandRunner.run("/usr/bin/id", ["-u", name], timeout: .seconds(10))
        guard known.status != 0 else { return }
        try await run("/usr/sbin/useradd", ["-m", "-s", "/bin/sh", name])
        try await run("/usr/sbin/usermod", ["-p", "*", name])
    }

    private static func run(_ tool: String, _ arguments: [String]) async throws {
        let result = try await CommandRunner.run(tool, arguments, timeout: .seconds(60))
        guard result.status == 0 else {
            throw LocalSSHHostError.startFailed("\(tool) \(arguments.joined(separator: " ")): \(result.standardError)")
        }
    }
}

public enum LocalSSHHostError: Error, CustomStringConvertible {
    case unavailable(String)
    case startFailed(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "local sshd unavailable: \(reason)"
        case .startFailed(let why): "local sshd did not start: \(why)"
        }
    }
}

/// Stops every server this process started when it exits, however the tests ended.
private enum StopAtExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var dirs: Set<String> = []
    nonisolated(unsafe) private static var registered = false

    static func register(dir: String) {
        lock.lock()
        defer { lock.unlock() }
        dirs.insert(dir)
        if !registered {
            registered = true
            atexit { StopAtExit.stopAll() }
        }
    }

    static func stop(dir: String) {
        if let text = try? String(contentsOfFile: dir + "/sshd.pid", encoding: .utf8),
            let pid = pid_t(text.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(pid, SIGTERM)
        }
        try? FileManager.default.removeItem(atPath: dir)
        lock.lock()
        dirs.remove(dir)
        lock.unlock()
    }

    private static func stopAll() {
        lock.lock()
        let all = dirs
        lock.unlock()
        for dir in all { stop(dir: dir) }
    }
}
