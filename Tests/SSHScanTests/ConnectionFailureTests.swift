import Foundation
import ICTAuditTesting
import InventoryModel
@testable import SSHScan
import Testing

/// Hosts that cannot be scanned end as recorded results, quickly, never as a crash or a hang.
struct ConnectionFailureTests {
    private func target(port: Int) -> SSHTarget {
        SSHTarget(
            address: "127.0.0.1", port: port, user: "nobody", unit: "u",
            credential: .keyFile(path: "/nonexistent/key", passphraseEnvironment: nil))
    }

    @Test("A port where nothing listens is recorded as unreachable at once")
    func refusedConnectionIsUnreachable() async throws {
        let port = try TCPTestListener.closedPort()
        let scanner = HostScanner(options: ScanOptions(hostTimeout: 5, knownHostsPath: "/dev/null"))
        let result = await scanner.scan(target(port: port))
        #expect(result.status == .unreachable)
        #expect(result.message?.contains("Connection refused") == true)
        #expect(result.durationSeconds < 2)
        #expect(result.facts == nil)
    }

    @Test("A server that accepts but never speaks is recorded as timed out within its timeout")
    func silentServerTimesOut() async throws {
        let listener = try TCPTestListener.silent()
        let scanner = HostScanner(options: ScanOptions(hostTimeout: 1.5, knownHostsPath: "/dev/null"))
        let result = await scanner.scan(target(port: listener.port))
        #expect(result.status == .timedOut)
        #expect(result.message?.contains("handshake") == true)
        #expect(result.durationSeconds >= 1.4)
        #expect(result.durationSeconds < 4)
    }

    @Test("A name that does not resolve is unreachable, with the resolver's reason")
    func unresolvableNameIsUnreachable() async {
        var t = target(port: 22)
        t.address = "no-such-host.invalid"
        let result = await HostScanner(options: ScanOptions(hostTimeout: 5, knownHostsPath: "/dev/null")).scan(t)
        #expect(result.status == .unreachable)
        #expect(result.message?.contains("cannot resolve no-such-host.invalid") == true)
    }

    @Test("Silent hosts are waited on side by side: every one has started before the first one times out")
    func silentHostsDoNotHoldEachOtherUp() async throws {
        let listeners = try (0..<8).map { _ in try TCPTestListener.silent() }
        let scanner = HostScanner(options: ScanOptions(hostTimeout: 2, concurrency: 8, knownHostsPath: "/dev/null"))
        let log = EventLog()
        let results = await scanner.scan(listeners.map { target(port: $0.port) }) { event in
            switch event {
            case .started: log.append("started")
            case .finished: log.append("finished")
            }
        }
        #expect(results.map(\.status) == Array(repeating: .timedOut, count: 8))
        #expect(results.map(\.target.port) == listeners.map(\.port))
        // One after another, a host would start only when the previous one had timed out.
        #expect(log.events.prefix(8).allSatisfy { $0 == "started" })
        #expect(results.allSatisfy { $0.durationSeconds >= 1.9 })
    }
}

/// The key-type sniffing behind the RSA explanation reads the public part only.
struct KeyFileTests {
    @Test("The type of an openssh-key-v1 private key is read from its clear public blob")
    func readsOpenSSHKeyType() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-keys-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        for (type, expected) in [("ed25519", "ssh-ed25519"), ("rsa", "ssh-rsa"), ("ecdsa", "ecdsa-sha2-nistp256")] {
            let path = dir.appendingPathComponent(type).path
            let keygen = Process()
            keygen.executableURL = URL(fileURLWithPath: "/usr/bin/ssh-keygen")
            keygen.arguments = ["-q", "-t", type, "-N", "", "-f", path]
            try keygen.run()
            keygen.waitUntilExit()
            // Without the .pub file the type must come from the private key itself.
            try FileManager.default.removeItem(atPath: path + ".pub")
            #expect(KeyFile.type(atPath: path) == expected)
        }
    }
}

/// Progress events in arrival order, from the scanner's worker threads.
final class EventLog: @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [String] = []

    func append(_ event: String) {
        lock.lock()
        stored.append(event)
        lock.unlock()
    }

    var events: [String] {
        lock.lock()
        defer { lock.unlock() }
        return stored
    }
}
