import CLibSSH2
import Foundation

/// Host-key verification against an OpenSSH `known_hosts` file, strict by default.
///
/// A key that is not recorded is refused unless the caller asked to accept new keys
/// (`--accept-new`), in which case it is appended to the file; a key that differs from the
/// recorded one is always refused, as OpenSSH's `StrictHostKeyChecking=accept-new` does.
public final class KnownHosts: Sendable {
    public let path: String
    public let acceptNew: Bool
    /// Appends from concurrent workers go through one lock so lines never interleave.
    private let appendLock = NSLock()

    public init(path: String, acceptNew: Bool = false) {
        self.path = path
        self.acceptNew = acceptNew
    }

    /// The user's own file, `~/.ssh/known_hosts`.
    public static var userDefaultPath: String {
        FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".ssh/known_hosts").path
    }

    /// The name OpenSSH records: `host` on port 22, `[host]:port` otherwise.
    static func recordedName(host: String, port: Int) -> String {
        port == 22 ? host : "[\(host)]:\(port)"
    }

    /// Verifies the session's host key, recording it when new keys are accepted.
    func verify(_ session: SSHSession) throws(SSHError) {
        let (key, type) = try session.hostKey()
        guard let store = libssh2_knownhost_init(session.handle) else {
            throw .failed("libssh2 could not allocate a known-hosts store")
        }
        defer { libssh2_knownhost_free(store) }
        if FileManager.default.fileExists(atPath: path) {
            let rc = libssh2_knownhost_readfile(store, path, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
            if rc < 0 { throw .failed("cannot read known_hosts file \(path): \(session.lastError.message)") }
        }
        let name = Self.recordedName(host: session.host, port: session.port)
        let typeMask = LIBSSH2_KNOWNHOST_TYPE_PLAIN | LIBSSH2_KNOWNHOST_KEYENC_RAW | Self.keyTypeBits(type)
        // Port -1: match exactly the name OpenSSH would record, not libssh2's fallback to the bare host.
        let result = key.withUnsafeBytes { raw in
            libssh2_knownhost_checkp(
                store, name, -1, raw.baseAddress!.assumingMemoryBound(to: CChar.self), key.count, typeMask, nil)
        }
        let fingerprint = session.hostKeyFingerprint ?? "unknown fingerprint"
        switch result {
        case LIBSSH2_KNOWNHOST_CHECK_MATCH:
            return
        case LIBSSH2_KNOWNHOST_CHECK_MISMATCH:
            throw .hostKeyChanged(
                "the host key of \(name) (\(Self.typeName(type)) \(fingerprint)) differs from the one recorded in \(path); "
                    + "the host was reinstalled or someone is intercepting the connection. Check it, then remove the old line."
            )
        case LIBSSH2_KNOWNHOST_CHECK_NOTFOUND:
            guard acceptNew else {
                throw .hostKeyUnknown(
                    "the host key of \(name) (\(Self.typeName(type)) \(fingerprint)) is not in \(path); "
                        + "verify it and run again with --accept-new to record it")
            }
            try append(store: store, name: name, key: key, typeMask: typeMask, session: session)
        default:
            throw .failed("cannot check the host key of \(name): \(session.lastError.message)")
        }
    }

    private func append(
        store: OpaquePointer, name: String, key: Data, typeMask: Int32, session: SSHSession
    ) throws(SSHError) {
        var entry: UnsafeMutablePointer<libssh2_knownhost>?
        let added = key.withUnsafeBytes { raw in
            libssh2_knownhost_addc(
                store, name, nil, raw.baseAddress!.assumingMemoryBound(to: CChar.self), key.count, nil, 0,
                typeMask, &entry)
        }
        guard added == 0, let entry else {
            throw .failed("cannot record the host key of \(name): \(session.lastError.message)")
        }
        var buffer = [CChar](repeating: 0, count: 8192)
        var length = 0
        let written = libssh2_knownhost_writeline(
            store, entry, &buffer, buffer.count, &length, LIBSSH2_KNOWNHOST_FILE_OPENSSH)
        guard written == 0 else { throw .failed("cannot format the known_hosts line for \(name)") }
        let line = String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
        appendLock.lock()
        defer { appendLock.unlock() }
        do {
            let url = URL(fileURLWithPath: path)
            try FileManager.default.createDirectory(
                at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            if !FileManager.default.fileExists(atPath: path) {
                _ = FileManager.default.createFile(atPath: path, contents: nil, attributes: [.posixPermissions: 0o600])
            }
            let handle = try FileHandle(forWritingTo: url)
            defer { try? handle.close() }
            try handle.seekToEnd()
            try handle.write(contentsOf: Data(line.utf8))
        } catch {
            throw .failed("cannot write \(path): \(error.localizedDescription)")
        }
    }

    static func keyTypeBits(_ hostKeyType: Int32) -> Int32 {
        switch hostKeyType {
        case LIBSSH2_HOSTKEY_TYPE_RSA: LIBSSH2_KNOWNHOST_KEY_SSHRSA
        case LIBSSH2_HOSTKEY_TYPE_DSS: LIBSSH2_KNOWNHOST_KEY_SSHDSS
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256: LIBSSH2_KNOWNHOST_KEY_ECDSA_256
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_384: LIBSSH2_KNOWNHOST_KEY_ECDSA_384
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_521: LIBSSH2_KNOWNHOST_KEY_ECDSA_521
        case LIBSSH2_HOSTKEY_TYPE_ED25519: LIBSSH2_KNOWNHOST_KEY_ED25519
        default: LIBSSH2_KNOWNHOST_KEY_UNKNOWN
        }
    }

    static func typeName(_ hostKeyType: Int32) -> String {
        switch hostKeyType {
        case LIBSSH2_HOSTKEY_TYPE_RSA: "RSA"
        case LIBSSH2_HOSTKEY_TYPE_DSS: "DSA"
        case LIBSSH2_HOSTKEY_TYPE_ECDSA_256, LIBSSH2_HOSTKEY_TYPE_ECDSA_384, LIBSSH2_HOSTKEY_TYPE_ECDSA_521: "ECDSA"
        case LIBSSH2_HOSTKEY_TYPE_ED25519: "ED25519"
        default: "unknown key type"
        }
    }
}
