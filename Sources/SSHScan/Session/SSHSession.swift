import CLibSSH2
import Foundation
import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

/// One SSH connection to one host, owning its libssh2 session and socket.
///
/// The session is non-blocking: every libssh2 call that would block returns `EAGAIN`, and we wait
/// on the socket with `poll` until the call's deadline. That is what makes the per-host timeout
/// real. A session is used by one thread at a time and never shared.
final class SSHSession {
    private let connection: any SSHTransport
    /// The libssh2 session. Only the transport files beside this one (channels, host keys,
    /// authentication) touch it; nothing above them sees a C type.
    let handle: OpaquePointer
    let host: String
    let port: Int
    /// Bounds every operation on this session.
    let deadline: Deadline

    init(host: String, port: Int, deadline: Deadline, connectTimeout: Double) throws(SSHError) {
        guard LibSSH2.initialised else { throw .failed("libssh2 could not be initialised") }
        self.host = host
        self.port = port
        self.deadline = deadline
        connection = try TCPConnection(
            host: host, port: port, deadline: deadline.capped(atSecondsFromNow: connectTimeout))
        handle = try Self.startSession()
        try handshake()
    }

    /// A session to `host:port` over a connection that already exists (a jump tunnel).
    init(host: String, port: Int, over transport: any SSHTransport, deadline: Deadline) throws(SSHError) {
        guard LibSSH2.initialised else { throw .failed("libssh2 could not be initialised") }
        self.host = host
        self.port = port
        self.deadline = deadline
        connection = transport
        handle = try Self.startSession()
        try handshake()
    }

    private static func startSession() throws(SSHError) -> OpaquePointer {
        guard let session = libssh2_session_init_ex(nil, nil, nil, nil) else {
            throw .failed("libssh2 could not allocate a session")
        }
        libssh2_session_set_blocking(session, 0)
        // Prefer the key types OpenSSH offers first; libssh2 1.10 verifies all of these.
        _ = libssh2_session_method_pref(
            session, LIBSSH2_METHOD_HOSTKEY,
            "ssh-ed25519,ecdsa-sha2-nistp256,ecdsa-sha2-nistp384,ecdsa-sha2-nistp521,rsa-sha2-512,rsa-sha2-256,ssh-rsa")
        // Keepalives let a half-dead connection surface as an error instead of a silent wait.
        libssh2_keepalive_config(session, 1, 10)
        return session
    }

    private func handshake() throws(SSHError) {
        try call("SSH handshake") { libssh2_session_handshake(handle, connection.fileDescriptor) }
    }

    /// The socket this session reads and writes.
    var socketDescriptor: Int32 { connection.fileDescriptor }

    deinit {
        // Best effort: a polite disconnect, bounded, then free.
        _ = libssh2_session_disconnect_ex(handle, SSH_DISCONNECT_BY_APPLICATION, "ictaudit done", "")
        libssh2_session_free(handle)
    }

    // MARK: Facts about the server

    /// The server's identification string, e.g. `SSH-2.0-OpenSSH_9.2p1 Debian-2`.
    var serverBanner: String? {
        libssh2_session_banner_get(handle).map { String(cString: $0) }
    }

    /// The raw host key and its libssh2 type.
    func hostKey() throws(SSHError) -> (key: Data, type: Int32) {
        var length = 0
        var type: Int32 = 0
        guard let key = libssh2_session_hostkey(handle, &length, &type), length > 0 else {
            throw .failed("the server sent no host key")
        }
        return (Data(bytes: key, count: length), type)
    }

    /// `SHA256:<base64>` as `ssh-keygen -l` prints it.
    var hostKeyFingerprint: String? {
        guard let hash = libssh2_hostkey_hash(handle, LIBSSH2_HOSTKEY_HASH_SHA256) else { return nil }
        let bytes = Data(bytes: hash, count: 32)
        return "SHA256:" + bytes.base64EncodedString().replacingOccurrences(of: "=", with: "")
    }

    // MARK: Non-blocking plumbing

    /// The last libssh2 error message of this session.
    var lastError: (code: Int32, message: String) {
        var message: UnsafeMutablePointer<CChar>?
        var length: Int32 = 0
        let code = libssh2_session_last_error(handle, &message, &length, 0)
        return (code, message.map { String(cString: $0) } ?? "unknown error")
    }

    /// Waits until the socket is ready in the direction libssh2 is blocked on.
    func waitForSocket(_ phase: String, deadline: Deadline) throws(SSHError) {
        let directions = libssh2_session_block_directions(handle)
        var events: Int16 = 0
        if directions & LIBSSH2_SESSION_BLOCK_INBOUND != 0 { events |= Int16(POLLIN) }
        if directions & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0 { events |= Int16(POLLOUT) }
        if events == 0 { events = Int16(POLLIN) }
        let remaining = deadline.remainingMilliseconds
        guard remaining > 0 else { throw .timedOut("\(phase) timed out") }
        var pfd = pollfd(fd: connection.fileDescriptor, events: events, revents: 0)
        _ = poll(&pfd, 1, min(remaining, 1000))
        if deadline.hasPassed { throw .timedOut("\(phase) timed out") }
    }

    /// Whether libssh2 is waiting to write to the socket (a caller polling it must ask for POLLOUT).
    var isBlockedOutbound: Bool {
        libssh2_session_block_directions(handle) & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0
    }

    /// Sends a keepalive if one is due, so a long-running command's idle connection survives
    /// firewalls and NAT. Only valid once the session is established (never during key exchange).
    func sendKeepaliveIfDue() {
        var secondsToNext: Int32 = 0
        _ = libssh2_keepalive_send(handle, &secondsToNext)
    }

    /// Runs a libssh2 call that returns a status code, retrying on `EAGAIN` until `deadline`.
    @discardableResult
    func call(_ phase: String, deadline: Deadline? = nil, _ body: () -> Int32) throws(SSHError) -> Int32 {
        let limit = deadline ?? self.deadline
        while true {
            let rc = body()
            if rc != LIBSSH2_ERROR_EAGAIN {
                if rc < 0 { throw classify(phase: phase, code: rc) }
                return rc
            }
            try waitForSocket(phase, deadline: limit)
        }
    }

    /// Runs a libssh2 call that returns a pointer, retrying while it fails with `EAGAIN`.
    func pointer<T>(_ phase: String, deadline: Deadline? = nil, _ body: () -> T?) throws(SSHError) -> T {
        let limit = deadline ?? self.deadline
        while true {
            if let value = body() { return value }
            let code = libssh2_session_last_errno(handle)
            guard code == LIBSSH2_ERROR_EAGAIN else { throw classify(phase: phase, code: code) }
            try waitForSocket(phase, deadline: limit)
        }
    }

    /// Maps a libssh2 failure to what the user should see.
    func classify(phase: String, code: Int32) -> SSHError {
        let message = lastError.message
        switch code {
        case LIBSSH2_ERROR_TIMEOUT, LIBSSH2_ERROR_SOCKET_TIMEOUT:
            return .timedOut("\(phase) timed out")
        case LIBSSH2_ERROR_SOCKET_DISCONNECT, LIBSSH2_ERROR_SOCKET_RECV, LIBSSH2_ERROR_SOCKET_SEND,
            LIBSSH2_ERROR_SOCKET_NONE:
            return .failed("\(phase): the connection was closed (\(message))")
        case LIBSSH2_ERROR_KEX_FAILURE:
            return .failed("\(phase): no common key exchange or host key algorithm (\(message))")
        default:
            return .failed("\(phase): \(message) (libssh2 error \(code))")
        }
    }
}
