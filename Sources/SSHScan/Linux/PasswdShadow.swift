import Foundation
import InventoryModel

/// Accounts with UID 0 from `/etc/passwd`, and those with an empty password from the shadow file.
///
/// Password hashes never leave the host: the shadow file is reduced on the host to
/// `name:empty|locked|set`, and read through `sudo -n` (never a prompt) only when the inventory
/// allows it. A shadow file that could not be read leaves "empty passwords" unknown, not none.
enum PasswdShadow: LinuxCollector {
    static let passwdFile = "/etc/passwd"
    static let shadowFile = "/etc/shadow"
    static let shadowLabel = "shadow"
    static let sectionName = "accounts"

    // name:uid from /etc/passwd and name:empty|locked|set from the shadow file, as `awk -F:`
    // would print them; `|| [ -n "$n" ]` keeps a last line without its newline.
    static let passwdSummary =
        "while IFS=: read -r n x u r || [ -n \"$n\" ]; do printf '%s:%s\\n' \"$n\" \"$u\"; done"
    static let shadowSummary =
        "while IFS=: read -r n p r || [ -n \"$n\" ]; do case $p in '') s=empty ;; '!'*|'*'*) s=locked ;; *) s=set ;; esac; "
        + "printf '%s:%s\\n' \"$n\" \"$s\"; done"

    static func sections(sudo: Bool) -> [ProbeSection] {
        let shadow =
            sudo
            ? "if [ -r \(shadowFile) ]; then part \(shadowLabel); \(shadowSummary) <\(shadowFile); "
                + "elif out=$(sudo -n cat \(shadowFile) 2>/dev/null); then part \(shadowLabel); printf '%s\\n' \"$out\" | { \(shadowSummary); }; fi; true"
            : "if [ -r \(shadowFile) ]; then part \(shadowLabel); \(shadowSummary) <\(shadowFile); fi; true"
        return [
            ProbeSection(
                name: sectionName,
                script: "part \(passwdFile); \(passwdSummary) <\(passwdFile); " + shadow,
                source: sudo
                    ? "/etc/passwd (name:uid); /etc/shadow or sudo -n cat /etc/shadow, reduced to name:empty|locked|set"
                    : "/etc/passwd (name:uid); /etc/shadow if readable, reduced to name:empty|locked|set",
                inline: true)
        ]
    }

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.accounts = evidence.parts(sectionName).flatMap(accounts(from:))
    }

    static func accounts(from parts: LabelledParts) -> Accounts? {
        guard let passwd = parts[passwdFile] else { return nil }
        let uidZero = LinuxEvidence.lines(passwd).compactMap { line -> String? in
            let fields = line.split(separator: ":", omittingEmptySubsequences: false)
            return fields.count == 2 && fields[1] == "0" ? String(fields[0]) : nil
        }
        let empty = parts[shadowLabel].map { shadow in
            LinuxEvidence.lines(shadow).compactMap { $0.hasSuffix(":empty") ? String($0.dropLast(6)) : nil }
        }
        return Accounts(uidZero: uidZero, emptyPassword: empty)
    }
}
