import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// The Windows facts a workstation and a server give, from recorded PowerShell outputs
/// (`lab/recordings/`): parsed directly, and scanned through libssh2 from the lab's replaying sshd.
struct WindowsTests {
    static let workstation = HostFacts(
        hostname: "WS-KT-017",
        os: OperatingSystem(
            id: "windows", name: "Microsoft Windows 10 Pro", prettyName: "Microsoft Windows 10 Pro", versionID: "10.0.19045",
            role: "workstation"),
        kernel: "10.0.19045.3930",
        cpu: CPU(model: "Intel(R) Core(TM) i5-9500 CPU @ 3.00GHz", logicalCores: 6),
        memory: Memory(totalBytes: 8_452_026_368, availableBytes: nil),
        hardware: Hardware(
            biosDate: LabScan.day(2019, 8, 19), biosVendor: "HP", systemVendor: "HP", productName: "HP ProDesk 400 G6 SFF"),
        listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 135),
            ListeningSocket(proto: .tcp, address: "::", port: 135),
            ListeningSocket(proto: .tcp, address: "10.40.2.117", port: 139),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 445),
            ListeningSocket(proto: .tcp, address: "::", port: 445),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 3389),
            ListeningSocket(proto: .udp, address: "10.40.2.117", port: 137),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 3389),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 5353),
        ],
        antivirus: [
            // Security Center: 393472 = 0x060100, Defender off (passive beside Kaspersky), signatures current.
            Antivirus(
                product: "Microsoft Defender", version: "4.18.24020.7", installed: true, running: false,
                realTimeProtection: false, signatureDate: LabScan.day(2024, 2, 2, 1, 12, 40), signaturesUpToDate: true),
            // 266240 = 0x041000: third-party product on, signatures current.
            Antivirus(
                product: "Kaspersky Endpoint Security", installed: true, running: true, realTimeProtection: true,
                signaturesUpToDate: true),
        ],
        accounts: Accounts(
            uidZero: [], emptyPassword: nil,
            administrators: ["WS-KT-017\\Administrator", "KETOAN\\Domain Admins", "WS-KT-017\\ketoan01"], guestEnabled: false),
        passwordPolicy: PasswordPolicy(maxAgeDays: 42, minAgeDays: 0, minLength: 0, lockoutThreshold: 0, historyLength: 0),
        firewall: Firewall(
            enabled: false, backends: ["windows"],
            profiles: [
                FirewallProfile(name: "Domain", enabled: true, defaultInbound: "NotConfigured"),
                FirewallProfile(name: "Private", enabled: true, defaultInbound: "NotConfigured"),
                FirewallProfile(name: "Public", enabled: false, defaultInbound: "NotConfigured"),
            ]),
        // A domain member: W32Time follows the domain hierarchy, trigger-started (Manual) and running.
        timeSync: TimeSync(daemon: "w32time", enabled: true, running: true, servers: ["domain hierarchy"]),
        diskEncryption: DiskEncryption(method: "bitlocker", encrypted: [], unencrypted: ["C:"], systemVolume: "C:"),
        lastBoot: LabScan.day(2024, 3, 18, 0, 41, 7),
        lastUpdate: LabScan.day(2024, 3, 13),
        hotfixes: [
            Hotfix(id: "KB5034466", description: "Update", installedOn: LabScan.day(2024, 1, 10)),
            Hotfix(id: "KB5011048", description: "Update", installedOn: LabScan.day(2022, 3, 9)),
            Hotfix(id: "KB5015684", description: "Update", installedOn: LabScan.day(2022, 8, 10)),
            Hotfix(id: "KB5034441", description: "Security Update", installedOn: LabScan.day(2024, 1, 10)),
            Hotfix(id: "KB5035845", description: "Security Update", installedOn: LabScan.day(2024, 3, 13)),
            Hotfix(id: "KB5034224", description: "Update", installedOn: nil),
        ],
        smb1Enabled: true,
        auditPolicy: ["logon": "success_and_failure", "account_lockout": "success", "user_account_management": "success", "audit_policy_change": "success"],
        smb1ClientEnabled: true,
        // RDP on without NLA: the weak workstation.
        remoteDesktop: RemoteDesktop(enabled: true, nlaRequired: false), powerShellLanguageMode: "FullLanguage",
        unknownReasons: [
            "antivirus[1].signature_date":
                "Security Center gives Kaspersky Endpoint Security's signature state (up to date: yes), not its date; "
                + "the vendor's own tool or registry key is needed"
        ])

    static let server = HostFacts(
        hostname: "SRV-FILE-01",
        os: OperatingSystem(
            id: "windows", name: "Microsoft Windows Server 2019 Standard",
            prettyName: "Microsoft Windows Server 2019 Standard", versionID: "10.0.17763", role: "server"),
        kernel: "10.0.17763.5458",
        cpu: CPU(model: "Intel(R) Xeon(R) Silver 4210 CPU @ 2.20GHz", logicalCores: 16),
        memory: Memory(totalBytes: 68_590_645_248, availableBytes: nil),
        hardware: Hardware(
            biosDate: LabScan.day(2021, 7, 6), biosVendor: "Dell Inc.", systemVendor: "Dell Inc.", productName: "PowerEdge R740"),
        listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 445),
            ListeningSocket(proto: .tcp, address: "::", port: 445),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 3389),
            ListeningSocket(proto: .tcp, address: "::", port: 5985),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 123),
        ],
        // No Security Center on a server: Defender's own status is the only source.
        antivirus: [
            Antivirus(
                product: "Microsoft Defender", version: "4.18.24010.12", installed: true, running: true,
                realTimeProtection: true, signatureDate: LabScan.day(2024, 3, 17, 23, 10, 5))
        ],
        accounts: Accounts(uidZero: [], emptyPassword: nil, administrators: ["MOF\\Domain Admins"], guestEnabled: false),
        passwordPolicy: PasswordPolicy(maxAgeDays: 90, minAgeDays: 1, minLength: 14, lockoutThreshold: 5, historyLength: 24),
        firewall: Firewall(
            enabled: true, backends: ["windows"],
            profiles: ["Domain", "Private", "Public"].map { FirewallProfile(name: $0, enabled: true, defaultInbound: "Block") }),
        timeSync: TimeSync(daemon: "w32time", enabled: true, running: true, servers: ["domain hierarchy"]),
        diskEncryption: DiskEncryption(method: "bitlocker", encrypted: ["C:", "D:"], unencrypted: [], systemVolume: "C:"),
        lastBoot: LabScan.day(2024, 2, 14, 21, 5, 33),
        lastUpdate: LabScan.day(2024, 2, 14),
        hotfixes: [
            Hotfix(id: "KB5034439", description: "Security Update", installedOn: LabScan.day(2024, 1, 11)),
            Hotfix(id: "KB5034768", description: "Update", installedOn: LabScan.day(2024, 2, 14)),
            Hotfix(id: "KB5034127", description: "Security Update", installedOn: LabScan.day(2024, 2, 14)),
        ],
        smb1Enabled: false,
        auditPolicy: [
            "logon": "success_and_failure", "account_lockout": "success_and_failure",
            "user_account_management": "success_and_failure", "audit_policy_change": "success_and_failure",
        ],
        // The SMB1 feature removed (no mrxsmb10 service), NLA required by Group Policy.
        smb1ClientEnabled: false, remoteDesktop: RemoteDesktop(enabled: true, nlaRequired: true),
        powerShellLanguageMode: "FullLanguage")

    /// What the host would print for the probe's sections (`ICTAuditTesting.WindowsRecording`).
    static func recordedOutput(_ host: String, for probe: WindowsProbe) -> Data {
        WindowsRecording.output(host, sections: probe.sections.map(\.name), nonce: probe.framing.nonce)
    }

    /// The facts a recording parses to, through the same frame parser a scan uses.
    static func recordedFacts(_ host: String) throws -> HostFacts {
        let probe = WindowsProbe()
        return WindowsFactsParser.facts(from: probe.sections(from: recordedOutput(host, for: probe)), catalogue: try LabScan.catalogue)
    }

    @Test("the recorded workstation parses to exact facts: Kaspersky on, Defender passive, Public profile off, SMBv1 on, RDP without NLA")
    func workstationRecording() throws {
        #expect(try Self.recordedFacts("windows-ws") == Self.workstation)
    }

    @Test("the recorded server parses to exact facts: no Security Center, Defender from MSFT_MpComputerStatus, BitLocker on C: (the system volume)")
    func serverRecording() throws {
        #expect(try Self.recordedFacts("windows-srv") == Self.server)
    }

    @Test("productState bits: scanner state in bits 12–15, signature status in bits 4–7, Microsoft flag in bits 8–11")
    func productState() {
        let defenderOn = ProductState(397_568)
        #expect(defenderOn.enabled && defenderOn.signaturesUpToDate && defenderOn.isMicrosoft)
        #expect(defenderOn.providerFlags == 0x06)
        let defenderOff = ProductState(393_472)
        #expect(!defenderOff.enabled && defenderOff.signaturesUpToDate)
        let outOfDate = ProductState(397_584)
        #expect(outOfDate.enabled && !outOfDate.signaturesUpToDate)
        let thirdParty = ProductState(266_240)
        #expect(thirdParty.enabled && !thirdParty.isMicrosoft)
        let snoozed = ProductState(0x042000)
        #expect(snoozed.scannerState == 2 && !snoozed.enabled)
    }

    @Test("the Windows command line is a fixed -EncodedCommand bootstrap far under cmd.exe's 8191 characters; the script goes on stdin as escaped ASCII")
    func commandShape() throws {
        let probe = WindowsProbe(nonce: "0123456789abcdef0123456789abcdef")
        let command = probe.command
        #expect(command.count < 1000)
        #expect(command.hasPrefix("powershell -NoProfile -NonInteractive -EncodedCommand "))
        let encoded = try #require(command.split(separator: " ").last)
        let bytes = try #require(Data(base64Encoded: String(encoded)))
        #expect(bytes.count % 2 == 0)
        let bootstrap = try #require(String(data: bytes, encoding: .utf16LittleEndian))
        #expect(bootstrap.contains("@($input)"))
        #expect(Self.unescaped(probe.input) == probe.script)
        #expect(probe.script.contains("$n='0123456789abcdef0123456789abcdef'"))
        #expect(probe.script.split(separator: "\n").filter { $0.hasPrefix("S '") }.count == WindowsProbe.builtIn.count)

        // Policies add sections to the script, never to the command line; Vietnamese, `~` and
        // characters past the BMP reach the host as ASCII and come back whole.
        let many = (0..<300).map {
            ProbeSection(name: "request-\($0)", script: "Get-Content -Raw -LiteralPath 'C:\\Đường dẫn\\~\($0) 😀.txt'", source: "")
        }
        let loaded = WindowsProbe(extra: many)
        #expect(loaded.command == probe.command)
        #expect(loaded.script.count > 2 * WindowsProbe.commandLineLimit)
        #expect(loaded.input.allSatisfy { $0 == 0x0A || $0 == 0x09 || (0x20...0x7E).contains($0) })
        #expect(Self.unescaped(loaded.input) == loaded.script)
    }

    /// The bootstrap's decoding, step for step: lines joined by LF, split at `~`, each later piece's
    /// first four characters a UTF-16 code unit in hexadecimal.
    static func unescaped(_ input: Data) -> String {
        let pieces = String(decoding: input, as: UTF8.self).components(separatedBy: "~")
        var units = Array(pieces[0].utf16)
        for piece in pieces.dropFirst() {
            units.append(UInt16(piece.prefix(4), radix: 16) ?? 0xFFFD)
            units += Array(piece.dropFirst(4).utf16)
        }
        return String(decoding: units, as: UTF16.self)
    }

    @Test("a section missing its END frame (a cut connection) is kept, truncated, and its facts stay unknown")
    func cutWindowsOutput() throws {
        let probe = WindowsProbe()
        var output = Self.recordedOutput("windows-srv", for: probe)
        let text = String(decoding: output, as: UTF8.self)
        let cut = try #require(text.range(of: "\n==ICTAUDIT \(probe.framing.nonce) END firewall"))
        output = Data(text[..<cut.lowerBound].utf8)
        let evidence = probe.sections(from: output)
        #expect(evidence.last?.name == "firewall")
        #expect(evidence.last?.truncated == true)
        let facts = WindowsFactsParser.facts(from: evidence)
        #expect(facts.firewall == nil)
        #expect(facts.hostname == "SRV-FILE-01")
    }
}

/// The same recordings served by a real sshd whose ForceCommand replays them, scanned by libssh2.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct WindowsLabTests {
    @Test("windows-ws over libssh2: one exec, the exact workstation facts", arguments: ["windows-ws", "windows-srv"])
    func scanWindows(_ host: String) async throws {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, host, os: .windows), readServerOffer: true)
        #expect(result.status == .scanned, "\(result.message ?? "")")
        #expect(result.execCount == 1)
        // The replaying sshd is this machine's OpenSSH: its KEXINIT is read too, and checked in ServerKexInitTests.
        #expect(result.facts?.sshOffer?.ciphers.isEmpty == false)
        var facts = result.facts
        facts?.sshOffer = nil
        #expect(facts == (host == "windows-ws" ? WindowsTests.workstation : WindowsTests.server))
        #expect(result.evidence.count == WindowsProbe.builtIn.count)
    }

    @Test("a Windows host scanned as Linux ends with an error naming the fix, not as an empty 'scanned' host")
    func windowsWithoutHint() async throws {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, "windows-ws"))
        #expect(result.status == .error)
        #expect(result.message == "the host answered like Windows (cmd.exe); set `os: windows` on this target")
        #expect(result.execCount == 1)
    }
}
