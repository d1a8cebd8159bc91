import Foundation

/// How one host's facts changed between two scans in which it answered.
///
/// Only the facts an auditor acts on are compared: packages, listening ports, antivirus, sshd
/// settings and the system's identity (hostname, operating system, kernel). Uptime and free memory
/// change on every scan and would bury the rest.
public struct HostFactChanges: Codable, Sendable, Hashable {
    public var host: HostIdentity
    /// Installed, removed or moved to another version; by package name.
    public var packages: [PackageChange]
    public var portsOpened: [ListeningSocket]
    public var portsClosed: [ListeningSocket]
    /// `antivirus[ClamAV].version` and the like; a product installed or removed has a `nil` side.
    public var antivirus: [FactChange]
    /// `sshd.permitrootlogin` and the like, values joined by commas.
    public var sshd: [FactChange]
    /// `hostname`, `os`, `kernel`.
    public var system: [FactChange]

    public var isEmpty: Bool {
        packages.isEmpty && portsOpened.isEmpty && portsClosed.isEmpty && antivirus.isEmpty && sshd.isEmpty
            && system.isEmpty
    }

    public init(host: HostIdentity, before: HostFacts, after: HostFacts) {
        self.host = host
        packages = PackageChange.changes(before.packages ?? [], after.packages ?? [])
        let oldPorts = Set(before.listening)
        let newPorts = Set(after.listening)
        portsOpened = after.listening.filter { !oldPorts.contains($0) }.sorted(by: Self.portOrder)
        portsClosed = before.listening.filter { !newPorts.contains($0) }.sorted(by: Self.portOrder)
        antivirus = Self.antivirusChanges(before.antivirus, after.antivirus)
        sshd = Self.sshdChanges(before.sshd, after.sshd)
        system = [
            FactChange("hostname", before.hostname, after.hostname),
            FactChange("os", before.os.map(Self.describe), after.os.map(Self.describe)),
            FactChange("kernel", before.kernel, after.kernel),
        ].compactMap { $0 }
    }

    private static func describe(_ os: OperatingSystem) -> String {
        os.prettyName ?? ([os.name ?? os.id] + (os.versionID.map { [$0] } ?? [])).joined(separator: " ")
    }

    private static func portOrder(_ a: ListeningSocket, _ b: ListeningSocket) -> Bool {
        (a.port, a.proto.rawValue, a.address) < (b.port, b.proto.rawValue, b.address)
    }

    private static func antivirusChanges(_ old: [Antivirus], _ new: [Antivirus]) -> [FactChange] {
        let oldByProduct = Dictionary(old.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        let newByProduct = Dictionary(new.map { ($0.product, $0) }, uniquingKeysWith: { a, _ in a })
        var changes: [FactChange] = []
        for product in Set(oldByProduct.keys).union(newByProduct.keys).sorted() {
            let was = oldByProduct[product]
            let now = newByProduct[product]
            let prefix = "antivirus[\(product)]"
            guard let was, let now else {
                changes += [FactChange(prefix, was.map { _ in "installed" }, now.map { _ in "installed" })].compactMap { $0 }
                continue
            }
            func flag(_ value: Bool?) -> String? { value.map { $0 ? "yes" : "no" } }
            func day(_ value: Date?) -> String? { value.map { ISO8601DateFormatter.string(from: $0, timeZone: .gmt, formatOptions: .withFullDate) } }
            changes += [
                FactChange(prefix + ".installed", flag(was.installed), flag(now.installed)),
                FactChange(prefix + ".version", was.version, now.version),
                FactChange(prefix + ".running", flag(was.running), flag(now.running)),
                FactChange(prefix + ".real_time_protection", flag(was.realTimeProtection), flag(now.realTimeProtection)),
                FactChange(prefix + ".signature_date", day(was.signatureDate), day(now.signatureDate)),
                FactChange(prefix + ".signatures_up_to_date", flag(was.signaturesUpToDate), flag(now.signaturesUpToDate)),
                FactChange(prefix + ".license_expiry", day(was.licenseExpiry), day(now.licenseExpiry)),
            ].compactMap { $0 }
        }
        return changes
    }

    private static func sshdChanges(_ old: SSHDSettings?, _ new: SSHDSettings?) -> [FactChange] {
        let was = old?.settings ?? [:]
        let now = new?.settings ?? [:]
        return Set(was.keys).union(now.keys).sorted().compactMap { keyword in
            FactChange(
                "sshd.\(keyword)", was[keyword].map { $0.joined(separator: ",") },
                now[keyword].map { $0.joined(separator: ",") })
        }
    }
}

/// A package installed, removed or moved to another version.
public struct PackageChange: Codable, Sendable, Hashable {
    public var name: String
    public var architecture: String?
    /// `nil` when newly installed.
    public var before: String?
    /// `nil` when removed.
    public var after: String?

    public init(name: String, architecture: String? = nil, before: String?, after: String?) {
        self.name = name
        self.architecture = architecture
        self.before = before
        self.after = after
    }

    private struct Key: Hashable, Comparable {
        var name: String
        var architecture: String
        static func < (a: Key, b: Key) -> Bool { (a.name, a.architecture) < (b.name, b.architecture) }
    }

    /// Packages are told apart by name and architecture (`libc6:amd64` and `libc6:i386` are two).
    static func changes(_ old: [InstalledPackage], _ new: [InstalledPackage]) -> [PackageChange] {
        func key(_ package: InstalledPackage) -> Key { Key(name: package.name, architecture: package.architecture ?? "") }
        let was = Dictionary(old.map { (key($0), $0.version) }, uniquingKeysWith: { a, _ in a })
        let now = Dictionary(new.map { (key($0), $0.version) }, uniquingKeysWith: { a, _ in a })
        return Set(was.keys).union(now.keys).sorted().compactMap { key in
            let before = was[key]
            let after = now[key]
            guard before != after else { return nil }
            return PackageChange(
                name: key.name, architecture: key.architecture.isEmpty ? nil : key.architecture, before: before,
                after: after)
        }
    }
}

/// One fact's value before and after; `nil` on a side where the host did not report it.
public struct FactChange: Codable, Sendable, Hashable {
    /// Where the fact lives, in the fact schema's spelling where there is one (`sshd.permitrootlogin`).
    public var fact: String
    public var before: String?
    public var after: String?

    /// `nil` when nothing changed, so a list of candidates compacts to the changes.
    public init?(_ fact: String, _ before: String?, _ after: String?) {
        guard before != after else { return nil }
        self.fact = fact
        self.before = before
        self.after = after
    }
}
