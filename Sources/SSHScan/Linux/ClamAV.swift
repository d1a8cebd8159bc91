import Foundation
import InventoryModel

/// ClamAV from the clamav probe section: which programs exist, `clamscan --version`, the daily
/// signature database header from the directory freshclam writes to, and whether `clamd` and the
/// on-access scanner `clamonacc` run.
///
/// The database directory is `DatabaseDirectory` of freshclam.conf (else clamd.conf), not always
/// /var/lib/clamav (source builds use /usr/local/share/clamav, some sites a shared volume).
/// Real-time protection is on-access scanning: `clamonacc` since ClamAV 0.102; before it, clamd
/// itself with `ScanOnAccess yes` (and include paths).
enum ClamAV: SingleSectionLinuxCollector {
    static let toolsLabel = "tools"
    static let versionLabel = "clamscan --version"
    static let processesLabel = "clamd processes"
    static let onAccessProcessesLabel = "clamonacc processes"
    static let defaultDatabaseDirectory = "/var/lib/clamav"
    /// freshclam's files first (where the signatures are written), then clamd's.
    static let configurationFiles = [
        "/etc/clamav/freshclam.conf", "/etc/freshclam.conf", "/usr/local/etc/freshclam.conf",
        "/etc/clamav/clamd.conf", "/etc/clamd.d/scan.conf", "/etc/clamd.conf", "/usr/local/etc/clamd.conf",
    ]

    // Programs are looked up along PATH by the shell itself (`command -v` would need a command
    // substitution, a fork, per program).
    static let section = ProbeSection(
        name: "clamav",
        script:
            "part \(toolsLabel); o=$IFS; IFS=:; set -- $PATH; IFS=$o; for t in clamscan clamd freshclam clamdscan clamonacc; do "
            + "for d in \"$@\"; do if [ -f \"$d/$t\" ] && [ -x \"$d/$t\" ]; then echo \"$t $d/$t\"; break; fi; done; done; "
            + "if command -v clamscan >/dev/null; then part '\(versionLabel)'; clamscan --version | head -c $ictaudit_cap; fi; "
            + "d=; for f in \(configurationFiles.joined(separator: " ")); do if [ -f \"$f\" ]; then part \"$f\"; "
            + "grep -E '^[[:space:]]*(DatabaseDirectory|OnAccessIncludePath|OnAccessMountPath|OnAccessPrevention|ScanOnAccess)[[:space:]]' \"$f\" | head -n 50; "
            + "if [ -z \"$d\" ]; then set -- $(grep -E '^[[:space:]]*DatabaseDirectory[[:space:]]' \"$f\"); d=$2; fi; fi; done; "
            + "d=${d:-\(defaultDatabaseDirectory)}; db=; if [ -f $d/daily.cld ]; then db=$d/daily.cld; fi; "
            + "if [ -f $d/daily.cvd ] && { [ -z \"$db\" ] || [ $d/daily.cvd -nt \"$db\" ]; }; then db=$d/daily.cvd; fi; "
            + "if [ -n \"$db\" ]; then part \"$db\"; head -c 512 \"$db\"; fi; "
            + "p=; q=; for f in /proc/[0-9]*/comm; do read -r c <\"$f\" || continue; case $c in clamd) p=\"$p ${f%/comm}\";; clamonacc) q=\"$q ${f%/comm}\";; esac; done; "
            + "part '\(processesLabel)'; for f in $p; do echo \"$f\"; done; part '\(onAccessProcessesLabel)'; for f in $q; do echo \"$f\"; done; true",
        source:
            "command -v clamscan clamd freshclam clamdscan clamonacc; clamscan --version; DatabaseDirectory and on-access settings of "
            + "freshclam.conf and clamd.conf; first 512 bytes of the newer of daily.cld and daily.cvd there (else in /var/lib/clamav); "
            + "/proc/*/comm = clamd, clamonacc",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        if let found = evidence.parts(section.name).flatMap(antivirus(from:)) { facts.antivirus.append(found) }
    }

