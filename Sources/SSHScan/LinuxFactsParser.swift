import Foundation
public import InventoryModel

/// Turns the Linux probe batch's evidence into `HostFacts`.
///
/// Pure: the same evidence always gives the same facts, so a stored scan can be parsed again by a
/// newer scanner. Hosts are untrusted, so every parser takes whatever bytes arrive (garbage,
/// truncated, invalid UTF-8) and answers "unknown" (nil, empty) rather than failing.
public enum LinuxFactsParser {
    public static func facts(from sections: [Evidence]) -> HostFacts {
        var byName: [String: String] = [:]
        for section in sections where byName[section.name] == nil {
            byName[section.name] = section.text
        }
        var facts = HostFacts()
        facts.hostname = byName["hostname"].flatMap(firstLine)
        facts.os = byName["os-release"].flatMap(OSRelease.operatingSystem(from:))
        facts.kernel = byName["kernel"].flatMap(firstLine)
        facts.uptimeSeconds = byName["uptime"].flatMap(SystemInfo.uptime(from:))
        facts.cpu = byName["cpuinfo"].flatMap(SystemInfo.cpu(from:))
        facts.memory = byName["meminfo"].flatMap(SystemInfo.memory(from:))
        if let text = byName["interfaces"] {
            let parts = LabelledParts(text)
            facts.interfaces = IPRoute.interfaces(
                addr: parts["ip -o addr show"] ?? "", link: parts["ip -o link show"] ?? "")
        }
        facts.defaultRoute = byName["route"].flatMap(IPRoute.defaultRoute(from:))
        facts.hardware = byName["dmi"].flatMap { SystemInfo.hardware(from: LabelledParts($0)) }
        if let text = byName["listening"] {
            // A family whose `ss` failed was read from /proc instead: both parts count.
            let parts = LabelledParts(text)
            let fromTables = ProcNetSockets.listening(from: parts)
            facts.listening = SocketStatistics.listening(from: parts).map {
                Set($0 + fromTables).sorted(by: ListeningSocket.reportOrder)
            } ?? fromTables
        }
        facts.sshd = byName["sshd"].flatMap { SSHDConfig.settings(from: LabelledParts($0)) }
        facts.antivirus = [
            byName["clamav"].flatMap { ClamAV.antivirus(from: LabelledParts($0)) },
            byName["mdatp"].flatMap { DefenderForEndpoint.antivirus(from: LabelledParts($0)) },
        ].compactMap { $0 }
        let parts = { (name: String) in byName[name].map(LabelledParts.init) }
        facts.packages = parts("packages").flatMap(Packages.installed(from:))
        facts.pendingUpdates = parts("updates").flatMap(Packages.pending(from:))
        facts.accounts = parts("accounts").flatMap(LinuxPosture.accounts(from:))
        facts.passwordPolicy = parts("password-policy").flatMap(LinuxPosture.passwordPolicy(from:))
        let services = parts("services").flatMap(LinuxPosture.Services.init)
        facts.firewall = parts("firewall").flatMap { LinuxPosture.firewall(from: $0, services: services) }
        facts.timeSync = parts("time-sync").flatMap { LinuxPosture.timeSync(from: $0, services: services) }
        facts.auditd = parts("auditd").flatMap { LinuxPosture.auditd(from: $0, services: services) }
        facts.mandatoryAccessControl = parts("mac").flatMap(LinuxPosture.mandatoryAccessControl(from:))
        facts.diskEncryption = parts("disk-encryption").flatMap(LinuxPosture.diskEncryption(from:))
        if let boot = parts("boot-update") {
            facts.lastBoot = LinuxPosture.lastBoot(from: boot)
            facts.lastUpdate = LinuxPosture.lastUpdate(from: boot)
        }
        return facts
    }

    /// The facts, with antivirus products beyond those read in depth (ClamAV, Defender for Endpoint)
    /// found through the catalogue's paths.
    public static func facts(from sections: [Evidence], catalogue: AntivirusCatalogue?) -> HostFacts {
        var facts = facts(from: sections)
        if let catalogue {
            let text = { (name: String) in sections.first { $0.name == name }?.text }
            let running = text("services").map(LabelledParts.init).flatMap(LinuxPosture.Services.init)?.running
            // A product a collector above already read in depth keeps its facts; the catalogue adds
            // whether its processes run.
            for found in LinuxAntivirus.products(paths: text("antivirus-paths"), running: running, catalogue: catalogue) {
                if let index = facts.antivirus.firstIndex(where: { $0.product == found.product }) {
                    facts.antivirus[index].running = facts.antivirus[index].running ?? found.running
                } else {
                    facts.antivirus.append(found)
                }
            }
        }
        return facts
    }

    /// The first line, trimmed; nil when empty.
    static func firstLine(_ text: String) -> String? {
        let line = text.split(maxSplits: 1, omittingEmptySubsequences: true, whereSeparator: \.isNewline).first
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        return line?.isEmpty == false ? line : nil
    }
}
