public import Foundation

/// Where a unit's packets come from: a capture file or a live interface.
public struct CaptureSource: Codable, Sendable, Hashable {
    public enum Kind: Codable, Sendable, Hashable {
        case file(String)
        case interface(String)
    }

    public var unit: String
    public var kind: Kind
    /// The time the capture is meant to cover (`period: { from, to }`); a capture that covers
    /// less is marked partial in the unit inventory.
    public var period: DateInterval?
    /// The bandwidth interval in seconds (`interval_seconds:`); one minute when nil.
    public var intervalSeconds: Double?

    public init(unit: String, kind: Kind, period: DateInterval? = nil, intervalSeconds: Double? = nil) {
        self.unit = unit
        self.kind = kind
        self.period = period
        self.intervalSeconds = intervalSeconds
    }
}

/// Everything an inventory file says: which units exist, which hosts to scan and how.
public struct AuditPlan: Codable, Sendable, Hashable {
    /// The inventory's own name, shown in reports.
    public var name: String
    /// The file the plan was read from, for messages.
    public var source: String
    public var units: [Unit]
    public var targets: [SSHTarget]
    public var captures: [CaptureSource]
    /// The known_hosts file to verify host keys against; `nil` means the user's own.
    public var knownHostsPath: String?
    /// An OpenSSH client config whose Host blocks (HostName, User, Port, IdentityFile, ProxyJump)
    /// apply to the targets at scan time.
    public var sshConfigPath: String?

    public init(
        name: String, source: String, units: [Unit], targets: [SSHTarget], captures: [CaptureSource] = [],
        knownHostsPath: String? = nil, sshConfigPath: String? = nil
    ) {
        self.sshConfigPath = sshConfigPath
        self.name = name
        self.source = source
        self.units = units
        self.targets = targets
        self.captures = captures
        self.knownHostsPath = knownHostsPath
    }
}
