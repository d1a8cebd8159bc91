import Foundation
import InventoryModel

/// The SSH server's global settings, as `sshd -T` prints them or as sshd would read its files.
///
/// Reading the files follows sshd's own rules so that a rule judges what the server does, not
/// what a line says: the first value of a keyword wins, `Include` pulls files in where it stands,
/// `Match` blocks apply only to matching connections (so not to the global view), and unset
/// keywords take OpenSSH 9's compiled-in defaults.
enum SSHDConfig: SingleSectionLinuxCollector {
    static let mainFile = "/etc/ssh/sshd_config"
    static let effectiveLabel = "sshd -T"

    // `sshd -T` is the effective configuration but needs the host keys, so it usually fails for a
    // non-root account. It runs with `-C user=,host=,addr=`: RHEL 8's sshd refuses `-T` without it
    // when the config has Match blocks, and it gives the settings that apply to this very
    // connection (addr from SSH_CONNECTION; the user from LOGNAME, which sshd sets, else `id`).
    // The sshd of every distribution scanned here (OpenSSH 7.4 and later) takes `-C`, so a plain
    // `-T` after a failed `-T -C` would only fail again. It is not tried at all by an account other
    // than root that can read none of /etc/ssh's host keys: it would fail, after loading sshd and
    // its libraries (~4 ms of the host's CPU). Failing that, the files are read, with the targets
    // of Include lines outside sshd_config.d (e.g. RHEL's crypto-policies file).
    static let section = ProbeSection(
        name: "sshd",
        script:
            "a=${SSH_CONNECTION%% *}; u=${LOGNAME:-$USER}; [ -n \"$u\" ] || u=$(id -un 2>/dev/null); "
            + "h=; IFS= read -r h </proc/sys/kernel/hostname; "
            + "k=; for f in /etc/ssh/ssh_host_*_key; do if [ -r \"$f\" ]; then k=1; break; fi; done; "
            + "if { [ -n \"$k\" ] || [ \"$u\" = root ]; } && out=$(sshd -T -C \"user=${u:-root},host=${h:-localhost},addr=${a:-127.0.0.1}\" 2>/dev/null) && [ -n \"$out\" ]; "
            + "then part '\(effectiveLabel)'; "
            + "if [ ${#out} -lt $ictaudit_cap ]; then printf '%s\\n' \"$out\"; else printf '%s\\n' \"$out\" | head -c $ictaudit_cap; fi; else "
            + "set --; for f in \(mainFile) /etc/ssh/sshd_config.d/*.conf; do if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi; done; "
            + "for p in $(sed -n 's/^[[:space:]]*[Ii][Nn][Cc][Ll][Uu][Dd][Ee][[:space:]=][[:space:]]*//p' \(mainFile) /etc/ssh/sshd_config.d/*.conf); do "
            + "case $p in /*) ;; *) p=/etc/ssh/$p ;; esac; "
            + "for f in $p; do case $f in /etc/ssh/sshd_config.d/*.conf) ;; *) if [ -f \"$f\" ]; then set -- \"$@\" \"$f\"; fi ;; esac; done; "
            + "done; if [ $# -gt 0 ]; then printf '\\n'; head -v -c $ictaudit_cap \"$@\"; fi; fi; true",
        source: "sshd -T as root or with a readable host key (else /etc/ssh/sshd_config, /etc/ssh/sshd_config.d/*.conf and other Include targets)",
        inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        facts.sshd = evidence.parts(section.name).flatMap(settings(from:))
    }

