import CLibSSH2
import Foundation
import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to a target carried through a bastion's `direct-tcpip` channel.
///
/// libssh2 needs a socket for the inner session, so the channel is joined to one end of a
/// socketpair by a pump thread; the inner session handshakes on the other end, unaware of the hop.
/// The bastion session is touched only by the pump thread once the channel is open.
final class JumpTunnel: SSHTransport, @unchecked Sendable {
    let fileDescriptor: Int32
    private let pumpDescriptor: Int32
    private let bastion: SSHSession
    private let channel: OpaquePointer
    private let stopped = ManagedAtomicFlag()
    private let finished = DispatchSemaphore(value: 0)

    init(through bastion: SSHSession, to host: String, port: Int, deadline: Deadline) throws(SSHError) {
        self.bastion = bastion
        let name = KnownHosts.recordedName(host: host, port: port)
        do {
            channel = try bastion.pointer("opening a forwarded connection to \(name)", deadline: deadline) {
                libssh2_channel_direct_tcpip_ex(bastion.handle, host, Int32(port), "127.0.0.1", 22)
            }
        } catch {
            if case .failed(let message) = error, message.contains("prohibited") || message.contains("open failure") {
                throw .failed("it refused to forward to \(name) (see its AllowTcpForwarding and PermitOpen): \(message)")
            }
            throw error
        }
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            libssh2_channel_free(channel)
            throw .failed("cannot create a socket pair for the jump tunnel: \(String(cString: strerror(errno)))")
        }
        fileDescriptor = pair[1]
        pumpDescriptor = pair[0]
        _ = fcntl(pumpDescriptor, F_SETFL, fcntl(pumpDescriptor, F_GETFL) | O_NONBLOCK)
        let thread = Thread { [self] in
            pump()
            finished.signal()
        }
        thread.name = "ictaudit-jump-\(host):\(port)"
        thread.start()
    }

    deinit {
        stopped.set()
        finished.wait()
        close(pumpDescriptor)
        close(fileDescriptor)
        libssh2_channel_free(channel)
    }

    /// Copies bytes both ways until either side closes, an error occurs, or the tunnel is dropped.
    private func pump() {
        var toSocket: [UInt8] = []
        var toChannel: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 32 * 1024)
        var channelClosed = false
        defer { shutdown(pumpDescriptor, Int32(SHUT_RDWR)) }
        while !stopped.isSet {
            var progressed = false
            if toSocket.isEmpty && !channelClosed {
                let n = buffer.withUnsafeMutableBytes {
                    libssh2_channel_read_ex(channel, 0, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count)
                }
                if n > 0 {
                    toSocket = Array(buffer[0..<n])
                    progressed = true
                } else if n == 0 || (n < 0 && n != Int(LIBSSH2_ERROR_EAGAIN)) || libssh2_channel_eof(channel) == 1 {
                    if n <= 0 && (n != Int(LIBSSH2_ERROR_EAGAIN) || libssh2_channel_eof(channel) == 1) {
                        channelClosed = true
                    }
                }
            }
            if !toSocket.isEmpty {
                let written = toSocket.withUnsafeBytes { write(pumpDescriptor, $0.baseAddress, $0.count) }
                if written > 0 {
                    toSocket.removeFirst(written)
                    progressed = true
                } else if written < 0 && errno != EAGAIN {
                    return
                }
            }
            if channelClosed && toSocket.isEmpty { return }
            if toChannel.isEmpty {
                let n = buffer.withUnsafeMutableBytes { read(pumpDescriptor, $0.baseAddress, $0.count) }
                if n > 0 {
                    toChannel = Array(buffer[0..<n])
                    progressed = true
                } else if n == 0 || (n < 0 && errno != EAGAIN) {
                    return  // the inner session closed its end
                }
            }
            if !toChannel.isEmpty {
                let written = toChannel.withUnsafeBytes {
                    libssh2_channel_write_ex(channel, 0, $0.baseAddress!.assumingMemoryBound(to: CChar.self), $0.count)
                }
                if written > 0 {
                    toChannel.removeFirst(written)
                    progressed = true
                } else if written != Int(LIBSSH2_ERROR_EAGAIN) {
                    return
                }
            }
            if !progressed {
                var descriptors = [
                    pollfd(fd: bastion.socketDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: pumpDescriptor, events: Int16(toSocket.isEmpty ? POLLIN : POLLOUT), revents: 0),
                ]
                if libssh2_session_block_directions(bastion.handle) & LIBSSH2_SESSION_BLOCK_OUTBOUND != 0 {
                    descriptors[0].events |= Int16(POLLOUT)
                }
                _ = poll(&descriptors, 2, 50)
            }
        }
    }
}

/// A flag set once from any thread and read from another.
final class ManagedAtomicFlag: @unchecked Sendable {
    private let lock = NSLock()
    private var value = false

    var isSet: Bool {
        lock.lock()
        defer { lock.unlock() }
        return value
    }

    func set() {
        lock.lock()
        value = true
        lock.unlock()
    }
}

extension JumpHost {
    /// The first hop of an OpenSSH `ProxyJump` value (`[user@]host[:port]`, or `[v6]:port`),
    /// logging in with the target's credential and, unless named, its user; nil for `none`.
    init?(proxyJump: String, for target: SSHTarget) {
        guard let hop = proxyJump.split(separator: ",").first.map(String.init), hop != "none", !hop.isEmpty else {
            return nil
        }
        var user = target.user
        var rest = Substring(hop)
        if let at = rest.lastIndex(of: "@") {
            user = String(rest[..<at])
            rest = rest[rest.index(after: at)...]
        }
        var host = String(rest)
        var port = 22
        if rest.hasPrefix("["), let close = rest.firstIndex(of: "]") {
            host = String(rest[rest.index(after: rest.startIndex)..<close])
            if let p = Int(rest[close...].dropFirst(2)) { port = p }
        } else if rest.filter({ $0 == ":" }).count == 1, let colon = rest.firstIndex(of: ":"), let p = Int(rest[rest.index(after: colon)...]) {
            host = String(rest[..<colon])
            port = p
        }
        self.init(address: host, port: port, user: user, credential: target.credential)
    }
}
