import Foundation
import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP connection to a target carried through a bastion's `direct-tcpip` channel.
///
/// libssh2 needs a socket for the inner session, so the channel is joined to one end of a
/// socketpair by a pump thread; the inner session handshakes on the other end, unaware of the hop.
/// The bastion session is touched only by the pump thread once the channel is open; the channel
/// (and through it the bastion session) lives as long as the tunnel.
final class JumpTunnel: SSHTransport, @unchecked Sendable {
    let fileDescriptor: Int32
    private let pumpDescriptor: Int32
    private let channel: SSHChannel
    private let stopped = ManagedAtomicFlag()
    private let finished = DispatchSemaphore(value: 0)

    init(through bastion: SSHSession, to host: String, port: Int, deadline: Deadline) throws(SSHError) {
        let name = KnownHosts.recordedName(host: host, port: port)
        do {
            channel = try SSHChannel.directTCPIP(
                on: bastion, to: host, port: port, phase: "opening a forwarded connection to \(name)", deadline: deadline)
        } catch {
            if case .failed(let message) = error, message.contains("prohibited") || message.contains("open failure") {
                throw .failed("it refused to forward to \(name) (see its AllowTcpForwarding and PermitOpen): \(message)")
            }
            throw error
        }
        var pair: [Int32] = [0, 0]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
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
                switch buffer.withUnsafeMutableBytes({ channel.read(.output, into: $0) }) {
                case .bytes(let n):
                    toSocket = Array(buffer[0..<n])
                    progressed = true
                case .wouldBlock: break
                case .ended, .failed: channelClosed = true
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
                switch toChannel.withUnsafeBytes({ channel.write($0) }) {
                case .bytes(let n):
                    toChannel.removeFirst(n)
                    progressed = true
                case .wouldBlock: break
                case .ended, .failed: return
                }
            }
            if !progressed {
                var descriptors = [
                    pollfd(fd: channel.session.socketDescriptor, events: Int16(POLLIN), revents: 0),
                    pollfd(fd: pumpDescriptor, events: Int16(toSocket.isEmpty ? POLLIN : POLLOUT), revents: 0),
                ]
                if channel.session.isBlockedOutbound {
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
