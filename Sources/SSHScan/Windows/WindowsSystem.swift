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

/// Installed updates; the latest date is the host's last update.
///
/// `Get-HotFix` parses each date in the host's culture, so on many non-US hosts it comes out blank
/// or with day and month swapped. The probe reads `Win32_QuickFixEngineering.InstalledOn` as
/// stored (`M/d/yyyy`, or a hexadecimal FILETIME on some updates) and the parser reads it; a
/// date-only value stays that calendar day (converting it to UTC would move it to the day before
/// in UTC+7).
enum WindowsHotFixes: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "hotfixes",
            script: "Get-CimInstance Win32_QuickFixEngineering|%{[pscustomobject]@{Id=$_.HotFixID;Kind=$_.Description;Raw=$_.InstalledOn}}|J",
            source: "Win32_QuickFixEngineering (InstalledOn as stored)")
    ]

    /// `3/13/2024` (month first, as WMI stores it) or a FILETIME in hexadecimal (100 ns since 1601).
    static func installedOn(raw text: String) -> Date? {
        let parts = text.split(separator: "/").compactMap { Int($0) }
        if parts.count == 3 { return CivilTime.date(year: parts[2], month: parts[0], day: parts[1]) }
        guard text.count >= 12, let ticks = UInt64(text, radix: 16) else { return nil }
        let seconds = Double(ticks) / 10_000_000 - 11_644_473_600
        guard seconds > 0 else { return nil }
        // The calendar day of that instant, as the other form gives it.
        let day = (seconds / 86_400).rounded(.down) * 86_400
        return Date(timeIntervalSince1970: day)
    }

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let hotfixes = evidence.objects("hotfixes") else { return }
        facts.hotfixes = hotfixes.compactMap { h in
            WindowsEvidence.string(h["Id"]).map {
                Hotfix(
                    id: $0, description: WindowsEvidence.string(h["Kind"]),
                    installedOn: WindowsEvidence.date(h["On"]) ?? WindowsEvidence.string(h["Raw"]).flatMap(installedOn(raw:)))
            }
        }
        facts.lastUpdate = facts.hotfixes?.compactMap(\.installedOn).max()
    }
}
