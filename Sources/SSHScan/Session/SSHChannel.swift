import CLibSSH2

/// One libssh2 channel, owned by this type and freed in `deinit`.
///
/// Both kinds of channel the scanner opens go through it: a `session` channel that runs the probe
/// batch (`SSHSession.exec`) and a `direct-tcpip` channel that carries a jump tunnel. The session
/// is non-blocking, so reads and writes say what libssh2 could do now (`Transfer`), and the caller
/// waits on the session's socket; only the calls that must complete (open, exec, close) loop until
/// their deadline here. The channel keeps its session alive: libssh2 frees a session's channels with it.
final class SSHChannel {
    let session: SSHSession
    private let raw: OpaquePointer

    /// The two byte streams a channel carries towards us.
    enum Stream: Int32 {
        case output = 0
        /// `SSH_EXTENDED_DATA_STDERR`.
        case errors = 1
    }

    /// What one non-blocking read or write did.
    enum Transfer: Equatable {
        /// This many bytes moved (more than zero).
        case bytes(Int)
        /// Nothing to move now: wait on the socket and try again.
        case wouldBlock
        /// The other side sent EOF or closed the channel; nothing more will move this way.
        case ended
        /// A libssh2 error code.
        case failed(Int32)
    }

    private init(session: SSHSession, raw: OpaquePointer) {
        self.session = session
        self.raw = raw
    }

    deinit {
        libssh2_channel_free(raw)
    }

    /// A `session` channel, for one command.
    static func session(on session: SSHSession, deadline: Deadline) throws(SSHError) -> SSHChannel {
        let type = "session"
        let raw: OpaquePointer = try session.pointer("opening a channel", deadline: deadline) {
            libssh2_channel_open_ex(session.handle, type, UInt32(type.utf8.count), 2 * 1024 * 1024, 32_768, nil, 0)
        }
        return SSHChannel(session: session, raw: raw)
    }

    /// A `direct-tcpip` channel from `session`'s server to `host:port` (what `ssh -J` opens).
    static func directTCPIP(
        on session: SSHSession, to host: String, port: Int, phase: String, deadline: Deadline
    ) throws(SSHError) -> SSHChannel {
        let raw: OpaquePointer = try session.pointer(phase, deadline: deadline) {
            libssh2_channel_direct_tcpip_ex(session.handle, host, Int32(port), "127.0.0.1", 22)
        }
        return SSHChannel(session: session, raw: raw)
    }

    /// Asks the server to run `command` on this channel.
    func exec(_ command: String, deadline: Deadline) throws(SSHError) {
        let request = "exec"
        try session.call("starting the probe command", deadline: deadline) {
            libssh2_channel_process_startup(
                raw, request, UInt32(request.utf8.count), command, UInt32(command.utf8.count))
        }
    }

    /// Reads what has arrived on `stream` into `buffer`.
    func read(_ stream: Stream, into buffer: UnsafeMutableRawBufferPointer) -> Transfer {
        guard let base = buffer.baseAddress, buffer.count > 0 else { return .wouldBlock }
        let n = libssh2_channel_read_ex(raw, stream.rawValue, base.assumingMemoryBound(to: CChar.self), buffer.count)
        if n > 0 { return .bytes(n) }
        if n == 0 || n == Int(LIBSSH2_ERROR_CHANNEL_CLOSED) { return receivedEOF || n != 0 ? .ended : .wouldBlock }
        if n == Int(LIBSSH2_ERROR_EAGAIN) { return receivedEOF ? .ended : .wouldBlock }
        return .failed(Int32(n))
    }

    /// Writes as much of `bytes` to the channel's standard input as the window allows now.
    func write(_ bytes: UnsafeRawBufferPointer) -> Transfer {
        guard let base = bytes.baseAddress, bytes.count > 0 else { return .bytes(0) }
        let n = libssh2_channel_write_ex(raw, 0, base.assumingMemoryBound(to: CChar.self), bytes.count)
        if n > 0 { return .bytes(n) }
        if n == 0 || n == Int(LIBSSH2_ERROR_EAGAIN) { return .wouldBlock }
        if n == Int(LIBSSH2_ERROR_CHANNEL_CLOSED) || n == Int(LIBSSH2_ERROR_CHANNEL_EOF_SENT) { return .ended }
        return .failed(Int32(n))
    }

    /// Tries once to tell the server that no more input comes; false when it must be tried again
    /// after waiting on the socket.
    func trySendEOF() -> Bool {
        libssh2_channel_send_eof(raw) != LIBSSH2_ERROR_EAGAIN
    }

    /// Whether the server has sent EOF on this channel.
    var receivedEOF: Bool { libssh2_channel_eof(raw) == 1 }

    /// Closes the channel and waits for the server's close, then reads the exit status; nil when
    /// the server did not close in time.
    func close(deadline: Deadline) -> Int? {
        _ = try? session.call("closing the channel", deadline: deadline) { libssh2_channel_close(raw) }
        guard (try? session.call("waiting for the exit status", deadline: deadline) { libssh2_channel_wait_closed(raw) })
            != nil
        else { return nil }
        return Int(libssh2_channel_get_exit_status(raw))
    }

    /// Closes without waiting for the server's answer (the output was cut: the command is stopped).
    func abandon(deadline: Deadline) {
        _ = try? session.call("closing the channel", deadline: deadline) { libssh2_channel_close(raw) }
    }
}
