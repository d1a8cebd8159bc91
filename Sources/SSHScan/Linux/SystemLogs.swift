import Foundation
import InventoryModel

/// Whether the host keeps its logs past a reboot: journald's `Storage=` and `/var/log/journal`,
/// and the file or remote targets of the syslog daemon that runs (rsyslog, syslog-ng, busybox or
/// sysklogd `syslogd`).
///
/// `systemctl is-active systemd-journald` answers "active" on every systemd host, whether the
/// journal lives in /run (lost at each reboot) or on disk; and a syslog daemon whose output goes
/// to memory (`syslogd -C`) keeps nothing either. Everything read here is world-readable
/// configuration plus the running programs, so a plain account sees what root sees.
enum SystemLogs: SingleSectionLinuxCollector {
    static let journaldMain = "/etc/systemd/journald.conf"
    /// Drop-in directories in the order systemd lets them override one another (a later one wins
    /// for the same file name).
    static let journaldDropIns = ["/usr/lib/systemd/journald.conf.d", "/run/systemd/journald.conf.d", "/etc/systemd/journald.conf.d"]
    static let journalDirectory = "/var/log/journal"
    static let rsyslog = ["/etc/rsyslog.conf", "/etc/rsyslog.d"]
    static let syslogNG = ["/etc/syslog-ng/syslog-ng.conf", "/etc/syslog-ng/conf.d"]
    static let syslogConf = "/etc/syslog.conf"
    static let journaldPrefix = "journald "
    static let syslogPrefix = "syslog "
    static let journalDirectoryLabel = "journal directory"
    static let syslogdCommandLabel = "syslogd command line"

    /// The running program names of journald and the syslog daemons (`/proc/PID/comm`, 15 bytes).
    static let journaldProcess = "systemd-journal"
    static let syslogDaemons = ["rsyslogd", "syslog-ng", "syslogd"]

    static let section = ProbeSection(
        name: "logging",
        script:
            "for f in \(journaldMain) \(journaldDropIns.map { "\($0)/*.conf" }.joined(separator: " ")); do "
            + "if [ -f \"$f\" ]; then part \"\(journaldPrefix)$f\"; grep -E '^[[:space:]]*Storage[[:space:]]*=' \"$f\"; fi; done; "
            + "if [ -d \(journalDirectory) ]; then part '\(journalDirectoryLabel)'; fi; "
            + "for f in \(rsyslog[0]) \(rsyslog[1])/*.conf \(syslogNG[0]) \(syslogNG[1])/*.conf \(syslogConf); do "
            + "if [ -f \"$f\" ]; then part \"\(syslogPrefix)$f\"; grep -v '^[[:space:]]*#' \"$f\" | head -c $ictaudit_cap; fi; done; "
            // busybox syslogd takes its targets from its arguments (-O file, -R host, -C memory).
            + "for c in /proc/[0-9]*/comm; do read -r n <\"$c\" && [ \"$n\" = syslogd ] && [ -r \"${c%/comm}/cmdline\" ] && "
            + "{ part '\(syslogdCommandLabel)'; tr '\\000' ' ' <\"${c%/comm}/cmdline\"; echo; break; }; done; true",
        source: "journald.conf and drop-ins (Storage=), /var/log/journal, rsyslog, syslog-ng and syslog.conf, syslogd's arguments",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.logging = evidence.parts(section.name).map { logging(from: $0, services: evidence.services) }
    }

