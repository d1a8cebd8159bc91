/// Limits and choices for a scan; the defaults suit a ministry LAN.
public struct ScanOptions: Sendable {
    /// Seconds to wait for the TCP connection.
    public var connectTimeout: Double
    /// Seconds one host may take in all: connect, handshake, authentication and the probe.
    public var hostTimeout: Double
    /// Hosts scanned at once, each on its own session and thread.
    public var concurrency: Int
    /// Probe output kept per host; beyond it the command is stopped and the output marked truncated.
    public var maxOutputBytes: Int
    /// The known_hosts file to verify host keys against.
    public var knownHostsPath: String
    /// Record keys of hosts never seen before (changed keys are still refused).
    public var acceptNewHostKeys: Bool
    /// Evidence the loaded policies need from Linux/Unix hosts, gathered in the same round trip.
    public var evidenceRequests: [EvidenceRequest]
    /// The same for Windows hosts (their commands are PowerShell).
    public var windowsEvidenceRequests: [EvidenceRequest] = []
    /// Names antivirus products and adds the catalogue's Linux path checks to the batch.
    public var antivirusCatalogue: AntivirusCatalogue?
    /// OpenSSH client config applied to each target before connecting (HostName, User, Port,
    /// IdentityFile, ProxyJump).
    public var sshConfig: SSHConfig?
    /// Whether Linux hosts are asked for pending updates. The package tools (`apt-get -s`, `dnf -C`,
    /// `zypper`) cost a host 1–3 s of CPU, far more than every other section together; turn it off
    /// for quick inventory rounds.
    public var pendingUpdates = true
    /// Whether to read each direct target's KEXINIT (`HostFacts.sshOffer`) on a second TCP
    /// connection. It costs the host one more sshd connection (a fork and re-exec of sshd, and a
    /// "Connection closed … [preauth]" line in its log) and the scan one more handshake, so the
    /// planner asks for it only when a loaded policy reads `host.ssh_offer`
    /// (`PolicySet.requesting(into:)`).
    public var readServerOffer = false
    /// Extra sections that run in the same round trip as the built-in ones.
    public var extraLinuxProbes: [ProbeSection] = []
    public var extraWindowsProbes: [ProbeSection] = []

    public init(
        connectTimeout: Double = 5, hostTimeout: Double = 30, concurrency: Int = 16,
        maxOutputBytes: Int = 16 * 1024 * 1024, knownHostsPath: String = KnownHosts.userDefaultPath,
        acceptNewHostKeys: Bool = false, evidenceRequests: [EvidenceRequest] = [],
        antivirusCatalogue: AntivirusCatalogue? = nil, sshConfig: SSHConfig? = nil
    ) {
        self.evidenceRequests = evidenceRequests
        self.antivirusCatalogue = antivirusCatalogue
        self.sshConfig = sshConfig
        self.connectTimeout = connectTimeout
        self.hostTimeout = hostTimeout
        self.concurrency = concurrency
        self.maxOutputBytes = maxOutputBytes
        self.knownHostsPath = knownHostsPath
        self.acceptNewHostKeys = acceptNewHostKeys
    }
}
