import Foundation
import InventoryModel

/// Mandatory access control in force now: SELinux from selinuxfs (its config file only says what
/// the next boot asks for), AppArmor from its module parameter.
enum SELinuxAppArmor: SingleSectionLinuxCollector {
    static let selinuxEnforce = "/sys/fs/selinux/enforce"
    static let selinuxConfig = "/etc/selinux/config"
    static let appArmorEnabled = "/sys/module/apparmor/parameters/enabled"

    static let section = ProbeSection(
        name: "mac",
        script:
            "for f in \(selinuxEnforce) \(appArmorEnabled); do if [ -r \"$f\" ]; then part \"$f\"; head -c $ictaudit_cap \"$f\"; fi; done; "
            + "if [ -r \(selinuxConfig) ]; then part \(selinuxConfig); grep -E '^[[:space:]]*SELINUX=' \(selinuxConfig); fi; true",
        source: "/sys/fs/selinux/enforce, /etc/selinux/config, /sys/module/apparmor/parameters/enabled",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.mandatoryAccessControl = evidence.parts(section.name).flatMap(mandatoryAccessControl(from:))
    }

    static func mandatoryAccessControl(from parts: LabelledParts) -> MandatoryAccessControl? {
        guard !parts.parts.isEmpty else { return nil }
        var selinux: String?
        if let enforce = parts[selinuxEnforce].flatMap(LinuxEvidence.firstLine) {
            selinux = enforce == "1" ? "enforcing" : "permissive"
        } else if LinuxEvidence.keyValues(parts[selinuxConfig])["SELINUX"] != nil {
            // Configured but selinuxfs is not mounted: not in force now, whatever the file asks for.
            selinux = "disabled"
        }
        let appArmor = parts[appArmorEnabled].flatMap(LinuxEvidence.firstLine).map { $0 == "Y" }
        return MandatoryAccessControl(selinux: selinux, appArmor: appArmor)
    }
}
