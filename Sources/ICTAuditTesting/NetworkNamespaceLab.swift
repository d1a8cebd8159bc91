import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Two network namespaces joined by a veth pair, for live-capture tests: traffic stays inside
/// them (addresses in 10.213.x.x/30), nothing touches the host's own interfaces, and `close()`
/// deletes both namespaces (which deletes the veth pair with them).
public final class NetworkNamespaceLab: @unchecked Sendable {
    public struct Side: Sendable {
        public let namespace: String
        public let interface: String
        public let address: String
    }

    public let a: Side
    public let b: Side
    private var closed = false

    /// Whether the machine may allow it: root and the `ip` tool. Creating the namespaces can still
    /// fail (a container without CAP_SYS_ADMIN); `init` then throws.
    public static var mayBeAvailable: Bool {
        geteuid() == 0 && ipTool != nil
    }

    static let ipTool = ["/usr/sbin/ip", "/sbin/ip", "/usr/bin/ip", "/bin/ip"].first(
        where: FileManager.default.isExecutableFile)

    public struct Failure: Error, CustomStringConvertible {
        public let description: String
    }

    /// Creates the namespaces `ictcapNNNNN-Sa`/`b` with veth ends `ictcNNNNNSa`/`b` and a /30 between
    /// (NNNNN from the process id, S the subnet, so labs with different subnets can run at once).
    public init(subnet: Int = 7) throws {
        precondition((0...255).contains(subnet), "the subnet is the third octet of 10.213.x.x")
        let tag = String(getpid() % 100_000)
        a = Side(namespace: "ictcap\(tag)-\(subnet)a", interface: "ictc\(tag)\(subnet)a", address: "10.213.\(subnet).1")
        b = Side(namespace: "ictcap\(tag)-\(subnet)b", interface: "ictc\(tag)\(subnet)b", address: "10.213.\(subnet).2")
        do {
            try Self.ip(["netns", "add", a.namespace])
            try Self.ip(["netns", "add", b.namespace])
            try Self.ip(["link", "add", a.interface, "type", "veth", "peer", "name", b.interface])
            for side in [a, b] {
                try Self.ip(["link", "set", side.interface, "netns", side.namespace])
                try Self.ip(["-n", side.namespace, "addr", "add", side.address + "/30", "dev", side.interface])
                try Self.ip(["-n", side.namespace, "link", "set", "lo", "up"])
                try Self.ip(["-n", side.namespace, "link", "set", side.interface, "up"])
            }
        } catch {
            close()
            throw error
        }
    }

    deinit { close() }

    public func close() {
        guard !closed else { return }
        closed = true
        for side in [a, b] { try? Self.ip(["netns", "del", side.namespace], quiet: true) }
    }

    /// The MAC address of one side's veth end.
    public func mac(of side: Side) throws -> String {
        let out = try Self.run(Self.ipTool ?? "ip", ["-n", side.namespace, "-br", "link", "show", side.interface])
        guard
            let mac = out.split(separator: " ", omittingEmptySubsequences: true).first(where: {
                $0.count == 17 && $0.contains(":")
            })
        else { throw Failure(description: "no MAC in: \(out)") }
        return String(mac)
    }

    /// Runs a command inside a namespace (`ip netns exec`), with a time limit.
    @discardableResult
    public func exec(in side: Side, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        try Self.run(
            Self.ipTool ?? "ip", ["netns", "exec", side.namespace, "timeout", "20"] + arguments,
            allowFailure: allowFailure)
    }

    /// Runs `body` with the calling thread inside `side`'s network namespace, then returns the
    /// thread to its own. Sockets opened in `body` (a capture handle) stay in that namespace.
    public func withNamespace<T>(_ side: Side, _ body: () throws -> T) throws -> T {
        let original = open("/proc/thread-self/ns/net", O_RDONLY)
        guard original >= 0 else { throw Failure(description: "cannot open this thread's network namespace") }
        defer { Glibc.close(original) }
        let target = open("/run/netns/\(side.namespace)", O_RDONLY)
        guard target >= 0 else { throw Failure(description: "cannot open namespace \(side.namespace)") }
        defer { Glibc.close(target) }
        guard let setns = Self.setns else { throw Failure(description: "setns(2) is not available") }
        guard setns(target, Self.newNetworkNamespace) == 0 else {
            throw Failure(description: "setns into \(side.namespace) failed: errno \(errno)")
        }
        defer {
            if setns(original, Self.newNetworkNamespace) != 0 {
                fatalError("cannot return to the original network namespace")
            }
        }
        return try body()
    }

    /// glibc declares setns only under _GNU_SOURCE, which the Glibc module does not see.
    private typealias SetNS = @convention(c) (Int32, Int32) -> Int32
    private static let setns: SetNS? = dlsym(nil, "setns").map { unsafeBitCast($0, to: SetNS.self) }
    private static let newNetworkNamespace: Int32 = 0x4000_0000  // CLONE_NEWNET

    private static func ip(_ arguments: [String], quiet: Bool = false) throws {
        guard let tool = ipTool else { throw Failure(description: "the ip tool (iproute2) is not installed") }
        try run(tool, arguments)
    }

    @discardableResult
    static func run(_ tool: String, _ arguments: [String], allowFailure: Bool = false) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tool)
        process.arguments = arguments
        let out = Pipe()
        let err = Pipe()
        process.standardOutput = out
        process.standardError = err
        try process.run()
        let output = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        let error = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        if process.terminationStatus != 0 && !allowFailure {
            throw Failure(
                description: "\(tool) \(arguments.joined(separator: " ")): exit \(process.terminationStatus): \(error)")
        }
        return output
    }
}
