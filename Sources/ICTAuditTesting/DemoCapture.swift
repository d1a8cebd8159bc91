import Foundation

/// The demo's capture, made by code: 30 minutes at the ministry's gateway (2026-12-01 08:00–08:30
/// UTC) covering the demo units' subnets, so the first README command measures bandwidth, finds
/// hosts outside the inventory and sees one fetch antivirus updates. Deterministic: the same
/// bytes every time, so tests can compute each figure by hand from the schedule below.
///
/// Bulk transfers are recorded as a Linux gateway with GRO records them: one 60,000-byte super-frame
/// per record, headers captured (snaplen 512), so a record is 8 kbit/s over a one-minute interval
/// and n records in a minute are n × 8 kbit/s.
///
/// | unit | flow | records per minute |
/// |---|---|---|
/// | van-phong | 203.0.113.80 → 10.10.10.21 (debian-ok) | 500; minute 28: 750; minute 29: 1,000 |
/// | van-phong | 10.10.10.21 → 203.0.113.80 | 125 |
/// | trung-tam-cntt | 203.0.113.80 → 172.16.16.30 (rhel-ok) | 250; minute 21: 500 |
/// | trung-tam-cntt | 172.30.3.15 (suse-ok) → 203.0.113.80 | 625; minute 20: 1,250; minute 21: 1,875 |
/// | thanh-tra | 203.0.113.80 → 10.20.5.14 (debian-old) | 125; minutes 5–9: 1,250 |
/// | thanh-tra | 10.20.5.14 → 203.0.113.80 | 25 |
/// | WAN | 172.16.16.30 → 10.10.10.21; 10.20.5.14 → 172.16.16.30 | 20; 10 (1,500-byte frames) |
///
/// Small packets beside them: ARP from each host on the wire; LAN traffic from hostile
/// (192.168.66.6) and windows-ws (10.40.2.117) to debian-ok; hosts outside the inventory:
/// 10.10.10.50 (DHCP name `laptop-khach`, fetches Kaspersky updates: a DNS query to 203.0.113.53 and
/// a TLS ClientHello for `dnl-01.geo.kaspersky.com` to 198.51.100.20 in minute 3), 10.10.10.60 (a
/// printer on TCP 9100), 172.16.16.99 (on the server segment) and 10.20.5.30 (a telnet client of
/// debian-old). debian-old's second address 192.168.50.3 never appears: it is silent.
public enum DemoCapture {
    /// 2026-12-01T08:00:00Z.
    public static let start = 1_796_112_000
    public static let minutes = 30
    /// Wire length of one bulk record.
    public static let recordBytes = 60_000

    static let router = "00:50:56:00:00:01"

    /// Host MACs, one per address on the wire.
    static let macs: [String: String] = [
        "10.10.10.21": "52:54:00:10:10:21", "192.168.66.6": "52:54:00:66:00:06", "10.40.2.117": "3c:52:82:40:02:17",
        "172.16.16.30": "00:50:56:16:16:30", "172.30.3.15": "00:50:56:30:03:15", "10.20.5.14": "52:54:00:20:05:14",
        "10.10.10.50": "3c:52:82:10:10:50", "10.10.10.60": "00:00:48:10:10:60", "172.16.16.99": "b8:27:eb:16:16:99",
        "10.20.5.30": "52:54:00:20:05:30",
    ]

    /// One bulk flow: records per minute by minute.
    struct Flow: Sendable {
        var source: String
        var destination: String
        var perMinute: @Sendable (Int) -> Int
        var wireLength: Int
    }

    static let flows: [Flow] = [
        Flow(source: "203.0.113.80", destination: "10.10.10.21", perMinute: { $0 == 29 ? 1000 : $0 == 28 ? 750 : 500 }, wireLength: recordBytes),
        Flow(source: "10.10.10.21", destination: "203.0.113.80", perMinute: { _ in 125 }, wireLength: recordBytes),
        Flow(source: "203.0.113.80", destination: "172.16.16.30", perMinute: { $0 == 21 ? 500 : 250 }, wireLength: recordBytes),
        Flow(source: "172.30.3.15", destination: "203.0.113.80", perMinute: { $0 == 21 ? 1875 : $0 == 20 ? 1250 : 625 }, wireLength: recordBytes),
        Flow(source: "203.0.113.80", destination: "10.20.5.14", perMinute: { (5...9).contains($0) ? 1250 : 125 }, wireLength: recordBytes),
        Flow(source: "10.20.5.14", destination: "203.0.113.80", perMinute: { _ in 25 }, wireLength: recordBytes),
        Flow(source: "172.16.16.30", destination: "10.10.10.21", perMinute: { _ in 20 }, wireLength: 1500),
        Flow(source: "10.20.5.14", destination: "172.16.16.30", perMinute: { _ in 10 }, wireLength: 1500),
        Flow(source: "192.168.66.6", destination: "10.10.10.21", perMinute: { _ in 6 }, wireLength: 1500),
        Flow(source: "10.40.2.117", destination: "10.10.10.21", perMinute: { _ in 4 }, wireLength: 1500),
        Flow(source: "10.10.10.60", destination: "10.10.10.21", perMinute: { $0 % 10 == 0 ? 2 : 0 }, wireLength: 1000),
        Flow(source: "172.16.16.99", destination: "172.16.16.30", perMinute: { $0 % 5 == 0 ? 1 : 0 }, wireLength: 800),
    ]

