import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// A Windows host whose PowerShell runs in Constrained Language Mode (AppLocker or WDAC script
/// enforcement, usual on hardened government hosts), replayed by the lab's `windows-clm`: the
/// replay refuses, as PowerShell does, top-level code that calls a .NET type outside CLM's
/// allowed list, and answers each section with what that host printed.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"))
struct WindowsConstrainedLanguageTests {
    /// The bootstrap ictaudit sent before it ran in CLM: `[Console]`, `[Convert]`, `[Text.Encoding]`
    /// and `[ScriptBlock]` are none of CLM's types.
    static let oldBootstrap =
        "$s=[Console]::In.ReadToEnd();"
        + ". ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))))"

    static func command(_ bootstrap: String) -> String {
        let utf16 = bootstrap.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + Data(utf16).base64EncodedString()
    }

    @Test("the old base64 bootstrap fails on the CLM host with PowerShell's CLIXML error (decoded), and still runs on a full-language host")
    func oldBootstrapRefused() async throws {
        let lab = try await Lab.shared()
        let probe = WindowsProbe()
        let input = Data(Data(probe.script.utf8).base64EncodedString().utf8)
        let refused = try await lab.openSSH("windows-clm", command: Self.command(Self.oldBootstrap), input: input)
        #expect(refused.status == 1)
        #expect(refused.standardOutput.isEmpty)
        #expect(refused.standardError.hasPrefix("#< CLIXML"))
        let reason = PowerShellErrorStream.errors(in: Data(refused.standardError.utf8))
        #expect(reason?.hasPrefix("Cannot invoke method. Method invocation is supported only on core types in this language mode.") == true)
        #expect(reason?.contains("MethodInvocationNotSupportedInConstrainedLanguage") == true)
        let full = try await lab.openSSH("windows-srv", command: Self.command(Self.oldBootstrap), input: input)
        #expect(full.status == 0)
        #expect(probe.sections(from: full.standardOutput).count == WindowsProbe.builtIn.count)
    }

    @Test("a script whose top level sets a .NET property is refused in CLM (Cannot set property): the replay checks the script, not only the bootstrap")
    func topLevelDotNetRefused() async throws {
        let lab = try await Lab.shared()
        let probe = WindowsProbe()
        let script = probe.script.replacingOccurrences(
            of: "\nfunction S(", with: "\n[Console]::OutputEncoding=[Text.Encoding]::UTF8\nfunction S(")
        let refused = try await lab.openSSH(
            "windows-clm", command: probe.command, input: Data(WindowsProbe.asciiEscaped(script).utf8))
        #expect(refused.status == 1)
        #expect(
            PowerShellErrorStream.errors(in: Data(refused.standardError.utf8))?.hasPrefix(
                "Cannot set property. Property setting is supported only on core types in this language mode.") == true)
    }

    @Test("windows-clm over libssh2: scanned, language mode recorded, the section that needs .NET fails alone with its reason and its fact stays unknown")
    func scanConstrained() async throws {
        let lab = try await Lab.shared()
        let result = try await LabScan.scan(lab, try LabScan.target(lab, "windows-clm", os: .windows))
        #expect(result.status == .scanned, "\(result.message ?? "")")
        #expect(result.execCount == 1)
        let facts = try #require(result.facts)
        #expect(facts.powerShellLanguageMode == "ConstrainedLanguage")
        #expect(facts.hostname == "SRV-HCC-02")
        #expect(facts.os?.name == "Microsoft Windows Server 2019 Datacenter")
        // Get-LocalGroupMember failed (an orphaned SID) and its ADSI fallback needs .NET: unknown, with CLM's words.
        #expect(facts.accounts?.administrators == nil)
        #expect(facts.accounts?.guestEnabled == false)
        let admins = try #require(result.evidence.first { $0.name == "admins" })
        #expect(admins.exitCode == 1)
        #expect(admins.text.contains("Only core types are supported in this language mode"))
        // …and that reason is kept for the fact, so a rule on it says why it cannot judge.
        #expect(facts.unknownReasons?["accounts.administrators"]?.contains("Only core types are supported") == true)
        #expect(facts.unknownReasons?["accounts.guest_enabled"] == nil)
        // The rest answered as on a full-language host.
        #expect(facts.diskEncryption?.systemEncrypted == true)
        #expect(facts.remoteDesktop == RemoteDesktop(enabled: true, nlaRequired: true))
        #expect(facts.passwordPolicy?.minLength == 14)
        #expect(facts.antivirus.first?.product == "Microsoft Defender")
    }
}
