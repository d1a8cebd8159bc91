import Foundation
import InventoryModel

/// Pending updates from the package manager's cached lists (apt, dnf, yum, zypper, apk), with how
/// the question was answered (`UpdateCheck`).
///
/// The lists are never refreshed (`apt-get -s`, `dnf -C`, `zypper --no-refresh`, `apk version`
/// read what is already there), because a scan changes nothing on the host. So the answer is only
/// as new as the lists: their files' times come along, and lists older than `staleAfterDays` make
/// the answer unknown instead of a "0 pending" from months ago. A tool that fails (an unregistered
/// or offline RHEL, a lock, a missing cache) is unknown too, never "none": each tool prints
/// `==> status N <==` after its output.
enum PendingUpdates: SingleSectionLinuxCollector {
    static let clockLabel = "clock"
    static let listsLabel = "lists"
    static let advisoryReposLabel = "updateinfo repos"
    static let noToolLabel = "no package manager"
    static let aptLabel = "apt-get -s dist-upgrade"
    static let aptUpgradeLabel = "apt-get -s upgrade"
    static let dnfLabel = "dnf check-update"
    static let yumLabel = "yum check-update"
    static let securityLabel = "updateinfo security"
    static let zypperLabel = "zypper list-updates"
    static let zypperPatchesLabel = "zypper list-patches security"
    static let apkLabel = "apk version -l <"

    /// Package lists older than this answer from a past the host has moved on from; distributions
    /// refresh theirs daily (apt-daily, dnf-makecache) where they are allowed to.
    static let staleAfterDays = 7.0

    /// Where each tool keeps the repository metadata it answers from; the newest file's time is
    /// the lists' age. apt sets a list's time to the archive's Last-Modified, so it is the age of
    /// what the host knows, not of the download.
    static let aptLists = "/var/lib/apt/lists/*Release /var/lib/apt/periodic/update-success-stamp"
    static let dnfLists = "/var/cache/dnf/*/repodata/repomd.xml"
    static let yumLists = "/var/cache/yum/*/*/*/repomd.xml"
    static let zypperLists = "/var/cache/zypp/raw/*/repodata/repomd.xml"
    static let apkLists = "/var/cache/apk/APKINDEX.*.tar.gz"

    static func lists(_ globs: String) -> String {
        "part \(listsLabel); stat -c '%Y %n' \(globs) 2>/dev/null | head -n 200; "
    }

    /// Which repositories publish advisories (`updateinfo`): without any, "no security update"
    /// cannot be told from "no advisory data" (CentOS 7's repositories have none).
    static func advisoryRepos(_ globs: String) -> String {
        "part '\(advisoryReposLabel)'; grep -l 'type=\"updateinfo\"' \(globs) 2>/dev/null | head -n 200; "
    }

