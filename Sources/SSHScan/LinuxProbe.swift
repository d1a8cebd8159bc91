extension ProbeBatch {
    /// The Linux facts every scan gathers; policies add their own sections to these.
    ///
    /// Each section reads kernel and configuration files first and falls back to a tool only when
    /// the file is missing, because files read the same on every distribution and busybox box,
    /// while tools differ in output and may be absent. Multi-file sections label each file with a
    /// `==> name <==` line (as `head` does), so a missing file is visibly missing, not empty.
    ///
    /// The sections run inline (see `ProbeSection.inline`) and read files with `head -c`, which
    /// caps, copies bytes exactly (NULs included) and, given several files, labels them itself with
    /// the same `==> name <==` lines (`-v`: even when only one exists; GNU and busybox alike). One
    /// `head` per section replaces the `cat` per file and the subshell, pipe and `head` each
    /// section used to cost; a file that cannot be read gets no label instead of an empty one,
    /// which the parsers read the same way.
    public static let linuxProbes: [ProbeSection] = [
        // The one-file facts in one `head -v` (one exec, not seven), split back into one evidence
        // per file by `ProbeSection.parts`. `uname` answers only when its /proc file is missing.
        ProbeSection(
            name: "system",
            script:
                "o=/etc/os-release; [ -r $o ] || o=/usr/lib/os-release; printf '\\n'; "
                + "head -v -c $ictaudit_cap /proc/sys/kernel/hostname $o /proc/sys/kernel/osrelease /proc/uptime "
                + "/proc/cpuinfo /proc/meminfo /proc/net/route; "
                + "[ -r /proc/sys/kernel/hostname ] || { part 'uname -n'; uname -n; }; "
                + "[ -r /proc/sys/kernel/osrelease ] || { part 'uname -r'; uname -r; }; true",
            source: "/proc/sys/kernel/{hostname,osrelease}, /etc/os-release, /proc/{uptime,cpuinfo,meminfo,net/route}",
            inline: true,
            parts: [
                .init("/proc/sys/kernel/hostname", as: "hostname"), .init("uname -n", as: "hostname"),
                .init("/etc/os-release", as: "os-release"), .init("/usr/lib/os-release", as: "os-release"),
                .init("/proc/sys/kernel/osrelease", as: "kernel"), .init("uname -r", as: "kernel"),
                .init("/proc/uptime", as: "uptime"), .init("/proc/cpuinfo", as: "cpuinfo"),
                .init("/proc/meminfo", as: "meminfo"), .init("/proc/net/route", as: "route"),
            ]),
        // By path first: busybox sh runs its own `ip` applet in preference to PATH. Kept wrapped:
        // `ip` is the one tool here whose exit status says something (127: no `ip` at all).
        ProbeSection(
            name: "interfaces",
            script:
                "ip=; for p in /sbin/ip /usr/sbin/ip /bin/ip /usr/bin/ip; do if [ -x \"$p\" ]; then ip=$p; break; fi; done; "
                + "[ -n \"$ip\" ] || ip=ip; part 'ip -o addr show'; \"$ip\" -o addr show; part 'ip -o link show'; \"$ip\" -o link show",
            source: "ip -o addr show; ip -o link show"),
        // The leading newline is the one `part` would print before the first label.
        ProbeSection(
            name: "dmi",
            script:
                "d=/sys/class/dmi/id; printf '\\n'; head -v -c $ictaudit_cap $d/bios_date $d/bios_vendor $d/sys_vendor $d/product_name",
            source: "/sys/class/dmi/id/{bios_date,bios_vendor,sys_vendor,product_name}", inline: true),
        // `ss` asks the kernel for listening sockets only; /proc/net/tcp walks every connection
        // slot (see `SocketStatistics`). A family whose `ss` fails is read from /proc instead.
        ProbeSection(
            name: "listening",
            script:
                "if command -v ss >/dev/null 2>&1; then { "
                + "part '\(SocketStatistics.ipv4Label)'; \(SocketStatistics.ipv4Label) || { printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp /proc/net/udp; }; "
                + "part '\(SocketStatistics.ipv6Label)'; \(SocketStatistics.ipv6Label) || { printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp6 /proc/net/udp6; }; "
                + "} 2>/dev/null | head -c $ictaudit_cap; "
                + "else printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; fi",
            source: "ss -ltun -4 and -6 (else /proc/net/{tcp,tcp6,udp,udp6})", inline: true),
        // `sshd -T` is the effective configuration but needs the host keys, so it usually fails for
        // a non-root account. It runs with `-C user=,host=,addr=`: RHEL 8's sshd refuses `-T`
        // without it when the config has Match blocks, and it gives the settings that apply to this
        // very connection (addr from SSH_CONNECTION; the user from LOGNAME, which sshd sets, else
        // `id`). The sshd of every distribution scanned here (OpenSSH 7.4 and later) takes `-C`, so
        // a plain `-T` after a failed `-T -C` would only fail again. It is not tried at all by an
        // account other than root that can read none of /etc/ssh's host keys: it would fail, after
        // loading sshd and its libraries (~4 ms of the host's CPU). Failing that, the files are
        // read, with the targets of Include lines outside sshd_config.d (e.g. RHEL's crypto-policies file).
        ProbeSection(
            name: "sshd",
            script:
                "a=${SSH_CONNECTION%% *}; u=${LOGNAME:-$USER}; [ -n \"$u\" ] || u=$(id -un 2>/dev/null); "
                + "h=; IFS= read -r h </proc/sys/kernel/hostname; "
                + "k=; for f in /etc/ssh/ssh_host_*_key; do if [ -r \"$f\" ]; then k=1; break; fi; done; "
                + "if { [ -n \"$k\" ] || [ \"$u\" = root ]; } && out=$(sshd -T -C \"user=${u:-root},host=${h:-localhost},addr=${a:-127.0.0.1}\" 2>/dev/null) && [ -n \"$out\" ]; "
                + "then part 'sshd -T'; "
                + "if [ ${#out} -lt $ictaudit_cap ]; then printf '%s\\n' \"$out\"; else printf '%s\\n' \"$out\" | head -c $ictaudit_cap; fi; else "
                + "set --; for f in /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf; do if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi; done; "
                + "for p in $(sed -n 's/^[[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=][[:space:]]*//p' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf); do "
                + "case $p in /*) ;; *) p=/etc/ssh/$p ;; esac; "
                + "for f in $p; do case $f in /etc/ssh/sshd_config.d/*.conf) ;; *) if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi ;; esac; done; "
                + "done; if [ $# -gt 0 ]; then printf '\\n'; head -v -c $ictaudit_cap \"$@\"; fi; fi; true",
            source: "sshd -T as root or with a readable host key (else /etc/ssh/sshd_config, /etc/ssh/sshd_config.d/*.conf and other Include targets)",
            inline: true),
        // Programs are looked up along PATH by the shell itself (`command -v` would need a
        // command substitution, a fork, per program).
        ProbeSection(
            name: "clamav",
            script:
                "part tools; o=$IFS; IFS=:; set -- $PATH; IFS=$o; for t in clamscan clamd freshclam clamdscan; do "
                + "for d in \"$@\"; do if [ -f \"$d/$t\" ] && [ -x \"$d/$t\" ]; then echo \"$t $d/$t\"; break; fi; done; done; "
                + "if command -v clamscan >/dev/null; then part 'clamscan --version'; clamscan --version | head -c $ictaudit_cap; fi; "
                + "d=/var/lib/clamav; db=; if [ -f $d/daily.cld ]; then db=$d/daily.cld; fi; "
                + "if [ -f $d/daily.cvd ] && { [ -z \"$db\" ] || [ $d/daily.cvd -nt \"$db\" ]; }; then db=$d/daily.cvd; fi; "
                + "if [ -n \"$db\" ]; then part \"$db\"; head -c 512 \"$db\"; fi; "
                + "part 'clamd processes'; for f in /proc/[0-9]*/comm; do read -r c <\"$f\" && [ \"$c\" = clamd ] && echo \"${f%/comm}\"; done; true",
            source:
                "command -v clamscan clamd freshclam clamdscan; clamscan --version; first 512 bytes of the newer of /var/lib/clamav/daily.cld and daily.cvd; /proc/*/comm = clamd",
            inline: true),
        // Microsoft Defender for Endpoint: `mdatp health` gives the version, real-time protection
        // and the definitions' age; the host's clock and UTC offset turn those into instants.
        // Nothing runs on a host without /usr/bin/mdatp. `timeout` (where there is one) keeps a
        // stuck daemon from holding up the sections after it.
        ProbeSection(
            name: "mdatp",
            script:
                "if [ -x /usr/bin/mdatp ]; then part '\(DefenderForEndpoint.healthLabel)'; t=; command -v timeout >/dev/null 2>&1 && t='timeout 20'; "
                + "$t /usr/bin/mdatp health 2>&1 | head -c $ictaudit_cap; part \(DefenderForEndpoint.clockLabel); date '+%s %z'; fi; true",
            source: "mdatp health where /usr/bin/mdatp exists; the host's date +%s %z",
            inline: true),
    ]

    /// A batch of the Linux facts with a fresh nonce; take one per scan.
    public static var linux: ProbeBatch { linux() }

    /// The Linux batch for one target: `sudo` lets root-only files be read through `sudo -n`, and
    /// `extra` (policy probes) runs in the same round trip after the built-in sections.
    /// Without `pendingUpdates`, the costly `updates` section is left out.
    public static func linux(sudo: Bool = false, extra: [ProbeSection] = [], pendingUpdates: Bool = true) -> ProbeBatch {
        ProbeBatch(probes: linuxProbes(sudo: sudo).filter { pendingUpdates || $0.name != "updates" } + extra)
    }

    /// Every built-in Linux section; `sudo` changes only how the shadow file is read.
    public static func linuxProbes(sudo: Bool) -> [ProbeSection] {
        linuxProbes + linuxSecurityProbes(sudo: sudo)
    }
}
