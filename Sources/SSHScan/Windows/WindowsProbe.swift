public import Foundation
public import InventoryModel

/// The Windows facts as ONE PowerShell command over the Windows OpenSSH server.
///
/// Windows OpenSSH hands the command to `cmd.exe /c`, whose quoting is unlike any POSIX shell's
/// and whose line is capped at 8,191 characters, while the script grows with every policy loaded
/// (the built-in sections alone are about 7,000 characters). So the command line is only a small
/// fixed bootstrap, `powershell -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>`
/// (no quoting at all, and no profile or prompt can interfere), which reads the script from
/// standard input as base64 of UTF-8 and runs it: base64 because the console decodes standard
/// input in the OEM code page, which would mangle a Vietnamese path in a policy's probe. Each section prints the same nonce frames as the
/// Linux batch, so `ProbeBatch.sections(from:)` cuts both. Sections print compact JSON built from
/// chosen properties (dates as UTC ISO 8601) so the parser never depends on the console width,
/// the culture's date format or PowerShell's own serialisation of dates.
public struct WindowsProbe: Sendable {
    /// Marks the script as ours; the lab's replaying sshd refuses any other.
    static let marker = "# ictaudit-windows-probe 1"
    /// cmd.exe's limit for one command line.
    public static let commandLineLimit = 8191
    /// The most seconds one section may take before it is abandoned (exit code 124).
    public static let sectionSeconds = 30

    public let sections: [ProbeSection]
    /// The frame parser (it only needs the names, sources, nonce and cap).
    public let framing: ProbeBatch

    public init(extra: [ProbeSection] = [], nonce: String = ProbeBatch.randomNonce(), outputCap: Int = 1 << 20) {
        sections = WindowsProbe.builtIn + extra
        framing = ProbeBatch(probes: sections, outputCap: outputCap, nonce: nonce)
    }

    /// The PowerShell sections, the collectors' in their order; `script` is a PowerShell script block body.
    public static let builtIn: [ProbeSection] = WindowsFactsParser.collectors.flatMap { $0.sections }

    /// The PowerShell script: helpers, then one `S 'name' { … }` line per section.
    ///
    /// `S` runs a section with errors as exceptions (`Stop`), so a failing cmdlet gives exit code 1
    /// instead of red text mixed into the data; the error's message becomes the section's text, so
    /// the reason of a failure is kept (never read as data: parsers read exit code 0 only).
    ///
    /// In full language mode each section runs in a runspace of its own with a time limit
    /// (`sectionSeconds`): a WMI call that hangs ends as exit code 124 with the other sections'
    /// output kept. Constrained Language Mode forbids creating runspaces, so there the sections run
    /// inline, without a limit, as before.
    public var script: String {
        let cap = framing.outputCap + 1
        let helpers = [
            "function J{$input|ConvertTo-Json -Compress -Depth 3}",
            "function D($d){if($d){([datetime]$d).ToUniversalTime().ToString('s')+'Z'}}",
        ]
        var lines = [
            WindowsProbe.marker,
            "$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue';[Console]::OutputEncoding=[Text.Encoding]::UTF8",
            "$n='\(framing.nonce)'",
            "$h=@'\n$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue'\n\(helpers.joined(separator: "\n"))\n'@",
            "$full=$ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage'",
            "function S($name,$body){$o=[Console]::Out;$o.Write(\"`n==ICTAUDIT $n BEGIN $name`n\");$rc=0;"
                + "try{if($full){$p=[powershell]::Create();[void]$p.AddScript($h+\"`n\"+$body.ToString());$a=$p.BeginInvoke();"
                + "if($a.AsyncWaitHandle.WaitOne(\(WindowsProbe.sectionSeconds * 1000))){$t=($p.EndInvoke($a)|Out-String -Width 4096)}"
                + "else{[void]$p.BeginStop($null,$null);$rc=124;$t=\"timed out after \(WindowsProbe.sectionSeconds) s\"}}"
                + "else{$t=(& $body|Out-String -Width 4096)};"
                + "if($t.Length -gt \(cap)){$t=$t.Substring(0,\(cap))};$o.Write($t)}"
                + "catch{$rc=1;$e=$_.Exception;while($e.InnerException){$e=$e.InnerException};$o.Write($e.Message)};"
                + "$o.Write(\"`n==ICTAUDIT $n END $name $rc`n\")}",
        ] + helpers
        for section in sections {
            lines.append("S '\(section.name)' {\(section.script)}")
        }
        return lines.joined(separator: "\n")
    }

    /// What the command line runs: read standard input to its end, decode it, run it in this scope.
    static let bootstrap =
        "$s=[Console]::In.ReadToEnd();"
        + ". ([ScriptBlock]::Create([Text.Encoding]::UTF8.GetString([Convert]::FromBase64String($s))))"

    /// The command line of the exec request: the same few hundred characters whatever the script.
    public var command: String {
        let utf16 = WindowsProbe.bootstrap.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + Data(utf16).base64EncodedString()
    }

    /// What is written to the channel's standard input: `script` as base64 of its UTF-8 bytes.
    public var input: Data { Data(Data(script.utf8).base64EncodedString().utf8) }

    /// The host's stdout cut into sections.
    public func sections(from output: Data) -> [Evidence] { framing.sections(from: output) }

    /// The same, with PowerShell's error stream (`stderr`, CLIXML on 5.1) kept as the reason of
    /// each section that failed or was cut without a word of its own: a section's own failure is
    /// caught and written in its frame, so what reaches the error stream is what escaped it (the
    /// host's PowerShell refusing the script, a crash), and a reader needs it more than nothing.
    public func sections(from output: Data, errors stderr: Data) -> [Evidence] {
        var evidence = sections(from: output)
        guard let errors = PowerShellErrorStream.errors(in: stderr.prefix(64 * 1024)) else { return evidence }
        for index in evidence.indices where evidence[index].exitCode != 0 && evidence[index].content.isEmpty {
            evidence[index].content = Data(errors.utf8)
        }
        return evidence
    }
}
