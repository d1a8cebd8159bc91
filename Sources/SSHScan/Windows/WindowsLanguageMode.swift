import Foundation
import InventoryModel

/// The PowerShell language mode the probe ran in. Hardened hosts (AppLocker or WDAC script
/// enforcement, common on government networks) run PowerShell in Constrained Language Mode, where
/// .NET methods outside a short list of core types, `Add-Type` and new runspaces are refused: the
/// sections that need them fail, each with PowerShell's reason, and their facts stay unknown. The
/// mode is recorded so a reader sees why.
enum WindowsLanguageMode: WindowsCollector {
    static let sections = [
        ProbeSection(
            name: "language-mode", script: "\"$($ExecutionContext.SessionState.LanguageMode)\"",
            source: "$ExecutionContext.SessionState.LanguageMode")
    ]

    static func collect(_ evidence: WindowsEvidence, into facts: inout HostFacts) {
        guard let mode = evidence.text("language-mode")?.trimmingCharacters(in: .whitespacesAndNewlines),
            mode.hasSuffix("Language")
        else { return }
        facts.powerShellLanguageMode = mode
    }
}
