public import Foundation

/// What a scan learnt about one host: typed facts, in the spirit of osquery's tables.
///
/// Every field is optional or a list because a host may refuse to tell; a missing fact is
/// "unknown", never a default that a rule could mistake for a real value.
public struct HostFacts: Codable, Sendable, Hashable {
    public var hostname: String?
    public var os: OperatingSystem?
    public var kernel: String?
    public var uptimeSeconds: Double?
    public var cpu: CPU?
    public var memory: Memory?
    public var interfaces: [NetworkInterface]
    public var defaultRoute: Route?
    public var hardware: Hardware?
    public var listening: [ListeningSocket]
    public var sshd: SSHDSettings?
    public var antivirus: [Antivirus]
    // Security posture. Optional, so scans stored before these facts existed still decode, and so
    // "not gathered" (nil) stays distinct from "gathered, none" (empty).
    /// Installed packages (dpkg status, rpm), removed-but-configured ones left out.
    public var packages: [InstalledPackage]?
    /// Updates the host already knows about, read without refreshing its package lists.
    public var pendingUpdates: [PackageUpdate]?
    /// How the pending-updates question was answered (tool, status, age of the package lists).
    public var updateCheck: UpdateCheck?
    /// True when every source of antivirus facts failed (Windows: Security Center, Defender and the
    /// service list), so an empty `antivirus` means "unknown", not "none".
    public var antivirusUnknown: Bool?
    /// Windows advanced audit policy by subcategory (read by GUID, so any display language):
    /// `logon`, `account_lockout`, `user_account_management`, `audit_policy_change`, each
    /// `success_and_failure`, `success`, `failure` or `none`.
    public var auditPolicy: [String: String]?
    /// Whether the Windows SMB client still speaks SMBv1 (the mrxsmb10 driver is not disabled).
    public var smb1ClientEnabled: Bool?
    /// What the live SSH daemon offers in its key-exchange init (not what its files say).
    public var sshOffer: SSHAlgorithms?
    /// Windows Remote Desktop: whether it accepts connections and whether it requires Network
    /// Level Authentication (Group Policy over the local setting).
    public var remoteDesktop: RemoteDesktop?
    /// The PowerShell language mode the Windows probe ran in (`FullLanguage`,
    /// `ConstrainedLanguage`): in Constrained Language Mode the sections that need .NET fail, each
    /// with its reason, and their facts stay unknown.
    public var powerShellLanguageMode: String?
    /// Why a fact is unknown, where its source said so: fact path (`accounts.administrators`,
    /// `disk_encryption`) → the failed source and its words (a PowerShell section's error), so a
    /// rule that cannot judge says why. Nil when every source answered.
    public var unknownReasons: [String: String]?
    public var accounts: Accounts?
    public var passwordPolicy: PasswordPolicy?
    public var firewall: Firewall?
    public var timeSync: TimeSync?
    public var auditd: AuditDaemon?
    /// Whether logs are kept past a reboot (journald storage, syslog targets).
    public var logging: SystemLogging?
    public var mandatoryAccessControl: MandatoryAccessControl?
    public var diskEncryption: DiskEncryption?
    public var lastBoot: Date?
    /// When packages or hotfixes were last installed.
    public var lastUpdate: Date?
    /// Windows hotfixes (`Get-HotFix`).
    public var hotfixes: [Hotfix]?
    /// Whether the Windows SMB server accepts SMBv1.
    public var smb1Enabled: Bool?

    public init(
        hostname: String? = nil, os: OperatingSystem? = nil, kernel: String? = nil, uptimeSeconds: Double? = nil,
        cpu: CPU? = nil, memory: Memory? = nil, interfaces: [NetworkInterface] = [], defaultRoute: Route? = nil,
        hardware: Hardware? = nil, listening: [ListeningSocket] = [], sshd: SSHDSettings? = nil,
        antivirus: [Antivirus] = [], packages: [InstalledPackage]? = nil, pendingUpdates: [PackageUpdate]? = nil,
        accounts: Accounts? = nil, passwordPolicy: PasswordPolicy? = nil, firewall: Firewall? = nil,
        timeSync: TimeSync? = nil, auditd: AuditDaemon? = nil, mandatoryAccessControl: MandatoryAccessControl? = nil,
        diskEncryption: DiskEncryption? = nil, lastBoot: Date? = nil, lastUpdate: Date? = nil,
        hotfixes: [Hotfix]? = nil, smb1Enabled: Bool? = nil, updateCheck: UpdateCheck? = nil,
        antivirusUnknown: Bool? = nil, auditPolicy: [String: String]? = nil, smb1ClientEnabled: Bool? = nil,
        sshOffer: SSHAlgorithms? = nil, remoteDesktop: RemoteDesktop? = nil, powerShellLanguageMode: String? = nil,
        logging: SystemLogging? = nil, unknownReasons: [String: String]? = nil
    ) {
        self.logging = logging
        self.unknownReasons = unknownReasons
        self.sshOffer = sshOffer
        self.remoteDesktop = remoteDesktop
        self.powerShellLanguageMode = powerShellLanguageMode
        self.antivirusUnknown = antivirusUnknown
        self.auditPolicy = auditPolicy
        self.smb1ClientEnabled = smb1ClientEnabled
        self.updateCheck = updateCheck
        self.packages = packages
        self.pendingUpdates = pendingUpdates
        self.accounts = accounts
        self.passwordPolicy = passwordPolicy
        self.firewall = firewall
        self.timeSync = timeSync
        self.auditd = auditd
        self.mandatoryAccessControl = mandatoryAccessControl
        self.diskEncryption = diskEncryption
        self.lastBoot = lastBoot
        self.lastUpdate = lastUpdate
        self.hotfixes = hotfixes
        self.smb1Enabled = smb1Enabled
        self.hostname = hostname
        self.os = os
        self.kernel = kernel
        self.uptimeSeconds = uptimeSeconds
        self.cpu = cpu
        self.memory = memory
        self.interfaces = interfaces
        self.defaultRoute = defaultRoute
        self.hardware = hardware
        self.listening = listening
        self.sshd = sshd
        self.antivirus = antivirus
    }
}

