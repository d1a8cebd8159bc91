public import Foundation
public import InventoryModel

/// The Windows facts as ONE PowerShell command over the Windows OpenSSH server.
///
/// Windows OpenSSH hands the command to `cmd.exe /c`, whose quoting is unlike any POSIX shell's
/// and whose line is capped at 8,191 characters, while the script grows with every policy loaded
/// (the built-in sections alone are about 7,000 characters). So the command line is only a small
/// fixed bootstrap, `powershell -NoProfile -NonInteractive -EncodedCommand <base64 of UTF-16LE>`
/// (no quoting at all, and no profile or prompt can interfere), which reads the script from
/// standard input as escaped ASCII and runs it (`bootstrap`), in full or constrained language
/// mode alike. Each section prints the same nonce frames as the
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
    /// the reason of a failure is kept (never read as data: parsers read exit code 0 only). A
    /// section that has an exit status of its own (a program's `$LASTEXITCODE`, 2 for a registry
    /// key that is not there) ends its output with `ictaudit-status <nonce> <code>` (`statusLine`):
    /// S takes it as the section's exit code; the nonce keeps a host's data from forging it.
    ///
    /// The script runs in either language mode. Hardened hosts run PowerShell in Constrained
    /// Language Mode (CLM), where only core types' methods may be called and no property of a
    /// .NET type may be set: `[Console]::Out.Write`, `[Console]::OutputEncoding = …` and
    /// `[powershell]::Create()` are refused there. So the code that needs full language lives in
    /// one here-string (`$fl`), run only when the mode is `FullLanguage`, where it redefines the
    /// plain writer `W`, runner `R` and message `M`:
    /// - full language: UTF-8 output, each section in a runspace of its own with a time limit
    ///   (`sectionSeconds`; a WMI call that hangs ends as exit code 124, the other sections kept),
    ///   the innermost exception's message;
    /// - CLM: `Write-Host` output with the console switched to UTF-8 by `chcp.com 65001` (no .NET
    ///   property needed), sections inline without a limit, the error record's text. A section
    ///   that itself needs .NET fails alone, with PowerShell's words as its reason, and its facts
    ///   stay unknown (an `error` verdict, never a fail).
    public var script: String {
        let cap = framing.outputCap + 1
        let helpers = [
            "function J{$input|ConvertTo-Json -Compress -Depth 3}",
            "function D($d){if($d){([datetime]$d).ToUniversalTime().ToString('s')+'Z'}}",
        ]
        let fullLanguage = [
            "[Console]::OutputEncoding=[Text.Encoding]::UTF8",
            "function W($x){[Console]::Out.Write($x)}",
            "function M($e){$x=$e.Exception;while($x.InnerException){$x=$x.InnerException};$x.Message}",
            "function R($body){$p=[powershell]::Create();[void]$p.AddScript($h+\"`n\"+$body.ToString());$a=$p.BeginInvoke();"
                + "if($a.AsyncWaitHandle.WaitOne(\(WindowsProbe.sectionSeconds * 1000))){$p.EndInvoke($a)|Out-String -Width 4096}"
                + "else{[void]$p.BeginStop($null,$null);$script:late=$true;'timed out after \(WindowsProbe.sectionSeconds) s'}}",
        ]
        var lines = [
            WindowsProbe.marker,
            "$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue'",
            "$n='\(framing.nonce)'",
            "$h=@'\n$ErrorActionPreference='Stop';$ProgressPreference='SilentlyContinue'\n$n='\(framing.nonce)'\n\(helpers.joined(separator: "\n"))\n'@",
            // Constrained Language Mode's versions; full language replaces them from `$fl`.
            "function W($x){Write-Host -NoNewline $x}",
            "function M($e){\"$e\"}",
            "function R($body){& $body|Out-String -Width 4096}",
            "$fl=@'\n\(fullLanguage.joined(separator: "\n"))\n'@",
            "if($ExecutionContext.SessionState.LanguageMode -eq 'FullLanguage'){Invoke-Expression $fl}else{$null=chcp.com 65001}",
            "function S($name,$body){W \"`n==ICTAUDIT $n BEGIN $name`n\";$rc=0;$script:late=$false;"
                + "try{$t=R $body;if($script:late){$rc=124};"
                + "if($t -match \"ictaudit-status $n (-?\\d+)\\s*$\"){$rc=[int]$Matches[1];$t=$t.Substring(0,$t.Length-$Matches[0].Length)};"
                + "if($t.Length -gt \(cap)){$t=$t.Substring(0,\(cap))};W $t}"
                + "catch{$rc=1;W (M $_)};"
                + "W \"`n==ICTAUDIT $n END $name $rc`n\"}",
        ] + helpers
        for section in sections {
            lines.append("S '\(section.name)' {\(section.script)}")
        }
        return lines.joined(separator: "\n")
    }

    /// The PowerShell expression a section body ends with to give its exit status (`$n` is the
    /// nonce, defined for sections in either mode).
    static func statusLine(_ code: String) -> String { "\"ictaudit-status $n \(code)\"" }

    /// What the command line runs, in either language mode: the script arrives on standard input
    /// (`$input`, line by line) as ASCII, every other character (and `~`) written `~XXXX`, its
    /// UTF-16 code unit in hexadecimal; split at `~`, each piece's first four characters become a
    /// `[char]` again (`[char]` and `[int]` are core types, allowed in CLM), and the text runs
    /// in this scope. ASCII because the console decodes standard input in the OEM code page,
    /// which would mangle a Vietnamese path in a policy's probe; no base64, because decoding it
    /// needs `[Convert]`, which CLM refuses.
    static let bootstrap =
        "$p=(@($input)-join\"`n\").Split('~');"
        + "$o=for($i=1;$i -lt $p.Count;$i++){[char][int]('0x'+$p[$i].Substring(0,4));$p[$i].Substring(4)};"
        + "Invoke-Expression ($p[0]+(-join $o))"

    /// The command line of the exec request: the same few hundred characters whatever the script.
    public var command: String {
        let utf16 = WindowsProbe.bootstrap.utf16.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        return "powershell -NoProfile -NonInteractive -EncodedCommand " + Data(utf16).base64EncodedString()
    }

    /// What is written to the channel's standard input: `script` in the bootstrap's ASCII form.
    public var input: Data { Data(WindowsProbe.asciiEscaped(script).utf8) }

    /// Printable ASCII, tab and line feed as they are; `~` and everything else as `~XXXX` (UTF-16).
    public static func asciiEscaped(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for unit in text.utf16 {
            if unit == 0x09 || unit == 0x0A || (0x20...0x7D).contains(unit) {
                out.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            } else {
                let hex = String(unit, radix: 16, uppercase: true)
                out += "~" + String(repeating: "0", count: 4 - hex.count) + hex
            }
        }
        return out
    }

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
