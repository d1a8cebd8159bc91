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

    public static func facts(from sections: [Evidence], catalogue: AntivirusCatalogue? = nil) -> HostFacts {
        let evidence = WindowsEvidence(sections, catalogue: catalogue)
        var facts = HostFacts()
        for collector in collectors { collector.collect(evidence, into: &facts) }
        SSHServerOffer.collect(evidence.text(ServerKexInit.evidenceName), into: &facts)
        return facts
    }
}
