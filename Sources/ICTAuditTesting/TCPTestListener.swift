import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A TCP port on 127.0.0.1 for failure tests: either one that listens and never says a word
/// (a hung SSH server), or one that was just closed (nothing listens: connection refused).
public final class TCPTestListener: @unchecked Sendable {
    public let port: Int
    private let fileDescriptor: Int32

    /// Listens on an ephemeral port and never accepts or writes; clients stall in the SSH handshake.
    public static func silent() throws -> TCPTestListener {
        let (fd, port) = try bindLoopback()
        guard listen(fd, 16) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        return TCPTestListener(fileDescriptor: fd, port: port)
    }

    /// A port that was free a moment ago and has nothing listening on it now.
    public static func closedPort() throws -> Int {
        let (fd, port) = try bindLoopback()
        close(fd)
        return port
    }

    private init(fileDescriptor: Int32, port: Int) {
        self.fileDescriptor = fileDescriptor
        self.port = port
    }

    deinit {
        close(fileDescriptor)
    }

    private static func bindLoopback() throws -> (Int32, Int) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        guard bound == 0 else {
            close(fd)
            throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO)
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return (fd, Int(UInt16(bigEndian: address.sin_port)))
    }
}
