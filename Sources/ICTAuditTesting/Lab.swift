public import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// The SSH test lab (`lab/lab.sh`): real OpenSSH servers on 127.0.0.1 serving busybox chroots
/// with fixture facts (`lab/hosts/<host>/`), one per test process.
///
/// Tests scan real sshd so that the wire, the host-key checks and the probe's shell all meet the
/// real thing; the fixtures make the facts exact. The lab lives in a temporary directory on ports
/// derived from the process id, so concurrent `swift test` runs (other worktrees, CI jobs) do not
/// meet, and it is stopped when the process exits.
public struct Lab: Sendable {
    /// The lab's directory (keys, known_hosts, sshd configs and logs).
    public let dir: String
    public let basePort: Int
    /// When the lab built its fixtures; fresh ClamAV signatures carry this time.
    public let startedAt: Date
    /// The account every lab host accepts.
    public let user = "ictlab"
    private let ports: [String: Int]
    /// Where the hosts' chroots are (`/srv/ictaudit-lab/<hash>`).
    private let chroots: String

    public var clientKeyPath: String { dir + "/client_ed25519" }
    /// Holds every host's key, except that `changed-key` is recorded with a stale one.
    public var knownHostsPath: String { dir + "/known_hosts" }
    /// Host names in port order.
    public var hosts: [String] { ports.sorted { $0.value < $1.value }.map(\.key) }

    public func port(of host: String) throws -> Int {
        guard let port = ports[host] else { throw LabError.unknownHost(host) }
        return port
    }

    /// Why the lab cannot run here, or nil when it can.
    public static var unavailableReason: String? {
        if getuid() != 0 { return "the SSH lab needs root (sshd ChrootDirectory and /srv chroots)" }
        let files = FileManager.default
        if !files.isExecutableFile(atPath: "/usr/sbin/sshd") {
            return "OpenSSH sshd is missing (apt-get install openssh-server)"
        }
        if !files.isExecutableFile(atPath: "/usr/bin/ssh") {
            return "the OpenSSH client is missing (apt-get install openssh-client)"
        }
        if !files.isExecutableFile(atPath: "/bin/busybox") {
            return "busybox is missing (apt-get install busybox-static)"
        }
        if !files.isExecutableFile(atPath: scriptPath) { return "lab/lab.sh is missing at \(scriptPath)" }
        return nil
    }

    /// The lab of this test process, started on first use.
    public static func shared() async throws -> Lab {
        try await starting.value
    }

