/// One question asked of a host: a named POSIX-sh snippet whose stdout becomes one `Evidence`.
///
/// Snippets read files first and run tools only as a fallback, and never write: a scan must leave
/// no trace on a ministry server. The batch reaches the host's `/bin/sh` on standard input, never
/// through the login shell, so a snippet may span lines and use any quoting.
public struct ProbeSection: Sendable, Hashable {
    /// The evidence name, e.g. `os-release`; letters, digits, `.`, `_` and `-` only, because it is
    /// written into the output frames.
    public let name: String
    /// The POSIX-sh snippet; its stdout is the evidence, its stderr is discarded.
    public let script: String
    /// What the snippet reads, for a human reading the evidence (`/etc/os-release`).
    public let source: String
    /// Whether the snippet runs in the batch's own shell instead of a capped subshell.
    ///
    /// Every section costs the host processes, and on a fleet scanned from one machine (or a lab
    /// whose hosts share the scanner's cores) those forks and execs, not SSH, set the pace. A plain
    /// section runs in a subshell piped through its own `head -c`, with its exit status carried
    /// back through a spare descriptor: four forks and an exec before the snippet does anything.
    /// An inline section skips all of that, so it must keep the promises the wrapper would
    /// otherwise enforce: file dumps and tool dumps pass through `head -c $ictaudit_cap` (files
    /// read by `head -c` itself, tools piped through it), and anything else it prints is lines it
    /// picks or builds from system files (a `/proc/PID/comm`, a unit name, a `PASS_*` line); its
    /// exit status is what it means to report (built-in ones end in `true`); and it leaves the
    /// shell as it found it apart from its own variables and positional parameters (`set --` is
    /// local to the function): no `exit`, `exec`, `cd`, `trap` or `set` of options. Built-in
    /// sections only; policy probes always run wrapped.
    public let inline: Bool
    /// For a snippet that dumps several files with one `head -v` (one exec where there would be
    /// one per file): which `==> label <==` part becomes which evidence. Each part is kept under
    /// its evidence name with the label as its source, byte for byte; labels not listed, and the
    /// section itself, are dropped. Empty for an ordinary section.
    public let parts: [Part]

    /// One `==> label <==` part of a section and the evidence name it is kept under.
    public struct Part: Sendable, Hashable {
        public let label: String
        public let name: String

        public init(_ label: String, as name: String) {
            self.label = label
            self.name = name
        }
    }

    /// The names of the evidence this section gives: its own, or its parts' in order.
    public var evidenceNames: [String] {
        guard !parts.isEmpty else { return [name] }
        var seen: Set<String> = []
        return parts.map(\.name).filter { seen.insert($0).inserted }
    }

    public init(
        name: String, script: String, source: String, inline: Bool = false, parts: [Part] = []
    ) {
        precondition(
            !name.isEmpty && name.utf8.allSatisfy(ProbeSection.isNameByte),
            "probe section name must match [A-Za-z0-9._-]+: \(name)")
        self.name = name
        self.script = script
        self.source = source
        self.inline = inline
        self.parts = parts
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "-"):
            true
        default: false
        }
    }
}
