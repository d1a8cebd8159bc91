import Foundation
import InventoryModel
@testable import SSHScan
import Testing

/// Policy evidence requests become sections of the one batch and come back under their names.
struct EvidenceRequestTests {
    let requests: [EvidenceRequest] = [
        .file(path: "/etc/it's here"), .command(name: "auditd", run: "systemctl is-enabled auditd"),
        .registry(key: #"HKLM\SYSTEM\CurrentControlSet\Control\Lsa"#), .processes,
    ]

    @Test("Evidence names follow the rules engine's contract")
    func names() {
        #expect(
            requests.map(\.evidenceName) == [
                "file:/etc/it's here", "command:auditd", #"registry:HKLM\SYSTEM\CurrentControlSet\Control\Lsa"#, "processes",
            ])
    }

    @Test("Linux gets shell snippets with quoted paths and no registry section; frames are renamed back")
    func linuxSections() {
        let sections = requests.linuxSections
        #expect(sections.map(\.name) == ["request-0", "request-1", "request-3"])
        #expect(sections[0].script.hasPrefix(#"p='/etc/it'\''s here'; if [ -f "$p" ]; then cat -- "$p""#))
        let batch = ProbeBatch(probes: sections, nonce: "n0")
        let output = Data("\n==ICTAUDIT n0 BEGIN request-1\nenabled\n\n==ICTAUDIT n0 END request-1 0\n".utf8)
        let evidence = batch.sections(from: output).renamingRequests(requests)
        #expect(evidence.map(\.name) == ["command:auditd"])
        #expect(evidence.first?.text == "enabled\n")
    }

    @Test("Windows gets PowerShell bodies: literal paths with doubled quotes, registry subkeys and values by cmdlets (no .NET method, so CLM runs them), a missing key as status 2")
    func windowsSections() {
        let sections = requests.windowsSections
        #expect(sections.count == 4)
        #expect(sections[0].script == "Get-Content -Raw -LiteralPath '/etc/it''s here'")
        #expect(sections[2].script.hasPrefix(#"$k='Registry::HKLM\SYSTEM\CurrentControlSet\Control\Lsa';if(Test-Path -LiteralPath $k){"#))
        #expect(!sections[2].script.contains("GetValue"))
        #expect(sections[2].script.hasSuffix(#"else{"ictaudit-status $n 2"}"#))
        #expect(WindowsProbe(extra: sections).script.contains("S 'request-2' {$k='Registry::"))
    }
}
