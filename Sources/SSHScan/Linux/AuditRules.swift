import Foundation
import InventoryModel

/// The Linux audit daemon: installed, enabled, running, the rules its files configure and the
/// rules the kernel has actually loaded.
///
/// auditd runs happily with no rules, and the files say what `augenrules` would load, not what is
/// loaded: only `auditctl -l` tells, and it needs root (asked through `sudo -n` where the inventory
/// allows it). A plain account still reads the files where they are readable (Debian's
/// /etc/audit/rules.d is 0750): `configured`, a weaker answer; neither readable is `error`.
enum AuditRules: LinuxCollector {
    static let sectionName = "auditd"
    static let installedLabel = "installed"
    static let rulesLabel = "rules"
    static let unreadableLabel = "rules unreadable"
    static let listLabel = "auditctl -l"
    static let statusLabel = "auditctl -s"

    // `head -q` concatenates the rules files as `cat` would, without labels. An unreadable
    // rules.d glob does not expand, so it is told apart from an empty one by its permissions.
    static func sections(sudo: Bool) -> [ProbeSection] {
        [
            ProbeSection(
                name: sectionName,
                script:
                    "if [ -d /etc/audit ] || [ -x /sbin/auditd ] || [ -x /usr/sbin/auditd ]; then part \(installedLabel); "
                    + "if [ -d /etc/audit/rules.d ] && ! { [ -r /etc/audit/rules.d ] && [ -x /etc/audit/rules.d ]; }; then part '\(unreadableLabel)'; "
                    + "else set -- /etc/audit/rules.d/*.rules; if [ -e \"$1\" ]; then part \(rulesLabel); head -q -c $ictaudit_cap \"$@\"; "
                    + "elif [ -e /etc/audit/audit.rules ] && [ ! -r /etc/audit/audit.rules ]; then part '\(unreadableLabel)'; "
                    + "else part \(rulesLabel); if [ -r /etc/audit/audit.rules ]; then head -c $ictaudit_cap /etc/audit/audit.rules; fi; fi; fi; "
                    + "if command -v auditctl >/dev/null 2>&1; then \(ToolAnswer.script(listLabel, listLabel, sudo: sudo))"
                    + "\(ToolAnswer.script(statusLabel, statusLabel, sudo: sudo))fi; fi; true",
                source: "/etc/audit, /etc/audit/rules.d/*.rules (else audit.rules); auditctl -l and -s"
                    + (sudo ? " (through sudo -n when denied)" : ""),
                inline: true)
        ]
    }

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let parts = evidence.parts(sectionName) else { return }
        facts.auditd = auditd(from: parts, services: evidence.services)
        if let auditd = facts.auditd, auditd.installed, auditd.loadedRuleCount == nil {
            let refusal = ToolAnswer.answer(listLabel, in: parts).flatMap { LinuxEvidence.firstLine($0.text) } ?? "auditctl is not installed"
            for field in ["loaded_rules", "kernel_enabled"] {
                facts.noteUnknown(
                    "auditd.\(field)",
                    "auditctl needs root (scan as root or allow sudo -n); the rules files are only what is configured; the host said: \(refusal)")
            }
        }
    }

    static func auditd(from parts: LabelledParts, services: SystemdUnits.State?) -> AuditDaemon? {
        guard parts[installedLabel] != nil else {
            // Not installed: not running either, a known answer.
            return services.map { _ in AuditDaemon(installed: false, running: false, loadedRuleCount: 0) }
        }
        // Control lines (-D delete, -b buffer, -f failure mode, -e enable) are not rules.
        let rules = parts[rulesLabel].map { text in
            LinuxEvidence.lines(text).filter { !$0.hasPrefix("#") && !["-D", "-b", "-f", "-e", "-r"].contains(String($0.prefix(2))) }.count
        }
        let loaded = ToolAnswer.success(listLabel, in: parts).map(loadedRules)
        let status = ToolAnswer.success(statusLabel, in: parts).flatMap(kernelEnabled)
        return AuditDaemon(
            installed: true, enabled: services.map { $0.isEnabled("auditd") }, running: services.map { $0.isRunning("auditd") },
            ruleCount: rules, loadedRuleCount: loaded, kernelEnabled: status,
            rulesStatus: loaded != nil ? "loaded" : rules != nil ? "configured" : "error")
    }

    /// `auditctl -l`: one rule a line, or `No rules`.
    static func loadedRules(_ text: String) -> Int {
        LinuxEvidence.lines(text).filter { $0.hasPrefix("-") }.count
    }

    /// `auditctl -s`: `enabled 1` (on), `2` (on and locked), `0` (off).
    static func kernelEnabled(_ text: String) -> Bool? {
        for line in LinuxEvidence.lines(text) {
            let words = line.split(separator: " ")
            if words.count == 2, words[0] == "enabled", let value = Int(words[1]) { return value != 0 }
        }
        return nil
    }
}
