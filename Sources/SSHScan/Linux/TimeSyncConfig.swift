import Foundation
import InventoryModel

/// The time-sync daemon configured (chrony, systemd-timesyncd, ntpd), its servers, and whether
/// its unit is enabled and its process runs.
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

    static let section = ProbeSection(
        name: "time-sync",
        script:
            "for f in \(daemons.map(\.file).joined(separator: " ")); do "
            + "if [ -f \"$f\" ]; then part \"$f\"; grep -E '^[[:space:]]*(server|pool|NTP=|FallbackNTP=)' \"$f\"; fi; done; true",
        source: "chrony.conf, timesyncd.conf, ntp.conf (server, pool, NTP= lines)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.timeSync = evidence.parts(section.name).flatMap { timeSync(from: $0, services: evidence.services) }
    }

    static func timeSync(from parts: LabelledParts, services: SystemdUnits.State?) -> TimeSync? {
        for candidate in daemons {
            guard let text = parts[candidate.file] else { continue }
            let servers = LinuxEvidence.lines(text).compactMap { line -> String? in
                if line.hasPrefix("NTP=") || line.hasPrefix("FallbackNTP=") {
                    return line.split(separator: "=", maxSplits: 1).last.map { String($0) }
                }
                return line.split(whereSeparator: \.isWhitespace).dropFirst().first.map(String.init)
            }.flatMap { $0.split(separator: " ").map(String.init) }
            return TimeSync(
                daemon: candidate.daemon,
                enabled: services.map { $0.isEnabled(candidate.units) },
                running: services.map { $0.isRunning(candidate.processes) },
                servers: servers)
        }
        return services.map { _ in TimeSync(daemon: nil) }
    }
}
