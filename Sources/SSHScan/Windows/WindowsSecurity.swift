import Foundation
import InventoryModel

/// Firewall profiles (Domain, Private, Public): each enabled, and its default inbound action.
enum WindowsFirewallProfiles: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "firewall",
            // The active store: what is in force, Group Policy included, not only the local settings.
            script:
                "Get-NetFirewallProfile -PolicyStore ActiveStore|%{[pscustomobject]@{Name=$_.Name;Enabled=[bool]$_.Enabled;Inbound=\"$($_.DefaultInboundAction)\"}}|J",
            source: "Get-NetFirewallProfile -PolicyStore ActiveStore")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let profiles = evidence.objects("firewall") else { return }
        let list = profiles.compactMap { p in
            WindowsEvidence.string(p["Name"]).map {
                FirewallProfile(
                    name: $0, enabled: WindowsEvidence.bool(p["Enabled"]) ?? false,
                    defaultInbound: WindowsEvidence.string(p["Inbound"]))
            }
        }
        facts.firewall = Firewall(enabled: list.isEmpty ? nil : list.allSatisfy(\.enabled), backends: ["windows"], profiles: list)
    }
}

/// Listening TCP and bound UDP sockets.
enum WindowsListening: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "listening",
            script:
                "@(Get-NetTCPConnection -State Listen|%{[pscustomobject]@{P='tcp';A=$_.LocalAddress;Port=$_.LocalPort}})+"
                + "@(Get-NetUDPEndpoint|%{[pscustomobject]@{P='udp';A=$_.LocalAddress;Port=$_.LocalPort}})|J",
            source: "Get-NetTCPConnection -State Listen; Get-NetUDPEndpoint")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let sockets = evidence.objects("listening") else { return }
        facts.listening = Set(
            sockets.compactMap { s -> ListeningSocket? in
                guard let proto = WindowsEvidence.string(s["P"]).flatMap(ListeningSocket.TransportProtocol.init(rawValue:)),
                    let address = WindowsEvidence.string(s["A"]), let port = WindowsEvidence.int(s["Port"])
                else { return nil }
                return ListeningSocket(proto: proto, address: address, port: port)
            }
        ).sorted { ($0.proto.rawValue, $0.port, $0.address) < ($1.proto.rawValue, $1.port, $1.address) }
    }
}

/// Members of the local Administrators group, found by its well-known SID (its name is translated),
/// and whether the built-in Guest account is enabled, found by its SID ending in -501 (it is often
/// renamed, so `Get-LocalUser -Name Guest` fails and would read as "not enabled").
///
/// `Get-LocalGroupMember` fails outright when the group holds an orphaned SID or an Azure AD
/// account; ADSI's WinNT provider still lists the members then (`WinNT://DOMAIN/name` paths).
enum WindowsAdministrators: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "admins",
            script:
                "try{Get-LocalGroupMember -SID S-1-5-32-544|%{[pscustomobject]@{Name=$_.Name;Class=\"$($_.ObjectClass)\";Source=\"$($_.PrincipalSource)\"}}|J}"
                + "catch{$g=(New-Object Security.Principal.SecurityIdentifier 'S-1-5-32-544').Translate([Security.Principal.NTAccount]).Value.Split('\\')[-1];"
                + "@(([ADSI]\"WinNT://$env:COMPUTERNAME/$g,group\").Invoke('Members')|%{$p=$_.GetType().InvokeMember('AdsPath','GetProperty',$null,$_,$null);"
                + "[pscustomobject]@{Name=($p -replace '^WinNT://','' -replace '/','\\');Class='';Source='ADSI'}})|J}",
            source: "Get-LocalGroupMember -SID S-1-5-32-544 (Administrators), else ADSI WinNT members"),
        ProbeSection(
            name: "guest",
            script: "Get-LocalUser|?{$_.SID.Value -like 'S-1-5-21-*-501'}|%{[pscustomobject]@{Name=$_.Name;Enabled=$_.Enabled}}|J",
            source: "Get-LocalUser whose SID ends in -501 (the built-in Guest, whatever its name)"),
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        let admins = evidence.objects("admins").map { $0.compactMap { WindowsEvidence.string($0["Name"]) } }
        let guest = evidence.objects("guest").map { users in
            users.contains { WindowsEvidence.bool($0["Enabled"]) == true }
        }
        guard admins != nil || guest != nil else { return }
        facts.accounts = Accounts(uidZero: [], emptyPassword: nil, administrators: admins, guestEnabled: guest)
    }
}

