import Foundation
import ICTAuditTesting
import InventoryModel
import Testing

@testable import PacketScan

@Suite("Application decoders and detectors")
struct ApplicationLayerTests {
    static let client = "10.10.1.40"
    static let resolver = "10.10.1.53"

    static func udp(_ src: String, _ dst: String, _ sport: Int, _ dport: Int, _ payload: [UInt8]) -> [UInt8] {
        Frames.ethernet(
            type: 0x0800, Frames.ipv4(src: src, dst: dst, proto: 17, Frames.udp(sport: sport, dport: dport, payload)))
    }

    static func tcp(_ src: String, _ dst: String, _ sport: Int, _ dport: Int, flags: Int = 0x18, _ payload: [UInt8])
        -> [UInt8]
    {
        Frames.ethernet(
            type: 0x0800,
            Frames.ipv4(src: src, dst: dst, proto: 6, Frames.tcp(sport: sport, dport: dport, flags: flags, payload)))
    }

    @Test("DNS answers name addresses and mark antivirus update domains; the later fetch is evidence too")
    func dnsAntivirus() throws {
        let query = Frames.dns(name: "dnl-01.geo.kaspersky.com")
        let answer = Frames.dns(name: "dnl-01.geo.kaspersky.com", answers: [Frames.ipv4("77.74.181.10")])
        let report = try Fixture.analyse([
            Self.udp(Self.client, Self.resolver, 50000, 53, query),
            Self.udp(Self.resolver, Self.client, 53, 50000, answer),
            Self.tcp(Self.client, "77.74.181.10", 50001, 443, flags: Frames.syn, []),
        ])
        #expect(report.host("77.74.181.10")?.names == [LearntName(name: "dnl-01.geo.kaspersky.com", source: "dns")])
        let observations = report.observations.map {
            "\($0.kind.rawValue) \($0.host) \($0.peer) \($0.proto) \($0.packets)"
        }
        #expect(
            observations == [
                "antivirus-update 10.10.1.40 10.10.1.53 dns 2",
                "antivirus-update 10.10.1.40 77.74.181.10 tcp 1",
            ])
        #expect(report.observations.first?.detail == "Kaspersky dnl-01.geo.kaspersky.com")
        #expect(report.observations.first?.firstSeen == Date(timeIntervalSince1970: 1_717_200_000))
        #expect(report.observations.first?.lastSeen == Date(timeIntervalSince1970: 1_717_200_001))
    }

    @Test("A DNS compression pointer loop is malformed, not an endless walk")
    func dnsCompressionLoop() throws {
        // Header, then a question name that is a pointer to itself (offset 12).
        let selfLoop: [UInt8] =
            Frames.be16(1) + Frames.be16(0x0100) + Frames.be16(1) + [0, 0, 0, 0, 0, 0] + [0xC0, 12, 0, 1, 0, 1]
        // Two names pointing at each other: the second points forward, which is refused.
        let forward: [UInt8] =
            Frames.be16(2) + Frames.be16(0x0100) + Frames.be16(2) + [0, 0, 0, 0, 0, 0]
            + [0xC0, 18, 0, 1, 0, 1] + [0xC0, 12, 0, 1, 0, 1]
        let report = try Fixture.analyse([
            Self.udp(Self.client, Self.resolver, 50000, 53, selfLoop),
            Self.udp(Self.client, Self.resolver, 50000, 53, forward),
        ])
        #expect(report.malformed == ["dns": 2])
        #expect(report.counts.dns == 2)
    }

    @Test("Compressed names resolve through backward pointers")
    func dnsCompressionBackwards() throws {
        let message: [UInt8] =
            Frames.be16(1) + Frames.be16(0x8180) + Frames.be16(1) + Frames.be16(1) + [0, 0, 0, 0]
            + Frames.dnsName("files.corp.local") + [0, 1, 0, 1]
            + [3] + Array("www".utf8) + [0xC0, 18]  // www + pointer to "corp.local"
            + [0, 1, 0, 1] + Frames.be32(60) + Frames.be16(4) + Frames.ipv4("10.10.2.10")
        let (questions, answers) = message.withUnsafeBytes { p in
            var parsed = DNSMessage()
            guard parsed.read(p, from: 0, to: message.count) else { return ([String](), [String]()) }
            return (
                parsed.questions.map { parsed.nameText(p, at: $0.nameOffset) },
                parsed.addresses.map { parsed.nameText(p, at: $0.nameOffset) }
            )
        }
        #expect(questions == ["files.corp.local"])
        #expect(answers == ["www.corp.local"])
    }

    @Test("A name matches the catalogue domain it falls under, the longest one; bytes and text agree")
    func catalogueMatchesBySuffix() {
        let catalogue = AntivirusCatalogue([
            (vendor: "Kaspersky", domain: "kaspersky.com"), (vendor: "Kaspersky Geo", domain: "geo.kaspersky.com"),
            (vendor: "ESET", domain: "update.eset.com"),
        ])
        let cases: [(String, AntivirusCatalogue.Match?)] = [
            ("dnl-01.geo.kaspersky.com", .init(vendor: "Kaspersky Geo", domain: "geo.kaspersky.com")),
            ("geo.kaspersky.com", .init(vendor: "Kaspersky Geo", domain: "geo.kaspersky.com")),
            ("www.kaspersky.com", .init(vendor: "Kaspersky", domain: "kaspersky.com")),
            ("update.eset.com", .init(vendor: "ESET", domain: "update.eset.com")),
            // Not a label boundary, a parent of an entry, or an entry's text inside another name.
            ("notkaspersky.com", nil), ("eset.com", nil), ("update.eset.com.evil.example", nil), ("", nil),
            ("x.update.eset.com", .init(vendor: "ESET", domain: "update.eset.com")),
        ]
        for (name, expected) in cases {
            #expect(catalogue.match(name) == expected, "\(name)")
            #expect(catalogue.match(Array(name.utf8)) == expected, "\(name) as bytes")
        }
        #expect(AntivirusCatalogue().match("update.eset.com") == nil)
    }

    @Test("DHCP gives the hostname, vendor class and parameter list; the ACK binds the address")
    func dhcpFingerprint() throws {
        let mac = "3c:52:82:00:00:41"
        let request = Frames.dhcpRequest(
            mac: mac, hostname: "WS-KETOAN-01", vendor: "MSFT 5.0",
            parameters: [1, 3, 6, 15, 31, 33, 43, 44, 46, 47, 119, 121, 249, 252])
        let report = try Fixture.analyse([
            Frames.ethernet(
                dst: "ff:ff:ff:ff:ff:ff", src: mac, type: 0x0800,
                Frames.ipv4(
                    src: "0.0.0.0", dst: "255.255.255.255", proto: 17, ttl: 128,
                    Frames.udp(sport: 68, dport: 67, request))),
            Frames.ethernet(
                dst: "ff:ff:ff:ff:ff:ff", src: "00:1c:73:00:00:01", type: 0x0800,
                Frames.ipv4(
                    src: "10.10.1.1", dst: "255.255.255.255", proto: 17,
                    Frames.udp(sport: 67, dport: 68, Frames.dhcpAck(mac: mac, yourIP: "10.10.1.41")))),
        ])
        let host = try #require(report.host("10.10.1.41"))
        #expect(host.mac == mac)
        #expect(host.names == [LearntName(name: "WS-KETOAN-01", source: "dhcp")])
        #expect(host.dhcpVendorClass == "MSFT 5.0")
        #expect(host.dhcpParameters == "1,3,6,15,31,33,43,44,46,47,119,121,249,252")
        #expect(host.os == OSGuess(name: "Windows", basis: ["dhcp-vendor", "dhcp-params"], score: 6))
        #expect(report.host("0.0.0.0")?.scope == "unspecified")
        #expect(report.counts.dhcp == 2)
    }

    @Test("mDNS probes and NetBIOS registrations name their senders")
    func mdnsAndNetBIOS() throws {
        let probe = Frames.dns(id: 0, name: "lnx-0-044.local", type: 255)
        let report = try Fixture.analyse([
            Self.udp("10.10.1.44", "224.0.0.251", 5353, 5353, probe),
            Self.udp(
                "10.10.1.45", "10.10.1.255", 137, 137, Frames.netbiosRegistration(name: "WS-0-045", ip: "10.10.1.45")),
            Self.udp("10.10.1.46", "10.10.1.255", 137, 137, [UInt8](repeating: 0x5A, count: 50)),
        ])
        #expect(report.host("10.10.1.44")?.names == [LearntName(name: "lnx-0-044.local", source: "mdns")])
        #expect(report.host("10.10.1.45")?.names == [LearntName(name: "ws-0-045", source: "netbios")])
        #expect(report.malformed == ["netbios-ns": 1])
    }

    @Test("TLS SNI and HTTP Host match update services; Basic auth is noted without its credentials")
    func sniHTTPAndBasicAuth() throws {
        let hello = Frames.clientHello(serverName: "Update.ESET.com")
        let http = Array(
            "GET /v1/x HTTP/1.1\r\nHost: update.bkav.com.vn:80\r\nAuthorization: Basic YWRtaW46c2VjcmV0\r\n\r\n".utf8)
        let report = try Fixture.analyse([
            Self.tcp(Self.client, "91.228.167.128", 50010, 443, hello),
            Self.tcp(Self.client, "103.9.77.20", 50011, 80, http),
        ])
        let lines = report.observations.map { "\($0.kind.rawValue) \($0.peer) \($0.proto) \($0.detail ?? "-")" }
        #expect(
            lines == [
                "antivirus-update 103.9.77.20 http-host BKAV update.bkav.com.vn",
                "antivirus-update 91.228.167.128 tls-sni ESET update.eset.com",
                "cleartext-protocol 103.9.77.20 http-basic-auth update.bkav.com.vn",
            ])
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("YWRtaW46c2VjcmV0"))
        #expect(report.counts.tlsClientHellos == 1)
        #expect(report.counts.httpRequests == 1)
    }

    @Test("Telnet and FTP are cleartext; POP3 counts only without STLS, IMAP after STARTTLS does not")
    func cleartextProtocols() throws {
        let report = try Fixture.analyse([
            Self.tcp(Self.client, "192.168.50.2", 40001, 23, flags: Frames.syn, []),
            Self.tcp("192.168.50.2", Self.client, 23, 40001, Array("Password: ".utf8)),
            Self.tcp(Self.client, "192.168.50.2", 40001, 23, Array("cisco123\r\n".utf8)),
            Self.tcp(Self.client, "10.10.2.21", 40002, 21, Array("USER backup\r\n".utf8)),
            Self.tcp(Self.client, "10.10.2.25", 40003, 110, Array("USER a\r\n".utf8)),
            Self.tcp(Self.client, "10.10.2.25", 40004, 143, Array("a1 STARTTLS\r\n".utf8)),
            Self.tcp("10.10.2.25", Self.client, 143, 40004, Array("a1 OK Begin TLS\r\n".utf8)),
        ])
        let lines = report.observations.map { "\($0.host) \($0.peer) \($0.proto) \($0.packets)" }
        #expect(
            lines == [
                "10.10.1.40 10.10.2.21 ftp 1",
                "10.10.1.40 10.10.2.25 pop3 1",
                "10.10.1.40 192.168.50.2 telnet 3",
            ])
        let json = String(decoding: try JSONEncoder().encode(report), as: UTF8.self)
        #expect(!json.contains("cisco123"))
        #expect(!json.contains("backup"))
    }
}
