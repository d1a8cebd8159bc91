import Foundation
import InventoryModel

/// The Linux audit daemon: installed, enabled, running, and how many rules its files hold.
enum AuditRules: SingleSectionLinuxCollector {
    static let installedLabel = "installed"
    static let rulesLabel = "rules"

    // `head -q` concatenates the rules files as `cat` would, without labels.
    static let section = ProbeSection(
        name: "auditd",
        script:
            "if [ -d /etc/audit ] || [ -x /sbin/auditd ] || [ -x /usr/sbin/auditd ]; then part \(installedLabel); "
            + "set -- /etc/audit/rules.d/*.rules; if [ -e \"$1\" ]; then part \(rulesLabel); head -q -c $ictaudit_cap \"$@\"; "
            + "elif [ -r /etc/audit/audit.rules ]; then part \(rulesLabel); head -c $ictaudit_cap /etc/audit/audit.rules; fi; fi; true",
        source: "/etc/audit, /etc/audit/rules.d/*.rules (else audit.rules)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.auditd = evidence.parts(section.name).flatMap { auditd(from: $0, services: evidence.services) }
    }

    static func auditd(from parts: LabelledParts, services: SystemdUnits.State?) -> AuditDaemon? {
        guard parts[installedLabel] != nil else { return services.map { _ in AuditDaemon(installed: false) } }
        // Control lines (-D delete, -b buffer, -f failure mode, -e enable) are not rules.
        let rules = parts[rulesLabel].map { text in
            LinuxEvidence.lines(text).filter { !$0.hasPrefix("#") && !["-D", "-b", "-f", "-e", "-r"].contains(String($0.prefix(2))) }.count
        }
        return AuditDaemon(
            installed: true, enabled: services.map { $0.isEnabled("auditd") }, running: services.map { $0.isRunning("auditd") },
            ruleCount: rules)
    }
}
