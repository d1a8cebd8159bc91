import Foundation

/// OpenSSH's compiled-in server defaults for the keywords rules ask about, by version.
///
/// A keyword the configuration leaves unset takes the daemon's own default, and those changed
/// between releases: 7.4 to 8.1 still offered `diffie-hellman-group14-sha1`, 9.0 put
/// `sntrup761x25519-sha512@openssh.com` first, 10.0 dropped finite-field Diffie-Hellman from sshd
/// and put `mlkem768x25519-sha256` first. Taking OpenSSH 9's lists for every host would pass an
/// old host on a key exchange it really offers. Sources: upstream `myproposal.h` and `servconf.c`
/// of each release. A version with no table here (older than 7.0, or 9.9 whose order we have not
/// confirmed) gets no algorithm defaults: unknown, not a guess.
enum SSHDDefaults {
    /// A version as (major, minor) from "7.4p1", "1:7.4p1-10+deb9u7", "OpenSSH_9.2p1 Debian-2".
    static func release(_ text: String) -> (major: Int, minor: Int)? {
        var rest = Substring(text)
        if let marker = rest.range(of: "OpenSSH_") { rest = rest[marker.upperBound...] }
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isNumber) {
            rest = rest[rest.index(after: colon)...]
        }
        let digits = rest.prefix { $0.isNumber || $0 == "." }.split(separator: ".")
        guard digits.count >= 2, let major = Int(digits[0]), let minor = Int(digits[1]) else { return nil }
        return (major, minor)
    }

    /// The version as the daemon names itself ("7.4p1"), from a package version or a banner.
    static func version(_ text: String) -> String? {
        guard release(text) != nil else { return nil }
        var rest = Substring(text)
        if let marker = rest.range(of: "OpenSSH_") { rest = rest[marker.upperBound...] }
        if let colon = rest.firstIndex(of: ":"), rest[..<colon].allSatisfy(\.isNumber) {
            rest = rest[rest.index(after: colon)...]
        }
        return String(rest.prefix { $0.isNumber || $0 == "." || $0 == "p" })
    }

    static let ciphers67 =
        "chacha20-poly1305@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr,aes128-gcm@openssh.com,aes256-gcm@openssh.com"
    static let ciphers10 =
        "chacha20-poly1305@openssh.com,aes128-gcm@openssh.com,aes256-gcm@openssh.com,aes128-ctr,aes192-ctr,aes256-ctr"
    static let macs =
        "umac-64-etm@openssh.com,umac-128-etm@openssh.com,hmac-sha2-256-etm@openssh.com,hmac-sha2-512-etm@openssh.com,"
        + "hmac-sha1-etm@openssh.com,umac-64@openssh.com,umac-128@openssh.com,hmac-sha2-256,hmac-sha2-512,hmac-sha1"
    static let kexCommon =
        "curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256,ecdh-sha2-nistp384,ecdh-sha2-nistp521"
    static let kexFiniteField =
        "diffie-hellman-group-exchange-sha256,diffie-hellman-group16-sha512,diffie-hellman-group18-sha512,"
        + "diffie-hellman-group14-sha256"

    /// The defaults of OpenSSH `version` (nil: unknown version, OpenSSH 9's login defaults and no
    /// algorithm lists).
    static func table(for version: String?) -> [String: String] {
        var table: [String: String] = [
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
        ]
        guard let (major, minor) = version.flatMap(release) else { return table }
        let v = major * 100 + minor
        // Before 7.0 root could log in with a password by default.
        if v < 700 { table["permitrootlogin"] = "yes" }
        if v >= 700 { table["macs"] = macs }
        if v >= 700 && v < 1000 { table["ciphers"] = ciphers67 }
        if v >= 1000 { table["ciphers"] = ciphers10 }
        switch v {
        case 704..<802: table["kexalgorithms"] = kexCommon + "," + kexFiniteField + ",diffie-hellman-group14-sha1"
        case 802..<900: table["kexalgorithms"] = kexCommon + "," + kexFiniteField
        case 900..<909: table["kexalgorithms"] = "sntrup761x25519-sha512@openssh.com," + kexCommon + "," + kexFiniteField
        case 1000...:
            table["kexalgorithms"] =
                "mlkem768x25519-sha256,sntrup761x25519-sha512,sntrup761x25519-sha512@openssh.com," + kexCommon
        default: break
        }
        return table
    }
}