/// BitLocker volumes: protected ("On") or not, and which one Windows boots from (its
/// `VolumeType` is `OperatingSystem`), so a rule can ask about the system drive alone.
enum WindowsBitLocker: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "bitlocker",
            script:
                "Get-BitLockerVolume|%{[pscustomobject]@{Mount=$_.MountPoint;Type=\"$($_.VolumeType)\";Status=\"$($_.VolumeStatus)\";Protection=\"$($_.ProtectionStatus)\";Percent=$_.EncryptionPercentage}}|J",
            source: "Get-BitLockerVolume")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let volumes = evidence.objects("bitlocker") else { return }
        // "Unknown" is a locked volume whose state cannot be read: neither protected nor not.
        let on = volumes.filter { WindowsEvidence.string($0["Protection"]) == "On" }.compactMap { WindowsEvidence.string($0["Mount"]) }
        let off = volumes.filter { WindowsEvidence.string($0["Protection"]) == "Off" }.compactMap { WindowsEvidence.string($0["Mount"]) }
        let system = volumes.first { WindowsEvidence.string($0["Type"]) == "OperatingSystem" }.flatMap { WindowsEvidence.string($0["Mount"]) }
        facts.diskEncryption = DiskEncryption(method: "bitlocker", encrypted: on, unencrypted: off, systemVolume: system)
    }
}

/// Remote Desktop from the registry, which any account can read and no display language changes:
/// `fDenyTSConnections` (1 = connections refused) and `UserAuthentication` (1 = Network Level
/// Authentication required), each from Group Policy when set there, else from the local setting
/// (the RDP-Tcp listener for NLA).
enum WindowsRemoteDesktop: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "rdp",
            script:
                "$t='HKLM:\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server';"
                + "$g=Get-ItemProperty 'HKLM:\\SOFTWARE\\Policies\\Microsoft\\Windows NT\\Terminal Services' -ErrorAction SilentlyContinue;"
                + "[pscustomobject]@{Deny=(Get-ItemProperty $t).fDenyTSConnections;PolicyDeny=$g.fDenyTSConnections;"
                + "Nla=(Get-ItemProperty \"$t\\WinStations\\RDP-Tcp\").UserAuthentication;PolicyNla=$g.UserAuthentication}|J",
            source: "HKLM\\SYSTEM\\CurrentControlSet\\Control\\Terminal Server (fDenyTSConnections, WinStations\\RDP-Tcp UserAuthentication), "
                + "Group Policy Terminal Services")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let rdp = evidence.objects("rdp")?.first else { return }
        let deny = WindowsEvidence.int(rdp["PolicyDeny"]) ?? WindowsEvidence.int(rdp["Deny"])
        let nla = WindowsEvidence.int(rdp["PolicyNla"]) ?? WindowsEvidence.int(rdp["Nla"])
        facts.remoteDesktop = RemoteDesktop(enabled: deny.map { $0 != 1 }, nlaRequired: nla.map { $0 == 1 })
    }
}

/// Whether the SMB server, and the SMB client, still speak SMB1. The client side is the mrxsmb10
/// driver's start type in the registry (4 = disabled; absent = the feature is removed), which any
/// account can read, where `Get-WindowsOptionalFeature` needs elevation.
enum WindowsSMB1: WindowsCollector {
    static let sections = [
        ProbeSection(name: "smb1", script: "(Get-SmbServerConfiguration).EnableSMB1Protocol", source: "Get-SmbServerConfiguration"),
        ProbeSection(
            name: "smb1-client",
            script:
                "$k='HKLM:\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10';if(Test-Path $k){(Get-ItemProperty $k).Start}else{'absent'}",
            source: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\mrxsmb10 Start"),
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        switch evidence.text("smb1-client")?.trimmingCharacters(in: .whitespacesAndNewlines) {
        case "absent", "4": facts.smb1ClientEnabled = false
        case "0", "1", "2", "3": facts.smb1ClientEnabled = true
        default: break
        }
        switch evidence.text("smb1")?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "true": facts.smb1Enabled = true
        case "false": facts.smb1Enabled = false
        default: break
        }
    }
}
