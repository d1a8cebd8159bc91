public import Foundation

/// A package as the package manager records it.
public struct InstalledPackage: Codable, Sendable, Hashable {
    public var name: String
    /// The full version, epoch included when not zero (`1:9.2p1-2+deb12u2`).
    public var version: String
    public var architecture: String?

    public init(name: String, version: String, architecture: String? = nil) {
        self.name = name
        self.version = version
        self.architecture = architecture
    }
}

/// An update the host's package manager already knows is available.
public struct PackageUpdate: Codable, Sendable, Hashable {
    public var name: String
    public var currentVersion: String?
    public var availableVersion: String
    /// Whether the update fixes a security issue (apt: from a `-security` suite; dnf/yum: named by
    /// a security advisory); nil when the package manager cannot tell.
    public var security: Bool?

    public init(name: String, currentVersion: String? = nil, availableVersion: String, security: Bool? = nil) {
        self.name = name
        self.currentVersion = currentVersion
        self.availableVersion = availableVersion
        self.security = security
    }
}

/// How the host's package manager answered "which updates are pending", so an unanswered
/// question is never read as "none": a failed or absent tool, or lists too old to trust, leave
/// `HostFacts.pendingUpdates` unknown and say why here.
public struct UpdateCheck: Codable, Sendable, Hashable {
    public enum Status: String, Codable, Sendable {
        /// The tool answered from lists fresh enough to trust.
        case ok
        /// The tool failed (not registered, offline without a cache, a lock, no privilege).
        case failed
        /// The tool answered, but from package lists older than the limit: what it says is months old.
        case stale
        /// No package manager the scanner knows (apt, dnf, yum, zypper, apk) is installed.
        case noTool = "no_tool"
    }

    /// `apt`, `dnf`, `yum`, `zypper` or `apk`.
    public var tool: String?
    public var status: Status
    /// The tool's exit status.
    public var exitCode: Int?
    /// When the package lists (repository metadata) were last refreshed, by their files' times.
    public var listsUpdated: Date?
    /// Pending security updates; nil when unknown (status not ok, or the tool has no advisory data).
    public var securityCount: Int?

    public init(
        tool: String?, status: Status, exitCode: Int? = nil, listsUpdated: Date? = nil, securityCount: Int? = nil
    ) {
        self.tool = tool
        self.status = status
        self.exitCode = exitCode
        self.listsUpdated = listsUpdated
        self.securityCount = securityCount
    }
}

/// Privileged and weak accounts.
public struct Accounts: Codable, Sendable, Hashable {
    /// Accounts with UID 0 (`/etc/passwd`); root is expected, any other is a finding.
    public var uidZero: [String]
    /// Accounts whose password field is empty; nil when the shadow file could not be read.
    public var emptyPassword: [String]?
    /// Members of the local administrators group (Windows).
    public var administrators: [String]?
    /// Whether the built-in Guest account (Windows, found by its SID ending in -501, whatever it is
    /// renamed to) is enabled; nil when unknown.
    public var guestEnabled: Bool?

    public init(
        uidZero: [String] = [], emptyPassword: [String]? = nil, administrators: [String]? = nil, guestEnabled: Bool? = nil
    ) {
        self.guestEnabled = guestEnabled
        self.uidZero = uidZero
        self.emptyPassword = emptyPassword
        self.administrators = administrators
    }
}

/// Local password rules (login.defs and pam_pwquality on Linux, `net accounts` on Windows).
public struct PasswordPolicy: Codable, Sendable, Hashable {
    public var maxAgeDays: Int?
    public var minAgeDays: Int?
    public var warnAgeDays: Int?
    public var minLength: Int?
    /// The PAM module that checks password quality (`pam_pwquality`, `pam_cracklib`), if any.
    public var qualityModule: String?
    /// Failed logins before lockout (`pam_faillock deny=`, Windows lockout threshold); 0 means never.
    public var lockoutThreshold: Int?
    public var historyLength: Int?

    public init(
        maxAgeDays: Int? = nil, minAgeDays: Int? = nil, warnAgeDays: Int? = nil, minLength: Int? = nil,
        qualityModule: String? = nil, lockoutThreshold: Int? = nil, historyLength: Int? = nil
    ) {
        self.maxAgeDays = maxAgeDays
        self.minAgeDays = minAgeDays
        self.warnAgeDays = warnAgeDays
        self.minLength = minLength
        self.qualityModule = qualityModule
        self.lockoutThreshold = lockoutThreshold
        self.historyLength = historyLength
    }
}

