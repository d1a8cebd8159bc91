import Foundation
import InventoryModel

/// Password ageing from `/etc/login.defs`, quality from `pwquality.conf` (and its `.d` files) or
/// the PAM module's options, lockout and history from the PAM stacks.
enum PasswordPolicyFiles: SingleSectionLinuxCollector {
    static let loginDefs = "/etc/login.defs"
    static let pwquality = "/etc/security/pwquality.conf"
    static let pamLabel = "pam"
    /// Printed when /etc/login.defs does not exist (not when it exists but cannot be read).
    static let noLoginDefsLabel = "no /etc/login.defs"
    /// Printed when none of `pamFiles` exists.
    static let noPAMLabel = "no pam.d password files"
    /// What shadow-utils uses without a PASS_MAX_DAYS setting (-1: never expires), written as the
    /// 99999 distributions ship for "never", so a rule comparing days reads it as a long time.
    static let neverExpires = 99999
    /// Minimum lengths the modules apply when nothing sets `minlen`: libpwquality 8, pam_cracklib
    /// 9 (their manual pages), pam_unix 6 (pam_unix(8)).
    static let defaultMinLength = ["pam_pwquality": 8, "pam_cracklib": 9, "pam_unix": 6]
    static let pamFiles = [
        "/etc/pam.d/common-password", "/etc/pam.d/common-auth", "/etc/pam.d/system-auth", "/etc/pam.d/password-auth",
    ]

    // The PAM files go through one `grep -h`: a line that names a module and is not a comment
    // (first non-blank character not `#`), as the old grep | grep -v per file.
    static let section = ProbeSection(
        name: "password-policy",
        script:
            "if [ -r \(loginDefs) ]; then part \(loginDefs); grep -E '^[[:space:]]*PASS_(MAX_DAYS|MIN_DAYS|WARN_AGE|MIN_LEN)' \(loginDefs); "
            + "elif [ ! -e \(loginDefs) ]; then part '\(noLoginDefsLabel)'; fi; "
            + "for f in \(pwquality) \(pwquality).d/*.conf; do if [ -f \"$f\" ]; then part \"$f\"; grep -v '^[[:space:]]*#' \"$f\"; fi; done; "
            + "part \(pamLabel); set --; for f in \(pamFiles.joined(separator: " ")); do "
            + "if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi; done; "
            + "if [ $# -gt 0 ]; then grep -hE '^[[:space:]]*([^#[:space:]].*)?pam_(pwquality|cracklib|faillock|tally2|pwhistory|unix)' \"$@\"; "
            + "else part '\(noPAMLabel)'; fi; true",
        source: "/etc/login.defs PASS_*; /etc/security/pwquality.conf(.d); pam.d common-password, common-auth, system-auth, password-auth",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.passwordPolicy = evidence.parts(section.name).flatMap(passwordPolicy(from:))
    }

    /// `name=value` options on PAM lines for one module, e.g. `deny=5` of pam_faillock.
    static func pamOption(_ pam: [String], module: String, option: String) -> Int? {
        for line in pam where line.contains(module) {
            for word in line.split(whereSeparator: \.isWhitespace) where word.hasPrefix(option + "=") {
                if let n = Int(word.dropFirst(option.count + 1)) { return n }
            }
        }
        return nil
    }

    /// The policy as the host applies it. Settings left out take the documented built-in
    /// defaults: without /etc/login.defs (or its PASS_MAX_DAYS line) passwords never expire, and
    /// without `minlen` the password module's own minimum applies. A file that exists but cannot be
    /// read leaves its settings unknown; so does a host without any PAM password file, whose
    /// minimum length then comes from PASS_MIN_LEN if login.defs sets it (passwd without PAM).
    static func passwordPolicy(from parts: LabelledParts) -> PasswordPolicy? {
        guard !parts.parts.isEmpty else { return nil }
        let loginDefsKnown = parts[loginDefs] != nil || parts[noLoginDefsLabel] != nil
        let defs = LinuxEvidence.keyValues(parts[loginDefs])
        // pwquality.conf first, then its .d files in name order: the later setting wins.
        var quality: [String: String] = [:]
        for part in parts.parts where part.label.hasPrefix(pwquality) {
            quality.merge(LinuxEvidence.keyValues(part.text)) { _, new in new }
        }
        let pamKnown = parts[pamLabel] != nil
        let pam = LinuxEvidence.lines(parts[pamLabel])
        let module = ["pam_pwquality", "pam_cracklib"].first { name in pam.contains { $0.contains(name + ".so") } }
        let usesUnix = pam.contains { $0.contains("pam_unix.so") }
        let configured = quality["minlen"].flatMap { Int($0) }
            ?? module.flatMap { pamOption(pam, module: $0, option: "minlen") }
        var minLength: Int?
        if let configured {
            minLength = configured
        } else if let module {
            minLength = defaultMinLength[module]
        } else if usesUnix {
            minLength = pamOption(pam, module: "pam_unix", option: "minlen") ?? defaultMinLength["pam_unix"]
        } else if !pamKnown || parts[noPAMLabel] != nil {
            minLength = defs["PASS_MIN_LEN"].flatMap { Int($0) }
        }
        let lockout = pamOption(pam, module: "pam_faillock", option: "deny")
            ?? pamOption(pam, module: "pam_tally2", option: "deny")
        let history = pamOption(pam, module: "pam_pwhistory", option: "remember")
            ?? pamOption(pam, module: "pam_unix", option: "remember")
        return PasswordPolicy(
            maxAgeDays: defs["PASS_MAX_DAYS"].flatMap { Int($0) } ?? (loginDefsKnown ? neverExpires : nil),
            minAgeDays: defs["PASS_MIN_DAYS"].flatMap { Int($0) },
            warnAgeDays: defs["PASS_WARN_AGE"].flatMap { Int($0) }, minLength: minLength, qualityModule: module,
            lockoutThreshold: lockout, historyLength: history)
    }
}
