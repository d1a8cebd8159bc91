import Foundation
import InventoryModel

/// Listening sockets from `ss -ltun -4` and `ss -ltun -6`, read over netlink.
///
/// Preferred to `/proc/net/tcp` because the kernel builds that file by walking its whole table of
/// established connections, whose size follows the machine's memory, not its sockets: about 5 ms
/// of kernel time per file on a small host, and a busy server's file runs to megabytes of
/// connections the scan does not want. `ss -l` asks for listening sockets only.
///
/// One call per address family, because `*` means different things across iproute2 versions:
/// IPv4's any address before 2018 (RHEL 7 prints `*:22`), a dual-stack IPv6 socket after. Within a
/// family it can only be that family's any address.
/// A family whose `ss` fails (or a host without `ss`) is read from `/proc/net` by `ProcNetSockets`.
enum SocketStatistics: SingleSectionLinuxCollector {
    /// The commands the batch runs, which also label their output.
    static let ipv4Label = "ss -ltun -4"
    static let ipv6Label = "ss -ltun -6"

    static let section = ProbeSection(
        name: "listening",
        script:
            "if command -v ss >/dev/null 2>&1; then { "
            + "part '\(ipv4Label)'; \(ipv4Label) || { printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp /proc/net/udp; }; "
            + "part '\(ipv6Label)'; \(ipv6Label) || { printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp6 /proc/net/udp6; }; "
            + "} 2>/dev/null | head -c $ictaudit_cap; "
            + "else printf '\\n'; head -v -c $ictaudit_cap /proc/net/tcp /proc/net/tcp6 /proc/net/udp /proc/net/udp6; fi",
        source: "ss -ltun -4 and -6 (else /proc/net/{tcp,tcp6,udp,udp6})", inline: true)

    static func collect(_ evidence: LinuxEvidence, into facts: inout HostFacts) {
        guard let parts = evidence.parts(section.name) else { return }
        // A family whose `ss` failed was read from /proc instead: both parts count.
        let fromTables = ProcNetSockets.listening(from: parts)
        facts.listening = listening(from: parts).map {
            Set($0 + fromTables).sorted(by: ListeningSocket.reportOrder)
        } ?? fromTables
    }

    /// `nil` when neither part is there (the host has no `ss`, and its socket tables were read instead).
    static func listening(from parts: LabelledParts) -> [ListeningSocket]? {
        let tables = [(ipv4Label, false), (ipv6Label, true)].compactMap { label, ipv6 in
            parts[label].map { ($0, ipv6) }
        }
        guard !tables.isEmpty else { return nil }
        var found: Set<ListeningSocket> = []
        for (text, ipv6) in tables {
            for line in text.split(separator: "\n") {
                if let socket = socket(line, ipv6: ipv6) { found.insert(socket) }
            }
        }
        return found.sorted(by: ListeningSocket.reportOrder)
    }

    /// `tcp LISTEN 0 128 0.0.0.0:22 0.0.0.0:*`: netid, state, queues, local and peer address. The
    /// header line and anything else that does not fit is skipped.
    static func socket(_ line: Substring, ipv6: Bool) -> ListeningSocket? {
        let f = line.split { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard f.count >= 5 else { return nil }
        let proto: ListeningSocket.TransportProtocol
        switch (f[0], f[1]) {
        case ("tcp", "LISTEN"): proto = .tcp
        case ("udp", "UNCONN"): proto = .udp
        default: return nil
        }
        guard let (address, port) = endpoint(f[4], ipv6: ipv6) else { return nil }
        return ListeningSocket(proto: proto, address: address, port: port)
    }

    /// `0.0.0.0:22`, `127.0.0.53%lo:53`, `[::1]:631`, `[fe80::1%eth0]:123`, `*:22`, and the older
    /// unbracketed `:::22` and `::1:25`; IPv6 text is written as `ProcNetSockets` writes it.
    static func endpoint(_ field: Substring, ipv6: Bool) -> (address: String, port: Int)? {
        guard let colon = field.lastIndex(of: ":"), let port = Int(field[field.index(after: colon)...]),
            (0...65535).contains(port)
        else { return nil }
        var host = field[..<colon]
        if host.hasPrefix("["), host.hasSuffix("]") { host = host.dropFirst().dropLast() }
        if let scope = host.firstIndex(of: "%") { host = host[..<scope] }
        if host == "*" { return (ipv6 ? "::" : "0.0.0.0", port) }
        if ipv6 {
            var bytes = [UInt8](repeating: 0, count: 16)
            guard inet_pton(AF_INET6, String(host), &bytes) == 1 else { return nil }
            return (ProcNetSockets.ipv6(bytes), port)
        }
        var word = in_addr()
        guard inet_pton(AF_INET, String(host), &word) == 1 else { return nil }
        return (ProcNetSockets.ipv4(littleEndian: UInt32(littleEndian: word.s_addr)), port)
    }
}
