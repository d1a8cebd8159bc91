extension ProbeBatch {
    /// The security-posture sections of the Linux batch (Debian/Ubuntu, RHEL family 7–9, SUSE).
    ///
    /// Files first, tools only as a fallback, and nothing that changes the host: package lists are
    /// never refreshed (`apt-get -s`, `dnf -C`, `zypper --no-refresh` read what is already there).
    /// Tools that may fail print `==> status N <==` after their output, so "no updates" and "could
    /// not tell" differ. Password hashes never leave the host: the shadow file is reduced to
    /// `name:empty|locked|set` on the host, and read through `sudo -n` (never a prompt) only when
    /// the inventory allows it.
    ///
    /// All but `updates` run inline (see `ProbeSection.inline`), and they use the shell's own `read`,
    /// `case` and globs where a line or two of a small file is wanted, keeping `grep`/`sed` for
    /// large ones (the shell reads a byte per system call) and `head -c` for dumps. What they print
    /// without `head -c` is a few fields per line of a system file (user and unit names, chosen
    /// configuration lines); a host whose files are that hostile still meets the parser's cap and
    /// the scan's `maxOutputBytes`.
    static func linuxSecurityProbes(sudo: Bool) -> [ProbeSection] {
        // name:uid from /etc/passwd and name:empty|locked|set from the shadow file, as `awk -F:`
        // would print them; `|| [ -n "$n" ]` keeps a last line without its newline.
        let passwdSummary =
            "while IFS=: read -r n x u r || [ -n \"$n\" ]; do printf '%s:%s\\n' \"$n\" \"$u\"; done"
        let shadowSummary =
            "while IFS=: read -r n p r || [ -n \"$n\" ]; do case $p in '') s=empty ;; '!'*|'*'*) s=locked ;; *) s=set ;; esac; "
            + "printf '%s:%s\\n' \"$n\" \"$s\"; done"
        let shadow =
            sudo
            ? "if [ -r /etc/shadow ]; then part shadow; \(shadowSummary) </etc/shadow; "
                + "elif out=$(sudo -n cat /etc/shadow 2>/dev/null); then part shadow; printf '%s\\n' \"$out\" | { \(shadowSummary); }; fi; true"
            : "if [ -r /etc/shadow ]; then part shadow; \(shadowSummary) </etc/shadow; fi; true"
        // The last line matching, as `grep … | tail -n 1` gives it, in one program: `h` keeps each
        // match, the last line prints what was kept (nothing when no line matched).
        func lastMatch(_ addresses: String, _ file: String) -> String {
            "sed -n '\(addresses)${x;/./p;}' \(file)"
        }
        return [
            ProbeSection(
                name: "packages",
                script:
                    "if [ -r /var/lib/dpkg/status ]; then part /var/lib/dpkg/status; "
                    // grep, not sed: the same lines, four times faster on a server's status file.
                    + "grep -E '^(Package|Status|Version|Architecture):|^$' /var/lib/dpkg/status | head -c $ictaudit_cap; "
                    + "elif command -v rpm >/dev/null; then part rpm; "
                    + "rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\n' | head -c $ictaudit_cap; fi; true",
                source: "/var/lib/dpkg/status (else rpm -qa --qf NAME EPOCHNUM:VERSION-RELEASE ARCH INSTALLTIME)",
                inline: true),
            ProbeSection(
                name: "updates",
                script:
                    "if command -v apt-get >/dev/null; then part 'apt-get -s upgrade'; apt-get -s -o Debug::NoLocking=1 upgrade; part \"status $?\"; "
                    + "elif command -v dnf >/dev/null; then part 'check-update'; dnf -C -q check-update; part \"status $?\"; "
                    + "elif command -v yum >/dev/null; then part 'check-update'; yum -C -q check-update; part \"status $?\"; "
                    + "elif command -v zypper >/dev/null; then part 'zypper list-updates'; zypper --non-interactive --no-refresh list-updates; part \"status $?\"; fi; true",
                source: "apt-get -s upgrade, dnf/yum -C check-update or zypper --no-refresh list-updates (cached lists only)"),
            ProbeSection(
                name: "accounts",
                script: "part /etc/passwd; \(passwdSummary) </etc/passwd; " + shadow,
                source: sudo
                    ? "/etc/passwd (name:uid); /etc/shadow or sudo -n cat /etc/shadow, reduced to name:empty|locked|set"
                    : "/etc/passwd (name:uid); /etc/shadow if readable, reduced to name:empty|locked|set",
                inline: true),
            // The PAM files go through one `grep -h`: a line that names a module and is not a
            // comment (first non-blank character not `#`), as the old grep | grep -v per file.
            ProbeSection(
                name: "password-policy",
                script:
                    "if [ -r /etc/login.defs ]; then part /etc/login.defs; grep -E '^[[:space:]]*PASS_(MAX_DAYS|MIN_DAYS|WARN_AGE|MIN_LEN)' /etc/login.defs; fi; "
                    + "for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\"; fi; done; "
                    + "part pam; set --; for f in /etc/pam.d/common-password /etc/pam.d/common-auth /etc/pam.d/system-auth /etc/pam.d/password-auth; do "
                    + "if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi; done; "
                    + "if [ $# -gt 0 ]; then grep -hE '^[[:space:]]*([^#[:space:]].*)?pam_(pwquality|cracklib|faillock|tally2|pwhistory|unix)' \"$@\"; fi; true",
                source: "/etc/login.defs PASS_*; /etc/security/pwquality.conf(.d); pam.d common-password, common-auth, system-auth, password-auth",
                inline: true),
            // A glob lists a .wants directory as `ls` does (C-locale order, no dot files; `-L` keeps
            // the dangling links of masked units).
            ProbeSection(
                name: "services",
                script:
                    "part enabled; for d in /etc/systemd/system/*.wants; do if [ -d \"$d\" ]; then for f in \"$d\"/*; do "
                    + "if [ -e \"$f\" ] || [ -L \"$f\" ]; then printf '%s\\n' \"${f##*/}\"; fi; done; fi; done; "
                    // Unsorted, with repeats: the parser keeps a set, and a `| sort -u` would cost
                    // the host a fork and an exec.
                    + "part running; for f in /proc/[0-9]*/comm; do read -r c <\"$f\" && echo \"$c\"; done; true",
                source: "ls /etc/systemd/system/*.wants (enabled units); /proc/*/comm (running programs)",
                inline: true),
            ProbeSection(
                name: "firewall",
                script:
                    "for f in /etc/ufw/ufw.conf /etc/firewalld/firewalld.conf /etc/nftables.conf /etc/sysconfig/nftables.conf /etc/iptables/rules.v4 /etc/sysconfig/iptables; do "
                    + "if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\" | head -n 200; fi; done; true",
                source: "ufw.conf, firewalld.conf, nftables.conf, iptables rules files",
                inline: true),
            ProbeSection(
                name: "time-sync",
                script:
                    "for f in /etc/chrony.conf /etc/chrony/chrony.conf /etc/systemd/timesyncd.conf /etc/ntp.conf /etc/ntpsec/ntp.conf; do "
                    + "if [ -f \"$f\" ]; then part \"$f\"; grep -E '^[[:space:]]*(server|pool|NTP=|FallbackNTP=)' \"$f\"; fi; done; true",
                source: "chrony.conf, timesyncd.conf, ntp.conf (server, pool, NTP= lines)",
                inline: true),
            // `head -q` concatenates the rules files as `cat` would, without labels.
            ProbeSection(
                name: "auditd",
                script:
                    "if [ -d /etc/audit ] || [ -x /sbin/auditd ] || [ -x /usr/sbin/auditd ]; then part installed; "
                    + "set -- /etc/audit/rules.d/*.rules; if [ -e \"$1\" ]; then part rules; head -q -c $ictaudit_cap \"$@\"; "
                    + "elif [ -r /etc/audit/audit.rules ]; then part rules; head -c $ictaudit_cap /etc/audit/audit.rules; fi; fi; true",
                source: "/etc/audit, /etc/audit/rules.d/*.rules (else audit.rules)",
                inline: true),
            ProbeSection(
                name: "mac",
                script:
                    "for f in /sys/fs/selinux/enforce /sys/module/apparmor/parameters/enabled; do if [ -r \"$f\" ]; then part \"$f\"; head -c $ictaudit_cap \"$f\"; fi; done; "
                    + "if [ -r /etc/selinux/config ]; then part /etc/selinux/config; grep -E '^[[:space:]]*SELINUX=' /etc/selinux/config; fi; true",
                source: "/sys/fs/selinux/enforce, /etc/selinux/config, /sys/module/apparmor/parameters/enabled",
                inline: true),
            ProbeSection(
                name: "disk-encryption",
                script:
                    "if [ -r /etc/crypttab ]; then part /etc/crypttab; grep -v '^[[:space:]]*#' /etc/crypttab; fi; "
                    + "part dm; for d in /sys/block/dm-*/dm; do if [ -r \"$d/uuid\" ]; then read -r u <\"$d/uuid\"; read -r n <\"$d/name\"; echo \"$n $u\"; fi; done; true",
                source: "/etc/crypttab; /sys/block/dm-*/dm/{name,uuid} (CRYPT-* is dm-crypt)",
                inline: true),
            ProbeSection(
                name: "boot-update",
                script:
                    "part btime; grep '^btime' /proc/stat; "
                    + "if [ -r /var/log/dpkg.log ]; then part /var/log/dpkg.log; \(lastMatch("/ install /h;/ upgrade /h;", "/var/log/dpkg.log")); fi; "
                    + "if [ -r /var/log/apt/history.log ]; then part /var/log/apt/history.log; \(lastMatch("/^End-Date:/h;", "/var/log/apt/history.log")); fi; "
                    + "if [ -r /var/log/dnf.rpm.log ]; then part /var/log/dnf.rpm.log; "
                    + "\(lastMatch("/Upgraded/h;/Installed/h;/Upgrade:/h;/Install:/h;", "/var/log/dnf.rpm.log")); fi; "
                    + "if [ -r /var/log/zypp/history ]; then part /var/log/zypp/history; \(lastMatch("/^#/!h;", "/var/log/zypp/history")); fi; "
                    // RHEL/CentOS 7: yum.log writes no year, so the host's date comes along (the
                    // one exec this costs, on those hosts only).
                    + "if [ -r /var/log/yum.log ] && [ ! -r /var/log/dnf.rpm.log ]; then part /var/log/yum.log; "
                    + "\(lastMatch("/ Updated: /h;/ Installed: /h;", "/var/log/yum.log")); part today; date +%Y-%m-%d; fi; true",
                source: "/proc/stat btime; last line of dpkg.log, apt history, dnf.rpm.log, zypp history, yum.log",
                inline: true),
        ]
    }
}
