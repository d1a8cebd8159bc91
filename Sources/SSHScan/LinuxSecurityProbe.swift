extension ProbeBatch {
    /// The security-posture sections of the Linux batch (Debian/Ubuntu, RHEL family 7–9, SUSE).
    ///
    /// Files first, tools only as a fallback, and nothing that changes the host: package lists are
    /// never refreshed (`apt-get -s`, `dnf -C`, `zypper --no-refresh` read what is already there).
    /// Tools that may fail print `==> status N <==` after their output, so "no updates" and "could
    /// not tell" differ. Password hashes never leave the host: the shadow file is reduced to
    /// `name:empty|locked|set` on the host, and read through `sudo -n` (never a prompt) only when
    /// the inventory allows it.
    static func linuxSecurityProbes(sudo: Bool) -> [ProbeSection] {
        let shadowSummary = "awk -F: '{ s = \"set\"; if ($2 == \"\") s = \"empty\"; else if ($2 ~ /^[!*]/) s = \"locked\"; print $1 \":\" s }'"
        let shadow =
            sudo
            ? "if [ -r /etc/shadow ]; then part shadow; \(shadowSummary) /etc/shadow; "
                + "elif out=$(sudo -n cat /etc/shadow 2>/dev/null); then part shadow; printf '%s\\n' \"$out\" | \(shadowSummary); fi; true"
            : "if [ -r /etc/shadow ]; then part shadow; \(shadowSummary) /etc/shadow; fi; true"
        return [
            ProbeSection(
                name: "packages",
                script:
                    "if [ -r /var/lib/dpkg/status ]; then part /var/lib/dpkg/status; "
                    + "sed -n '/^Package:/p;/^Status:/p;/^Version:/p;/^Architecture:/p;/^$/p' /var/lib/dpkg/status; "
                    + "elif command -v rpm >/dev/null; then part rpm; "
                    + "rpm -qa --qf '%{NAME}\\t%{EPOCHNUM}:%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{INSTALLTIME}\\n'; fi; true",
                source: "/var/lib/dpkg/status (else rpm -qa --qf NAME EPOCHNUM:VERSION-RELEASE ARCH INSTALLTIME)"),
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
                script: "part /etc/passwd; awk -F: '{ print $1 \":\" $3 }' /etc/passwd; " + shadow,
                source: sudo
                    ? "/etc/passwd (name:uid); /etc/shadow or sudo -n cat /etc/shadow, reduced to name:empty|locked|set"
                    : "/etc/passwd (name:uid); /etc/shadow if readable, reduced to name:empty|locked|set"),
            ProbeSection(
                name: "password-policy",
                script:
                    "if [ -r /etc/login.defs ]; then part /etc/login.defs; grep -E '^[[:space:]]*PASS_(MAX_DAYS|MIN_DAYS|WARN_AGE|MIN_LEN)' /etc/login.defs; fi; "
                    + "for f in /etc/security/pwquality.conf /etc/security/pwquality.conf.d/*.conf; do if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\"; fi; done; "
                    + "part pam; for f in /etc/pam.d/common-password /etc/pam.d/common-auth /etc/pam.d/system-auth /etc/pam.d/password-auth; do "
                    + "if [ -f \"$f\" ]; then grep -E 'pam_(pwquality|cracklib|faillock|tally2|pwhistory|unix)' \"$f\" | grep -v '^[[:space:]]*#'; fi; done; true",
                source: "/etc/login.defs PASS_*; /etc/security/pwquality.conf(.d); pam.d common-password, common-auth, system-auth, password-auth"),
            ProbeSection(
                name: "services",
                script:
                    "part enabled; for d in /etc/systemd/system/*.wants; do if [ -d \"$d\" ]; then ls \"$d\"; fi; done; "
                    + "part running; for f in /proc/[0-9]*/comm; do read -r c <\"$f\" && echo \"$c\"; done | sort -u; true",
                source: "ls /etc/systemd/system/*.wants (enabled units); /proc/*/comm (running programs)"),
            ProbeSection(
                name: "firewall",
                script:
                    "for f in /etc/ufw/ufw.conf /etc/firewalld/firewalld.conf /etc/nftables.conf /etc/sysconfig/nftables.conf /etc/iptables/rules.v4 /etc/sysconfig/iptables; do "
                    + "if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\" | head -n 200; fi; done; true",
                source: "ufw.conf, firewalld.conf, nftables.conf, iptables rules files"),
            ProbeSection(
                name: "time-sync",
                script:
                    "for f in /etc/chrony.conf /etc/chrony/chrony.conf /etc/systemd/timesyncd.conf /etc/ntp.conf /etc/ntpsec/ntp.conf; do "
                    + "if [ -f \"$f\" ]; then part \"$f\"; grep -E '^[[:space:]]*(server|pool|NTP=|FallbackNTP=)' \"$f\"; fi; done; true",
                source: "chrony.conf, timesyncd.conf, ntp.conf (server, pool, NTP= lines)"),
            ProbeSection(
                name: "auditd",
                script:
                    "if [ -d /etc/audit ] || [ -x /sbin/auditd ] || [ -x /usr/sbin/auditd ]; then part installed; "
                    + "if ls /etc/audit/rules.d/*.rules >/dev/null 2>&1; then part rules; cat /etc/audit/rules.d/*.rules; "
                    + "elif [ -r /etc/audit/audit.rules ]; then part rules; cat /etc/audit/audit.rules; fi; fi; true",
                source: "/etc/audit, /etc/audit/rules.d/*.rules (else audit.rules)"),
            ProbeSection(
                name: "mac",
                script:
                    "for f in /sys/fs/selinux/enforce /sys/module/apparmor/parameters/enabled; do if [ -r \"$f\" ]; then part \"$f\"; cat \"$f\"; fi; done; "
                    + "if [ -r /etc/selinux/config ]; then part /etc/selinux/config; grep -E '^[[:space:]]*SELINUX=' /etc/selinux/config; fi; true",
                source: "/sys/fs/selinux/enforce, /etc/selinux/config, /sys/module/apparmor/parameters/enabled"),
            ProbeSection(
                name: "disk-encryption",
                script:
                    "if [ -r /etc/crypttab ]; then part /etc/crypttab; grep -v '^[[:space:]]*#' /etc/crypttab; fi; "
                    + "part dm; for d in /sys/block/dm-*/dm; do if [ -r \"$d/uuid\" ]; then read -r u <\"$d/uuid\"; read -r n <\"$d/name\"; echo \"$n $u\"; fi; done; true",
                source: "/etc/crypttab; /sys/block/dm-*/dm/{name,uuid} (CRYPT-* is dm-crypt)"),
            ProbeSection(
                name: "boot-update",
                script:
                    "part btime; grep '^btime' /proc/stat; "
                    + "if [ -r /var/log/dpkg.log ]; then part /var/log/dpkg.log; grep -E ' (install|upgrade) ' /var/log/dpkg.log | tail -n 1; fi; "
                    + "if [ -r /var/log/apt/history.log ]; then part /var/log/apt/history.log; grep '^End-Date:' /var/log/apt/history.log | tail -n 1; fi; "
                    + "if [ -r /var/log/dnf.rpm.log ]; then part /var/log/dnf.rpm.log; grep -E 'Upgraded|Installed|Upgrade:|Install:' /var/log/dnf.rpm.log | tail -n 1; fi; "
                    + "if [ -r /var/log/zypp/history ]; then part /var/log/zypp/history; grep -v '^#' /var/log/zypp/history | tail -n 1; fi; true",
                source: "/proc/stat btime; last line of dpkg.log, apt history, dnf.rpm.log, zypp history"),
        ]
    }
}
