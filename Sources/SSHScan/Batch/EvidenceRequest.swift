import Foundation
import InventoryModel

/// Extra evidence a policy asks for, gathered in the same single round trip as the facts.
///
/// Each request becomes one framed section of the batch; its `Evidence` is stored under
/// `evidenceName`, the name the rules engine looks it up by (`file:/etc/login.defs`,
/// `dir:/etc/sudoers.d`, `command:<name>`, `processes`). The exit codes and formats are the
/// contract written down on `Probe` (PolicyEngine): 2 missing, 3 unreadable, 4 the wrong kind.
public enum EvidenceRequest: Sendable, Hashable {
    /// A file's bytes; exit 2 when nothing is there, 3 when it cannot be read, 4 when it is not a
    /// regular file.
    case file(path: String)
    /// A directory's entry names, one per line; exit 2, 3 or 4 as for a file.
    case directory(path: String)
    /// A directory walked recursively without following links: every entry with its kind, and
    /// the text of the files whose names match the ERE `contents` (none when `nil`).
    case tree(path: String, contents: String?)
    /// A command's standard output and exit status (POSIX sh on Linux).
    case command(name: String, run: String)
    /// A Wazuh SCA `c:` rule's program, run as Wazuh runs it (``SCAProgram``): its output and
    /// errors together, its exit status (127 when it cannot be run).
    case program(text: String)
    /// One line per running process: its name, a tab, its full command line.
    case processes
    /// A Windows registry key's subkeys (`K<TAB>name`) and values (`V<TAB>name<TAB>data`), one a
    /// line (Windows hosts only); exit status 2 when the key is not there.
    case registry(key: String)

