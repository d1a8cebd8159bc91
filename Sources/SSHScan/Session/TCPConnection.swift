import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A connected TCP socket, closed in `deinit`.
///
/// The connect is non-blocking and polled, so an address that drops packets costs at most the
/// connect timeout rather than the kernel's two minutes.
/// A byte stream a libssh2 session runs over.
protocol SSHTransport: AnyObject {
    var fileDescriptor: Int32 { get }
}

final class TCPConnection: SSHTransport {
    let fileDescriptor: Int32

    init(host: String, port: Int, deadline: Deadline) throws(SSHError) {
        var hints = addrinfo()
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        hints.ai_flags = AI_NUMERICSERV
        var list: UnsafeMutablePointer<addrinfo>?
        let rc = getaddrinfo(host, String(port), &hints, &list)
        guard rc == 0, let first = list else {
            throw .unreachable("cannot resolve \(host): \(String(cString: gai_strerror(rc)))")
        }
        defer { freeaddrinfo(list) }

        var lastError = "no address for \(host)"
        var candidate: UnsafeMutablePointer<addrinfo>? = first
        while let info = candidate {
            candidate = info.pointee.ai_next
            let fd = socket(info.pointee.ai_family, info.pointee.ai_socktype | Int32(SOCK_CLOEXEC.rawValue), 0)
            if fd < 0 {
                lastError = String(cString: strerror(errno))
                continue
            }
            _ = fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK)
            if connect(fd, info.pointee.ai_addr, info.pointee.ai_addrlen) == 0 {
                fileDescriptor = fd
                return
            }
            guard errno == EINPROGRESS else {
                lastError = "connect to \(host) port \(port): \(String(cString: strerror(errno)))"
                close(fd)
                continue
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLOUT), revents: 0)
            let ready = poll(&pfd, 1, deadline.remainingMilliseconds)
            if ready == 0 {
                close(fd)
                throw .timedOut("connect to \(host) port \(port) timed out")
            }
            var soError: Int32 = 0
            var length = socklen_t(MemoryLayout<Int32>.size)
            getsockopt(fd, SOL_SOCKET, SO_ERROR, &soError, &length)
            if ready > 0 && soError == 0 {
                fileDescriptor = fd
                return
            }
            lastError = "connect to \(host) port \(port): \(String(cString: strerror(soError != 0 ? soError : errno)))"
            close(fd)
        }
        throw .unreachable(lastError)
    }

    deinit {
        close(fileDescriptor)
    }
}
