public import Foundation
public import InventoryModel

/// The Windows facts as ONE PowerShell command over the Windows OpenSSH server.
///
/// Windows OpenSSH hands the command to `cmd.exe /c`, whose quoting is unlike any POSIX shell's
/// and whose line is capped at 8191 characters, so the script travels as
/// `powershell -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>`: no quoting at
/// all, and no profile or prompt can interfere. Each section prints the same nonce frames as the
/// Linux batch, so `ProbeBatch.sections(from:)` cuts both. Sections print compact JSON built from
/// chosen properties (dates as UTC ISO 8601) so the parser never depends on the console width,
/// the culture's date format or PowerShell's own serialisation of dates.
public struct WindowsProbe: Sendable {
    /// Marks the script as ours; the lab's replaying sshd refuses any other.
    static let marker = "# ictaudit-windows-probe 1"
    /// cmd.exe's limit for one command line.
    public static let commandLineLimit = 8191

    public let sections: [ProbeSection]
    /// The frame parser (it only needs the names, sources, nonce and cap).
    public let framing: ProbeBatch

    public init(extra: [ProbeSection] = [], nonce: String = ProbeBatch.randomNonce(), outputCap: Int = 1 << 20) {
        sections = WindowsProbe.builtIn + extra
        framing = ProbeBatch(probes: sections, outputCap: outputCap, nonce: nonce)
    }

    /// The PowerShell sections; `script` is a PowerShell script block body.
    public static let builtIn: [ProbeSection] = [
        ProbeSection(
            name: "os",
            script:
                "$o=Get-CimInstance Win32_OperatingSystem;$u=(Get-ItemProperty 'HKLM:\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion').UBR;"
                + "[pscustomobject]@{Caption=$o.Caption;Version=$o.Version;Build=$o.BuildNumber;UBR=$u;ProductType=$o.ProductType;"
                + "Arch=$o.OSArchitecture;Host=$o.CSName;LastBoot=D $o.LastBootUpTime;Installed=D $o.InstallDate}|J",
            source: "Win32_OperatingSystem; HKLM CurrentVersion UBR"),
        ProbeSection(
            name: "computer",
            script:
                "$c=Get-CimInstance Win32_ComputerSystem;$b=Get-CimInstance Win32_BIOS;$p=@(Get-CimInstance Win32_Processor)[0];"
                + "[pscustomobject]@{Manufacturer=$c.Manufacturer;Model=$c.Model;Domain=$c.Domain;Memory=$c.TotalPhysicalMemory;"
                + "Cores=$c.NumberOfLogicalProcessors;Cpu=$p.Name;BiosVendor=$b.Manufacturer;BiosVersion=$b.SMBIOSBIOSVersion;BiosDate=D $b.ReleaseDate}|J",
            source: "Win32_ComputerSystem, Win32_BIOS, Win32_Processor"),
        ProbeSection(
            name: "hotfixes", script: "Get-HotFix|%{[pscustomobject]@{Id=$_.HotFixID;Kind=$_.Description;On=D $_.InstalledOn}}|J",
            source: "Get-HotFix"),
        // Workstations only: Windows Server has no SecurityCenter2 namespace, and the cmdlet fails.
        ProbeSection(
            name: "antivirus",
            script:
                "Get-CimInstance -Namespace root/SecurityCenter2 -ClassName AntiVirusProduct|"
                + "%{[pscustomobject]@{Name=$_.displayName;State=$_.productState;Exe=$_.pathToSignedProductExe;Stamp=$_.timestamp}}|J",
            source: "root/SecurityCenter2 AntiVirusProduct"),
        ProbeSection(
            name: "defender",
            script:
                "$m=Get-MpComputerStatus;[pscustomobject]@{Version=$m.AMProductVersion;Service=$m.AMServiceEnabled;Enabled=$m.AntivirusEnabled;"
                + "RealTime=$m.RealTimeProtectionEnabled;Signatures=D $m.AntivirusSignatureLastUpdated;SignatureVersion=$m.AntivirusSignatureVersion;Mode=$m.AMRunningMode}|J",
            source: "Get-MpComputerStatus (MSFT_MpComputerStatus)"),
        ProbeSection(
            name: "firewall",
            script: "Get-NetFirewallProfile|%{[pscustomobject]@{Name=$_.Name;Enabled=[bool]$_.Enabled;Inbound=\"$($_.DefaultInboundAction)\"}}|J",
            source: "Get-NetFirewallProfile"),
        ProbeSection(
            name: "listening",
            script:
                "@(Get-NetTCPConnection -State Listen|%{[pscustomobject]@{P='tcp';A=$_.LocalAddress;Port=$_.LocalPort}})+"
                + "@(Get-NetUDPEndpoint|%{[pscustomobject]@{P='udp';A=$_.LocalAddress;Port=$_.LocalPort}})|J",
            source: "Get-NetTCPConnection -State Listen; Get-NetUDPEndpoint"),
        ProbeSection(
            name: "admins",
            script:
                "Get-LocalGroupMember -SID S-1-5-32-544|%{[pscustomobject]@{Name=$_.Name;Class=\"$($_.ObjectClass)\";Source=\"$($_.PrincipalSource)\"}}|J",
            source: "Get-LocalGroupMember -SID S-1-5-32-544 (Administrators)"),
        ProbeSection(name: "password-policy", script: "net accounts", source: "net accounts"),
        ProbeSection(
            name: "bitlocker",
            script:
                "Get-BitLockerVolume|%{[pscustomobject]@{Mount=$_.MountPoint;Status=\"$($_.VolumeStatus)\";Protection=\"$($_.ProtectionStatus)\";Percent=$_.EncryptionPercentage}}|J",
            source: "Get-BitLockerVolume"),
        ProbeSection(name: "smb1", script: "(Get-SmbServerConfiguration).EnableSMB1Protocol", source: "Get-SmbServerConfiguration"),
    ]

    /// The PowerShell script: helpers, then one `S 'name' { … }` line per section.
    ///
    /// `S` runs a section with errors as exceptions (`Stop`), so a failing cmdlet gives exit code 1
    /// and empty output instead of red text mixed into the data.
    public var script: String {
        let cap = framing.outputCap + 1
        var lines = [
            WindowsProbe.marker,
            "$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue';[Console]::OutputEncoding=[Text.Encoding]::UTF8",
            "$n='\(framing.nonce)'",
            "function S($name,$body){$o=[Console]::Out;$o.Write(\"`n==ICTAUDIT $n BEGIN $name`n\");$rc=0;"
                + "try{$t=(& $body|Out-String -Width 4096);if($t.Length -gt \(cap)){$t=$t.Substring(0,\(cap))};$o.Write($t)}catch{$rc=1};"
                + "$o.Write(\"`n==ICTAUDIT $n END $name $rc`n\")}",
            "function J{$input|ConvertTo-Json -Compress -Depth 3}",
            "function D($d){if($d){([datetime]$d).ToUniversalTime().ToString('s')+'Z'}}",
        ]
        for section in sections {
            lines.append("S '\(section.name)' {\(section.script)}")
        }
        return lines.joined(separator: "\n")
    }

    /// The one command to exec.
    public var command: String {
        let utf16 = script.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + Data(utf16).base64EncodedString()
    }

    /// The host's stdout cut into sections.
    public func sections(from output: Data) -> [Evidence] { framing.sections(from: output) }
}
