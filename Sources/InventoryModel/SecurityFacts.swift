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

/// The host firewall: what its configuration shows, and on Linux what the kernel actually
/// filters (the loaded netfilter rules), which is what a rule should judge.
public struct Firewall: Codable, Sendable, Hashable {
    /// How the loaded rules were read (Linux).
    public enum Status: String, Codable, Sendable {
        /// Every netfilter tool on the host listed its rules.
        case ok
        /// A tool is installed but refused to list the rules (they need CAP_NET_ADMIN: root, or
        /// `sudo -n` where the inventory allows it); what was read may still show a drop.
        case denied
        /// Neither nft nor iptables is installed: nothing loads rules, so input is accepted.
        case noTool = "no_tool"
    }

    /// Whether a firewall is switched on (enabled service or profile); nil when unknown.
    public var enabled: Bool?
    /// What is configured: `ufw`, `firewalld`, `nftables`, `iptables`, `windows`.
    public var backends: [String]
    /// Windows profiles (Domain, Private, Public).
    public var profiles: [FirewallProfile]
    /// What wrote the loaded rules: `firewalld`, `ufw`, `nftables`, `iptables`; nil when no rule
    /// is loaded or they could not be read.
    public var backend: String?
    /// What an incoming IPv4 packet that no rule allows meets: `drop` (dropped or rejected by a
    /// chain's policy or its final rule, firewalld's closing reject included) or `accept`; nil
    /// when the rules could not be read.
    public var inputPolicyV4: String?
    /// The same for IPv6 (ip6tables, nft `ip6` and `inet` tables): an open IPv6 input while IPv4
    /// drops is a way in.
    public var inputPolicyV6: String?
    /// Whether the host has IPv6 on an interface other than loopback; nil when unknown.
    public var ipv6Active: Bool?
    public var status: Status?

    public init(
        enabled: Bool?, backends: [String] = [], profiles: [FirewallProfile] = [], backend: String? = nil,
        inputPolicyV4: String? = nil, inputPolicyV6: String? = nil, ipv6Active: Bool? = nil, status: Status? = nil
    ) {
        self.enabled = enabled
        self.backends = backends
        self.profiles = profiles
        self.backend = backend
        self.inputPolicyV4 = inputPolicyV4
        self.inputPolicyV6 = inputPolicyV6
        self.ipv6Active = ipv6Active
        self.status = status
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
    /// Whether the clock is synchronised now: false when no daemon is configured or the one
    /// configured is not running (known answers), else what the daemon says; nil when a running
    /// daemon's state could not be read.
    public var synchronized: Bool?
    /// Where `synchronized` came from: `chronyc tracking`, `ntpq -pn`,
    /// `/run/systemd/timesync/synchronized`, `timedatectl`, `no daemon`, `not running`.
    public var syncSource: String?

    public init(
        daemon: String?, enabled: Bool? = nil, running: Bool? = nil, servers: [String] = [], synchronized: Bool? = nil,
        syncSource: String? = nil
    ) {
        self.daemon = daemon
        self.enabled = enabled
        self.running = running
        self.servers = servers
        self.synchronized = synchronized
        self.syncSource = syncSource
    }
}

/// The Linux audit daemon.
public struct AuditDaemon: Codable, Sendable, Hashable {
    public var installed: Bool
    public var enabled: Bool?
    public var running: Bool?
    /// Rules in `/etc/audit/rules.d/*.rules` and `audit.rules`, control lines (`-D`, `-b`) excluded.
    public var ruleCount: Int?
    /// Rules the kernel has loaded (`auditctl -l`, which needs root: read through `sudo -n` where
    /// the inventory allows it); nil when it could not be asked. auditd runs happily with none.
    public var loadedRuleCount: Int?
    /// Whether the kernel's audit is on (`auditctl -s`: `enabled 1`, or 2 when locked).
    public var kernelEnabled: Bool?
    /// `loaded` (auditctl answered), `configured` (only the rules files could be read), `error`
    /// (neither); nil when auditd is not installed.
    public var rulesStatus: String?

    public init(
        installed: Bool, enabled: Bool? = nil, running: Bool? = nil, ruleCount: Int? = nil, loadedRuleCount: Int? = nil,
        kernelEnabled: Bool? = nil, rulesStatus: String? = nil
    ) {
        self.installed = installed
        self.enabled = enabled
        self.running = running
        self.ruleCount = ruleCount
        self.loadedRuleCount = loadedRuleCount
        self.kernelEnabled = kernelEnabled
        self.rulesStatus = rulesStatus
    }
}

/// Whether the host keeps its logs past a reboot: systemd-journald's `Storage=` (persistent, or
/// `auto` with `/var/log/journal` present) while it runs, or a running syslog daemon writing to
/// files or another host. `systemctl is-active systemd-journald` is always true and says nothing
/// about this: a volatile journal is lost at every restart.
public struct SystemLogging: Codable, Sendable, Hashable {
    /// journald's effective `Storage=` (`persistent`, `volatile`, `auto`, `none`), its default
    /// `auto` when no file sets it; nil when the host has no journald.
    public var journaldStorage: String?
    /// Whether `/var/log/journal` exists (what `auto` stores to).
    public var journalDirectory: Bool?
    public var journaldRunning: Bool?
    /// The syslog daemon running: `rsyslogd`, `syslog-ng`, `syslogd` (busybox, sysklogd); nil when none.
    public var syslogDaemon: String?
    /// Where the running syslog daemon sends messages: file paths and remote hosts (`@host`).
    public var syslogTargets: [String]
    /// Logs survive a reboot: journald persistent and running, or a running syslog daemon with a
    /// file or remote target; nil when the running programs could not be read.
    public var persistent: Bool?

    public init(
        journaldStorage: String? = nil, journalDirectory: Bool? = nil, journaldRunning: Bool? = nil,
        syslogDaemon: String? = nil, syslogTargets: [String] = [], persistent: Bool? = nil
    ) {
        self.journaldStorage = journaldStorage
        self.journalDirectory = journalDirectory
        self.journaldRunning = journaldRunning
        self.syslogDaemon = syslogDaemon
        self.syslogTargets = syslogTargets
        self.persistent = persistent
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
