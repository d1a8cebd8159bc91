import Foundation
import InventoryModel

/// The time-sync daemon configured (chrony, systemd-timesyncd, ntpd), its servers, whether its
/// unit is enabled and its process runs, and whether the clock is synchronised now.
///
/// The synchronisation state comes from the daemon's own answer where the host has its tool
/// (`chronyc tracking` and `ntpq -pn` answer any local account), from the flag file timesyncd
/// keeps in /run (`/run/systemd/timesync/synchronized`), else from `timedatectl`. No daemon, or
/// one configured but not running, is a known answer (not synchronised), not an error; a running
/// daemon whose state nothing could read leaves it unknown.
enum TimeSyncConfig: SingleSectionLinuxCollector {
    /// Each daemon's configuration file, the name the fact gives it, its unit names and its
    /// process names; the first file present is the daemon in charge. The probe reads exactly
    /// these files, so the list is written once.
    static let daemons: [(file: String, daemon: String, units: [String], processes: [String])] = [
        ("/etc/chrony.conf", "chronyd", ["chronyd", "chrony"], ["chronyd"]),
        ("/etc/chrony/chrony.conf", "chronyd", ["chronyd", "chrony"], ["chronyd"]),
        ("/etc/systemd/timesyncd.conf", "systemd-timesyncd", ["systemd-timesyncd"], ["systemd-timesyn"]),
        ("/etc/ntp.conf", "ntpd", ["ntp", "ntpd"], ["ntpd"]),
        ("/etc/ntpsec/ntp.conf", "ntpd", ["ntpsec"], ["ntpd"]),
    ]

    static let chronycLabel = "chronyc tracking"
    static let ntpqLabel = "ntpq -pn"
    static let timedatectlLabel = "timedatectl NTPSynchronized"
    static let timesyncdFlag = "/run/systemd/timesync/synchronized"
    static let ntpdCommandLabel = "ntpd command line"

    static let section = ProbeSection(
        name: "time-sync",
        script:
            "for f in \(daemons.map(\.file).joined(separator: " ")); do "
            + "if [ -f \"$f\" ]; then part \"$f\"; grep -E '^[[:space:]]*(server|pool|NTP=|FallbackNTP=)' \"$f\"; fi; done; "
            + "if [ -e \(timesyncdFlag) ]; then part \(timesyncdFlag); fi; "
            + "if command -v chronyc >/dev/null 2>&1; then \(ToolAnswer.script(chronycLabel, "chronyc -n tracking", sudo: false))fi; "
            + "if command -v ntpq >/dev/null 2>&1; then \(ToolAnswer.script(ntpqLabel, "ntpq -pn", sudo: false))fi; "
            + "if command -v timedatectl >/dev/null 2>&1; then "
            + "\(ToolAnswer.script(timedatectlLabel, "timedatectl show -p NTPSynchronized --value", sudo: false))fi; "
            // busybox ntpd has no configuration file: its servers are its -p arguments.
            + "for c in /proc/[0-9]*/comm; do read -r n <\"$c\" && [ \"$n\" = ntpd ] && [ -r \"${c%/comm}/cmdline\" ] && "
            + "{ part '\(ntpdCommandLabel)'; tr '\\000' ' ' <\"${c%/comm}/cmdline\"; echo; break; }; done; true",
        source: "chrony.conf, timesyncd.conf, ntp.conf (server, pool, NTP= lines); chronyc -n tracking, ntpq -pn, "
            + "\(timesyncdFlag), timedatectl NTPSynchronized; ntpd's arguments",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.timeSync = evidence.parts(section.name).flatMap { timeSync(from: $0, services: evidence.services) }
    }

    static func timeSync(from parts: LabelledParts, services: SystemdUnits.State?) -> TimeSync? {
        var found: TimeSync?
        for candidate in daemons {
            guard let text = parts[candidate.file] else { continue }
            let servers = LinuxEvidence.lines(text).compactMap { line -> String? in
                if line.hasPrefix("NTP=") || line.hasPrefix("FallbackNTP=") {
                    return line.split(separator: "=", maxSplits: 1).last.map { String($0) }
                }
                return line.split(whereSeparator: \.isWhitespace).dropFirst().first.map(String.init)
            }.flatMap { $0.split(separator: " ").map(String.init) }
            found = TimeSync(
                daemon: candidate.daemon,
                enabled: services.map { $0.isEnabled(candidate.units) },
                running: services.map { $0.isRunning(candidate.processes) },
                servers: servers)
            break
        }
        if found == nil, let command = LinuxEvidence.lines(parts[ntpdCommandLabel]).first {
            // busybox ntpd: `ntpd -p pool.ntp.org -p 10.0.0.1`, no file.
            let words = command.split(separator: " ").map(String.init)
            let servers = zip(words, words.dropFirst()).filter { $0.0 == "-p" }.map(\.1)
            found = TimeSync(daemon: "ntpd", running: true, servers: servers)
        }
        if found == nil, let services, let running = daemons.first(where: { services.isRunning($0.processes) }) {
            // Running on its built-in defaults, without a file of its own in /etc.
            found = TimeSync(daemon: running.daemon, enabled: services.isEnabled(running.units), running: true)
        }
        guard var sync = found ?? services.map({ _ in TimeSync(daemon: nil) }) else { return nil }
        (sync.synchronized, sync.syncSource) = synchronized(sync, parts: parts)
        return sync
    }

    /// Whether the clock is synchronised, and what said so.
    static func synchronized(_ sync: TimeSync, parts: LabelledParts) -> (Bool?, String?) {
        if let text = ToolAnswer.success(chronycLabel, in: parts), let leap = chronyLeapStatus(text) {
            return (leap, chronycLabel)
        }
        if let text = ToolAnswer.success(ntpqLabel, in: parts), let peer = ntpqSystemPeer(text) {
            return (peer, ntpqLabel)
        }
        if sync.daemon == "systemd-timesyncd", sync.running != false, parts[timesyncdFlag] != nil {
            return (true, timesyncdFlag)
        }
        if let answer = ToolAnswer.success(timedatectlLabel, in: parts).flatMap(LinuxEvidence.firstLine), ["yes", "no"].contains(answer) {
            return (answer == "yes", timedatectlLabel)
        }
        if sync.daemon == nil, sync.running == nil, sync.enabled == nil { return (false, "no daemon") }
        if sync.running == false { return (false, "not running") }
        return (nil, nil)
    }

    /// `Leap status     : Normal` is synchronised; `Not synchronised` is not.
    static func chronyLeapStatus(_ text: String) -> Bool? {
        for line in LinuxEvidence.lines(text) where line.hasPrefix("Leap status") {
            guard let value = line.split(separator: ":", maxSplits: 1).last?.trimmingCharacters(in: .whitespaces) else { continue }
            return value != "Not synchronised"
        }
        return nil
    }

    /// `ntpq -pn`: a peer line starting with `*` is the system peer the clock follows; a table
    /// with peers but none selected is not synchronised; no table says nothing.
    static func ntpqSystemPeer(_ text: String) -> Bool? {
        let lines = LinuxEvidence.lines(text)
        guard let rule = lines.firstIndex(where: { $0.hasPrefix("====") }) else { return nil }
        let peers = lines[(rule + 1)...]
        guard !peers.isEmpty else { return false }
        return peers.contains { $0.hasPrefix("*") || $0.hasPrefix("o") }
    }
}