/// The host firewall as its configuration shows it.
public struct Firewall: Codable, Sendable, Hashable {
    /// Whether a firewall is switched on (enabled service or profile); nil when unknown.
    public var enabled: Bool?
    /// What is configured: `ufw`, `firewalld`, `nftables`, `iptables`, `windows`.
    public var backends: [String]
    /// Windows profiles (Domain, Private, Public).
    public var profiles: [FirewallProfile]

    public init(enabled: Bool?, backends: [String] = [], profiles: [FirewallProfile] = []) {
        self.enabled = enabled
        self.backends = backends
        self.profiles = profiles
    }
}

public struct FirewallProfile: Codable, Sendable, Hashable {
    public var name: String
    public var enabled: Bool
    public var defaultInbound: String?

    public init(name: String, enabled: Bool, defaultInbound: String? = nil) {
        self.name = name
        self.enabled = enabled
        self.defaultInbound = defaultInbound
    }
}

/// Clock synchronisation: logs and certificates are only as good as the clock.
public struct TimeSync: Codable, Sendable, Hashable {
    /// `chronyd`, `systemd-timesyncd`, `ntpd`; nil when none is configured.
    public var daemon: String?
    /// Enabled at boot (systemd link) and running now.
    public var enabled: Bool?
    public var running: Bool?
    public var servers: [String]

    public init(daemon: String?, enabled: Bool? = nil, running: Bool? = nil, servers: [String] = []) {
        self.daemon = daemon
        self.enabled = enabled
        self.running = running
        self.servers = servers
    }
}

/// The Linux audit daemon.
public struct AuditDaemon: Codable, Sendable, Hashable {
    public var installed: Bool
    public var enabled: Bool?
    public var running: Bool?
    /// Rules in `/etc/audit/rules.d/*.rules` and `audit.rules`, control lines (`-D`, `-b`) excluded.
    public var ruleCount: Int?

    public init(installed: Bool, enabled: Bool? = nil, running: Bool? = nil, ruleCount: Int? = nil) {
        self.installed = installed
        self.enabled = enabled
        self.running = running
        self.ruleCount = ruleCount
    }
}

/// SELinux and AppArmor.
public struct MandatoryAccessControl: Codable, Sendable, Hashable {
    /// `enforcing`, `permissive` or `disabled`; nil when SELinux is absent.
    public var selinux: String?
    /// Whether the AppArmor module is enabled; nil when unknown.
    public var appArmor: Bool?

    public init(selinux: String? = nil, appArmor: Bool? = nil) {
        self.selinux = selinux
        self.appArmor = appArmor
    }
}

/// Volumes encrypted at rest.
public struct DiskEncryption: Codable, Sendable, Hashable {
    /// `dm-crypt` or `bitlocker`.
    public var method: String
    /// Encrypted volumes (crypttab names, drive letters).
    public var encrypted: [String]
    /// Volumes known not to be encrypted (Windows).
    public var unencrypted: [String]
    /// The volume Windows boots from (`$env:SystemDrive`, e.g. `C:`); nil on Linux or when unknown.
    public var systemVolume: String?

    public init(method: String, encrypted: [String], unencrypted: [String] = [], systemVolume: String? = nil) {
        self.method = method
        self.encrypted = encrypted
        self.unencrypted = unencrypted
        self.systemVolume = systemVolume
    }

    /// Whether the system volume is protected: nil when it is not known which volume that is, or
    /// its state could not be read (a locked volume reports "Unknown").
    public var systemEncrypted: Bool? {
        guard let systemVolume else { return nil }
        if encrypted.contains(systemVolume) { return true }
        if unencrypted.contains(systemVolume) { return false }
        return nil
    }
}

/// Windows Remote Desktop, from the registry (readable by any account, in any display language).
public struct RemoteDesktop: Codable, Sendable, Hashable {
    /// Whether the host accepts Remote Desktop connections (`fDenyTSConnections` is not 1).
    public var enabled: Bool?
    /// Whether a connection must authenticate before a session is made (NLA: `UserAuthentication`
    /// 1, from Group Policy when set there, else from the RDP-Tcp listener).
    public var nlaRequired: Bool?

    public init(enabled: Bool?, nlaRequired: Bool?) {
        self.enabled = enabled
        self.nlaRequired = nlaRequired
    }
}

/// An installed Windows update.
public struct Hotfix: Codable, Sendable, Hashable {
    public var id: String
    public var description: String?
    public var installedOn: Date?

    public init(id: String, description: String? = nil, installedOn: Date? = nil) {
        self.id = id
        self.description = description
        self.installedOn = installedOn
    }
}
