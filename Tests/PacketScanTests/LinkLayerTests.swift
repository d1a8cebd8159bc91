import ICTAuditTesting
import InventoryModel
import PacketScan
import Testing

@Suite("Link layers")
struct LinkLayerTests {
    let udp = Frames.udp(sport: 40000, dport: 514, Array("<13>hello".utf8))

    @Test("802.1Q and QinQ tags are skipped to the IPv4 inside")
    func vlanAndQinQ() throws {
        let inner = Frames.ipv4(src: "10.10.1.20", dst: "10.10.2.5", proto: 17, udp)
        let report = try Fixture.analyse([
            Frames.ethernet(type: 0x0800, tags: [(0x8100, 50)], inner),
            Frames.ethernet(type: 0x0800, tags: [(0x88A8, 100), (0x8100, 50)], inner),
        ])
        #expect(report.counts.ipv4 == 2)
        #expect(report.counts.udp == 2)
        #expect(report.malformed.isEmpty)
        let sender = try #require(report.host("10.10.1.20"))
        #expect(sender.packetsSent == 2)
        #expect(sender.bytesSent == UInt64(18 + inner.count + 22 + inner.count))
        #expect(sender.mac == "3c:52:82:00:00:01")
        #expect(sender.vendor == "Hewlett Packard")
    }

    @Test("Linux cooked SLL and SLL2 carry the source MAC and the protocol")
    func cookedCaptures() throws {
        let ip = Frames.ipv4(src: "10.10.1.21", dst: "10.10.1.53", proto: 17, udp)
        let macBytes = Frames.mac("52:54:00:00:00:09")
        let sll: [UInt8] =
            Frames.be16(0) + Frames.be16(1) + Frames.be16(6) + macBytes + [0, 0] + Frames.be16(0x0800) + ip
        let sll2: [UInt8] =
            Frames.be16(0x0800) + Frames.be16(0) + Frames.be32(2) + Frames.be16(1) + [4, 6] + macBytes + [0, 0] + ip
        for (link, frame) in [(PcapFixtureWriter.LinkType.linuxSLL, sll), (.linuxSLL2, sll2)] {
            let report = try Fixture.analyse([frame], link: link)
            let host = try #require(report.host("10.10.1.21"))
            #expect(host.mac == "52:54:00:00:00:09")
            #expect(host.vendor == "QEMU/KVM virtual NIC")
            #expect(host.bytesSent == UInt64(frame.count))
            #expect(report.counts.udp == 1)
        }
    }

    @Test("Raw IP links read IPv4 and IPv6 by the version nibble")
    func rawIP() throws {
        let v4 = Frames.ipv4(src: "192.0.2.1", dst: "192.0.2.2", proto: 17, udp)
        let v6 = Frames.ipv6(src: "2001:db8::1", dst: "2001:db8::2", next: 17, udp)
        let report = try Fixture.analyse([v4, v6], link: .raw)
        #expect(report.linkType == "RAW")
        #expect(report.counts.ipv4 == 1)
        #expect(report.counts.ipv6 == 1)
        #expect(report.host("2001:db8::1")?.bytesSent == UInt64(v6.count))
        #expect(report.host("192.0.2.2")?.bytesReceived == UInt64(v4.count))
        #expect(report.host("192.0.2.1")?.mac == nil)
    }

    @Test("An unsupported link type is a clear error naming it")
    func unsupportedLinkType() throws {
        #expect(throws: CaptureError.unsupportedLinkType(code: 105, name: "IEEE802_11")) {
            try Fixture.analyse([[0, 1, 2, 3]], link: .ieee80211)
        }
    }

    @Test("A frame shorter than its link header is counted as malformed and skipped")
    func shortFrame() throws {
        let report = try Fixture.analyse([[0, 1, 2, 3, 4, 5, 6]])
        #expect(report.packets == 1)
        #expect(report.malformed == ["link": 1])
        #expect(report.hosts.isEmpty)
    }
}
