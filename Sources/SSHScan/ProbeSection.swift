/// One question asked of a host: a named POSIX-sh snippet whose stdout becomes one `Evidence`.
///
/// Snippets read files first and run tools only as a fallback, and never write: a scan must leave
/// no trace on a ministry server. Keep a snippet on one line where possible, so the batch also
/// passes through login shells that reject newlines inside quotes (csh, tcsh).
public struct ProbeSection: Sendable, Hashable {
    /// The evidence name, e.g. `os-release`; letters, digits, `.`, `_` and `-` only, because it is
    /// written into the output frames.
    public let name: String
    /// The POSIX-sh snippet; its stdout is the evidence, its stderr is discarded.
    public let script: String
    /// What the snippet reads, for a human reading the evidence (`/etc/os-release`).
    public let source: String

    public init(name: String, script: String, source: String) {
        precondition(
            !name.isEmpty && name.utf8.allSatisfy(ProbeSection.isNameByte),
            "probe section name must match [A-Za-z0-9._-]+: \(name)")
        self.name = name
        self.script = script
        self.source = source
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
