extension ProbeBatch {
    /// The Linux facts every scan gathers; policies add their own sections to these.
    ///
    /// Each section reads kernel and configuration files first and falls back to a tool only when
    /// the file is missing, because files read the same on every distribution and busybox box,
    /// while tools differ in output and may be absent. Multi-file sections label each file with a
    /// `==> name <==` line (as `head` does), so a missing file is visibly missing, not empty.
    public static let linuxProbes: [ProbeSection] = [
        ProbeSection(
            name: "hostname", script: "cat /proc/sys/kernel/hostname || uname -n",
            source: "/proc/sys/kernel/hostname (else uname -n)"),
        ProbeSection(
            name: "os-release",
            script: "if [ -r /etc/os-release ]; then cat /etc/os-release; else cat /usr/lib/os-release; fi",
            source: "/etc/os-release (else /usr/lib/os-release)"),
        ProbeSection(
            name: "kernel", script: "cat /proc/sys/kernel/osrelease || uname -r",
            source: "/proc/sys/kernel/osrelease (else uname -r)"),
        ProbeSection(name: "uptime", script: "cat /proc/uptime", source: "/proc/uptime"),
        ProbeSection(name: "cpuinfo", script: "cat /proc/cpuinfo", source: "/proc/cpuinfo"),
        ProbeSection(name: "meminfo", script: "cat /proc/meminfo", source: "/proc/meminfo"),
        // By path first: busybox sh runs its own `ip` applet in preference to PATH.
        ProbeSection(
            name: "interfaces",
            script:
                "ip=; for p in /sbin/ip /usr/sbin/ip /bin/ip /usr/bin/ip; do if [ -x \"$p\" ]; then ip=$p; break; fi; done; "
                + "[ -n \"$ip\" ] || ip=ip; part 'ip -o addr show'; \"$ip\" -o addr show; part 'ip -o link show'; \"$ip\" -o link show",
            source: "ip -o addr show; ip -o link show"),
        ProbeSection(name: "route", script: "cat /proc/net/route", source: "/proc/net/route"),
        ProbeSection(
            name: "dmi",
            script:
                "for f in bios_date bios_vendor sys_vendor product_name; do part /sys/class/dmi/id/$f; cat /sys/class/dmi/id/$f; done",
            source: "/sys/class/dmi/id/{bios_date,bios_vendor,sys_vendor,product_name}"),
        ProbeSection(
            name: "listening",
            script: "for f in tcp tcp6 udp udp6; do part /proc/net/$f; cat /proc/net/$f; done",
            source: "/proc/net/{tcp,tcp6,udp,udp6}"),
        // `sshd -T` is the effective configuration but needs the host keys, so it usually fails for
        // a non-root account. `-C user=,host=,addr=` comes first: RHEL 8's sshd refuses `-T` without
        // it when the config has Match blocks, and it gives the settings that apply to this very
        // connection (addr from SSH_CONNECTION). Failing both, the files are read, with the targets of Include lines outside
        // sshd_config.d (e.g. RHEL's crypto-policies file).
        ProbeSection(
            name: "sshd",
            script:
                "a=${SSH_CONNECTION%% *}; u=$(id -un 2>/dev/null); h=$(cat /proc/sys/kernel/hostname 2>/dev/null); "
                + "if { out=$(sshd -T -C \"user=${u:-root},host=${h:-localhost},addr=${a:-127.0.0.1}\" 2>/dev/null) && [ -n \"$out\" ]; } "
                + "|| { out=$(sshd -T 2>/dev/null) && [ -n \"$out\" ]; }; then part 'sshd -T'; printf '%s\\n' \"$out\"; else "
                + "for f in /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf; do if [ -f \"$f\" ]; then part \"$f\"; cat \"$f\"; fi; done; "
                + "for p in $(sed -n 's/^[[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=][[:space:]]*//p' /etc/ssh/sshd_config /etc/ssh/sshd_config.d/*.conf); do "
                + "case $p in /*) ;; *) p=/etc/ssh/$p ;; esac; "
                + "for f in $p; do case $f in /etc/ssh/sshd_config.d/*.conf) ;; *) if [ -f \"$f\" ]; then part \"$f\"; cat \"$f\"; fi ;; esac; done; "
                + "done; fi",
            source: "sshd -T (else /etc/ssh/sshd_config, /etc/ssh/sshd_config.d/*.conf and other Include targets)"),
        ProbeSection(
            name: "clamav",
            script:
                "part tools; for t in clamscan clamd freshclam clamdscan; do p=$(command -v $t) && echo \"$t $p\"; done; "
                + "if command -v clamscan >/dev/null; then part 'clamscan --version'; clamscan --version; fi; "
                + "d=/var/lib/clamav; db=; if [ -f $d/daily.cld ]; then db=$d/daily.cld; fi; "
                + "if [ -f $d/daily.cvd ] && { [ -z \"$db\" ] || [ $d/daily.cvd -nt \"$db\" ]; }; then db=$d/daily.cvd; fi; "
                + "if [ -n \"$db\" ]; then part \"$db\"; head -c 512 \"$db\"; fi; "
                + "part 'clamd processes'; for f in /proc/[0-9]*/comm; do read -r c <\"$f\" && [ \"$c\" = clamd ] && echo \"${f%/comm}\"; done; true",
            source:
                "command -v clamscan clamd freshclam clamdscan; clamscan --version; first 512 bytes of the newer of /var/lib/clamav/daily.cld and daily.cvd; /proc/*/comm = clamd"
        ),
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
