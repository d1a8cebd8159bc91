import Foundation
import InventoryModel

/// Which firewall front ends are configured (ufw, firewalld, nftables, iptables rules files) and
/// whether one is switched on, from their files and the enabled units.
enum FirewallConfig: SingleSectionLinuxCollector {
    static let ufw = "/etc/ufw/ufw.conf"
    static let firewalld = "/etc/firewalld/firewalld.conf"
    static let nftables = ["/etc/nftables.conf", "/etc/sysconfig/nftables.conf"]
    static let iptables = ["/etc/iptables/rules.v4", "/etc/sysconfig/iptables"]

    static let section = ProbeSection(
        name: "firewall",
        script:
            "for f in \(([ufw, firewalld] + nftables + iptables).joined(separator: " ")); do "
            + "if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\" | head -n 200; fi; done; true",
        source: "ufw.conf, firewalld.conf, nftables.conf, iptables rules files",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.firewall = evidence.parts(section.name).flatMap { firewall(from: $0, services: evidence.services) }
    }

    static func firewall(from parts: LabelledParts, services: SystemdUnits.State?) -> Firewall? {
        var backends: [String] = []
        var enabled: Bool?
        func switchOn(_ on: Bool) { enabled = (enabled ?? false) || on }
        if let text = parts[ufw] {
            backends.append("ufw")
            switchOn(LinuxEvidence.keyValues(text)["ENABLED"]?.lowercased() == "yes")
        }
        if parts[firewalld] != nil {
            backends.append("firewalld")
            if let services { switchOn(services.isEnabled("firewalld") || services.isRunning("firewalld")) }
        }
        if nftables.contains(where: { parts[$0] != nil }) {
            backends.append("nftables")
            if let services { switchOn(services.isEnabled("nftables")) }
        }
        if iptables.contains(where: { parts[$0] != nil }) {
            backends.append("iptables")
            if let services { switchOn(services.isEnabled("iptables", "netfilter-persistent")) }
        }
        if backends.isEmpty {
            // Nothing configured: off, as far as files and services can tell.
            return services.map { _ in Firewall(enabled: false) }
        }
        return Firewall(enabled: enabled, backends: backends)
    }
}
