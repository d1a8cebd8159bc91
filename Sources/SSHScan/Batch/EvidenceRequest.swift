import Foundation
import InventoryModel

/// Extra evidence a policy asks for, gathered in the same single round trip as the facts.
///
/// Each request becomes one framed section of the batch; its `Evidence` is stored under
/// `evidenceName`, the name the rules engine looks it up by (`file:/etc/login.defs`,
/// `dir:/etc/sudoers.d`, `command:<name>`, `processes`).
public enum EvidenceRequest: Sendable, Hashable {
    /// A file's bytes; a non-zero exit code when it is missing or unreadable.
    case file(path: String)
    /// A directory's entry names, one per line.
    case directory(path: String)
    /// A command's standard output and exit status (POSIX sh on Linux).
    case command(name: String, run: String)
    /// One full command line per running process.
    case processes
    /// A Windows registry key's values, one `name<TAB>data` line each (Windows hosts only).
    case registry(key: String)

    public var evidenceName: String {
        switch self {
        case .file(let path): "file:\(path)"
        case .directory(let path): "dir:\(path)"
        case .command(let name, _): "command:\(name)"
        case .processes: "processes"
        case .registry(let key): "registry:\(key)"
        }
    }

    /// The POSIX-sh snippet that reads it, without writing anything on the host; nil when the
    /// request has no meaning on Linux (registry keys).
    var linuxScript: String? {
        switch self {
        case .file(let path): "cat -- \(ProbeBatch.shellQuoted(path))"
        case .directory(let path): "ls -1A -- \(ProbeBatch.shellQuoted(path))"
        // Its own shell: a policy's command with a syntax error fails alone, never the batch.
        case .command(_, let run): "sh -c \(ProbeBatch.shellQuoted(run))"
        case .processes:
            "for p in /proc/[0-9]*; do [ -r \"$p/cmdline\" ] && { tr '\\000' ' ' < \"$p/cmdline\"; echo; }; done"
        case .registry: nil
        }
    }

    /// The PowerShell script-block body that reads it, read-only like the Linux snippets.
    var windowsScript: String {
        func quoted(_ text: String) -> String { "'" + text.replacingOccurrences(of: "'", with: "''") + "'" }
        switch self {
        case .file(let path): return "Get-Content -Raw -LiteralPath \(quoted(path))"
        case .directory(let path): return "Get-ChildItem -Force -Name -LiteralPath \(quoted(path))"
        // Parsed when it runs, inside the section's try: a broken command fails alone.
        case .command(_, let run): return "Invoke-Expression \(quoted(run))"
        case .processes: return "Get-CimInstance Win32_Process|ForEach-Object{$_.CommandLine}"
        case .registry(let key):
            return "$k=Get-Item -LiteralPath \(quoted("Registry::" + key));"
                + "foreach($v in $k.GetValueNames()){\"$v`t$($k.GetValue($v))\"}"
        }
    }

    var source: String {
        switch self {
        case .file(let path), .directory(let path): path
        case .command(_, let run): run
        case .processes: "running processes"
        case .registry(let key): key
        }
    }
}

extension Array where Element == EvidenceRequest {
    /// The requests as Linux batch sections, each framed under a safe name (`request-N`) that
    /// `renamingRequests` turns back into its evidence name.
    public var linuxSections: [ProbeSection] {
        enumerated().compactMap { index, request in
            request.linuxScript.map { ProbeSection(name: "request-\(index)", script: $0, source: request.source) }
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
