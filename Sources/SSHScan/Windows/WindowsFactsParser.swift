import Foundation
public import InventoryModel

/// Turns the Windows probe's evidence into `HostFacts`, one collector per fact area.
///
/// Pure, like `LinuxFactsParser`: anything a section prints that is not what its collector
/// expects gives "unknown", never an error.
public enum WindowsFactsParser {
    /// Every built-in fact area, in batch order: `WindowsProbe.builtIn` is their sections.
    static var collectors: [any WindowsCollector.Type] {
        [
        WindowsLanguageMode.self, WindowsOperatingSystem.self, WindowsComputerSystem.self, WindowsHotFixes.self, WindowsAntivirus.self,
        WindowsFirewallProfiles.self, WindowsListening.self, WindowsAdministrators.self, NetAccounts.self,
        WindowsBitLocker.self, WindowsSMB1.self, WindowsAuditPolicy.self, WindowsTimeSync.self,
        WindowsRemoteDesktop.self,
        ]
    }

    /// The facts each section gives (paths below `host.`), so a failed section's words explain the
    /// facts it leaves unknown. The antivirus sections stand together: any one answering is enough.
    static let factsOfSection: [String: [String]] = [
        "language-mode": ["powershell_language_mode"], "os": ["os", "hostname", "kernel", "last_boot"],
        "computer": ["cpu", "memory", "hardware"], "hotfixes": ["hotfixes", "last_update", "days_since_update"],
        "firewall": ["firewall"], "listening": ["listening"], "admins": ["accounts.administrators"],
        "guest": ["accounts.guest_enabled"], "password-policy": ["password_policy"], "bitlocker": ["disk_encryption"],
        "smb1": ["smb1_enabled"], "smb1-client": ["smb1_client_enabled"], "audit-policy": ["audit_policy"],
        "time-sync": ["time_sync"], "rdp": ["remote_desktop"],
    ]

    /// Why facts are unknown: each failed (or cut) section's first line of PowerShell's words.
    static func unknownReasons(_ sections: [Evidence], facts: HostFacts) -> [String: String]? {
        var reasons: [String: String] = [:]
        func said(_ section: Evidence) -> String {
            let words = section.text.split(whereSeparator: \.isNewline).first.map {
                $0.trimmingCharacters(in: .whitespaces)
            } ?? ""
            let status = section.exitCode.map { "exit code \($0)" } ?? "cut before its end"
            return "\(section.source) failed (\(status))" + (words.isEmpty ? "" : ": \(words.prefix(300))")
        }
        for section in sections where section.exitCode != 0 || section.truncated {
            for path in factsOfSection[section.name] ?? [] where reasons[path] == nil { reasons[path] = said(section) }
        }
        if facts.antivirusUnknown == true {
            reasons["antivirus"] = sections.filter { ["antivirus", "defender", WindowsAntivirus.servicesSection].contains($0.name) }
                .map(said).joined(separator: "; ")
        }
        // Security Center tells whether a third-party product's signatures are current, never their date.
        for (index, product) in facts.antivirus.enumerated() where product.signatureDate == nil && product.signaturesUpToDate != nil {
            reasons["antivirus[\(index)].signature_date"] =
                "Security Center gives \(product.product)'s signature state (up to date: \(product.signaturesUpToDate! ? "yes" : "no")), "
                + "not its date; the vendor's own tool or registry key is needed"
        }
        return reasons.isEmpty ? nil : reasons
    }

    public static func facts(from sections: [Evidence], catalogue: AntivirusCatalogue? = nil) -> HostFacts {
        let evidence = WindowsEvidence(sections, catalogue: catalogue)
        var facts = HostFacts()
        for collector in collectors { collector.collect(evidence, into: &facts) }
        facts.unknownReasons = unknownReasons(sections, facts: facts)
        SSHServerOffer.collect(evidence.text(ServerKexInit.evidenceName), into: &facts)
        return facts
    }
}
