import Foundation

/// The `-o` options sshd gets on its command line from its systemd unit on RHEL 8 and its
/// rebuilds (CentOS Stream 8, Rocky/Alma 8, Oracle Linux 8):
/// `ExecStart=/usr/sbin/sshd -D $OPTIONS $CRYPTO_POLICY`, with `CRYPTO_POLICY='-oCiphers=…'` from
/// /etc/crypto-policies/back-ends/opensshserver.config and then /etc/sysconfig/sshd (which may
/// empty it to opt out, and sets `OPTIONS`). Command-line options come before every file, so
/// they win; a bare `sshd -T` run by hand shows neither. RHEL 9 instead Includes the
/// crypto-policy file (sshd_config syntax) from sshd_config.d, which the file reader follows.
struct SSHDCommandLine {
    /// The algorithm keywords a crypto policy sets.
    static let cryptoKeywords = [
        "ciphers", "macs", "kexalgorithms", "hostkeyalgorithms", "pubkeyacceptedalgorithms", "casignaturealgorithms",
        "gssapikexalgorithms",
    ]

    /// Keyword (lower case, aliases resolved) → value, first one wins as sshd keeps it.
    private(set) var options: [(String, String)] = []
    /// Set when the policy's options cannot be told (a file that decides them is unreadable).
    private(set) var unknownReason: String?

    init(files: [String: String], unreadable: Set<String>) {
        let policyFile = SSHDConfig.cryptoPolicyFile
        let sysconfig = SSHDConfig.sysconfigFile
        // The RHEL 8 form is an environment file; RHEL 9's is sshd_config syntax, read through Include.
        let policy = files[policyFile].flatMap { Self.assignments($0)["CRYPTO_POLICY"] }
        var environment = files[sysconfig].map(Self.assignments) ?? [:]
        if environment["CRYPTO_POLICY"] == nil, let policy { environment["CRYPTO_POLICY"] = policy }
        if unreadable.contains(sysconfig), policy != nil || unreadable.contains(policyFile) {
            unknownReason =
                "\(sysconfig) cannot be read by the scanning account, so whether sshd takes the system crypto policy "
                + "on its command line is unknown"
        } else if unreadable.contains(policyFile), files[sysconfig] != nil, environment["CRYPTO_POLICY"] == nil {
            unknownReason = "\(policyFile) cannot be read by the scanning account"
        }
        var seen: Set<String> = []
        let words = Self.words(environment["OPTIONS"] ?? "") + Self.words(environment["CRYPTO_POLICY"] ?? "")
        var index = 0
        while index < words.count {
            var option: String?
            if words[index] == "-o", index + 1 < words.count {
                option = words[index + 1]
                index += 1
            } else if words[index].hasPrefix("-o") {
                option = String(words[index].dropFirst(2))
            }
            index += 1
            guard let option else { continue }
            let pair = option.split(maxSplits: 1, whereSeparator: { $0 == "=" || $0 == " " })
            guard pair.count == 2 else { continue }
            var keyword = pair[0].lowercased()
            keyword = SSHDConfig.aliases[keyword] ?? keyword
            if seen.insert(keyword).inserted { options.append((keyword, String(pair[1]))) }
        }
    }

    /// `NAME=value` lines of an environment file as systemd reads them: `#` comments, one level of
    /// single or double quotes, the last assignment wins.
    static func assignments(_ text: String) -> [String: String] {
        var values: [String: String] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let trimmed = line.trimmingCharacters(in: .whitespaces)
            guard !trimmed.hasPrefix("#"), let equals = trimmed.firstIndex(of: "=") else { continue }
            let name = trimmed[..<equals].trimmingCharacters(in: .whitespaces)
            guard !name.isEmpty, name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "_" }) else { continue }
            var value = trimmed[trimmed.index(after: equals)...].trimmingCharacters(in: .whitespaces)
            if value.count >= 2, let quote = value.first, quote == "'" || quote == "\"", value.last == quote {
                value = String(value.dropFirst().dropLast())
            }
            values[name] = value
        }
        return values
    }

    /// An unquoted `$VAR` in ExecStart splits at whitespace.
    static func words(_ text: String) -> [String] {
        text.split(whereSeparator: \.isWhitespace).map(String.init)
    }
}
