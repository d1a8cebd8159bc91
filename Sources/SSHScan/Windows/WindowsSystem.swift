import Foundation
import InventoryModel

/// The operating system (caption, version and update build revision, role, boot time) from
/// `Win32_OperatingSystem` and the registry.
enum WindowsOperatingSystem: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "os",
            script:
                "$o=Get-CimInstance Win32_OperatingSystem;$u=(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR;"
                + "[pscustomobject]@{Caption=$o.Caption;Version=$o.Version;Build=$o.BuildNumber;UBR=$u;ProductType=$o.ProductType;"
                + "Arch=$o.OSArchitecture;Host=$o.CSName;LastBoot=D $o.LastBootUpTime;Installed=D $o.InstallDate}|J",
            source: "Win32_OperatingSystem; HKLM CurrentVersion UBR")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let os = evidence.objects("os")?.first else { return }
        facts.hostname = WindowsEvidence.string(os["Host"])
        let caption = WindowsEvidence.string(os["Caption"])
        let version = WindowsEvidence.string(os["Version"])
        facts.os = OperatingSystem(
            id: "windows", name: caption, prettyName: caption, versionID: version,
            role: role(productType: WindowsEvidence.int(os["ProductType"])))
        if let version {
            facts.kernel = WindowsEvidence.int(os["UBR"]).map { "\(version).\($0)" } ?? version
        }
        facts.lastBoot = WindowsEvidence.date(os["LastBoot"])
    }

    static func role(productType: Int?) -> String? {
        switch productType {
        case 1: "workstation"
        case 2: "domain_controller"
        case 3: "server"
        default: nil
        }
    }
}

/// CPU, memory and firmware from `Win32_ComputerSystem`, `Win32_BIOS` and `Win32_Processor`.
enum WindowsComputerSystem: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "computer",
            script:
                "$c=Get-CimInstance Win32_ComputerSystem;$b=Get-CimInstance Win32_BIOS;$p=@(Get-CimInstance Win32_Processor)[0];"
                + "[pscustomobject]@{Manufacturer=$c.Manufacturer;Model=$c.Model;Domain=$c.Domain;Memory=$c.TotalPhysicalMemory;"
                + "Cores=$c.NumberOfLogicalProcessors;Cpu=$p.Name;BiosVendor=$b.Manufacturer;BiosVersion=$b.SMBIOSBIOSVersion;BiosDate=D $b.ReleaseDate}|J",
            source: "Win32_ComputerSystem, Win32_BIOS, Win32_Processor")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let computer = evidence.objects("computer")?.first else { return }
        facts.cpu = WindowsEvidence.int(computer["Cores"]).map { CPU(model: WindowsEvidence.string(computer["Cpu"]), logicalCores: $0) }
        facts.memory = WindowsEvidence.int64(computer["Memory"]).map { Memory(totalBytes: $0, availableBytes: nil) }
        var hardware = Hardware(
            biosDate: WindowsEvidence.date(computer["BiosDate"]), biosVendor: WindowsEvidence.string(computer["BiosVendor"]),
            systemVendor: WindowsEvidence.string(computer["Manufacturer"]), productName: WindowsEvidence.string(computer["Model"]))
        // `HypervisorPresent` is also true on a physical host running Hyper-V or virtualisation-based
        // security, so only the firmware's names count here.
        hardware.hypervisor = DMIFirmware.hypervisor(of: hardware, cpuFlags: [])
        facts.hardware = hardware
    }
}

/// Installed updates from `Get-HotFix`; the latest date is the host's last update.
enum WindowsHotFixes: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "hotfixes", script: "Get-HotFix|%{[pscustomobject]@{Id=$_.HotFixID;Kind=$_.Description;On=D $_.InstalledOn}}|J",
            source: "Get-HotFix")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let hotfixes = evidence.objects("hotfixes") else { return }
        facts.hotfixes = hotfixes.compactMap { h in
            WindowsEvidence.string(h["Id"]).map {
                Hotfix(id: $0, description: WindowsEvidence.string(h["Kind"]), installedOn: WindowsEvidence.date(h["On"]))
            }
        }
        facts.lastUpdate = facts.hotfixes?.compactMap(\.installedOn).max()
    }
}