/// The operating system as `/etc/os-release` names it.
public struct OperatingSystem: Codable, Sendable, Hashable {
    /// `ID`, e.g. `debian`, `rhel`, `ubuntu`.
    public var id: String
    /// `ID_LIKE`, e.g. `["rhel", "fedora"]`.
    public var idLike: [String]
    public var name: String?
    public var prettyName: String?
    /// `VERSION_ID`, e.g. `12` or `9.3`.
    public var versionID: String?
    /// `workstation`, `server` or `domain_controller` where the OS says (Windows ProductType).
    public var role: String?

    public init(
        id: String, idLike: [String] = [], name: String? = nil, prettyName: String? = nil, versionID: String? = nil,
        role: String? = nil
    ) {
        self.role = role
        self.id = id
        self.idLike = idLike
        self.name = name
        self.prettyName = prettyName
        self.versionID = versionID
    }

    /// The family a collector or a rule cares about: `debian`, `rhel`, `suse`, `windows` or `other`.
    public var family: String {
        let ids = [id] + idLike
        if ids.contains(where: { ["debian", "ubuntu"].contains($0) }) { return "debian" }
        if ids.contains(where: { ["rhel", "centos", "fedora", "rocky", "almalinux"].contains($0) }) { return "rhel" }
        if ids.contains(where: { $0.hasPrefix("suse") || $0.hasPrefix("opensuse") || $0 == "sles" }) { return "suse" }
        if ids.contains("windows") { return "windows" }
        return "other"
    }
}

public struct CPU: Codable, Sendable, Hashable {
    public var model: String?
    public var logicalCores: Int

    public init(model: String?, logicalCores: Int) {
        self.model = model
        self.logicalCores = logicalCores
    }
}

public struct Memory: Codable, Sendable, Hashable {
    public var totalBytes: Int64
    public var availableBytes: Int64?

    public init(totalBytes: Int64, availableBytes: Int64?) {
        self.totalBytes = totalBytes
        self.availableBytes = availableBytes
    }
}

public struct NetworkInterface: Codable, Sendable, Hashable {
    public var name: String
    public var mac: String?
    /// Addresses in CIDR notation, IPv4 and IPv6.
    public var addresses: [String]

    public init(name: String, mac: String?, addresses: [String]) {
        self.name = name
        self.mac = mac
        self.addresses = addresses
    }
}

public struct Route: Codable, Sendable, Hashable {
    public var gateway: String
    public var interface: String

    public init(gateway: String, interface: String) {
        self.gateway = gateway
        self.interface = interface
    }
}

/// Firmware and model facts; the BIOS date is the best passive proxy for a computer's age.
public struct Hardware: Codable, Sendable, Hashable {
    /// The DMI BIOS release date.
    public var biosDate: Date?
    public var biosVendor: String?
    public var systemVendor: String?
    public var productName: String?
    /// The hypervisor a virtual machine runs on (`kvm`, `vmware`, `hyper-v`, …), from its DMI names
    /// or the CPU's hypervisor flag; nil on physical hardware. A virtual machine's BIOS date is its
    /// hypervisor's firmware (SeaBIOS says 04/01/2014 on every KVM guest), not the machine's age.
    public var hypervisor: String?

    public init(
        biosDate: Date?, biosVendor: String? = nil, systemVendor: String? = nil, productName: String? = nil,
        hypervisor: String? = nil
    ) {
        self.hypervisor = hypervisor
        self.biosDate = biosDate
        self.biosVendor = biosVendor
        self.systemVendor = systemVendor
        self.productName = productName
    }
}

/// A socket that accepts connections (TCP) or datagrams (UDP) from the network.
public struct ListeningSocket: Codable, Sendable, Hashable {
    public enum TransportProtocol: String, Codable, Sendable { case tcp, udp }
    public var proto: TransportProtocol
    public var address: String
    public var port: Int

