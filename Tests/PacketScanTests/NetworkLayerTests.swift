import ICTAuditTesting
import InventoryModel
import PacketScan
import Testing

@Suite("Network and transport layers")
struct NetworkLayerTests {
    @Test("IPv6 extension headers (hop-by-hop, destination options, first fragment) lead to the UDP port")
    func ipv6ExtensionHeaders() throws {
        let dns = Frames.dns(name: "update.eset.com")
        let payload =
            Frames.extensionHeader(next: 60) + Frames.extensionHeader(next: 44)
            + Frames.fragmentHeader(next: 17, offset: 0, more: true) + Frames.udp(sport: 5000, dport: 53, dns)
        let frame = Frames.ethernet(
            type: 0x86DD, Frames.ipv6(src: "2001:db8::10", dst: "2001:db8::53", next: 0, payload))
        let report = try Fixture.analyse([frame])
        #expect(report.counts.ipv6 == 1)
        #expect(report.counts.fragments == 1)
        #expect(report.counts.dns == 1)
        #expect(report.malformed.isEmpty)
        #expect(report.observations.map(\.detail) == ["ESET update.eset.com"])
        #expect(report.observations.first?.host == "2001:db8::10")
    }

    @Test("A later IPv6 fragment is counted but its bytes are not read as UDP")
    func ipv6LaterFragment() throws {
        let payload = Frames.fragmentHeader(next: 17, offset: 185, more: false) + [UInt8](repeating: 0xEE, count: 40)
        let frame = Frames.ethernet(
            type: 0x86DD, Frames.ipv6(src: "2001:db8::10", dst: "2001:db8::53", next: 44, payload))
        let report = try Fixture.analyse([frame])
        #expect(report.counts.fragments == 1)
        #expect(report.counts.udp == 0)
        #expect(report.malformed.isEmpty)
        #expect(report.host("2001:db8::53")?.bytesReceived == UInt64(frame.count))
    }

    @Test("IPv4 fragments are counted; only the first is decoded as UDP")
    func ipv4Fragments() throws {
        let udp = Frames.udp(sport: 5000, dport: 9999, [UInt8](repeating: 1, count: 16))
        let first = Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, flagsAndOffset: 0x2000, udp))
        let second = Frames.ethernet(
            type: 0x0800,
            Frames.ipv4(
                src: "10.0.0.1", dst: "10.0.0.2", proto: 17, flagsAndOffset: 3, [UInt8](repeating: 2, count: 24)))
        let report = try Fixture.analyse([first, second])
        #expect(report.counts.fragments == 2)
        #expect(report.counts.udp == 1)
        #expect(report.host("10.0.0.1")?.packetsSent == 2)
    }

    @Test("Truncated and inconsistent headers are counted per layer and skipped")
    func malformedHeaders() throws {
        let shortIPv4 = Frames.ethernet(type: 0x0800, [0x45, 0, 0, 40, 0, 0])
        let badLength = Frames.ethernet(
            type: 0x0800,
            Frames.ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 6, totalLength: 12, [UInt8](repeating: 0, count: 20)))
        var badTCP = Frames.tcp(sport: 1234, dport: 80)
        badTCP[12] = 0xF0  // data offset 60 bytes, past the segment
        let badOffset = Frames.ethernet(type: 0x0800, Frames.ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 6, badTCP))
        let shortUDP = Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, [0, 53, 0]))
        var zeroUDPLength = Frames.udp(sport: 53, dport: 53, [1, 2, 3])
        zeroUDPLength[5] = 2
        let badUDP = Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: "10.0.0.1", dst: "10.0.0.2", proto: 17, zeroUDPLength))
        let shortIPv6 = Frames.ethernet(type: 0x86DD, [0x60, 0, 0, 0, 0, 8, 17])
        let shortARP = Frames.ethernet(type: 0x0806, [0, 1, 8, 0, 6, 4])
        let report = try Fixture.analyse([shortIPv4, badLength, badOffset, shortUDP, badUDP, shortIPv6, shortARP])
        #expect(report.packets == 7)
        #expect(report.malformed == ["ipv4": 2, "tcp": 1, "udp": 2, "ipv6": 1, "arp": 1])
        // Hosts whose IP header was sound still count the frame.
        #expect(report.host("10.0.0.1")?.packetsSent == 3)
    }

    @Test("TCP SYN options and TTL give a passive OS guess")
    func synFingerprint() throws {
        let windowsOptions: [UInt8] = [2, 4, 5, 0xB4, 1, 3, 3, 8, 1, 1, 4, 2]
        let linuxOptions: [UInt8] = [2, 4, 5, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7]
        let report = try Fixture.analyse([
            Frames.ethernet(
                type: 0x0800,
                Frames.ipv4(
                    src: "10.10.1.30", dst: "10.10.2.10", proto: 6, ttl: 128,
                    Frames.tcp(sport: 50000, dport: 445, flags: Frames.syn, options: windowsOptions))),
            Frames.ethernet(
                src: "52:54:00:00:00:31", type: 0x0800,
                Frames.ipv4(
                    src: "10.10.1.31", dst: "10.10.2.10", proto: 6, ttl: 63,
                    Frames.tcp(sport: 50001, dport: 22, flags: Frames.syn, options: linuxOptions))),
        ])
        let windows = try #require(report.host("10.10.1.30"))
        #expect(windows.synOptions == "mss,nop,ws,nop,nop,sok")
        #expect(windows.initialTTL == 128)
        #expect(windows.os == OSGuess(name: "Windows", basis: ["syn", "ttl"], score: 4))
        let linux = try #require(report.host("10.10.1.31"))
        #expect(linux.synOptions == "mss,sok,ts,nop,ws")
        #expect(linux.initialTTL == 64)
        #expect(linux.os == OSGuess(name: "Linux", basis: ["syn", "ttl"], score: 4))
    }

    @Test("ARP binds an address to its MAC even when a router's MAC carries its packets")
    func arpBinding() throws {
        let router = "00:1c:73:00:00:01"
        var frames: [[UInt8]] = [
            Frames.ethernet(
                dst: "ff:ff:ff:ff:ff:ff", src: "3c:52:82:00:00:07", type: 0x0806,
                Frames.arp(senderMAC: "3c:52:82:00:00:07", senderIP: "10.10.1.7", targetIP: "10.10.1.1"))
        ]
        // The router forwards packets of many outside addresses, all from its own MAC.
        for i in 1...6 {
            frames.append(
                Frames.ethernet(
                    dst: "3c:52:82:00:00:07", src: router, type: 0x0800,
                    Frames.ipv4(
                        src: "198.51.100.\(i)", dst: "10.10.1.7", proto: 17, Frames.udp(sport: 443, dport: 5000, [1]))))
        }
        let report = try Fixture.analyse(frames)
        #expect(report.host("10.10.1.7")?.mac == "3c:52:82:00:00:07")
        #expect(report.host("198.51.100.1")?.mac == nil)
        #expect(report.stations.first { $0.mac == router }?.packetsSent == 6)
        #expect(report.counts.arp == 1)
    }
}
