import Foundation
public import InventoryModel

/// Turns the Linux probe batch's evidence into `HostFacts`, one collector per fact area.
///
/// Pure: the same evidence always gives the same facts, so a stored scan can be parsed again by a
/// newer scanner. Hosts are untrusted, so every parser takes whatever bytes arrive (garbage,
/// truncated, invalid UTF-8) and answers "unknown" (nil, empty) rather than failing.
public enum LinuxFactsParser {
    /// Every built-in fact area, in batch order: the batch is their sections, parsing is this list.
    /// A new fact is a new collector here (or a change inside one), nothing else.
    static var collectors: [any LinuxCollector.Type] {
        [
        SystemInfo.self, IPRoute.self, DMIFirmware.self, SocketStatistics.self, SSHDConfig.self, ClamAV.self,
        DefenderForEndpoint.self, Packages.self, PendingUpdates.self, PasswdShadow.self, PasswordPolicyFiles.self,
        SystemdUnits.self, FirewallConfig.self, TimeSyncConfig.self, AuditRules.self, SystemLogs.self, SELinuxAppArmor.self,
        CryptTab.self, BootAndPackageLogs.self,
        ]
    }

    public static func facts(from sections: [Evidence]) -> HostFacts {
        facts(from: LinuxEvidence(sections))
    }

    /// The facts, with antivirus products beyond those read in depth (ClamAV, Defender for Endpoint)
    /// found through the catalogue's paths.
    /// The facts, with antivirus products beyond those read in depth (ClamAV, Defender for Endpoint)
    /// found through the catalogue's paths; the server's banner names the OpenSSH version when no
    /// package does.
    public static func facts(
        from sections: [Evidence], catalogue: AntivirusCatalogue?, serverBanner: String? = nil
    ) -> HostFacts {
        facts(from: LinuxEvidence(sections, catalogue: catalogue, serverBanner: serverBanner))
    }

    static func facts(from evidence: LinuxEvidence) -> HostFacts {
        var facts = HostFacts()
        for collector in collectors where !collector.readsOtherFacts { collector.collect(evidence, into: &facts) }
        for collector in collectors where collector.readsOtherFacts { collector.collect(evidence, into: &facts) }
        LinuxAntivirus.collect(evidence, into: &facts)
        collectServerOffer(evidence, into: &facts)
        return facts
    }
}
