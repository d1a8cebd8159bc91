import Foundation
import InventoryModel

/// The SSH server's settings, as `sshd -T` prints them or as sshd would read its files, with the
/// `Match` blocks that change them for some connections.
///
/// Reading the files follows sshd's own rules so that a rule judges what the server does, not
/// what a line says (`SSHDConfigReader`); unset keywords take the compiled-in defaults of the
/// daemon's own OpenSSH version (`SSHDDefaults`); on RHEL 8 the crypto policy reaches sshd on its
/// command line (`SSHDCommandLine`), which neither the files nor a bare `sshd -T` show. What the
/// scanning account cannot read is unknown, with the reason, never filled with defaults.
enum SSHDConfig: LinuxCollector {
    static let mainFile = "/etc/ssh/sshd_config"
    /// SUSE's vendor configuration, read when the administrator has no /etc/ssh/sshd_config.
    static let vendorFile = "/usr/etc/ssh/sshd_config"
    static let effectiveLabel = "sshd -T"
    /// Label prefix of a file or directory that exists but the account cannot read.
    static let unreadablePrefix = "unreadable "
    static let sysconfigFile = "/etc/sysconfig/sshd"
    static let cryptoPolicyFile = "/etc/crypto-policies/back-ends/opensshserver.config"
    static let dropInDirectory = "/etc/ssh/sshd_config.d"

    // `sshd -T` is the effective configuration but needs the host keys, so it usually fails for a
    // non-root account. It runs with `-C user=,host=,addr=`: RHEL 8's sshd refuses `-T` without it
    // when the config has Match blocks, and it gives the settings that apply to this very
    // connection (addr from SSH_CONNECTION; the user from LOGNAME, which sshd sets, else `id`).
    // The sshd of every distribution scanned here (OpenSSH 7.4 and later) takes `-C`, so a plain
    // `-T` after a failed `-T -C` would only fail again. It is not tried at all by an account other
    // than root that can read none of /etc/ssh's host keys: it would fail, after loading sshd and
    // its libraries (~4 ms of the host's CPU); with `sudo` allowed, `sudo -n sshd -T` is tried.
    // The files are read as well whatever `sshd -T` said: they hold the Match blocks, and RHEL 8's
    // /etc/sysconfig/sshd and crypto-policy file say what sshd gets on its command line. A file
    // or directory that exists but cannot be read is named as such (`unreadable PATH`); through
    // `sudo -n cat` when allowed.
    static func sections(sudo: Bool) -> [ProbeSection] {
        let effective = sudo
            ? "if [ -z \"$out\" ] && [ \"$u\" != root ]; then out=$(sudo -n sshd -T -C \"$c\" 2>/dev/null) || out=; fi; "
            : ""
        let unreadable = sudo
            ? "if t=$(sudo -n cat \"$f\" 2>/dev/null); then part \"$f\"; printf '%s\\n' \"$t\" | head -c $ictaudit_cap; else part \"\(unreadablePrefix)$f\"; fi"
            : "part \"\(unreadablePrefix)$f\""
        let script =
            "a=${SSH_CONNECTION%% *}; u=${LOGNAME:-$USER}; [ -n \"$u\" ] || u=$(id -un 2>/dev/null); "
            + "h=; IFS= read -r h </proc/sys/kernel/hostname; c=\"user=${u:-root},host=${h:-localhost},addr=${a:-127.0.0.1}\"; "
            + "k=; for f in /etc/ssh/ssh_host_*_key; do if [ -r \"$f\" ]; then k=1; break; fi; done; out=; "
            + "if [ -n \"$k\" ] || [ \"$u\" = root ]; then out=$(sshd -T -C \"$c\" 2>/dev/null) || out=; fi; "
            + effective
            + "if [ -n \"$out\" ]; then part '\(effectiveLabel)'; "
            + "if [ ${#out} -lt $ictaudit_cap ]; then printf '%s\\n' \"$out\"; else printf '%s\\n' \"$out\" | head -c $ictaudit_cap; fi; fi; "
            + "m=\(mainFile); if [ ! -e $m ] && [ -e \(vendorFile) ]; then m=\(vendorFile); fi; "
            + "if [ -e $m ] || [ -n \"$out\" ]; then "
            + "d=\(dropInDirectory); if [ -d $d ] && { [ ! -r $d ] || [ ! -x $d ]; }; then part \"\(unreadablePrefix)$d\"; fi; "
            + "set --; for f in $m $d/*.conf \(sysconfigFile) \(cryptoPolicyFile); do if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi; done; "
            + "for p in $(sed -n 's/^[[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=][[:space:]]*//p' $m $d/*.conf 2>/dev/null); do "
            + "case $p in /*) ;; *) p=/etc/ssh/$p ;; esac; "
            + "q=${p%/*}; if [ -d \"$q\" ] && { [ ! -r \"$q\" ] || [ ! -x \"$q\" ]; }; then part \"\(unreadablePrefix)$q\"; fi; "
            + "for f in $p; do case $f in $d/*.conf|\(cryptoPolicyFile)) ;; *) if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi ;; esac; done; "
            + "done; for f in \"$@\"; do if [ -r \"$f\" ]; then part \"$f\"; head -c $ictaudit_cap \"$f\"; else \(unreadable); fi; done; fi; true"
        return [
            ProbeSection(
                name: "sshd", script: script,
                source: (sudo ? "sshd -T (as root, with a readable host key, or through sudo -n)" : "sshd -T as root or with a readable host key")
                    + "; /etc/ssh/sshd_config (else /usr/etc/ssh/sshd_config), /etc/ssh/sshd_config.d/*.conf, other Include targets, "
                    + "/etc/sysconfig/sshd and the crypto-policy file" + (sudo ? " (unreadable ones through sudo -n cat)" : ""),
                inline: true)
        ]
    }

