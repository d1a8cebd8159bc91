import Foundation
import InventoryModel

/// Firewall profiles (Domain, Private, Public): each enabled, and its default inbound action.
enum WindowsFirewallProfiles: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "firewall",
            script: "Get-NetFirewallProfile|%{[pscustomobject]@{Name=$_.Name;Enabled=[bool]$_.Enabled;Inbound=\"$($_.DefaultInboundAction)\"}}|J",
            source: "Get-NetFirewallProfile")
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

/// Members of the local Administrators group, found by its well-known SID (its name is translated).
enum WindowsAdministrators: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "admins",
            script:
                "Get-LocalGroupMember -SID S-1-5-32-544|%{[pscustomobject]@{Name=$_.Name;Class=\"$($_.ObjectClass)\";Source=\"$($_.PrincipalSource)\"}}|J",
            source: "Get-LocalGroupMember -SID S-1-5-32-544 (Administrators)")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let admins = evidence.objects("admins") else { return }
        facts.accounts = Accounts(
            uidZero: [], emptyPassword: nil, administrators: admins.compactMap { WindowsEvidence.string($0["Name"]) })
    }
}

/// BitLocker volumes: protected ("On") or not.
enum WindowsBitLocker: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "bitlocker",
            script:
                "Get-BitLockerVolume|%{[pscustomobject]@{Mount=$_.MountPoint;Status=\"$($_.VolumeStatus)\";Protection=\"$($_.ProtectionStatus)\";Percent=$_.EncryptionPercentage}}|J",
            source: "Get-BitLockerVolume")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let volumes = evidence.objects("bitlocker") else { return }
        let on = volumes.filter { WindowsEvidence.string($0["Protection"]) == "On" }.compactMap { WindowsEvidence.string($0["Mount"]) }
        let off = volumes.filter { WindowsEvidence.string($0["Protection"]) != "On" }.compactMap { WindowsEvidence.string($0["Mount"]) }
        facts.diskEncryption = DiskEncryption(method: "bitlocker", encrypted: on, unencrypted: off)
    }
}

/// Whether the SMB server still speaks SMB1.
enum WindowsSMB1: WindowsCollector {
    static let sections = [
        ProbeSection(name: "smb1", script: "(Get-SmbServerConfiguration).EnableSMB1Protocol", source: "Get-SmbServerConfiguration")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        switch evidence.text("smb1")?.trimmingCharacters(in: .whitespacesAndNewlines).lowercased() {
        case "true": facts.smb1Enabled = true
        case "false": facts.smb1Enabled = false
        default: break
        }
    }
}
