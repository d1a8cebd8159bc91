import Foundation
import InventoryModel

/// Pending updates from the package manager's cached lists; the lists are never refreshed
/// (`apt-get -s`, `dnf -C`, `zypper --no-refresh` read what is already there), because a scan
/// changes nothing on the host. Each tool prints `==> status N <==` after its output, so "no
/// updates" and "could not tell" differ.
enum PendingUpdates: SingleSectionLinuxCollector {
    static let aptLabel = "apt-get -s upgrade"
    static let checkUpdateLabel = "check-update"
    static let zypperLabel = "zypper list-updates"

    static let section = ProbeSection(
        name: "updates",
        script:
            "if command -v apt-get >/dev/null; then part '\(aptLabel)'; apt-get -s -o Debug::NoLocking=1 upgrade; part \"status $?\"; "
            + "elif command -v dnf >/dev/null; then part '\(checkUpdateLabel)'; dnf -C -q check-update; part \"status $?\"; "
            + "elif command -v yum >/dev/null; then part '\(checkUpdateLabel)'; yum -C -q check-update; part \"status $?\"; "
            + "elif command -v zypper >/dev/null; then part '\(zypperLabel)'; zypper --non-interactive --no-refresh list-updates; part \"status $?\"; fi; true",
        source: "apt-get -s upgrade, dnf/yum -C check-update or zypper --no-refresh list-updates (cached lists only)")

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.pendingUpdates = evidence.parts(section.name).flatMap(pending(from:))
    }

    /// Pending updates; nil when the tool is absent or failed (unknown), empty when it found none.
    static func pending(from parts: LabelledParts) -> [PackageUpdate]? {
        let status = parts.parts.first { $0.label.hasPrefix("status ") }.flatMap { Int($0.label.dropFirst(7)) }
        if let apt = parts[aptLabel] {
            guard status == 0 else { return nil }
            return aptSimulation(apt)
        }
        if let dnf = parts[checkUpdateLabel] {
            // dnf/yum check-update: 100 = updates listed, 0 = none, anything else = failed.
            switch status {
            case 0: return []
            case 100: return checkUpdate(dnf)
            default: return nil
            }
        }
        if let zypper = parts[zypperLabel] {
            guard status == 0 || status == 100 else { return nil }
            return zypperTable(zypper)
        }
        return nil
    }

    /// `Inst NAME [CURRENT] (AVAILABLE ORIGIN [ARCH])`.
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
            return PackageUpdate(name: String(name), currentVersion: current, availableVersion: String(available.dropFirst()))
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
}