    private static let starting = Task<Lab, any Error> {
        if let reason = unavailableReason { throw LabError.unavailable(reason) }
        let pid = Int(getpid())
        let dir = NSTemporaryDirectory().appending("ictaudit-lab-\(pid)-\(UInt32.random(in: 0...UInt32.max))")
        // sshd reads the authorized keys as the lab user, so the directory must be traversable.
        try FileManager.default.createDirectory(
            atPath: dir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o755])
        // Each test process gets its own block of 32 ports (the table has 17 hosts; a block of 10 let two
        // processes' labs overlap), all below Linux's ephemeral range (32768) so no outgoing connection
        // can hold one of them.
        let basePort = 23400 + (pid % 250) * 32
        AtExit.stop(script: scriptPath, dir: dir)
        let result = try await CommandRunner.run(
            scriptPath, ["start", "--dir", dir, "--base-port", String(basePort)], timeout: .seconds(300))
        guard result.status == 0 else {
            throw LabError.startFailed(status: result.status, output: result.standardError + result.standardOutputText)
        }
        return try Lab(dir: dir, basePort: basePort)
    }

    init(dir: String, basePort: Int) throws {
        self.dir = dir
        self.basePort = basePort
        let environment = try String(contentsOfFile: dir + "/lab.env", encoding: .utf8)
        let epoch = environment.split(separator: "\n").first { $0.hasPrefix("START_EPOCH=") }
            .flatMap { TimeInterval($0.dropFirst("START_EPOCH=".count)) }
        guard let epoch else { throw LabError.startFailed(status: 0, output: "no START_EPOCH in \(dir)/lab.env") }
        startedAt = Date(timeIntervalSince1970: epoch)
        let chroots = environment.split(separator: "\n").first { $0.hasPrefix("CHROOTS=") }
            .map { String($0.dropFirst("CHROOTS=".count)) }
        guard let chroots else { throw LabError.startFailed(status: 0, output: "no CHROOTS in \(dir)/lab.env") }
        self.chroots = chroots
        var ports: [String: Int] = [:]
        for line in try String(contentsOfFile: dir + "/hosts.tsv", encoding: .utf8).split(separator: "\n") {
            let fields = line.split(separator: "\t")
            if fields.count == 2, let port = Int(fields[1]) { ports[String(fields[0])] = port }
        }
        self.ports = ports
    }

    /// The process ids running inside `host`'s chroot: what a scan of that host started and left.
    public func processes(on host: String) throws -> [Int32] {
        guard ports[host] != nil else { throw LabError.unknownHost(host) }
        let root = chroots + "/" + host
        let files = FileManager.default
        return ((try? files.contentsOfDirectory(atPath: "/proc")) ?? []).compactMap { entry in
            guard let pid = Int32(entry),
                let target = try? files.destinationOfSymbolicLink(atPath: "/proc/\(entry)/root"),
                target == root
            else { return nil }
            return pid
        }
    }

    /// Runs `command` on a lab host through the OpenSSH client with strict host-key checking
    /// against `knownHosts` (the lab's file by default), the way an operator's `ssh` would;
    /// `input` is sent on the command's standard input.
    public func openSSH(
        _ host: String, command: String, input: Data? = nil, knownHosts: String? = nil, timeout: Duration = .seconds(60)
    ) async throws -> CommandRunner.Result {
        try await CommandRunner.run(
            "/usr/bin/ssh",
            [
                "-i", clientKeyPath, "-o", "UserKnownHostsFile=\(knownHosts ?? knownHostsPath)",
                "-o", "StrictHostKeyChecking=yes", "-o", "BatchMode=yes", "-o", "ConnectTimeout=10",
                "-o", "LogLevel=ERROR", "-p", String(try port(of: host)), "\(user)@127.0.0.1", command,
            ],
            input: input, timeout: timeout)
    }

    /// One row of `lab/hosts.tsv`, the lab's single table of hosts.
    public struct HostEntry: Sendable, Equatable {
        public var name: String
        /// The port is the lab's base port plus this (the demo's base is 22300).
        public var portOffset: Int
        public var summary: String
    }

    /// The table `lab/lab.sh` builds and starts the hosts from, read as `LabManifest` reads it; a
    /// row it cannot read is an error naming its line.
    public static func table() throws -> [HostEntry] {
        let file = repositoryRoot.appendingPathComponent("lab/hosts.tsv")
        let (hosts, problems) = LabManifest.table(try String(contentsOf: file, encoding: .utf8), file: file.path)
        if let problem = problems.first { throw problem }
        return hosts.map { HostEntry(name: $0.name, portOffset: $0.portOffset, summary: $0.summary) }
    }

    /// `lab/lab.sh` in this checkout, found from this file's path.
    public static var scriptPath: String { repositoryRoot.appendingPathComponent("lab/lab.sh").path }

    /// The checkout this package was built from.
    public static var repositoryRoot: URL {
        // Sources/ICTAuditTesting/Lab.swift -> the repository root.
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
    }
}

public enum LabError: Error, CustomStringConvertible {
    case unavailable(String)
    case startFailed(status: Int32, output: String)
    case unknownHost(String)

    public var description: String {
        switch self {
        case .unavailable(let reason): "SSH lab unavailable: \(reason)"
        case .startFailed(let status, let output): "lab/lab.sh start failed (\(status)): \(output)"
        case .unknownHost(let host): "no lab host named \(host)"
        }
    }
}

/// Stops the lab when the test process exits, however the tests ended.
private enum AtExit {
    private static let lock = NSLock()
    nonisolated(unsafe) private static var command: String?

    static func stop(script: String, dir: String) {
        lock.lock()
        defer { lock.unlock() }
        let first = command == nil
        command = "\(quoted(script)) stop --dir \(quoted(dir)) >/dev/null 2>&1; rm -rf \(quoted(dir))"
        if first { atexit { AtExit.run() } }
    }

    private static func run() {
        lock.lock()
        let command = command
        lock.unlock()
        if let command { _ = system(command) }
    }

    private static func quoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
