public import Foundation
public import InventoryModel

#if canImport(Glibc)
    import Glibc
#endif

/// What the live SSH daemon offers, read from its key-exchange init (RFC 4253 §7.1) on a TCP
/// connection of its own, as ssh-audit does: the key exchange, host key, cipher and MAC lists.
///
/// It is the truth for crypto rules where configuration files are not: RHEL 8 hands its crypto
/// policy to sshd on the command line, a daemon not reloaded after an edit still offers the old
/// lists, and a plain account cannot read a 0600 `sshd_config`. The server sends its KEXINIT
/// right after the version exchange and before anything is authenticated, so nothing is logged in
/// and nothing changes on the host; the connection is closed after the one packet.
///
/// Read as evidence text (`ssh-kexinit`, one `name a,b,c` line per list) that `SSHServerOffer`
/// turns into `HostFacts.sshOffer`; the scanner keeps the fact, not the text, so the batch's
/// evidence stays exactly the batch's sections.
public enum ServerKexInit {
    public static let evidenceName = "ssh-kexinit"
    static let clientVersion = "SSH-2.0-ictaudit_kexinit\r\n"
    /// RFC 4253 caps a packet at 35,000 bytes; a KEXINIT is a few hundred.
    static let maxPacket = 35_000

    /// The server's lists as evidence, or nil when the host did not send a KEXINIT within `seconds`.
    public static func read(host: String, port: Int, seconds: Double) -> Evidence? {
        read(host: host, port: port, deadline: Deadline(secondsFromNow: seconds))
    }

    /// The evidence text of a stream that holds the version line and the whole first packet; nil
    /// while more bytes are needed, empty when what arrived is not a KEXINIT.
    public static func parse(_ stream: [UInt8]) -> String? { lists(fromStream: stream) }

    static func read(host: String, port: Int, deadline: Deadline) -> Evidence? {
        guard let connection = try? TCPConnection(host: host, port: port, deadline: deadline) else { return nil }
        let fd = connection.fileDescriptor
        _ = clientVersion.withCString { send(fd, $0, strlen($0), Int32(MSG_NOSIGNAL)) }
        var buffer: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 4096)
        while buffer.count < maxPacket + 8192 {
            if let text = lists(fromStream: buffer) {
                guard !text.isEmpty else { return nil }
                return Evidence(name: evidenceName, source: "KEXINIT of \(host):\(port)", content: Data(text.utf8), exitCode: 0)
            }
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            guard poll(&pfd, 1, deadline.remainingMilliseconds) > 0 else { return nil }
            let count = recv(fd, &chunk, chunk.count, 0)
            guard count > 0 else { return nil }
            buffer += chunk[0..<count]
        }
        return nil
    }

    /// The name lists once the stream holds the version line and the whole first packet; nil
    /// while more bytes are needed or when the packet is not a KEXINIT.
    static func lists(fromStream bytes: [UInt8]) -> String? {
        // Lines before the version line are allowed (RFC 4253 §4.2); the version line starts "SSH-".
        var start = 0
        while true {
            guard let newline = bytes[start...].firstIndex(of: 0x0A) else { return nil }
            let line = bytes[start..<newline]
            start = newline + 1
            if line.starts(with: Array("SSH-".utf8)) { break }
        }
        let packet = bytes[start...]
        guard packet.count >= 5 else { return nil }
        let length = packet.prefix(4).reduce(0) { $0 << 8 | Int($1) }
        guard (5...maxPacket).contains(length) else { return "" }
        guard packet.count >= 4 + length else { return nil }
        let padding = Int(packet[packet.startIndex + 4])
        guard padding < length else { return "" }
        let payload = Array(packet[(packet.startIndex + 5)..<(packet.startIndex + 4 + length - padding)])
        return kexInitLists(payload) ?? ""
    }

    /// `byte 20, cookie[16], name-list × 10, …`: the first six lists, as `name a,b,c` lines.
    static func kexInitLists(_ payload: [UInt8]) -> String? {
        guard payload.first == 20, payload.count >= 17 else { return nil }
        let names = ["kex_algorithms", "host_key_algorithms", "ciphers_client_to_server", "ciphers_server_to_client",
                     "macs_client_to_server", "macs_server_to_client"]
        var offset = 17
        var lines: [String] = []
        for name in names {
            guard offset + 4 <= payload.count else { return nil }
            let length = payload[offset..<offset + 4].reduce(0) { $0 << 8 | Int($1) }
            offset += 4
            guard length <= payload.count - offset else { return nil }
            let list = String(decoding: payload[offset..<offset + length], as: UTF8.self)
            guard list.utf8.allSatisfy({ $0 >= 0x20 && $0 < 0x7F }) else { return nil }
            lines.append("\(name) \(list)")
            offset += length
        }
        return lines.joined(separator: "\n") + "\n"
    }
}

/// Turns the `ssh-kexinit` evidence into `HostFacts.sshOffer`, on Linux and Windows alike.
enum SSHServerOffer {
    static func collect(_ text: String?, into facts: inout HostFacts) {
        if let offer = text.flatMap(algorithms) { facts.sshOffer = offer }
    }

    /// The lists of `ssh-kexinit` evidence text; nil without a key-exchange list.
    static func algorithms(_ text: String) -> SSHAlgorithms? {
        guard !text.isEmpty else { return nil }
        var lists: [String: [String]] = [:]
        for line in text.split(whereSeparator: \.isNewline) {
            let words = line.split(separator: " ", maxSplits: 1)
            guard words.count == 2 else { continue }
            lists[String(words[0])] = words[1].split(separator: ",").map(String.init)
        }
        guard let kex = lists["kex_algorithms"] else { return nil }
        // The server-to-client lists: what the daemon will send with; sshd offers the same both ways.
        return SSHAlgorithms(
            kexAlgorithms: kex.filter { !$0.hasPrefix("ext-info-") && !$0.hasPrefix("kex-strict-") },
            hostKeyAlgorithms: lists["host_key_algorithms"] ?? [],
            ciphers: lists["ciphers_server_to_client"] ?? [], macs: lists["macs_server_to_client"] ?? [])
    }
}

extension LinuxFactsParser {
    static func collectServerOffer(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        SSHServerOffer.collect(evidence[ServerKexInit.evidenceName], into: &facts)
    }
}