    static func macOf(_ ip: String) -> String { macs[ip] ?? router }

    /// A TCP segment between two addresses, Ethernet MACs chosen as the gateway sees them.
    /// `wire` is the super-frame's length on the wire, which its IP header states.
    static func tcp(_ src: String, _ dst: String, sport: Int, dport: Int, payload: [UInt8] = [], wire: Int? = nil) -> [UInt8] {
        Frames.ethernet(
            dst: macOf(dst), src: macOf(src), type: 0x0800,
            Frames.ipv4(
                src: src, dst: dst, proto: 6, totalLength: wire.map { $0 - 14 }, Frames.tcp(sport: sport, dport: dport, payload)))
    }

    /// The capture as classic pcap with nanosecond timestamps.
    public static func pcap() -> PcapFixtureWriter {
        var writer = PcapFixtureWriter(format: .pcap(nanoseconds: true), snapshotLength: 512)
        // Minute 0: every host on the wire says who it is (ARP); the laptop asks DHCP to keep its
        // address (the server's answer is not on this segment: the router relays it).
        var t = 0
        for (ip, mac) in macs.sorted(by: { $0.key < $1.key }) {
            writer.add(
                Frames.ethernet(dst: "ff:ff:ff:ff:ff:ff", src: mac, type: 0x0806, Frames.arp(senderMAC: mac, senderIP: ip, targetIP: ip)),
                seconds: start, nanoseconds: t)
            t += 1_000_000
        }
        writer.add(
            Frames.ethernet(
                dst: "ff:ff:ff:ff:ff:ff", src: macs["10.10.10.50"]!, type: 0x0800,
                Frames.ipv4(
                    src: "0.0.0.0", dst: "255.255.255.255", proto: 17,
                    Frames.udp(
                        sport: 68, dport: 67,
                        Frames.dhcpRequest(
                            mac: macs["10.10.10.50"]!, hostname: "laptop-khach", vendor: "MSFT 5.0",
                            parameters: [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252])))),
            seconds: start, nanoseconds: t)

        for minute in 0..<minutes {
            // Bulk flows, each record at an even spacing inside the minute, flows interleaved by time.
            var records: [(time: Int, frame: [UInt8], wire: Int)] = []
            for (f, flow) in flows.enumerated() {
                let n = flow.perMinute(minute)
                guard n > 0 else { continue }
                let (sport, dport) = flow.source.hasPrefix("203.") ? (443, 50_000 + f) : (50_000 + f, flow.destination.hasPrefix("203.") ? 443 : 5432)
                let frame = tcp(flow.source, flow.destination, sport: sport, dport: dport, wire: flow.wireLength)
                // Inside the minute's first 59 seconds, so no record spills into the next interval.
                let step = 59_000_000_000 / n
                for i in 0..<n {
                    records.append((minute * 60_000_000_000 + 100_000_000 + i * step + f * 1000, frame, flow.wireLength))
                }
            }
            if minute == 3 {
                // The unmanaged laptop fetches Kaspersky updates: a DNS query, then TLS to the mirror.
                let laptop = "10.10.10.50"
                let query = Frames.ethernet(
                    dst: router, src: macs[laptop]!, type: 0x0800,
                    Frames.ipv4(
                        src: laptop, dst: "203.0.113.53", proto: 17,
                        Frames.udp(sport: 53_001, dport: 53, Frames.dns(name: "dnl-01.geo.kaspersky.com"))))
                records.append((minute * 60_000_000_000 + 5_000_000_000, query, query.count))
                let hello = tcp(laptop, "198.51.100.20", sport: 53_002, dport: 443, payload: Frames.clientHello(serverName: "dnl-01.geo.kaspersky.com"))
                records.append((minute * 60_000_000_000 + 5_100_000_000, hello, hello.count))
            }
            if minute == 7 {
                // A telnet session to debian-old from a host outside the inventory.
                let login = tcp("10.20.5.30", "10.20.5.14", sport: 40_023, dport: 23, payload: Array("root\r\n".utf8))
                records.append((minute * 60_000_000_000 + 7_000_000_000, login, login.count))
            }
            records.sort { $0.time < $1.time }
            for record in records {
                let time = start * 1_000_000_000 + record.time
                writer.add(
                    record.frame, seconds: time / 1_000_000_000, nanoseconds: time % 1_000_000_000,
                    wireLength: max(record.wire, record.frame.count), capturedLength: min(record.frame.count, 512))
            }
        }
        return writer
    }

    /// Writes the capture to `path` (for the lab and the demo).
    @discardableResult
    public static func write(to path: String) throws -> String {
        try pcap().write(to: path)
    }
}