    static func antivirus(from parts: LabelledParts) -> Antivirus? {
        let tools = (parts[toolsLabel] ?? "").split(whereSeparator: \.isNewline).compactMap { line in
            line.split(separator: " ").first.map(String.init)
        }
        let database = parts.parts.first { $0.label.hasSuffix("/daily.cld") || $0.label.hasSuffix("/daily.cvd") }
        guard !tools.isEmpty || database != nil else { return nil }
        let versionLine = parts[versionLabel].flatMap(LinuxEvidence.firstLine)
        let running = parts[processesLabel].map { text in
            text.split(whereSeparator: \.isNewline).contains { $0.hasPrefix("/proc/") }
        }
        return Antivirus(
            product: "ClamAV",
            version: versionLine.flatMap(version(fromVersionLine:)),
            installed: !tools.isEmpty,
            running: running,
            realTimeProtection: realTime(parts, clamdRunning: running),
            signatureDate: database.flatMap { buildTime(fromHeader: $0.text) }
                ?? versionLine.flatMap(buildTime(fromVersionLine:)))
    }

    /// On-access scanning runs: `clamonacc` (0.102 and later), or clamd itself with `ScanOnAccess
    /// yes` (older releases); nil when the processes were not listed.
    static func realTime(_ parts: LabelledParts, clamdRunning: Bool?) -> Bool? {
        guard let onAccess = parts[onAccessProcessesLabel] else { return nil }
        if onAccess.split(whereSeparator: \.isNewline).contains(where: { $0.hasPrefix("/proc/") }) { return true }
        let settings = configurationFiles.compactMap { parts[$0] }.flatMap { LinuxEvidence.lines($0) }
        let legacy = settings.contains { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            return words.count >= 2 && words[0] == "ScanOnAccess" && ["yes", "true", "1"].contains(words[1].lowercased())
        }
        return legacy && clamdRunning == true
    }

    /// `ClamAV 1.0.7/27100/Sat Nov 21 08:17:17 2026` (or just `ClamAV 1.0.7` without a database).
    static func version(fromVersionLine line: String) -> String? {
        guard line.hasPrefix("ClamAV ") else { return nil }
        let version = line.dropFirst("ClamAV ".count).prefix { $0 != "/" }.trimmingCharacters(in: .whitespaces)
        return version.isEmpty ? nil : version
    }

    /// The build time in a CVD/CLD header:
    /// `ClamAV-VDB:21 Nov 2026 08-17 +0000:27100:2068443:90:md5:dsig:builder:1795249037`, padded to
    /// 512 bytes. The last field is the exact time in seconds; older headers have only the text.
    static func buildTime(fromHeader header: String) -> Date? {
        let fields = header.trimmingCharacters(in: .whitespacesAndNewlines.union(.controlCharacters))
            .split(separator: ":", omittingEmptySubsequences: false)
        guard fields.count >= 2, fields[0] == "ClamAV-VDB" else { return nil }
        if fields.count >= 9,
            let seconds = Int(fields[8].prefix { !$0.isWhitespace && $0 != "\0" }),
            seconds > 0
        {
            return Date(timeIntervalSince1970: TimeInterval(seconds))
        }
        // "21 Nov 2026 08-17 +0000"
        let words = fields[1].split(separator: " ")
        guard words.count >= 4, let day = Int(words[0]), let month = CivilTime.month(abbreviation: words[1]),
            let year = Int(words[2])
        else { return nil }
        let clock = words[3].split(separator: "-")
        guard clock.count == 2, let hour = Int(clock[0]), let minute = Int(clock[1]),
            let local = CivilTime.date(year: year, month: month, day: day, hour: hour, minute: minute)
        else { return nil }
        return local.addingTimeInterval(-TimeInterval(words.count >= 5 ? CivilTime.offsetSeconds(words[4]) ?? 0 : 0))
    }

    /// The database date in `clamscan --version`. ctime() prints it in the host's local time, which
    /// the probe cannot see; taken as UTC, it is off by at most the host's zone offset, so it is
    /// used only when no database header was readable.
    static func buildTime(fromVersionLine line: String) -> Date? {
        let fields = line.split(separator: "/", maxSplits: 2)
        guard fields.count == 3 else { return nil }
        // "Sat Nov 21 08:17:17 2026"
        let words = fields[2].split(separator: " ")
        guard words.count == 5, let month = CivilTime.month(abbreviation: words[1]), let day = Int(words[2]),
            let year = Int(words[4])
        else { return nil }
        let clock = words[3].split(separator: ":").compactMap { Int($0) }
        guard clock.count == 3 else { return nil }
        return CivilTime.date(year: year, month: month, day: day, hour: clock[0], minute: clock[1], second: clock[2])
    }
}
