public import Foundation

/// How the scanner proves who it is to a host.
///
/// Only references live here: a key file path, the agent, or the *name* of an environment
/// variable holding a password. Secrets themselves never enter the model, so they can never
/// reach the store or a report.
public enum CredentialReference: Codable, Sendable, Hashable {
    /// A private key file; the passphrase, if any, is read from the named environment variable.
    case keyFile(path: String, passphraseEnvironment: String?)
    /// The running ssh-agent (`SSH_AUTH_SOCK`).
    case agent
    /// A password read from the named environment variable at scan time.
    case passwordEnvironment(String)

    /// A short description that is safe to print.
    public var summary: String {
        switch self {
        case .keyFile(let path, let env):
            env.map { "key \(path) (passphrase from $\($0))" } ?? "key \(path)"
        case .agent: "ssh-agent"
        case .passwordEnvironment(let name): "password from $\(name)"
        }
    }
}

/// One host to scan over SSH.
public struct SSHTarget: Codable, Sendable, Hashable {
    public var address: String
    public var port: Int
    public var user: String
    /// The id of the unit the host belongs to.
    public var unit: String
    /// A name the inventory gives the host; the scanned hostname may differ.
    public var name: String?
    public var credential: CredentialReference
    /// The bastion to reach this host through, with its own login (resolved form of ProxyJump).
    public var jump: JumpHost?
    /// The operating system family the inventory declares, which picks the probe batch (`windows`
    /// gets the PowerShell batch); nil means Linux/Unix.
    public var os: TargetOS?
    /// Whether root-only files may be read through `sudo -n` (never a password prompt); nil is no.
    public var sudo: Bool?
    /// OpenSSH `ProxyJump` value (`[user@]host[:port]`) as given by the inventory or an ssh_config
    /// Host block; used when `jump` is not set, with the target's own user and credential.
    public var proxyJump: String?
    /// What the inventory says the computer is for (`role:`); nil leaves it to the facts
    /// (see ``ComputerRole``).
    public var role: ComputerRole?
    /// When the hardware was bought, as the inventory declares it (`purchased: 2021-03-15`, a UTC
    /// day). The age of the computer is counted from it instead of the BIOS date: for a virtual
    /// machine (whose BIOS date is its hypervisor's firmware), a replaced mainboard, or a host
    /// with no readable DMI. Reports mark such ages declared.
    public var purchased: Date?

    public init(
        address: String, port: Int = 22, user: String, unit: String, name: String? = nil,
        credential: CredentialReference, jump: JumpHost? = nil, os: TargetOS? = nil, sudo: Bool? = nil,
        proxyJump: String? = nil, role: ComputerRole? = nil, purchased: Date? = nil
    ) {
        self.role = role
        self.purchased = purchased
        self.os = os
        self.sudo = sudo
        self.proxyJump = proxyJump
        self.address = address
        self.port = port
        self.user = user
        self.unit = unit
        self.name = name
        self.credential = credential
        self.jump = jump
    }

    /// `address:port`, with IPv6 addresses in brackets: the key that identifies a host in a scan.
    public var endpoint: String { Self.endpoint(address: address, port: port) }

    /// `address:port`, with IPv6 addresses in brackets (a target's and a bastion's alike).
    static func endpoint(address: String, port: Int) -> String {
        // On the UTF-8 bytes: `contains(":")` with a string argument goes through Foundation's
        // locale-aware search, and a report asks for every host's endpoint several times.
        address.utf8.contains(UInt8(ascii: ":")) ? "[\(address)]:\(port)" : "\(address):\(port)"
    }
}

/// A bastion host: the scanner logs in to it and asks it to forward one TCP connection to the
/// target (a `direct-tcpip` channel), as `ssh -J` does. Its host key is verified like any other.
public struct JumpHost: Codable, Sendable, Hashable {
    public var address: String
    public var port: Int
    public var user: String
    public var credential: CredentialReference

    public init(address: String, port: Int = 22, user: String, credential: CredentialReference) {
        self.address = address
        self.port = port
        self.user = user
        self.credential = credential
    }

    /// `address:port`, with IPv6 addresses in brackets.
    public var endpoint: String { SSHTarget.endpoint(address: address, port: port) }
}

/// The operating system family an inventory may declare for a target.
public enum TargetOS: String, Codable, Sendable, Hashable, CaseIterable {
    case linux
    case windows
}
