extension ProbeBatch {
    /// The Linux facts every scan gathers, without `sudo`; policies add their own sections to these.
    ///
    /// Each section reads kernel and configuration files first and falls back to a tool only when
    /// the file is missing, because files read the same on every distribution and busybox box,
    /// while tools differ in output and may be absent. Multi-file sections label each file with a
    /// `==> name <==` line (as `head` does), so a missing file is visibly missing, not empty.
    ///
    /// Most sections run inline (see `ProbeSection.inline`) and read files with `head -c`, which
    /// caps, copies bytes exactly (NULs included) and, given several files, labels them itself with
    /// the same `==> name <==` lines (`-v`: even when only one exists; GNU and busybox alike). A
    /// file that cannot be read gets no label instead of an empty one, which the parsers read the
    /// same way. Nothing here changes the host: package lists are never refreshed.
    public static var linuxProbes: [ProbeSection] { linuxProbes(sudo: false) }

    /// A batch of the Linux facts with a fresh nonce; take one per scan.
    public static var linux: ProbeBatch { linux() }

    /// The Linux batch for one target: `sudo` lets root-only files be read through `sudo -n`, and
    /// `extra` (policy probes) runs in the same round trip after the built-in sections.
    /// Without `pendingUpdates`, the costly `updates` section is left out.
    public static func linux(sudo: Bool = false, extra: [ProbeSection] = [], pendingUpdates: Bool = true) -> ProbeBatch {
        ProbeBatch(
            probes: linuxProbes(sudo: sudo).filter { pendingUpdates || $0.name != PendingUpdates.section.name } + extra)
    }

    /// Every built-in Linux section, the collectors' sections in their order.
    public static func linuxProbes(sudo: Bool) -> [ProbeSection] {
        LinuxFactsParser.collectors.flatMap { $0.sections(sudo: sudo) }
    }
}