    public var evidenceName: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .directory(let path): "dir:\(path)"
        case .tree(let path, let contents): "tree:\(path)" + (contents.map { " ~ \($0)" } ?? "")
        case .command(let name, _): "command:\(name)"
        case .program(let text): "program:\(text)"
        case .processes: "processes"
        case .registry(let key): "registry:\(key)"
        }
    }

    /// The POSIX-sh snippet that reads it, without writing anything on the host; nil when the
    /// request has no meaning on Linux (registry keys).
    var linuxScript: String? { linuxScript(sudo: false) }

    /// The same, with SCA programs run through `sudo -n` by an account other than root when the
    /// inventory allows sudo for the host.
    func linuxScript(sudo: Bool) -> String? {
        switch self {
        // `[ -e ]` and `[ -f ]` follow links, as Wazuh's `exists` and `is_regular_file` do.
        case .file(let path):
            "p=\(ProbeBatch.shellQuoted(path)); if [ -f \"$p\" ]; then cat -- \"$p\" || return 3; "
                + "elif [ -e \"$p\" ]; then return 4; else \(EvidenceRequest.missingOrUnreachable) fi"
        case .directory(let path):
            "p=\(ProbeBatch.shellQuoted(path)); if [ -d \"$p\" ]; then ls -1A -- \"$p\" || return 3; "
                + "elif [ -e \"$p\" ]; then return 4; else \(EvidenceRequest.missingOrUnreachable) fi"
        case .tree(let path, let contents): EvidenceRequest.treeScript(path, contents: contents)
        // Its own shell: a policy's command with a syntax error fails alone, never the batch.
        case .command(_, let run): "sh -c \(ProbeBatch.shellQuoted(run))"
        case .program(let text): SCAProgram.shellLine(text, sudo: sudo)
        case .processes:
            "for p in /proc/[0-9]*; do IFS= read -r c < \"$p/comm\" 2>/dev/null && "
                + "{ printf '%s\\t' \"$c\"; tr '\\000' ' ' < \"$p/cmdline\" 2>/dev/null; echo; }; done"
        case .registry: nil
        }
    }

    /// Nothing at `$p`: 2 when that is what root would see too, 5 when the deepest directory on
    /// the way that can be seen cannot be searched by this account (the path may well exist).
    static let missingOrUnreachable =
        "q=${p%/*}; while [ -n \"$q\" ] && [ ! -d \"$q\" ]; do q=${q%/*}; done; [ -x \"${q:-/}\" ] || return 5; return 2;"

    /// The walk for a `d:` rule, in a subshell of its own (it changes directory): the root's links
    /// are followed (Wazuh resolves it first), nothing below it is. Each entry is tested with
    /// shell builtins, so the walk costs one `find`, plus an `awk` per file whose text is sent.
    /// The names filter reaches `awk` through the environment, where no escape is processed.
    static func treeScript(_ path: String, contents: String?) -> String {
        var script =
            "( p=\(ProbeBatch.shellQuoted(path)); if [ ! -e \"$p\" ]; then \(EvidenceRequest.missingOrUnreachable.replacingOccurrences(of: "return", with: "exit")) fi; [ -d \"$p\" ] || exit 4; "
            + "cd -P -- \"$p\" 2>/dev/null && [ -r . ] && [ -x . ] || exit 3; "
            + "find . ! -name . 2>/dev/null | while IFS= read -r e; do "
            + "if [ -L \"$e\" ]; then t=L; elif [ -d \"$e\" ]; then if [ -r \"$e\" ] && [ -x \"$e\" ]; then t=D; else t=E; fi; "
            + "elif [ -f \"$e\" ]; then t=F; else t=O; fi; printf '%s %s\\n' \"$t\" \"$e\"; done"
        if let contents {
            script +=
                "; find . -type f 2>/dev/null | ICTAUDIT_F=\(ProbeBatch.shellQuoted(contents)) "
                + "awk '{ n = $0; sub(/.*\\//, \"\", n); if (n ~ ENVIRON[\"ICTAUDIT_F\"]) print }' | while IFS= read -r e; do "
                + "if [ -r \"$e\" ]; then printf 'C %s\\n' \"$e\"; awk '{ print \"| \" $0 }' \"$e\"; "
                + "else printf 'U %s\\n' \"$e\"; fi; done"
        }
        return script + " )"
    }

    /// The PowerShell script-block body that reads it, read-only like the Linux snippets.
    var windowsScript: String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        switch self {
        case .file(let path): return "Get-Content -Raw -LiteralPath \(quoted(path))"
        case .directory(let path): return "Get-ChildItem -Force -Name -LiteralPath \(quoted(path))"
        // Parsed when it runs, inside the section's try: a broken command fails alone.
        case .tree(let path, let contents):
            // The same lines as the Linux walk; reparse points (links, junctions) are skipped.
            return "$r=(Get-Item -LiteralPath \(quoted(path))).FullName.TrimEnd('\\');"
                + "Get-ChildItem -LiteralPath $r -Recurse -Force -Attributes !ReparsePoint|ForEach-Object{"
                + "'{0} .{1}' -f $(if($_.PSIsContainer){'D'}else{'F'}),$_.FullName.Substring($r.Length).Replace('\\','/')}"
                + (contents.map { filter in
                    ";Get-ChildItem -LiteralPath $r -Recurse -Force -File -Attributes !ReparsePoint|"
                        + "Where-Object{$_.Name -match \(quoted(filter))}|ForEach-Object{"
                        + "$e='.'+$_.FullName.Substring($r.Length).Replace('\\','/');"
                        + "try{$l=Get-Content -LiteralPath $_.FullName;\"C $e\";$l|ForEach-Object{\"| $_\"}}catch{\"U $e\"}}"
                } ?? "")
        // An error it raises is its failure, not its answer: PowerShell's words with status 1000
        // (`Probe.Status.raised`), so the rule is an error with that reason, never a fail.
        case .command(_, let run):
            return "try{Invoke-Expression \(quoted(run))}catch{\"$_\";\(WindowsProbe.statusLine("1000"))}"
        // cmd.exe's exit status travels as the section's (9009: cmd.exe could not find the program).
        case .program(let text):
            return "$ErrorActionPreference='Continue';cmd.exe /d /c \(quoted(text)) 2>&1|ForEach-Object{\"$_\"};"
                + WindowsProbe.statusLine("$LASTEXITCODE")
        case .processes:
            return "Get-CimInstance Win32_Process|ForEach-Object{\"$($_.Name)`t$($_.CommandLine)\"}"
        // Subkeys (`K<TAB>name`), then values (`V<TAB>name<TAB>data`), with cmdlets only (a
        // RegistryKey's methods are refused in Constrained Language Mode); exit status 2 when the
        // key is not there, 1 with PowerShell's words when it cannot be read.
        case .registry(let key):
            return "$k=\(quoted("Registry::" + key));if(Test-Path -LiteralPath $k){"
                + "Get-ChildItem -LiteralPath $k -Name|ForEach-Object{\"K`t$_\"};"
                + "foreach($v in (Get-Item -LiteralPath $k).Property){\"V`t$v`t$(Get-ItemPropertyValue -LiteralPath $k -Name $v)\"}}"
                + "else{\(WindowsProbe.statusLine(String(2)))}"
        }
    }

    var source: String {
        switch self {
        case .file(let path), .directory(let path), .tree(let path, _): path
        case .command(_, let run): run
        case .program(let text): text
        case .processes: "running processes"
        case .registry(let key): key
        }
    }
}

extension Array where Element == EvidenceRequest {
    /// The requests as Linux batch sections, each framed under a safe name (`request-N`) that
    /// `renamingRequests` turns back into its evidence name.
    public var linuxSections: [ProbeSection] { linuxSections(sudo: false) }

    /// The same for a host whose inventory allows `sudo -n` (SCA programs may run through it).
    public func linuxSections(sudo: Bool) -> [ProbeSection] {
        enumerated().compactMap { index, request in
            request.linuxScript(sudo: sudo).map { ProbeSection(name: "request-\(index)", script: $0, source: request.source) }
        }
    }

    /// The same for the Windows (PowerShell) batch.
    public var windowsSections: [ProbeSection] {
        enumerated().map { index, request in
            ProbeSection(name: "request-\(index)", script: request.windowsScript, source: request.source)
        }
    }
}

extension Array where Element == Evidence {
    /// Gives request sections their evidence names (`request-3` → `file:/etc/login.defs`).
    func renamingRequests(_ requests: [EvidenceRequest]) -> [Evidence] {
        map { evidence in
            guard evidence.name.hasPrefix("request-"), let index = Int(evidence.name.dropFirst("request-".count)),
                requests.indices.contains(index)
            else { return evidence }
            var renamed = evidence
            renamed.name = requests[index].evidenceName
            return renamed
        }
    }
}
