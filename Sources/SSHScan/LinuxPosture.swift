import Foundation
import InventoryModel

/// Accounts, password policy, firewall, time sync, auditd, SELinux/AppArmor, disk encryption and
/// boot/update times from the Linux security sections. Each answers nil when its section is absent.
enum LinuxPosture {
    static func lines(_ text: String?) -> [String] {
        (text ?? "").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }
            .filter { !$0.isEmpty }
    }

    static func accounts(from parts: LabelledParts) -> Accounts? {
        guard let passwd = parts["/etc/passwd"] else { return nil }
        let uidZero = lines(passwd).compactMap { line -> String? in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            return fields.count == 2 && fields[1] == "0" ? String(fields[0]) : nil
        }
        let empty = parts["shadow"].map { shadow in
            lines(shadow).compactMap { $0.hasSuffix(":empty") ? String($0.dropLast(6)) : nil }
        }
        return Accounts(uidZero: uidZero, emptyPassword: empty)
    }

    /// `KEY value` (login.defs) and `key = value` (pwquality.conf) lines; the last one wins.
    static func keyValues(_ text: String?) -> [String: String] {
        var values: [String: String] = [:]
        for line in lines(text) where !line.hasPrefix("#") {
            let pair = line.contains("=")
                ? line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                : line.split(maxSplits: 1, whereSeparator: \.isWhitespace).map { $0.trimmingCharacters(in: .whitespaces) }
            if pair.count == 2 { values[pair[0]] = pair[1] }
        }
        return values
    }

    /// `name=value` options on PAM lines for one module, e.g. `deny=5` of pam_faillock.
    static func pamOption(_ pam: [String], module: String, option: String) -> Int? {
        for line in pam where line.contains(module) {
            for word in line.split(whereSeparator: \.isWhitespace) where word.hasPrefix(option + "=") {
                if let n = Int(word.dropFirst(option.count + 1)) { return n }
            }
        }
        return nil
    }

    static func passwordPolicy(from parts: LabelledParts) -> PasswordPolicy? {
        guard !parts.parts.isEmpty else { return nil }
        let defs = keyValues(parts["/etc/login.defs"])
        // pwquality.conf first, then its .d files in name order: the later setting wins.
        var quality: [String: String] = [:]
        for part in parts.parts where part.label.hasPrefix("/etc/security/pwquality.conf") {
            quality.merge(keyValues(part.text)) { _, new in new }
        }
        let pam = lines(parts["pam"])
        let module = ["pam_pwquality", "pam_cracklib"].first { name in pam.contains { $0.contains(name + ".so") } }
        let minLength = quality["minlen"].flatMap { Int($0) }
            ?? module.flatMap { pamOption(pam, module: $0, option: "minlen") }
            ?? defs["PASS_MIN_LEN"].flatMap { Int($0) }
        let lockout = pamOption(pam, module: "pam_faillock", option: "deny")
            ?? pamOption(pam, module: "pam_tally2", option: "deny")
        let history = pamOption(pam, module: "pam_pwhistory", option: "remember")
            ?? pamOption(pam, module: "pam_unix", option: "remember")
        return PasswordPolicy(
            maxAgeDays: defs["PASS_MAX_DAYS"].flatMap { Int($0) }, minAgeDays: defs["PASS_MIN_DAYS"].flatMap { Int($0) },
            warnAgeDays: defs["PASS_WARN_AGE"].flatMap { Int($0) }, minLength: minLength, qualityModule: module,
            lockoutThreshold: lockout, historyLength: history)
    }

    /// Enabled systemd units and running program names from the `services` section.
    struct Services {
        var enabled: Set<String>
        var running: Set<String>

        init?(_ parts: LabelledParts) {
            guard let running = parts["running"] else { return nil }
            enabled = Set(LinuxPosture.lines(parts["enabled"]))
            self.running = Set(LinuxPosture.lines(running))
        }

        func isEnabled(_ units: String...) -> Bool { units.contains { enabled.contains($0 + ".service") } }
        func isRunning(_ names: String...) -> Bool { names.contains { running.contains($0) } }
    }

    static func firewall(from parts: LabelledParts, services: Services?) -> Firewall? {
        var backends: [String] = []
        var enabled: Bool?
        func switchOn(_ on: Bool) { enabled = (enabled ?? false) || on }
        if let ufw = parts["/etc/ufw/ufw.conf"] {
            backends.append("ufw")
            switchOn(keyValues(ufw)["ENABLED"]?.lowercased() == "yes")
        }
        if parts["/etc/firewalld/firewalld.conf"] != nil {
            backends.append("firewalld")
            if let services { switchOn(services.isEnabled("firewalld") || services.isRunning("firewalld")) }
        }
        let nft = ["/etc/nftables.conf", "/etc/sysconfig/nftables.conf"].compactMap { parts[$0] }
        if !nft.isEmpty {
            backends.append("nftables")
            if let services { switchOn(services.isEnabled("nftables")) }
        }
        let ipt = ["/etc/iptables/rules.v4", "/etc/sysconfig/iptables"].compactMap { parts[$0] }
        if !ipt.isEmpty {
            backends.append("iptables")
            if let services { switchOn(services.isEnabled("iptables", "netfilter-persistent")) }
        }
        if backends.isEmpty {
            // Nothing configured: off, as far as files and services can tell.
            return services.map { _ in Firewall(enabled: false) }
        }
        return Firewall(enabled: enabled, backends: backends)
    }

    static func timeSync(from parts: LabelledParts, services: Services?) -> TimeSync? {
        let candidates: [(file: String, daemon: String, units: [String], process: [String])] = [
            ("/etc/chrony.conf", "chronyd", ["chronyd", "chrony"], ["chronyd"]),
            ("/etc/chrony/chrony.conf", "chronyd", ["chronyd", "chrony"], ["chronyd"]),
            ("/etc/systemd/timesyncd.conf", "systemd-timesyncd", ["systemd-timesyncd"], ["systemd-timesyn"]),
            ("/etc/ntp.conf", "ntpd", ["ntp", "ntpd"], ["ntpd"]),
            ("/etc/ntpsec/ntp.conf", "ntpd", ["ntpsec"], ["ntpd"]),
        ]
        for candidate in candidates {
            guard let text = parts[candidate.file] else { continue }
            let servers = lines(text).compactMap { line -> String? in
                if line.hasPrefix("NTP=") || line.hasPrefix("FallbackNTP=") {
                    return line.split(separator: "=", maxSplits: 1).last.map { String($0) }
                }
                return line.split(whereSeparator: \.isWhitespace).dropFirst().first.map(String.init)
            }.flatMap { $0.split(separator: " ").map(String.init) }
            return TimeSync(
                daemon: candidate.daemon,
                enabled: services.map { s in candidate.units.contains { s.enabled.contains($0 + ".service") } },
                running: services.map { s in candidate.process.contains { s.running.contains($0) } },
                servers: servers)
        }
        return services.map { _ in TimeSync(daemon: nil) }
    }

    static func auditd(from parts: LabelledParts, services: Services?) -> AuditDaemon? {
        guard parts["installed"] != nil else { return services.map { _ in AuditDaemon(installed: false) } }
        // Control lines (-D delete, -b buffer, -f failure mode, -e enable) are not rules.
        let rules = parts["rules"].map { text in
            lines(text).filter { !$0.hasPrefix("#") && !["-D", "-b", "-f", "-e", "-r"].contains(String($0.prefix(2))) }.count
        }
        return AuditDaemon(
            installed: true, enabled: services.map { $0.isEnabled("auditd") }, running: services.map { $0.isRunning("auditd") },
            ruleCount: rules)
    }

    static func mandatoryAccessControl(from parts: LabelledParts) -> MandatoryAccessControl? {
        guard !parts.parts.isEmpty else { return nil }
        var selinux: String?
        if let enforce = parts["/sys/fs/selinux/enforce"].flatMap(LinuxFactsParser.firstLine) {
            selinux = enforce == "1" ? "enforcing" : "permissive"
        } else if let config = keyValues(parts["/etc/selinux/config"])["SELINUX"] {
            // Configured but selinuxfs is not mounted: not in force now, whatever the file asks for.
            _ = config
            selinux = "disabled"
        }
        let appArmor = parts["/sys/module/apparmor/parameters/enabled"].flatMap(LinuxFactsParser.firstLine).map { $0 == "Y" }
        return MandatoryAccessControl(selinux: selinux, appArmor: appArmor)
    }

    static func diskEncryption(from parts: LabelledParts) -> DiskEncryption? {
        guard parts["dm"] != nil || parts["/etc/crypttab"] != nil else { return nil }
        var names = lines(parts["/etc/crypttab"]).compactMap { $0.split(whereSeparator: \.isWhitespace).first.map(String.init) }
        for line in lines(parts["dm"]) {
            let fields = line.split(separator: " ")
            if fields.count == 2, fields[1].hasPrefix("CRYPT-"), !names.contains(String(fields[0])) {
                names.append(String(fields[0]))
            }
        }
        return DiskEncryption(method: "dm-crypt", encrypted: names)
    }

    static func lastBoot(from parts: LabelledParts) -> Date? {
        lines(parts["btime"]).first.flatMap { line in
            line.split(separator: " ").last.flatMap { TimeInterval($0) }.map { Date(timeIntervalSince1970: $0) }
        }
    }

    /// The latest of the package logs' last lines. dpkg, apt and zypper log local time without a
    /// zone, read here as UTC (at most a day off); dnf logs carry their offset.
    static func lastUpdate(from parts: LabelledParts) -> Date? {
        var dates: [Date] = []
        if let line = lines(parts["/var/log/dpkg.log"]).last { dates += [dateTime(line)].compactMap { $0 } }
        if let line = lines(parts["/var/log/apt/history.log"]).last {
            dates += [dateTime(line.dropFirst("End-Date:".count).trimmingCharacters(in: .whitespaces))].compactMap { $0 }
        }
        if let line = lines(parts["/var/log/zypp/history"]).last { dates += [dateTime(line)].compactMap { $0 } }
        if let line = lines(parts["/var/log/dnf.rpm.log"]).last, let word = line.split(separator: " ").first {
            dates += [isoDateTime(String(word))].compactMap { $0 }
        }
        if let line = lines(parts["/var/log/yum.log"]).last, let today = lines(parts["today"]).first {
            dates += [yumDateTime(line, today: today)].compactMap { $0 }
        }
        return dates.max()
    }

    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// `Nov 21 10:05:01 Updated: …` from yum.log, which writes no year: the host's date
    /// (`YYYY-MM-DD`) gives it, a year earlier for a day later in the year than today.
    static func yumDateTime(_ line: String, today: String) -> Date? {
        let words = line.split(separator: " ")
        let now = today.split(separator: "-").compactMap { Int($0) }
        guard words.count >= 3, now.count == 3, let index = monthNames.firstIndex(of: String(words[0])),
            let day = Int(words[1])
        else { return nil }
        let t = words[2].split(separator: ":").compactMap { Int($0) }
        guard t.count == 3 else { return nil }
        let month = index + 1
        let year = (month, day) > (now[1], now[2]) ? now[0] - 1 : now[0]
        return CivilTime.date(year: year, month: month, day: day, hour: t[0], minute: t[1], second: t[2])
    }

    /// `YYYY-MM-DD HH:MM:SS` at the start of a line (one or more spaces between date and time).
    static func dateTime(_ text: String) -> Date? {
        let words = text.split(whereSeparator: { $0 == " " || $0 == "|" })
        guard words.count >= 2 else { return nil }
        let d = words[0].split(separator: "-").compactMap { Int($0) }
        let t = words[1].split(separator: ":").compactMap { Int($0) }
        guard d.count == 3, t.count == 3 else { return nil }
        return CivilTime.date(year: d[0], month: d[1], day: d[2], hour: t[0], minute: t[1], second: t[2])
    }

    /// `2024-01-10T09:12:44+0700` (dnf) or `…Z`.
    static func isoDateTime(_ text: String) -> Date? {
        guard text.count >= 19 else { return nil }
        let base = text.prefix(19).replacingOccurrences(of: "T", with: " ")
        guard let local = dateTime(base) else { return nil }
        let zone = text.dropFirst(19)
        guard let sign = zone.first, sign == "+" || sign == "-" else { return local }
        let digits = zone.dropFirst().filter(\.isNumber)
        guard digits.count == 4, let hh = Int(digits.prefix(2)), let mm = Int(digits.suffix(2)) else { return local }
        let offset = TimeInterval((hh * 3600 + mm * 60) * (sign == "+" ? 1 : -1))
        return local.addingTimeInterval(-offset)
    }
}