    // `dist-upgrade`, not `upgrade`: a kernel security update pulls in a new package and would be
    // "kept back", unseen, by a plain upgrade simulation.
    static let section = ProbeSection(
        name: "updates",
        script:
            "part \(clockLabel); date +%s; "
            + "if command -v apt-get >/dev/null; then \(lists(aptLists))"
            + "part '\(aptLabel)'; apt-get -s -o Debug::NoLocking=1 dist-upgrade; part \"status $?\"; "
            + "elif command -v dnf >/dev/null; then \(lists(dnfLists))\(advisoryRepos(dnfLists))"
            + "part '\(dnfLabel)'; dnf -C -q check-update; part \"status $?\"; "
            + "part '\(securityLabel)'; dnf -C -q updateinfo list --security; part \"status $?\"; "
            + "elif command -v yum >/dev/null; then \(lists(yumLists))\(advisoryRepos(yumLists))"
            + "part '\(yumLabel)'; yum -C -q check-update; part \"status $?\"; "
            + "part '\(securityLabel)'; yum -C -q updateinfo list security; part \"status $?\"; "
            + "elif command -v zypper >/dev/null; then \(lists(zypperLists))"
            + "part '\(zypperLabel)'; zypper --non-interactive --no-refresh list-updates; part \"status $?\"; "
            + "part '\(zypperPatchesLabel)'; zypper --non-interactive --no-refresh list-patches --category security; part \"status $?\"; "
            + "elif command -v apk >/dev/null; then \(lists(apkLists))"
            + "part '\(apkLabel)'; apk version -l '<'; part \"status $?\"; "
            + "else part '\(noToolLabel)'; fi; true",
        source:
            "apt-get -s dist-upgrade, dnf/yum -C check-update and updateinfo, zypper --no-refresh list-updates and list-patches, "
            + "or apk version -l '<' (cached lists only), with the lists' file times and the host's clock")

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let parts = evidence.parts(section.name), let (check, updates) = answer(from: parts) else { return }
        facts.updateCheck = check
        facts.pendingUpdates = check.status == .ok ? updates : nil
    }

    /// The pending updates; nil when unknown (the tool absent or failed, or its lists stale).
    static func pending(from parts: LabelledParts) -> [PackageUpdate]? {
        guard let (check, updates) = answer(from: parts), check.status == .ok else { return nil }
        return updates
    }

    /// How the question was answered, and what the tool listed (even when the answer is not
    /// trusted, so the evidence explains itself).
    static func answer(from parts: LabelledParts) -> (UpdateCheck, [PackageUpdate])? {
        let clock = parts[clockLabel].flatMap(LinuxEvidence.firstLine).flatMap { TimeInterval($0) }
        let listed = LinuxEvidence.lines(parts[listsLabel]).compactMap { line in
            line.split(separator: " ", maxSplits: 1).first.flatMap { TimeInterval($0) }
        }.max().map { Date(timeIntervalSince1970: $0) }
        let advisories = !LinuxEvidence.lines(parts[advisoryReposLabel]).isEmpty

        let tool: String
        var exit: Int?
        var updates: [PackageUpdate] = []
        var security: Int?
        var answered = false
        if parts[noToolLabel] != nil {
            return (UpdateCheck(tool: nil, status: .noTool), [])
        } else if let text = parts[aptLabel] ?? parts[aptUpgradeLabel] {
            tool = "apt"
            exit = status(after: parts[aptLabel] != nil ? aptLabel : aptUpgradeLabel, in: parts)
            answered = exit == 0
            updates = aptSimulation(text)
            security = updates.filter { $0.security == true }.count
        } else if let label = [dnfLabel, yumLabel].first(where: { parts[$0] != nil }), let text = parts[label] {
            tool = label == dnfLabel ? "dnf" : "yum"
            exit = status(after: label, in: parts)
            // check-update: 100 = updates listed, 0 = none, anything else = failed.
            answered = exit == 0 || exit == 100
            updates = exit == 100 ? checkUpdate(text) : []
            if let advisoryText = parts[securityLabel], status(after: securityLabel, in: parts) == 0, advisories {
                let names = advisoryPackages(advisoryText)
                updates = updates.map { var u = $0; u.security = names.contains(u.name); return u }
                security = names.count
            }
        } else if let text = parts[zypperLabel] {
            tool = "zypper"
            exit = status(after: zypperLabel, in: parts)
            answered = exit == 0 || exit == 100
            updates = zypperTable(text)
            if let patches = parts[zypperPatchesLabel], [0, 100, 101].contains(status(after: zypperPatchesLabel, in: parts)) {
                security = neededSecurityPatches(patches)
            }
        } else if let text = parts[apkLabel] {
            tool = "apk"
            exit = status(after: apkLabel, in: parts)
            answered = exit == 0
            updates = apkVersions(text)
            // Alpine's stable branches receive security fixes and serious bug fixes only, and the
            // host holds no advisory data: every pending update counts as one.
            security = updates.count
        } else {
            return nil
        }
        let fresh = clock.flatMap { now in listed.map { now - $0.timeIntervalSince1970 <= staleAfterDays * 86_400 } } ?? false
        let state: UpdateCheck.Status = !answered ? .failed : fresh ? .ok : .stale
        return (UpdateCheck(tool: tool, status: state, exitCode: exit, listsUpdated: listed, securityCount: security), updates)
    }

    /// The exit status the batch printed (`==> status N <==`) right after a tool's part.
    static func status(after label: String, in parts: LabelledParts) -> Int? { parts.status(after: label) }

    /// `Inst NAME [CURRENT] (AVAILABLE ORIGIN [ARCH])`; an origin in a `-security` suite (Debian's
    /// `Debian-Security:12/stable-security`, Ubuntu's `Ubuntu:22.04/jammy-security`) is a security update.
    static func aptSimulation(_ text: String) -> [PackageUpdate] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            guard line.hasPrefix("Inst ") else { return nil }
            let words = line.dropFirst(5).split(separator: " ")
            guard let name = words.first else { return nil }
            var current: String?
            var rest = words.dropFirst()
            if let first = rest.first, first.hasPrefix("["), first.hasSuffix("]") {
                current = String(first.dropFirst().dropLast())
                rest = rest.dropFirst()
            }
            guard let available = rest.first, available.hasPrefix("(") else { return nil }
            let origins = rest.dropFirst().prefix { !$0.hasPrefix("[") }
            let security = origins.contains { $0.hasPrefix("Debian-Security") || $0.lowercased().contains("-security") }
            return PackageUpdate(
                name: String(name), currentVersion: current, availableVersion: String(available.dropFirst()),
                security: security)
        }
    }

    /// `NAME.ARCH  VERSION  REPO` lines; the "Obsoleting Packages" block that may follow is skipped.
    static func checkUpdate(_ text: String) -> [PackageUpdate] {
        var updates: [PackageUpdate] = []
        for line in text.split(whereSeparator: \.isNewline) {
            if line.hasPrefix("Obsoleting") { break }
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count == 3, let dot = words[0].lastIndex(of: ".") else { continue }
            updates.append(PackageUpdate(name: String(words[0][..<dot]), availableVersion: String(words[1])))
        }
        return updates
    }

    /// `RHSA-2024:0071 Important/Sec. kernel-5.14.0-362.18.1.el9_3.x86_64` (dnf and yum alike):
    /// the names of the packages a security advisory updates.
    static func advisoryPackages(_ text: String) -> Set<String> {
        var names: Set<String> = []
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count >= 3, words[0].contains("-"), let dot = words[2].lastIndex(of: ".") else { continue }
            let nevr = words[2][..<dot].split(separator: "-", omittingEmptySubsequences: false)
            guard nevr.count >= 3 else { continue }
            names.insert(nevr.dropLast(2).joined(separator: "-"))
        }
        return names
    }

    /// zypper's table: `v | Repository | Name | Current Version | Available Version | Arch`.
    static func zypperTable(_ text: String) -> [PackageUpdate] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            guard cells.count >= 6, cells[0] == "v" else { return nil }
            return PackageUpdate(name: cells[2], currentVersion: cells[3], availableVersion: cells[4])
        }
    }

    /// `Repository | Name | Category | Severity | Interactive | Status | Summary`: security patches
    /// still needed.
    static func neededSecurityPatches(_ text: String) -> Int {
        text.split(whereSeparator: \.isNewline).filter { line in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map {
                $0.trimmingCharacters(in: .whitespaces)
            }
            return cells.count >= 6 && cells[2] == "security" && cells[5] == "needed"
        }.count
    }

    /// `busybox-1.36.1-r5   < 1.36.1-r15`: apk names end in `-VERSION-rN`.
    static func apkVersions(_ text: String) -> [PackageUpdate] {
        text.split(whereSeparator: \.isNewline).compactMap { line in
            let words = line.split(whereSeparator: \.isWhitespace)
            guard words.count == 3, words[1] == "<" else { return nil }
            let pieces = words[0].split(separator: "-", omittingEmptySubsequences: false)
            guard pieces.count >= 3, pieces.last?.hasPrefix("r") == true else { return nil }
            return PackageUpdate(
                name: pieces.dropLast(2).joined(separator: "-"), currentVersion: pieces.suffix(2).joined(separator: "-"),
                availableVersion: String(words[2]))
        }
    }
}
