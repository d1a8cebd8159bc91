import Foundation
import InventoryModel

/// The host firewall: which front ends are configured (ufw, firewalld, nftables, iptables rules
/// files) and switched on, from their files and the enabled units; and what the kernel really
/// does with an incoming packet no rule allows, from the loaded rules (`NetfilterRules`).
///
/// Listing the loaded rules needs CAP_NET_ADMIN: a plain account gets "Operation not permitted",
/// which is `denied` here (unknown), never "no firewall"; the scan asks again through `sudo -n`
/// where the inventory allows it. A host with neither nft nor iptables has nothing that could
/// load a rule: its input is open, a known answer.
enum FirewallConfig: LinuxCollector {
    static let sectionName = "firewall"
    static let ufw = "/etc/ufw/ufw.conf"
    static let firewalld = "/etc/firewalld/firewalld.conf"
    static let nftables = ["/etc/nftables.conf", "/etc/sysconfig/nftables.conf"]
    static let iptables = ["/etc/iptables/rules.v4", "/etc/sysconfig/iptables"]
    /// The tools asked for the loaded rules, each with the label its answer is printed under.
    static let nftLabel = "nft list ruleset"
    static let iptablesLabel = "iptables-save -t filter"
    static let ip6tablesLabel = "ip6tables-save -t filter"
    static let tools = [("nft", nftLabel), ("iptables-save", iptablesLabel), ("ip6tables-save", ip6tablesLabel)]
    static let inet6File = "/proc/net/if_inet6"
    static let noInet6Label = "no if_inet6"

    static func sections(sudo: Bool) -> [ProbeSection] {
        [
            ProbeSection(
                name: sectionName,
                script:
                    "for f in \(([ufw, firewalld] + nftables + iptables).joined(separator: " ")); do "
                    + "if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\" | head -n 200; fi; done; "
                    + tools.map { tool, label in
                        "if command -v \(tool) >/dev/null 2>&1; then \(ToolAnswer.script(label, label, sudo: sudo))fi; "
                    }.joined()
                    + "if [ -r \(inet6File) ]; then part \(inet6File); head -c $ictaudit_cap \(inet6File); else part '\(noInet6Label)'; fi; true",
                source: "ufw.conf, firewalld.conf, nftables.conf, iptables rules files; "
                    + (sudo ? "nft list ruleset, iptables-save, ip6tables-save (through sudo -n when denied)" : "nft list ruleset, iptables-save, ip6tables-save")
                    + "; \(inet6File)",
                inline: true)
        ]
    }

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let parts = evidence.parts(sectionName) else { return }
        facts.firewall = firewall(from: parts, services: evidence.services)
        if facts.firewall?.status == .denied {
            let refusal = tools.compactMap { ToolAnswer.answer($0.1, in: parts) }.first { $0.status != 0 }
                .flatMap { LinuxEvidence.firstLine($0.text) } ?? "refused"
            for field in ["input_policy_v4", "input_policy_v6"] where facts.firewall?.inputPolicyV4 == nil || field.hasSuffix("v6") {
                facts.noteUnknown(
                    "firewall.\(field)",
                    "listing the loaded rules needs CAP_NET_ADMIN (scan as root or allow sudo -n); the host said: \(refusal)")
            }
        }
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
        var firewall: Firewall
        if backends.isEmpty {
            // Nothing configured: off, as far as files and services can tell.
            firewall = Firewall(enabled: services.map { _ in false })
        } else {
            firewall = Firewall(enabled: enabled, backends: backends)
        }
        loaded(from: parts, into: &firewall)
        return firewall
    }

    /// The loaded rules' default input verdicts, the tool that wrote them, and whether they could
    /// be read at all.
    static func loaded(from parts: LabelledParts, into firewall: inout Firewall) {
        if parts[inet6File] != nil || parts[noInet6Label] != nil {
            firewall.ipv6Active = LinuxEvidence.lines(parts[inet6File]).contains { line in
                line.split(whereSeparator: \.isWhitespace).last.map { $0 != "lo" } ?? false
            }
        }
        let asked = tools.compactMap { ToolAnswer.answer($0.1, in: parts) }
        guard !asked.isEmpty else {
            // No nft, no iptables: nothing on the host can load a rule.
            guard parts[inet6File] != nil || parts[noInet6Label] != nil else { return }
            firewall.status = .noTool
            firewall.inputPolicyV4 = NetfilterRules.Verdict.accept.rawValue
            firewall.inputPolicyV6 = NetfilterRules.Verdict.accept.rawValue
            return
        }
        let denied = asked.contains { $0.status != 0 }
        let nft = ToolAnswer.success(nftLabel, in: parts).map(NetfilterRules.nftInput)
        let v4 = ToolAnswer.success(iptablesLabel, in: parts).map(NetfilterRules.iptablesInput)
        let v6 = ToolAnswer.success(ip6tablesLabel, in: parts).map(NetfilterRules.iptablesInput)
        /// A drop read anywhere is a drop (every input chain sees the packet); accept only when
        /// every tool answered.
        func combine(_ verdicts: [NetfilterRules.Verdict??]) -> String? {
            let read = verdicts.compactMap { $0 }
            if read.contains(where: { $0 == .drop }) { return NetfilterRules.Verdict.drop.rawValue }
            return denied ? nil : NetfilterRules.Verdict.accept.rawValue
        }
        firewall.status = denied ? .denied : .ok
        firewall.inputPolicyV4 = combine([nft.map(\.v4), v4])
        firewall.inputPolicyV6 = combine([nft.map(\.v6), v6])
        let iptablesText = [iptablesLabel, ip6tablesLabel].compactMap { ToolAnswer.success($0, in: parts) }.joined()
        // firewalld's own table (nftables backend) or its zone chains (iptables backend, RHEL 7).
        if nft?.tables.contains(where: { $0.hasSuffix(" firewalld") }) == true || iptablesText.contains(":INPUT_ZONES ") {
            firewall.backend = "firewalld"
        } else if iptablesText.contains(":ufw-") || ToolAnswer.success(nftLabel, in: parts)?.contains("chain ufw-") == true {
            firewall.backend = "ufw"
        } else if nft.map({ $0.v4 != nil || $0.v6 != nil }) == true {
            firewall.backend = "nftables"
        } else if v4 != nil || v6 != nil {
            firewall.backend = "iptables"
        }
    }
}
