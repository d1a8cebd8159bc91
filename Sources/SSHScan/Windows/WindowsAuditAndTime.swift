import Foundation
import InventoryModel

/// The advanced audit policy of a few subcategories, asked by GUID with `auditpol /r` (CSV), so
/// neither the subcategory names nor the columns depend on the display language.
///
/// The setting column is still translated: English and Vietnamese texts are known; any other
/// leaves that subcategory unknown (an `error` verdict), never "no auditing".
enum WindowsAuditPolicy: WindowsCollector {
    /// Subcategory GUIDs (the same on every Windows since Vista) and the fact names they give.
    static let subcategories: [(guid: String, name: String)] = [
        ("{0CCE9215-69AE-11D9-BED3-505054503030}", "logon"),
        ("{0CCE9217-69AE-11D9-BED3-505054503030}", "account_lockout"),
        ("{0CCE9235-69AE-11D9-BED3-505054503030}", "user_account_management"),
        ("{0CCE922F-69AE-11D9-BED3-505054503030}", "audit_policy_change"),
    ]

    static let sections = [
        ProbeSection(
            name: "audit-policy",
            script: "auditpol /get /subcategory:\(subcategories.map(\.guid).joined(separator: ",")) /r",
            source: "auditpol /get /subcategory:{GUID,…} /r")
    ]

    /// Inclusion settings as auditpol prints them, lower-cased, per language.
    static let settings: [String: String] = [
        "success and failure": "success_and_failure", "success": "success", "failure": "failure", "no auditing": "none",
        "thành công và thất bại": "success_and_failure", "thành công": "success", "thất bại": "failure",
        "không kiểm tra": "none",
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let text = evidence.text("audit-policy") else { return }
        var policy: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            // Machine Name,Policy Target,Subcategory,Subcategory GUID,Inclusion Setting,Exclusion Setting
            let cells = line.split(separator: ",", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 5, let name = subcategories.first(where: { $0.guid.caseInsensitiveCompare(cells[3]) == .orderedSame })?.name
            else { continue }
            if let setting = settings[cells[4].lowercased()] { policy[name] = setting }
        }
        if !policy.isEmpty || text.contains("{0CCE") { facts.auditPolicy = policy }
    }
}

/// Time synchronisation from the W32Time service and its registry parameters: the sync type
/// (`NTP`, `NT5DS` for the domain hierarchy, `NoSync`), the NTP servers, and the service state —
/// names and values that `w32tm /query /status` would print translated.
enum WindowsTimeSync: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "time-sync",
            script:
                "$p=Get-ItemProperty 'HKLM:\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters';$s=Get-Service W32Time;"
                + "[pscustomobject]@{Type=$p.Type;Server=$p.NtpServer;Status=\"$($s.Status)\";Start=\"$($s.StartType)\"}|J",
            source: "HKLM\\SYSTEM\\CurrentControlSet\\Services\\W32Time\\Parameters; Get-Service W32Time")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let w32time = evidence.objects("time-sync")?.first else { return }
        let type = WindowsEvidence.string(w32time["Type"])?.uppercased()
        var servers: [String] = []
        switch type {
        case "NTP", "ALLSYNC":
            // "time.windows.com,0x9 pool.ntp.org,0x8": the flags after the comma are not part of the name.
            servers = (WindowsEvidence.string(w32time["Server"]) ?? "").split(separator: " ").compactMap {
                $0.split(separator: ",").first.map(String.init)
            }
        case "NT5DS": servers = ["domain hierarchy"]
        default: break
        }
        let start = WindowsEvidence.string(w32time["Start"])
        facts.timeSync = TimeSync(
            // W32Time is trigger-started (Manual) on many hosts and still keeps time: only Disabled is off.
            daemon: "w32time", enabled: start.map { $0 != "Disabled" },
            running: WindowsEvidence.string(w32time["Status"]).map { $0 == "Running" }, servers: servers)
    }
}
