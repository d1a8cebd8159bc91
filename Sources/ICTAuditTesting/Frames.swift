import Foundation

/// Builders for crafted frames: each returns the bytes of one header followed by its payload.
/// Checksums are left zero: the decoders, like Wireshark by default, do not verify them.
public enum Frames {
    public static func mac(_ text: String) -> [UInt8] {
        text.split(separator: ":").map { UInt8($0, radix: 16)! }
    }

    public static func ipv4(_ text: String) -> [UInt8] {
        text.split(separator: ".").map { UInt8($0)! }
    }

    public static func be16(_ v: Int) -> [UInt8] { [UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)] }
    public static func be32(_ v: UInt32) -> [UInt8] {
        [UInt8(v >> 24), UInt8(v >> 16 & 0xFF), UInt8(v >> 8 & 0xFF), UInt8(v & 0xFF)]
    }

    /// Ethernet II with optional VLAN tags, outermost first (`tpid` 0x88A8 for a QinQ outer tag).
    public static func ethernet(
        dst: String = "00:50:56:00:00:02", src: String = "3c:52:82:00:00:01", type: Int,
        tags: [(tpid: Int, vlan: Int)] = [], _ payload: [UInt8]
    ) -> [UInt8] {
        var out = mac(dst) + mac(src)
        for tag in tags { out += be16(tag.tpid) + be16(tag.vlan) }
        return out + be16(type) + payload
    }

    public static func ipv4(
        src: String, dst: String, proto: Int, ttl: Int = 64, flagsAndOffset: Int = 0x4000, totalLength: Int? = nil,
        _ payload: [UInt8]
    ) -> [UInt8] {
        be16(0x4500) + be16(totalLength ?? 20 + payload.count) + be16(0x1234) + be16(flagsAndOffset)
            + [UInt8(ttl), UInt8(proto)] + be16(0) + ipv4(src) + ipv4(dst) + payload
    }

    public static func ipv6Address(_ text: String) -> [UInt8] {
        // Only the forms the tests use: "2001:db8::N" and "fe80::N".
        let parts = text.components(separatedBy: "::")
        let head = parts[0].split(separator: ":").flatMap { be16(Int($0, radix: 16)!) }
        let tail = parts[1].split(separator: ":").flatMap { be16(Int($0, radix: 16)!) }
        return head + [UInt8](repeating: 0, count: 16 - head.count - tail.count) + tail
    }

    public static func ipv6(src: String, dst: String, next: Int, hopLimit: Int = 64, _ payload: [UInt8]) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(payload.count) + [UInt8(next), UInt8(hopLimit)] + ipv6Address(src)
            + ipv6Address(dst) + payload
    }

    /// An IPv6 extension header of 8 bytes (hop-by-hop 0, destination options 60, routing 43).
    public static func extensionHeader(next: Int) -> [UInt8] {
        [UInt8(next), 0, 1, 4, 0, 0, 0, 0]
    }

    public static func fragmentHeader(next: Int, offset: Int, more: Bool) -> [UInt8] {
        [UInt8(next), 0] + be16(offset << 3 | (more ? 1 : 0)) + be32(0xABCD)
    }

    public static let syn = 0x02
    public static let ack = 0x10
    public static let psh = 0x08

    public static func tcp(sport: Int, dport: Int, flags: Int = 0x18, options: [UInt8] = [], _ payload: [UInt8] = [])
        -> [UInt8]
    {
        let padded = options + [UInt8](repeating: 1, count: (4 - options.count % 4) % 4)
        let offset = (20 + padded.count) / 4
        return be16(sport) + be16(dport) + be32(1000) + be32(0) + [UInt8(offset << 4), UInt8(flags)] + be16(64240)
            + be16(0) + be16(0) + padded + payload
    }

    public static func udp(sport: Int, dport: Int, _ payload: [UInt8]) -> [UInt8] {
        be16(sport) + be16(dport) + be16(8 + payload.count) + be16(0) + payload
    }

    public static func arp(op: Int = 1, senderMAC: String, senderIP: String, targetIP: String) -> [UInt8] {
        be16(1) + be16(0x0800) + [6, 4] + be16(op) + mac(senderMAC) + ipv4(senderIP) + [0, 0, 0, 0, 0, 0]
            + ipv4(targetIP)
    }

    public static func dnsName(_ name: String) -> [UInt8] {
        name.split(separator: ".").flatMap { [UInt8($0.utf8.count)] + Array($0.utf8) } + [0]
    }

    /// A query, or with `answers` a response whose answers point back at the question's name.
    public static func dns(id: Int = 0x1234, name: String, type: Int = 1, answers: [[UInt8]] = []) -> [UInt8] {
        var out = be16(id) + be16(answers.isEmpty ? 0x0100 : 0x8180) + be16(1) + be16(answers.count) + be16(0) + be16(0)
        out += dnsName(name) + be16(type) + be16(1)
        for address in answers {
            out +=
                [0xC0, 0x0C] + be16(address.count == 4 ? 1 : 28) + be16(1) + be32(300) + be16(address.count) + address
        }
        return out
    }

    public static func dhcpRequest(mac clientMAC: String, hostname: String, vendor: String, parameters: [UInt8]) -> [UInt8] {
        var out: [UInt8] = [1, 1, 6, 0] + be32(0xDEAD_BEEF) + be16(0) + be16(0x8000)
        out += [UInt8](repeating: 0, count: 16) + mac(clientMAC) + [UInt8](repeating: 0, count: 10)
        out += [UInt8](repeating: 0, count: 192) + [0x63, 0x82, 0x53, 0x63]
        out += [53, 1, 3]
        out += [12, UInt8(hostname.utf8.count)] + Array(hostname.utf8)
        out += [60, UInt8(vendor.utf8.count)] + Array(vendor.utf8)
        out += [55, UInt8(parameters.count)] + parameters
        return out + [255]
    }

    public static func dhcpAck(mac clientMAC: String, yourIP: String) -> [UInt8] {
        var out: [UInt8] = [2, 1, 6, 0] + be32(0xDEAD_BEEF) + be16(0) + be16(0x8000)
        out +=
            [0, 0, 0, 0] + ipv4(yourIP) + [0, 0, 0, 0, 0, 0, 0, 0] + mac(clientMAC) + [UInt8](repeating: 0, count: 10)
        out += [UInt8](repeating: 0, count: 192) + [0x63, 0x82, 0x53, 0x63] + [53, 1, 5, 255]
        return out
    }

    /// A TLS 1.2 record holding a ClientHello with a server_name extension.
    public static func clientHello(serverName: String) -> [UInt8] {
        let name = Array(serverName.utf8)
        let sni = be16(0) + be16(name.count + 5) + be16(name.count + 3) + [0] + be16(name.count) + name
        let extensions = sni + be16(0x000A) + be16(4) + be16(2) + be16(0x001D)
        var body: [UInt8] = [3, 3] + [UInt8](repeating: 7, count: 32) + [0] + be16(2) + be16(0x1301) + [1, 0]
        body += be16(extensions.count) + extensions
        let handshake: [UInt8] = [1, 0] + be16(body.count) + body
        return [0x16, 3, 1] + be16(handshake.count) + handshake
    }

    /// NetBIOS name registration for `name` (first-level encoding, suffix 0x00).
    public static func netbiosRegistration(name: String, ip: String) -> [UInt8] {
        var raw = Array(name.uppercased().utf8.prefix(15))
        raw += [UInt8](repeating: 0x20, count: 15 - raw.count) + [0]
        let encoded = raw.flatMap { [0x41 + ($0 >> 4), 0x41 + ($0 & 0xF)] }
        let question = [32] + encoded + [0]
        return be16(0x4242) + be16(0x2910) + be16(1) + be16(0) + be16(0) + be16(1) + question + be16(0x20) + be16(1)
            + [0xC0, 0x0C] + be16(0x20) + be16(1) + be32(300000) + be16(6) + be16(0) + ipv4(ip)
    }
}
