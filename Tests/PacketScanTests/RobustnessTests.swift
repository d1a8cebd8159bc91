import Foundation
import ICTAuditTesting
import PacketScan
import Testing

@Suite("Robustness")
struct RobustnessTests {
    /// One frame of every kind the decoders read deeply.
    static let frames: [(frame: [UInt8], linkHeader: Int)] = [
        (
            ApplicationLayerTests.udp(
                "10.0.0.1", "10.0.0.53", 5000, 53, Frames.dns(name: "update.eset.com", answers: [[1, 2, 3, 4]])), 14
        ),
        (
            ApplicationLayerTests.udp(
                "0.0.0.0", "255.255.255.255", 68, 67,
                Frames.dhcpRequest(mac: "3c:52:82:00:00:01", hostname: "pc", vendor: "MSFT 5.0", parameters: [1, 3, 6])),
            14
        ),
        (
            ApplicationLayerTests.tcp(
                "10.0.0.1", "10.0.0.2", 5001, 443, Frames.clientHello(serverName: "update.eset.com")), 14
        ),
        (
            ApplicationLayerTests.tcp(
                "10.0.0.1", "10.0.0.2", 5002, 80,
                Array("GET / HTTP/1.1\r\nHost: a.b\r\nAuthorization: Basic eA==\r\n\r\n".utf8)), 14
        ),
        (
            ApplicationLayerTests.udp(
                "10.0.0.1", "10.0.0.255", 137, 137, Frames.netbiosRegistration(name: "PC1", ip: "10.0.0.1")), 14
        ),
        (
            Frames.ethernet(
                type: 0x86DD,
                Frames.ipv6(
                    src: "2001:db8::1", dst: "2001:db8::2", next: 0,
                    Frames.extensionHeader(next: 17)
                        + Frames.udp(sport: 5353, dport: 5353, Frames.dns(name: "pc.local", type: 255)))), 14
        ),
        (
            Frames.ethernet(
                type: 0x0806, Frames.arp(senderMAC: "3c:52:82:00:00:01", senderIP: "10.0.0.1", targetIP: "10.0.0.254")),
            14
        ),
        (
            Frames.ethernet(
                type: 0x0800, tags: [(0x88A8, 10), (0x8100, 20)],
                Frames.ipv4(
                    src: "10.0.0.1", dst: "10.0.0.2", proto: 6,
                    Frames.tcp(sport: 1, dport: 23, flags: Frames.syn, options: [2, 4, 5, 0xB4, 4, 2]))), 22
        ),
    ]

    @Test("Every frame cut at every length is read without a crash: counted, link cuts malformed, wire bytes kept")
    func everyTruncation() throws {
        var writer = PcapFixtureWriter()
        var expectedPackets = 0
        var expectedBytes: UInt64 = 0
        var expectedLinkErrors = 0
        for (frame, linkHeader) in Self.frames {
            for cut in 1...frame.count {
                writer.add(frame, seconds: 1_717_200_000, wireLength: frame.count, capturedLength: cut)
                expectedPackets += 1
                expectedBytes += UInt64(frame.count)
                if cut < linkHeader { expectedLinkErrors += 1 }
            }
        }
        let path = try writer.write(to: Fixture.temporaryPath("cuts.pcap"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try PacketCapture.analyse(file: path, catalogues: Fixture.catalogues)
        #expect(report.packets == expectedPackets)
        #expect(report.bytes == expectedBytes)
        #expect(report.malformed["link"] == expectedLinkErrors)
        #expect(report.complete)
    }

    @Test("Seeded random bytes behind valid headers never crash a decoder")
    func randomPayloads() throws {
        var generator = SeededGenerator(seed: 20_240_601)
        var writer = PcapFixtureWriter()
        let ports = [(53, 53), (5353, 5353), (68, 67), (137, 137)]
        for i in 0..<2000 {
            let junk = (0..<Int.random(in: 0...300, using: &generator)).map { _ in
                UInt8.random(in: 0...255, using: &generator)
            }
            let (sport, dport) = ports[i % ports.count]
            let frame =
                i % 5 == 4
                ? ApplicationLayerTests.tcp("10.0.0.1", "10.0.0.2", 5000, 443, [0x16, 3, 1] + junk)
                : ApplicationLayerTests.udp("10.0.0.1", "10.0.0.2", sport, dport, junk)
            writer.add(frame, seconds: 1_717_200_000 + i)
        }
        let path = try writer.write(to: Fixture.temporaryPath("junk.pcap"))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let report = try PacketCapture.analyse(file: path, catalogues: Fixture.catalogues)
        #expect(report.packets == 2000)
        #expect(report.host("10.0.0.1")?.packetsSent == 2000)
    }
}

