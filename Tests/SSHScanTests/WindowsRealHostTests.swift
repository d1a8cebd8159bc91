import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// Windows as real hosts behave (issue 16 §3), from the `windows-vi` recording: a Vietnamese
/// Windows Server 2016 KVM guest with Kaspersky, no Security Center and Defender removed.
struct WindowsRealHostTests {
    static let vietnameseServer = HostFacts(
        hostname: "SRV-DB-VI",
        os: OperatingSystem(
            id: "windows", name: "Microsoft Windows Server 2016 Standard",
            prettyName: "Microsoft Windows Server 2016 Standard", versionID: "10.0.14393", role: "server"),
        kernel: "10.0.14393.6709",
        cpu: CPU(model: "Intel Xeon Processor (Cascadelake)", logicalCores: 8),
        memory: Memory(totalBytes: 17_179_398_144, availableBytes: nil),
        hardware: Hardware(
            biosDate: LabScan.day(2014, 4, 1), biosVendor: "SeaBIOS", systemVendor: "QEMU",
            productName: "Standard PC (i440FX + PIIX, 1996)", hypervisor: "kvm"),
        listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 1433),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 123),
        ],
        // Neither Security Center (a server) nor Defender (removed): Kaspersky found by its services.
        antivirus: [Antivirus(product: "Kaspersky Endpoint Security", installed: true, running: true)],
        accounts: Accounts(
            uidZero: [], emptyPassword: nil, administrators: ["SRV-DB-VI\\QuanTri", "SRV-DB-VI\\dba"], guestEnabled: true),
        // `net accounts` in Vietnamese, read by position.
        passwordPolicy: PasswordPolicy(maxAgeDays: 60, minAgeDays: 1, minLength: 12, lockoutThreshold: 0, historyLength: 10),
        firewall: Firewall(
            enabled: true, backends: ["windows"],
            profiles: ["Domain", "Private", "Public"].map { FirewallProfile(name: $0, enabled: true, defaultInbound: "Block") }),
        timeSync: TimeSync(daemon: "w32time", enabled: true, running: true, servers: ["time.mof.gov.vn", "pool.ntp.org"]),
        // D: is locked ("Unknown"): neither protected nor unprotected.
        diskEncryption: DiskEncryption(method: "bitlocker", encrypted: ["C:"], unencrypted: ["E:"], systemVolume: "C:"),
        lastBoot: LabScan.day(2024, 3, 2, 18, 20, 11),
        lastUpdate: LabScan.day(2024, 3, 13),
        hotfixes: [
            Hotfix(id: "KB5034767", description: "Security Update", installedOn: LabScan.day(2024, 2, 14)),
            Hotfix(id: "KB5035855", description: "Security Update", installedOn: LabScan.day(2024, 3, 13)),
            Hotfix(id: "KB4589210", description: "Update", installedOn: LabScan.day(2020, 11, 13)),
        ],
        smb1Enabled: false,
        auditPolicy: [
            "logon": "success_and_failure", "account_lockout": "success", "user_account_management": "none",
            "audit_policy_change": "success_and_failure",
        ],
        smb1ClientEnabled: true,
        // RDP refused (fDenyTSConnections 1): it listens on 22, 1433 and 123 only.
        remoteDesktop: RemoteDesktop(enabled: false, nlaRequired: true), powerShellLanguageMode: "FullLanguage")

    @Test("the Vietnamese server parses to exact facts: net accounts by position, auditpol by GUID, Kaspersky by service, renamed Guest")
    func vietnameseRecording() throws {
        #expect(try WindowsTests.recordedFacts("windows-vi") == Self.vietnameseServer)
    }

    func evidence(_ sections: [(name: String, text: String, exitCode: Int)]) -> [Evidence] { WindowsRecording.evidence(sections) }

    @Test("Defender in passive mode (beside another product) is not real-time protection, whatever RealTimeProtectionEnabled says")
    func defenderPassive() {
        let facts = WindowsFactsParser.facts(from: evidence([
            ("defender", #"{"Version":"4.18.24020.7","Service":true,"Enabled":true,"RealTime":true,"Mode":"Passive Mode"}"#, 0)
        ]))
        #expect(facts.antivirus.first?.realTimeProtection == false)
        let edr = WindowsFactsParser.facts(from: evidence([("defender", #"{"RealTime":true,"Mode":"EDR Block Mode"}"#, 0)]))
        #expect(edr.antivirus.first?.realTimeProtection == false)
        let normal = WindowsFactsParser.facts(from: evidence([("defender", #"{"RealTime":true,"Mode":"Normal"}"#, 0)]))
        #expect(normal.antivirus.first?.realTimeProtection == true)
    }

    @Test("every antivirus source failing is unknown (a null fact, an error verdict), not 'no antivirus'")
    func antivirusUnknown() throws {
        let failed = WindowsFactsParser.facts(from: evidence([
            ("antivirus", "Invalid namespace", 1), ("defender", "Access denied", 1), ("av-services", "", 1),
        ]))
        #expect(failed.antivirus == [])
        #expect(failed.antivirusUnknown == true)
        let scan = HostScan(
            target: SSHTarget(address: "10.0.0.9", user: "audit", unit: "u", credential: .agent), status: .scanned,
            startedAt: Date(), durationSeconds: 1, facts: failed)
        #expect(scan.fact(named: "antivirus") == .null)
        // A host that answered and has none is "none": an empty list.
        let none = WindowsFactsParser.facts(from: evidence([("antivirus", "", 1), ("defender", "", 1), ("av-services", "service W32Time Running\n", 0)]))
        #expect(none.antivirusUnknown == nil)
    }

    @Test("Guest is found by its SID whatever its name; a failed lookup leaves it unknown, never 'disabled'")
    func guestBySID() {
        let renamed = WindowsFactsParser.facts(from: evidence([("guest", #"{"Name":"Khach","Enabled":true}"#, 0)]))
        #expect(renamed.accounts?.guestEnabled == true)
        let failed = WindowsFactsParser.facts(from: evidence([("guest", "Access is denied", 1)]))
        #expect(failed.accounts?.guestEnabled == nil)
    }

    @Test("net accounts read by position: English and Vietnamese give the same policy")
    func netAccountsByPosition() throws {
        let english = try WindowsRecording.text("windows-srv", "password-policy.txt")
        let vietnamese = english
            .replacingOccurrences(of: "Minimum password age (days):", with: "Tuổi mật khẩu tối thiểu (ngày):")
            .replacingOccurrences(of: "Maximum password age (days):", with: "Tuổi mật khẩu tối đa (ngày):")
            .replacingOccurrences(of: "Minimum password length:", with: "Độ dài mật khẩu tối thiểu:")
        let parse = { (text: String) in WindowsFactsParser.facts(from: self.evidence([("password-policy", text, 0)])).passwordPolicy }
        #expect(parse(english) != nil)
        #expect(parse(english) == parse(vietnamese))
    }
}

@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct WindowsVietnameseLabTests {
    @Test("windows-vi over libssh2: one exec, the exact facts of the Vietnamese server")
    func scan() async throws {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, "windows-vi", os: .windows))
        #expect(result.status == .scanned, "\(result.message ?? "")")
        var facts = result.facts
        facts?.sshOffer = nil
        #expect(facts == WindowsRealHostTests.vietnameseServer)
        // The reason of a failed section is kept with it.
        #expect(result.evidence.first { $0.name == "defender" }?.text.contains("Get-MpComputerStatus") == true)
    }
}