    public init(proto: TransportProtocol, address: String, port: Int) {
        self.proto = proto
        self.address = address
        self.port = port
    }
}

/// The SSH server's effective settings, keyed by lower-case keyword as `sshd -T` prints them.
public struct SSHDSettings: Codable, Sendable, Hashable {
    /// Where the values came from: `sshd -T` (effective) or `sshd_config` (parsed, defaults filled in).
    public var source: String
    /// Keyword → values; list-valued keywords (ciphers, macs, kexalgorithms) hold one value per entry.
    public var settings: [String: [String]]

    /// The daemon's OpenSSH version ("7.4p1"), from its package or banner: the compiled-in defaults
    /// that fill unset keywords depend on it. Nil when neither said.
    public var version: String?
    /// The `Match` blocks of the configuration, in file order; nil when a file that may hold some
    /// could not be read. A block that re-allows root or password login for some connections is
    /// invisible in the global settings, so rules read these too.
    public var matchBlocks: [SSHDMatchBlock]?
    /// Why some settings are unknown (an unreadable `sshd_config`, an Include'd file or directory
    /// the account cannot read, a crypto policy whose opt-out cannot be read): the keywords it may
    /// decide are left out of `settings` rather than given values the host may not use.
    public var unknownReason: String?

    public init(
        source: String, settings: [String: [String]], version: String? = nil, matchBlocks: [SSHDMatchBlock]? = nil,
        unknownReason: String? = nil
    ) {
        self.source = source
        self.settings = settings
        self.version = version
        self.matchBlocks = matchBlocks
        self.unknownReason = unknownReason
    }

    /// The first value of a keyword, looked up in lower case.
    public func value(_ keyword: String) -> String? { entries(keyword)?.first }
    /// All values of a keyword.
    public func values(_ keyword: String) -> [String] { entries(keyword) ?? [] }

    /// Keywords are nearly always asked for in lower case already (the fact tree asks for a dozen
    /// on every host it judges); only a miss pays for lower-casing.
    private func entries(_ keyword: String) -> [String]? {
        if let found = settings[keyword] { return found }
        let lower = keyword.lowercased()
        return lower == keyword ? nil : settings[lower]
    }
}

/// One `Match` block of `sshd_config`: its criteria and the keywords it sets for the connections
/// it matches.
public struct SSHDMatchBlock: Codable, Sendable, Hashable {
    /// The criteria as written after `Match` ("User root Address 10.0.0.0/8").
    public var criteria: String
    /// Whether a login as root can match it: false only when a `User` list excludes root, or an
    /// `Invalid-User` criterion (root is a valid user); groups and addresses may always match.
    public var mayApplyToRoot: Bool
    /// Keyword → values set inside the block (lower case, as `sshd -T` prints them).
    public var settings: [String: [String]]

    public init(criteria: String, mayApplyToRoot: Bool, settings: [String: [String]]) {
        self.criteria = criteria
        self.mayApplyToRoot = mayApplyToRoot
        self.settings = settings
    }
}

/// The algorithm lists an SSH server offers in its key-exchange init.
public struct SSHAlgorithms: Codable, Sendable, Hashable {
    public var kexAlgorithms: [String]
    public var hostKeyAlgorithms: [String]
    public var ciphers: [String]
    public var macs: [String]

    public init(kexAlgorithms: [String], hostKeyAlgorithms: [String], ciphers: [String], macs: [String]) {
        self.kexAlgorithms = kexAlgorithms
        self.hostKeyAlgorithms = hostKeyAlgorithms
        self.ciphers = ciphers
        self.macs = macs
    }
}

/// An antivirus product found on a host.
public struct Antivirus: Codable, Sendable, Hashable {
    /// Catalogue name, e.g. `ClamAV`, `Microsoft Defender`.
    public var product: String
    public var version: String?
    public var installed: Bool
    /// Whether its scanning service (daemon) is running; `nil` when it cannot be told.
    public var running: Bool?
    /// Whether real-time (on-access) protection is on; `nil` when it cannot be told.
    public var realTimeProtection: Bool?
    /// When its signatures were built.
    public var signatureDate: Date?
    public var licenseExpiry: Date?
    /// What the product itself reports about its signatures (Windows Security Center); nil when it
    /// does not say. Rules should prefer `signatureDate` when both are known.
    public var signaturesUpToDate: Bool?

    public init(
        product: String, version: String? = nil, installed: Bool, running: Bool? = nil,
        realTimeProtection: Bool? = nil, signatureDate: Date? = nil, licenseExpiry: Date? = nil,
        signaturesUpToDate: Bool? = nil
    ) {
        self.signaturesUpToDate = signaturesUpToDate
        self.product = product
        self.version = version
        self.installed = installed
        self.running = running
        self.realTimeProtection = realTimeProtection
        self.signatureDate = signatureDate
        self.licenseExpiry = licenseExpiry
    }
}
