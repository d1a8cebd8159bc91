/// Extra evidence a policy needs from a host, gathered in the scan's single round trip.
///
/// The scanner runs the union of every loaded policy's probes (``Probe/union(_:)``) and stores
/// each result as an `Evidence` section named ``evidenceName``; the evaluator reads them back by
/// that name. The naming convention is the contract between the two:
///
/// | probe | evidence section | content | `exitCode` |
/// |---|---|---|---|
/// | file `/etc/login.defs` | `file:/etc/login.defs` | the file's bytes | 0, or non-zero when missing or unreadable |
/// | directory `/etc/sudoers.d` | `dir:/etc/sudoers.d` | one entry name per line; each regular file also as its own `file:` section | 0, or non-zero when missing |
/// | command `auditd-enabled` | `command:auditd-enabled` | standard output | the command's exit status |
/// | registry key `HKLM\…` (Windows) | `registry:HKLM\…` | one `name<TAB>data` line per value | 0, or non-zero when the key is missing |
/// | processes | `processes` | one full command line per process | 0 |
///
/// A section that is absent means the probe was not run (an older scan, another policy set): rules
/// that need it give `error`, never `fail`.
public struct Probe: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case file
        case directory = "dir"
        case command
        case registry
        case processes
    }

    public var kind: Kind
    /// The path, the command's name, or the registry key; empty for `processes`.
    public var name: String
    /// For commands: the shell command line to run (POSIX sh on Linux, PowerShell on Windows).
    public var run: String?

    public init(kind: Kind, name: String, run: String? = nil) {
        self.kind = kind
        self.name = name
        self.run = run
    }

    public static func file(_ path: String) -> Probe { Probe(kind: .file, name: path) }
    public static func directory(_ path: String) -> Probe { Probe(kind: .directory, name: path) }
    public static func command(_ name: String, run: String) -> Probe {
        Probe(kind: .command, name: name, run: run)
    }
    public static func registry(_ key: String) -> Probe { Probe(kind: .registry, name: key) }
    public static let processes = Probe(kind: .processes, name: "")

    /// The `Evidence.name` the scanner stores this probe's output under.
    public var evidenceName: String {
        kind == .processes ? "processes" : "\(kind.rawValue):\(name)"
    }

    public var description: String { run.map { "\(evidenceName) (\($0))" } ?? evidenceName }

    public static func < (lhs: Probe, rhs: Probe) -> Bool {
        (lhs.evidenceName, lhs.run ?? "") < (rhs.evidenceName, rhs.run ?? "")
    }

    /// Every probe of several policies, each once, in a stable order: what one scan must gather.
    public static func union(_ lists: [[Probe]]) -> [Probe] {
        Array(Set(lists.joined())).sorted()
    }
}
