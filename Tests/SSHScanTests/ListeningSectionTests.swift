import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

#if canImport(Glibc)
    import Glibc
#endif

/// The batch's `listening` section run on this machine's kernel: the sockets a test opens must be
/// read exactly, with the addresses the /proc tables give for them.
struct ListeningSectionTests {
    /// A socket bound to `address` on a free port, listening if TCP; closed when the test ends.
    final class BoundSocket {
        let descriptor: Int32
        let port: Int

        init?(family: Int32, type: Int32, address: String, v6only: Bool = true) {
            let fd = socket(family, type, 0)
            guard fd >= 0 else { return nil }
            var bound: Int32 = -1
            if family == AF_INET6 {
                var only: Int32 = v6only ? 1 : 0
                setsockopt(fd, Int32(IPPROTO_IPV6), IPV6_V6ONLY, &only, socklen_t(MemoryLayout<Int32>.size))
                var a = sockaddr_in6()
                a.sin6_family = sa_family_t(AF_INET6)
                if inet_pton(AF_INET6, address, &a.sin6_addr) == 1 { bound = Self.bind(fd, &a) }
            } else {
                var a = sockaddr_in()
                a.sin_family = sa_family_t(AF_INET)
                if inet_pton(AF_INET, address, &a.sin_addr) == 1 { bound = Self.bind(fd, &a) }
            }
            guard bound == 0, type != Int32(SOCK_STREAM.rawValue) || listen(fd, 4) == 0 else {
                close(fd)
                return nil
            }
            var name = sockaddr_in6()
            var length = socklen_t(MemoryLayout<sockaddr_in6>.size)
            _ = withUnsafeMutablePointer(to: &name) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
            }
            descriptor = fd
            // sin_port and sin6_port sit at the same offset.
            port = Int(UInt16(bigEndian: name.sin6_port))
        }

        deinit { close(descriptor) }

        /// `bind(2)` with a `sockaddr_in` or `sockaddr_in6`.
        static func bind<Address>(_ fd: Int32, _ address: inout Address) -> Int32 {
            withUnsafePointer(to: &address) {
                $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                    Glibc.bind(fd, $0, socklen_t(MemoryLayout<Address>.size))
                }
            }
        }
    }

    static let tcp = Int32(SOCK_STREAM.rawValue)
    static let udp = Int32(SOCK_DGRAM.rawValue)

    @Test("ss and the /proc tables agree on this machine's sockets, IPv4, IPv6 and dual-stack alike")
    func sectionReadsOwnSockets() async throws {
        let hasSS = ["/usr/sbin/ss", "/usr/bin/ss", "/sbin/ss", "/bin/ss"].contains {
            FileManager.default.isExecutableFile(atPath: $0)
        }
        try #require(hasSS, "ss (iproute2) is not installed; .ci/run installs it")
        var opened: [(BoundSocket, ListeningSocket)] = []
        let wanted: [(Int32, Int32, String, Bool, ListeningSocket.TransportProtocol, String)] = [
            (AF_INET, Self.tcp, "127.0.0.1", true, .tcp, "127.0.0.1"),
            (AF_INET, Self.udp, "127.0.0.1", true, .udp, "127.0.0.1"),
            (AF_INET6, Self.tcp, "::1", true, .tcp, "::1"),
            (AF_INET6, Self.tcp, "::", false, .tcp, "::"),  // dual-stack: `*` to recent ss
            (AF_INET6, Self.udp, "::1", true, .udp, "::1"),
        ]
        for (family, type, address, v6only, proto, text) in wanted {
            // A machine without IPv6 skips those sockets; IPv4 ones must open.
            guard let socket = BoundSocket(family: family, type: type, address: address, v6only: v6only) else {
                try #require(family == AF_INET6, "cannot bind \(address)")
                continue
            }
            opened.append((socket, ListeningSocket(proto: proto, address: text, port: socket.port)))
        }
        let section = try #require(ProbeBatch.linuxProbes(sudo: false).first { $0.name == "listening" })
        let batch = ProbeBatch(probes: [section])
        let result = try await CommandRunner.run("/bin/sh", ["-c", batch.script], timeout: .seconds(30))
        let evidence = batch.sections(from: result.standardOutput)
        #expect(evidence.first?.text.contains("==> ss -ltun -4 <==") == true)
        let fromSS = LinuxFactsParser.facts(from: evidence).listening

        // The same moment's /proc tables, read here rather than by the batch.
        // Read with cat, as the batch does: Foundation stops reading a /proc file (size 0) after its
        // first chunk, which drops sockets on a busy machine whose tables pass a page.
        var tables = ""
        for path in ["/proc/net/tcp", "/proc/net/tcp6", "/proc/net/udp", "/proc/net/udp6"] {
            let read = try await CommandRunner.run("/bin/cat", [path], timeout: .seconds(30))
            tables += "\n==> \(path) <==\n" + read.standardOutputText
        }
        let fromTables = LinuxFactsParser.facts(
            from: [Evidence(name: "listening", source: "/proc/net", content: Data(tables.utf8))]
        ).listening
        for (_, expected) in opened {
            #expect(fromSS.contains(expected), "ss missed \(expected)")
            #expect(fromTables.contains(expected), "/proc missed \(expected)")
        }
        withExtendedLifetime(opened) {}
    }
}
