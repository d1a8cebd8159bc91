import Foundation
import InventoryModel

/// Enabled systemd units and running program names, which the firewall, time-sync, auditd and
/// antivirus collectors consult (read once, in `LinuxEvidence.services`). No fact of its own.
enum SystemdUnits: SingleSectionLinuxCollector {
    static let enabledLabel = "enabled"
    static let runningLabel = "running"

    // A glob lists a .wants directory as `ls` does (C-locale order, no dot files; `-L` keeps the
    // dangling links of masked units).
    static let section = ProbeSection(
        name: "services",
        script:
            "part \(enabledLabel); for d in /etc/systemd/system/*.wants; do if [ -d \"$d\" ]; then for f in \"$d\"/*; do "
            + "if [ -e \"$f\" ] || [ -L \"$f\" ]; then printf '%s\\n' \"${f##*/}\"; fi; done; fi; done; "
            // Unsorted, with repeats: the parser keeps a set, and a `| sort -u` would cost the
            // host a fork and an exec.
            + "part \(runningLabel); for f in /proc/[0-9]*/comm; do read -r c <\"$f\" && echo \"$c\"; done; true",
        source: "ls /etc/systemd/system/*.wants (enabled units); /proc/*/comm (running programs)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {}

    /// Enabled unit file names and running program names (`/proc/PID/comm`, 15 bytes at most).
    struct State {
        var enabled: Set<String>
        var running: Set<String>

        init?(_ parts: LabelledParts) {
            guard let running = parts[SystemdUnits.runningLabel] else { return nil }
            enabled = Set(LinuxEvidence.lines(parts[SystemdUnits.enabledLabel]))
            self.running = Set(LinuxEvidence.lines(running))
        }

        func isEnabled(_ units: String...) -> Bool { isEnabled(units) }
        func isEnabled(_ units: [String]) -> Bool { units.contains { enabled.contains($0 + ".service") } }
        func isRunning(_ names: String...) -> Bool { isRunning(names) }
        func isRunning(_ names: [String]) -> Bool { names.contains { running.contains($0) } }
    }
}
