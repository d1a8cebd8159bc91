import CLibSSH2
import Foundation
import InventoryModel

/// Resolves a credential reference and proves the scanner's identity to a server.
///
/// Secrets are read from the environment or the key file at the moment of use and never stored
/// in any value that outlives the call, so they cannot reach logs, reports or the store.
struct Authenticator {
    let environment: [String: String]

    func authenticate(_ session: SSHSession, user: String, credential: CredentialReference) throws(SSHError) {
        switch credential {
        case .keyFile(let path, let passphraseVariable):
            try authenticateWithKey(session, user: user, path: path, passphraseVariable: passphraseVariable)
        case .agent:
            try authenticateWithAgent(session, user: user)
        case .passwordEnvironment(let variable):
            guard let password = environment[variable] else {
                throw .authenticationFailed(
                    "the password variable $\(variable) named in the inventory is not set in the environment")
            }
            let rc = try session.call("password authentication", acceptingFailure: true) {
                libssh2_userauth_password_ex(
                    session.handle, user, UInt32(user.utf8.count), password, UInt32(password.utf8.count), nil)
            }
            if rc < 0 {
                throw .authenticationFailed(
                    "the server refused the password for \(user) (from $\(variable))\(methodsHint(session, user))")
            }
        }
    }

    private func authenticateWithKey(
        _ session: SSHSession, user: String, path: String, passphraseVariable: String?
    ) throws(SSHError) {
        guard FileManager.default.isReadableFile(atPath: path) else {
            throw .authenticationFailed("the key file \(path) does not exist or cannot be read")
        }
        var passphrase: String?
        if let passphraseVariable {
            guard let value = environment[passphraseVariable] else {
                throw .authenticationFailed(
                    "the passphrase variable $\(passphraseVariable) named in the inventory is not set")
            }
            passphrase = value
        }
        let publicPath = FileManager.default.fileExists(atPath: path + ".pub") ? path + ".pub" : nil
        let rc = try session.call("public-key authentication", acceptingFailure: true) {
            libssh2_userauth_publickey_fromfile_ex(
                session.handle, user, UInt32(user.utf8.count), publicPath, path, passphrase)
        }
        guard rc < 0 else { return }
        if rc == LIBSSH2_ERROR_FILE {
            throw .authenticationFailed(
                "cannot use the key file \(path): \(session.lastError.message)"
                    + (passphrase == nil ? " (if it is encrypted, name its passphrase variable in the inventory)" : ""))
        }
        if KeyFile.type(atPath: path) == "ssh-rsa" {
            throw .authenticationFailed(
                "the server refused the RSA key \(path) for \(user). libssh2 1.10 can only sign with RSA/SHA-1 "
                    + "(ssh-rsa), which OpenSSH 8.8 and later refuse by default; use an ed25519 or ECDSA key")
        }
        throw .authenticationFailed("the server refused the key \(path) for \(user)\(methodsHint(session, user))")
    }

    private func authenticateWithAgent(_ session: SSHSession, user: String) throws(SSHError) {
        guard environment["SSH_AUTH_SOCK"] != nil else {
            throw .authenticationFailed("ssh-agent authentication was asked for, but SSH_AUTH_SOCK is not set")
        }
        guard let agent = libssh2_agent_init(session.handle) else {
            throw .failed("libssh2 could not allocate an agent handle")
        }
        defer { libssh2_agent_free(agent) }
        guard libssh2_agent_connect(agent) == 0 else {
            throw .authenticationFailed("cannot connect to ssh-agent: \(session.lastError.message)")
        }
        defer { libssh2_agent_disconnect(agent) }
        guard libssh2_agent_list_identities(agent) == 0 else {
            throw .authenticationFailed("cannot list ssh-agent identities: \(session.lastError.message)")
        }
        var identity: UnsafeMutablePointer<libssh2_agent_publickey>?
        var previous: UnsafeMutablePointer<libssh2_agent_publickey>?
        var tried = 0
        while libssh2_agent_get_identity(agent, &identity, previous) == 0, let current = identity {
            tried += 1
            let rc = try session.call("agent authentication", acceptingFailure: true) {
                libssh2_agent_userauth(agent, user, current)
            }
            if rc == 0 { return }
            previous = current
        }
        throw .authenticationFailed(
            tried == 0
                ? "ssh-agent holds no keys"
                : "the server refused all \(tried) ssh-agent keys for \(user)\(methodsHint(session, user))")
    }

    /// Which methods the server would take, so "refused" comes with a next step.
    private func methodsHint(_ session: SSHSession, _ user: String) -> String {
        let list = try? session.pointer("listing authentication methods", deadline: session.deadline.capped(atSecondsFromNow: 2)) {
            libssh2_userauth_list(session.handle, user, UInt32(user.utf8.count))
        }
        return list.map { "; the server accepts: \(String(cString: $0))" } ?? ""
    }
}

extension SSHSession {
    /// Like `call`, but returns authentication refusals as a negative code instead of throwing,
    /// so the caller can explain them.
    func call(_ phase: String, acceptingFailure: Bool, _ body: () -> Int32) throws(SSHError) -> Int32 {
        while true {
            let rc = body()
            if rc != LIBSSH2_ERROR_EAGAIN {
                switch rc {
                case 0...: return rc
                case LIBSSH2_ERROR_AUTHENTICATION_FAILED, LIBSSH2_ERROR_PUBLICKEY_UNVERIFIED,
                    LIBSSH2_ERROR_FILE, LIBSSH2_ERROR_PUBLICKEY_UNRECOGNIZED:
                    return rc
                default: throw classify(phase: phase, code: rc)
                }
            }
            try waitForSocket(phase, deadline: deadline)
        }
    }
}

/// Reads a private key file's algorithm without its secret part.
enum KeyFile {
    /// `ssh-rsa`, `ssh-ed25519`, `ecdsa-sha2-nistp256`, … or `nil` when unknown.
    static func type(atPath path: String) -> String? {
        if let pub = try? String(contentsOfFile: path + ".pub", encoding: .utf8),
            let first = pub.split(separator: " ").first
        {
            return String(first)
        }
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        if text.contains("BEGIN RSA PRIVATE KEY") { return "ssh-rsa" }
        if text.contains("BEGIN EC PRIVATE KEY") { return "ecdsa" }
        guard text.contains("BEGIN OPENSSH PRIVATE KEY") else { return nil }
        let body = text.split(separator: "\n").filter { !$0.hasPrefix("-----") }.joined()
        guard let data = Data(base64Encoded: body) else { return nil }
        return openSSHPublicKeyType(data)
    }

    /// The `openssh-key-v1` format keeps the public key in clear: magic, cipher, kdf, kdf options,
    /// key count, then the first public key blob, whose first string is its type.
    static func openSSHPublicKeyType(_ data: Data) -> String? {
        let bytes = [UInt8](data)
        let magic = Array("openssh-key-v1\0".utf8)
        guard bytes.starts(with: magic) else { return nil }
        var offset = magic.count
        func readLength() -> Int? {
            guard offset + 4 <= bytes.count else { return nil }
            let n = bytes[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            return n
        }
        func skipString() -> Bool {
            guard let n = readLength(), offset + n <= bytes.count else { return false }
            offset += n
            return true
        }
        guard skipString(), skipString(), skipString(), let count = readLength(), count >= 1,
            readLength() != nil, let typeLength = readLength(), offset + typeLength <= bytes.count
        else { return nil }
        return String(decoding: bytes[offset..<offset + typeLength], as: UTF8.self)
    }
}