    static func logging(from parts: LabelledParts, services: SystemdUnits.State?) -> SystemLogging {
        let journaldFiles = parts.parts.filter { $0.label.hasPrefix(journaldPrefix) }
        let journaldRunning = services.map { $0.isRunning(journaldProcess) }
        var storage: String?
        if !journaldFiles.isEmpty || journaldRunning == true {
            storage = "auto"
            for file in orderedJournaldFiles(journaldFiles.map { String($0.label.dropFirst(journaldPrefix.count)) }) {
                guard let text = parts[journaldPrefix + file] else { continue }
                for line in LinuxEvidence.lines(text) {
                    let pair = line.split(separator: "=", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
                    if pair.count == 2, pair[0] == "Storage", !pair[1].isEmpty { storage = pair[1].lowercased() }
                }
            }
        }
        let directory = parts[journalDirectoryLabel] != nil
        let daemon = services.flatMap { s in syslogDaemons.first { s.isRunning($0) } }
        let targets = daemon.map { syslogTargets(daemon: $0, parts: parts) } ?? []
        var persistent: Bool?
        if let services {
            let journal = services.isRunning(journaldProcess) && (storage == "persistent" || (storage == "auto" && directory))
            persistent = journal || (daemon != nil && !targets.isEmpty)
        }
        return SystemLogging(
            journaldStorage: storage, journalDirectory: directory, journaldRunning: journaldRunning, syslogDaemon: daemon,
            syslogTargets: targets, persistent: persistent)
    }

    /// The main file first, then drop-ins by file name, a later directory's file replacing an
    /// earlier one of the same name, as systemd reads them.
    static func orderedJournaldFiles(_ files: [String]) -> [String] {
        var byName: [String: String] = [:]
        for directory in journaldDropIns {
            for file in files where file.hasPrefix(directory + "/") { byName[String(file.dropFirst(directory.count + 1))] = file }
        }
        return (files.contains(journaldMain) ? [journaldMain] : []) + byName.keys.sorted().compactMap { byName[$0] }
    }

    /// The running daemon's file and remote targets, from its own configuration.
    static func syslogTargets(daemon: String, parts: LabelledParts) -> [String] {
        func texts(_ prefixes: [String]) -> [String] {
            parts.parts.filter { part in
                part.label.hasPrefix(syslogPrefix)
                    && prefixes.contains { part.label.dropFirst(syslogPrefix.count).hasPrefix($0) }
            }.map(\.text)
        }
        var targets: [String] = []
        switch daemon {
        case "rsyslogd":
            for text in texts(rsyslog) { targets += LinuxEvidence.lines(text).compactMap(rsyslogTarget) }
        case "syslog-ng":
            for text in texts(syslogNG) { targets += syslogNGTargets(text) }
        default:
            // busybox syslogd: /var/log/messages unless -O names another file; -C logs to a memory
            // buffer instead; -R sends to another host (with -L, locally as well). sysklogd's
            // syslogd reads syslog.conf, written like rsyslog's legacy lines.
            let words = LinuxEvidence.lines(parts[syslogdCommandLabel]).first?.split(separator: " ").map(String.init) ?? []
            var file: String? = "/var/log/messages"
            var remote: String?
            var local = false
            var i = 1
            while i < words.count {
                let w = words[i]
                if w == "-O", i + 1 < words.count { file = words[i + 1]; i += 1 }
                else if w.hasPrefix("-O") && w.count > 2 { file = String(w.dropFirst(2)) }
                else if w.hasPrefix("-C") { file = nil }
                else if w == "-R", i + 1 < words.count { remote = words[i + 1]; i += 1 }
                else if w.hasPrefix("-R") && w.count > 2 { remote = String(w.dropFirst(2)) }
                else if w == "-L" { local = true }
                i += 1
            }
            if let remote {
                targets.append("@" + remote)
                if !local { file = nil }
            }
            let configured = texts([syslogConf]).flatMap { LinuxEvidence.lines($0).compactMap(rsyslogTarget) }
            if let file { targets += configured.isEmpty ? [file] : configured }
        }
        // A console or a kernel file is not a log kept anywhere.
        var seen: Set<String> = []
        return targets.filter { !$0.hasPrefix("/dev/") && !$0.hasPrefix("/proc/") && seen.insert($0).inserted }
    }

    /// One rsyslog (or syslog.conf) line's target: `auth.* /var/log/auth.log`, `*.* -/var/log/syslog`,
    /// `*.* @@logs.example:514`, or RainerScript `action(type="omfile" file="…")` /
    /// `action(type="omfwd" target="…")`.
    static func rsyslogTarget(_ line: String) -> String? {
        let lower = line.lowercased()
        if lower.contains("omfile") { return quotedValue(of: "file", in: line) }
        if lower.contains("omfwd") { return quotedValue(of: "target", in: line).map { "@" + $0 } }
        guard !line.hasPrefix("$"), !line.contains("(") else { return nil }
        // A legacy line's comment runs from its `#` to the end.
        let words = line.prefix { $0 != "#" }.split(whereSeparator: \.isWhitespace)
        guard words.count >= 2, let last = words.last else { return nil }
        let selector = words[0]
        guard selector.contains(".") else { return nil }
        if last.hasPrefix("-/") { return String(last.dropFirst()) }
        if last.hasPrefix("/") { return String(last) }
        if last.hasPrefix("@") { return "@" + last.drop { $0 == "@" } }
        return nil
    }

    /// `name="value"` (any case) in a RainerScript statement.
    static func quotedValue(of name: String, in line: String) -> String? {
        let lower = line.lowercased()
        var search = lower.startIndex
        while let found = lower.range(of: name, range: search..<lower.endIndex) {
            var i = found.upperBound
            while i < lower.endIndex, lower[i] == " " { i = lower.index(after: i) }
            if i < lower.endIndex, lower[i] == "=" {
                i = lower.index(after: i)
                while i < lower.endIndex, lower[i] == " " { i = lower.index(after: i) }
                if i < lower.endIndex, lower[i] == "\"" {
                    let start = line.index(after: i)
                    if let end = line[start...].firstIndex(of: "\"") { return String(line[start..<end]) }
                }
            }
            search = found.upperBound
        }
        return nil
    }

    /// syslog-ng destinations: `file("/var/log/messages")`, and `network("host")`, `tcp("host")`,
    /// `udp("host")`, `syslog("host")` for another host.
    static func syslogNGTargets(_ text: String) -> [String] {
        var targets: [String] = []
        for (driver, remote) in [("file", false), ("network", true), ("tcp", true), ("udp", true), ("syslog", true)] {
            var search = text.startIndex
            while let found = text.range(of: driver + "(", range: search..<text.endIndex) {
                search = found.upperBound
                // A whole word: `logfile(` or `syslog-ng(` are not this driver.
                if found.lowerBound > text.startIndex {
                    let before = text[text.index(before: found.lowerBound)]
                    if before.isLetter || before.isNumber || before == "_" || before == "-" { continue }
                }
                var i = found.upperBound
                while i < text.endIndex, text[i] == " " { i = text.index(after: i) }
                guard i < text.endIndex, text[i] == "\"" || text[i] == "'" else { continue }
                let quote = text[i]
                let start = text.index(after: i)
                guard let end = text[start...].firstIndex(of: quote) else { continue }
                let value = String(text[start..<end])
                targets.append(remote ? "@" + value : value)
            }
        }
        return targets
    }
}