    /// OpenSSH 9.x defaults (upstream `servconf.c` and `myproposal.h`) for the keywords rules ask about.
    static let defaults: [String: String] = [
        "port": "22",
        "permitrootlogin": "prohibit-password",
        "passwordauthentication": "yes",
        "pubkeyauthentication": "yes",
        "kbdinteractiveauthentication": "yes",
        "permitemptypasswords": "no",
        "x11forwarding": "no",
        "maxauthtries": "6",
        "logingracetime": "120",
        "clientaliveinterval": "0",
        "loglevel": "INFO",
        "ciphers":
            "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com",
        "macs":
            "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
            + "hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1",
        "kexalgorithms":
            "sntrup761x25519-sha512@openssh.com,curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,"
            + "ecdh-sha2-nistp384,ecdh-sha2-nistp521,diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,"
            + "diffie-hellman-group18-sha512,diffie-hellman-group14-sha256",
    ]

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

    static func settings(from parts: LabelledParts) -> SSHDSettings? {
        if let effective = parts[effectiveLabel] { return fromSSHDT(effective) }
        guard let first = parts.parts.first else { return nil }
        var files: [String: String] = [:]
        for part in parts.parts where files[part.label] == nil { files[part.label] = part.text }
        var reader = FileReader(files: files)
        reader.read(files[mainFile] != nil ? mainFile : first.label, depth: 0)
        var settings = reader.settings
        for (keyword, value) in defaults where settings[keyword] == nil { settings[keyword] = [value] }
        return SSHDSettings(source: "sshd_config", settings: settings)
    }

    /// `sshd -T`: one `keyword value` line per setting, repeated keywords on repeated lines.
    static func fromSSHDT(_ text: String) -> SSHDSettings? {
        var settings: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespacesAndNewlines)
            guard let space = trimmed.firstIndex(where: \.isWhitespace) else { continue }
            let keyword = trimmed[..<space].lowercased()
            guard keyword.allSatisfy({ $0.isLetter || $0.isNumber }) else { continue }
            settings[keyword, default: []].append(trimmed[space...].trimmingCharacters(in: .whitespaces))
        }
        return settings.isEmpty ? nil : SSHDSettings(source: "sshd -T", settings: settings)
    }

    private struct FileReader {
        let files: [String: String]
        var settings: [String: [String]] = [:]

        mutating func read(_ path: String, depth: Int) {
            // sshd caps Include nesting too; a loop of includes must not recurse forever.
            guard depth <= 16, let text = files[path] else { return }
            var inMatch = false
            for line in text.split(whereSeparator: \.isNewline) {
                var words = SSHDConfig.words(of: line)
                guard !words.isEmpty else { continue }
                var keyword = words.removeFirst()
                if let equals = keyword.firstIndex(of: "=") {
                    let rest = String(keyword[keyword.index(after: equals)...])
                    keyword = String(keyword[..<equals])
                    if !rest.isEmpty { words.insert(rest, at: 0) }
                } else if let separator = words.first, separator.hasPrefix("=") {
                    // "Keyword = value" and "Keyword =value".
                    words[0].removeFirst()
                    if words[0].isEmpty { words.removeFirst() }
                }
                keyword = keyword.lowercased()
                keyword = SSHDConfig.aliases[keyword] ?? keyword
                if keyword == "match" {
                    inMatch = !(words.count == 1 && words[0].lowercased() == "all")
                    continue
                }
                guard !inMatch, !words.isEmpty else { continue }
                if keyword == "include" {
                    for pattern in words {
                        let absolute = pattern.hasPrefix("/") ? pattern : "/etc/ssh/" + pattern
                        for file in files.keys.filter({ Glob.matches(absolute, $0) }).sorted() {
                            read(file, depth: depth + 1)
                        }
                    }
                    continue
                }
                let value = SSHDConfig.normalized(keyword, words)
                if SSHDConfig.repeatable.contains(keyword) {
                    settings[keyword, default: []].append(value)
                } else if settings[keyword] == nil {
                    settings[keyword] = [value]
                }
            }
        }
    }

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
    static func normalized(_ keyword: String, _ words: [String]) -> String {
        if algorithmKeywords.contains(keyword) {
            return algorithmList(words.joined(separator: ","), defaults: defaults[keyword] ?? "")
        }
        let joined = words.joined(separator: " ")
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
