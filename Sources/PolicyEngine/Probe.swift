/// Extra evidence a policy needs from a host, gathered in the scan's single round trip.
///
/// The scanner runs the union of every loaded policy's probes (``Probe/union(_:)``) and stores
/// each result as an `Evidence` section named ``evidenceName``; the evaluator reads them back by
/// that name. The naming convention is the contract between the two:
///
/// | probe | evidence section | content | `exitCode` |
/// |---|---|---|---|
/// | file `/etc/login.defs` | `file:/etc/login.defs` | the file's bytes | 0; ``missing``, ``unreadable``, ``notThatKind`` (not a regular file) or ``unreachable`` |
/// | directory `/etc/sudoers.d` | `dir:/etc/sudoers.d` | one entry name per line | 0; ``missing``, ``unreadable``, ``notThatKind`` (not a directory) or ``unreachable`` |
/// | tree `/etc` sending files named `X` | `tree:/etc ~ X` | every entry below it, walked without following links, and the text of the files whose names match the ERE `X` (the format is ``SCATree``'s) | as for a directory |
/// | command `auditd-enabled` | `command:auditd-enabled` | standard output | the command's exit status |
/// | program `stat -Lc "%a" /etc/x` (SCA) | `program:stat -Lc "%a" /etc/x` | standard output and error together; for an account other than root whose program failed, after a line `ictaudit-not-root N` (N its exit status) | the program's exit status; 127 when it cannot be run; ``Status/failedWithoutRoot`` with that line |
/// | registry key `HKLM\…` (Windows) | `registry:HKLM\…` | one `K<TAB>name` line per subkey, then one `V<TAB>name<TAB>data` line per value | 0; 2 when the key is missing; another code (with PowerShell's words) when it cannot be read |
/// | processes | `processes` | one line per process: its name (`/proc/PID/comm`, or the image name on Windows), a tab, its full command line | 0 |
///
/// Older scans stored other non-zero codes for a missing file or directory; they read as missing.
/// A section that is absent means the probe was not run (an older scan, another policy set): rules
/// that need it give `error` or not applicable, never `fail`.
public struct Probe: Sendable, Hashable, Codable, Comparable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, Codable, CaseIterable {
        case file
        case directory = "dir"
        case command
        /// A program run as Wazuh's SCA runs a `c:` rule: the text split into words (double
        /// quotes group, a backslash escapes), no shell, stdout and stderr together.
        case program
        /// A directory walked recursively for a `d:` rule with a name test.
        case tree
        case registry
        case processes
    }

    /// The exit codes a file, directory or tree probe reports besides 0.
    public enum Status {
        /// Nothing exists at the path (a broken link counts as nothing, as `stat` follows it).
        public static let missing = 2
        /// The path exists but cannot be read or listed by the scan's account.
        public static let unreadable = 3
        /// A file probe found no regular file there, a directory probe no directory.
        public static let notThatKind = 4
        /// Whether anything is there cannot be seen: a directory on the way cannot be searched
        /// by the scan's account (root would see it).
        public static let unreachable = 5
        /// A Windows command (PowerShell) raised an error instead of finishing: its output is
        /// PowerShell's reason, not an answer (a Linux command's non-zero status may be one). Past
        /// 255, so no POSIX exit status can mean it.
        public static let raised = 1000
        /// An SCA program run by an account other than root (and not allowed through `sudo -n`)
        /// exited non-zero; its output follows a line ``notRootMarker`` and its status. What a
        /// failing program prints without root may be a refusal root would not get (`sshd -T`:
        /// "no hostkeys available -- exiting."), which Wazuh would read as the answer: the
        /// evaluator does not.
        public static let failedWithoutRoot = 6
        /// The first word of such a program's output.
        public static let notRootMarker = "ictaudit-not-root"
    }

    public var kind: Kind
    /// The path, the command's name, the program's text, or the registry key; empty for
    /// `processes`.
    public var name: String
    /// For commands: the shell command line to run (POSIX sh on Linux, PowerShell on Windows).
    /// For trees: the ERE that names the files whose text the walk sends; `nil` for none.
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
    public static func program(_ text: String) -> Probe { Probe(kind: .program, name: text) }
    /// A walk of `path`, sending the text of the files whose names match the ERE `contents`.
    public static func tree(_ path: String, contents: String?) -> Probe {
        Probe(kind: .tree, name: path, run: contents)
    }
    public static func registry(_ key: String) -> Probe { Probe(kind: .registry, name: key) }
    public static let processes = Probe(kind: .processes, name: "")

    /// The `Evidence.name` the scanner stores this probe's output under.
    public var evidenceName: String {
        switch kind {
        case .processes: "processes"
        case .tree: "tree:\(name)" + (run.map { " ~ \($0)" } ?? "")
        default: "\(kind.rawValue):\(name)"
        }
    }

    public var description: String {
        kind == .tree ? evidenceName : run.map { "\(evidenceName) (\($0))" } ?? evidenceName
    }

    public static func < (lhs: Probe, rhs: Probe) -> Bool {
        (lhs.evidenceName, lhs.run ?? "") < (rhs.evidenceName, rhs.run ?? "")
    }

    /// Every probe of several policies, each once, in a stable order: what one scan must gather.
    public static func union(_ lists: [[Probe]]) -> [Probe] {
        Array(Set(lists.joined())).sorted()
    }
}