    /// The section as a plain account runs it.
    static var section: ProbeSection { sections(sudo: false)[0] }

    /// The defaults depend on the OpenSSH version, read from the packages: sshd is parsed after
    /// the collectors that read them.
    static let readsOtherFacts = true

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        let package = facts.packages?.first { $0.name == "openssh-server" || $0.name == "openssh" }
        let version = package.flatMap { SSHDDefaults.version($0.version) }
            ?? evidence.serverBanner.flatMap { $0.contains("OpenSSH_") ? SSHDDefaults.version($0) : nil }
        facts.sshd = evidence.parts("sshd").flatMap { settings(from: $0, version: version) }
        // A rule reading a setting left unknown says why (the evaluator's message carries it).
        if let why = facts.sshd?.unknownReason { facts.unknownReasons = (facts.unknownReasons ?? [:]).merging(["sshd": why]) { $1 } }
    }

    static func settings(from parts: LabelledParts, version: String? = nil) -> SSHDSettings? {
        var files: [String: String] = [:]
        var unreadable: Set<String> = []
        for part in parts.parts where part.label != effectiveLabel {
            if part.label.hasPrefix(unreadablePrefix) {
                unreadable.insert(String(part.label.dropFirst(unreadablePrefix.count)))
            } else if files[part.label] == nil {
                files[part.label] = part.text
            }
        }
        let defaults = SSHDDefaults.table(for: version)
        let main = [mainFile, vendorFile].first { files[$0] != nil || unreadable.contains($0) }
        var reader = SSHDConfigReader(files: files, unreadable: unreadable, defaults: defaults)
        if let main { reader.read(main) }
        var reasons: [String] = []
        var result: SSHDSettings
        if let effective = parts[effectiveLabel].flatMap(fromSSHDT) {
            result = effective
            result.matchBlocks = main != nil && reader.blindedBy == nil ? reader.blocks : nil
            if let blind = reader.blindedBy {
                reasons.append("the Match blocks are unknown: \(blind) cannot be read by the scanning account")
            } else if main == nil {
                reasons.append("the Match blocks are unknown: sshd_config was not read")
            }
        } else {
            guard let main else { return nil }
            var settings = reader.settings
            if let blind = reader.blindedBy {
                settings = settings.filter { reader.known.contains($0.key) || repeatable.contains($0.key) }
                reasons.append(
                    "\(blind) cannot be read by the scanning account, so every setting it may decide is unknown "
                        + "(scan as root or allow sudo -n)")
            } else {
                for (keyword, value) in defaults where settings[keyword] == nil { settings[keyword] = [value] }
            }
            settings = settings.filter { !$0.value.isEmpty }
            result = SSHDSettings(
                source: "sshd_config", settings: settings, matchBlocks: reader.blindedBy == nil ? reader.blocks : nil)
        }
        // RHEL 8: options sshd gets from its unit's command line come before every file.
        let commandLine = SSHDCommandLine(files: files, unreadable: unreadable)
        for (keyword, value) in commandLine.options {
            result.settings[keyword] = SSHDConfig.normalized(keyword, [value], defaults: defaults).map { [$0] }
        }
        if let why = commandLine.unknownReason {
            for keyword in SSHDCommandLine.cryptoKeywords { result.settings[keyword] = nil }
            reasons.append(why)
        }
        result.settings = result.settings.filter { !$0.value.isEmpty }
        result.version = version
        result.unknownReason = reasons.isEmpty ? nil : reasons.joined(separator: "; ")
        return result
    }

    /// `sshd -T`: one `keyword value` line per setting, repeated keywords on repeated lines.
    static func fromSSHDT(_ text: String) -> SSHDSettings? {
        var settings: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let space = trimmed.firstIndex(where: \.isWhitespace) else { continue }
            let keyword = trimmed[..<space].lowercased()
            guard keyword.allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
            let value = trimmed[space...].trimmingCharacters(in: .whitespaces)
            settings[keyword, default: []].append(keyword == "permitrootlogin" ? modernRootLogin(value) : value)
        }
        return settings.isEmpty ? nil : SSHDSettings(source: "sshd -T", settings: settings)
    }

    /// `without-password` is the old name of `prohibit-password` (OpenSSH 7.0), which OpenSSH 9's
    /// `sshd -T` still prints: one spelling for rules and reports.
    static func modernRootLogin(_ value: String) -> String {
        value == "without-password" ? "prohibit-password" : value
    }

    /// Keywords sshd collects from every line instead of keeping the first.
    static let repeatable: Set<String> = [
        "port", "listenaddress", "hostkey", "hostcertificate", "acceptenv", "setenv", "subsystem", "allowusers",
        "denyusers", "allowgroups", "denygroups", "permitopen", "permitlisten", "channeltimeout",
    ]

    /// Old names sshd still accepts, mapped to the name `sshd -T` prints.
    static let aliases: [String: String] = [
        "challengeresponseauthentication": "kbdinteractiveauthentication",
        "pubkeyacceptedkeytypes": "pubkeyacceptedalgorithms",
        "hostbasedacceptedkeytypes": "hostbasedacceptedalgorithms",
        "dsaauthentication": "pubkeyauthentication",
    ]

    /// Values `sshd -T` prints in lower case whatever case the file used.
    static let flagKeywords: Set<String> = [
        "permitrootlogin", "passwordauthentication", "pubkeyauthentication", "kbdinteractiveauthentication",
        "permitemptypasswords", "x11forwarding", "usepam", "allowtcpforwarding", "allowagentforwarding",
        "permittunnel", "gatewayports", "compression", "usedns", "strictmodes", "ignorerhosts",
        "hostbasedauthentication", "gssapiauthentication", "permituserenvironment", "tcpkeepalive",
    ]

    static let algorithmKeywords: Set<String> = ["ciphers", "macs", "kexalgorithms"]
    static let timeKeywords: Set<String> = ["logingracetime", "clientaliveinterval"]

    /// sshd's word splitting: whitespace separates, double quotes group, and a word starting with
    /// `#` ends the line.
    static func words(of line: Substring) -> [String] {
        var words: [String] = []
        var current = ""
        var inQuotes = false
        var hasWord = false
        for ch in line {
            if inQuotes {
                if ch == "\"" { inQuotes = false } else { current.append(ch) }
            } else if ch == "\"" {
                inQuotes = true
                hasWord = true
            } else if ch.isWhitespace {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else if ch == "#" && !hasWord {
                break
            } else {
                current.append(ch)
                hasWord = true
            }
        }
        if hasWord { words.append(current) }
        return words
    }

    /// A file's value in the form `sshd -T` would print it.
    /// Nil when it cannot be told: an algorithm edit (`+`, `-`, `^`) of a default list this
    /// version's table does not have.
    static func normalized(_ keyword: String, _ words: [String], defaults: [String: String]) -> String? {
        if algorithmKeywords.contains(keyword) {
            let value = words.joined(separator: ",")
            if let sign = value.first, "+-^".contains(sign) {
                guard let base = defaults[keyword] else { return nil }
                return algorithmList(value, defaults: base)
            }
            return value
        }
        let joined = words.joined(separator: " ")
        if keyword == "permitrootlogin" { return modernRootLogin(joined.lowercased()) }
        if flagKeywords.contains(keyword) { return joined.lowercased() }
        if keyword == "loglevel" { return joined.uppercased() }
        if timeKeywords.contains(keyword), let seconds = seconds(from: joined) { return String(seconds) }
        return joined
    }

    /// `+list` appends to the default list, `-list` removes (wildcards allowed), `^list` puts first.
    static func algorithmList(_ value: String, defaults: String) -> String {
        let base = defaults.split(separator: ",").map(String.init)
        guard let sign = value.first, "+-^".contains(sign) else { return value }
        let items = value.dropFirst().split(separator: ",").map(String.init)
        switch sign {
        case "+": return (base + items.filter { !base.contains($0) }).joined(separator: ",")
        case "^": return (items + base.filter { !items.contains($0) }).joined(separator: ",")
        default: return base.filter { name in !items.contains { Glob.matches($0, name) } }.joined(separator: ",")
        }
    }

    /// sshd's time format: seconds, or numbers with s/m/h/d/w suffixes ("1m", "1h30m").
    static func seconds(from text: String) -> Int? {
        if let plain = Int(text), plain >= 0 { return plain }
        var total = 0
        var number = ""
        for ch in text.lowercased() {
            if ch.isASCII && ch.isNumber {
                number.append(ch)
                continue
            }
            let factors: [Character: Int] = ["s": 1, "m": 60, "h": 3600, "d": 86_400, "w": 604_800]
            guard let n = Int(number), let factor = factors[ch] else { return nil }
            total += n * factor
            number = ""
        }
        if !number.isEmpty {
            guard let n = Int(number) else { return nil }
            total += n
        }
        return total
    }
}
