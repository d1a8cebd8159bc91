import Foundation
import ICTAuditTesting
import InventoryModel
import PacketScan
import Testing

@Suite("Capture files")
struct CaptureFileTests {
    /// A small mixed capture: ARP, DNS, TCP with a short snaplen, IPv6, a VLAN-tagged frame.
    static func mixedFrames() -> [(frame: [UInt8], wire: Int?, captured: Int?)] {
        let big = [UInt8](repeating: 0x61, count: 1400)
        return [
            (
                Frames.ethernet(
                    dst: "ff:ff:ff:ff:ff:ff", type: 0x0806,
                    Frames.arp(senderMAC: "3c:52:82:00:00:01", senderIP: "10.10.1.20", targetIP: "10.10.1.1")), nil, nil
            ),
            (
                Frames.ethernet(
                    type: 0x0800,
                    Frames.ipv4(
                        src: "10.10.1.20", dst: "10.10.1.53", proto: 17,
                        Frames.udp(sport: 5000, dport: 53, Frames.dns(name: "deb.debian.org")))), nil, nil
            ),
            (
                Frames.ethernet(
                    type: 0x0800,
                    Frames.ipv4(
                        src: "10.10.1.53", dst: "10.10.1.20", proto: 17,
                        Frames.udp(
                            sport: 53, dport: 5000,
                            Frames.dns(name: "deb.debian.org", answers: [Frames.ipv4("151.101.2.132")])))), nil, nil
            ),
            (
                Frames.ethernet(
                    type: 0x0800,
                    Frames.ipv4(
                        src: "10.10.1.20", dst: "151.101.2.132", proto: 6,
                        Frames.tcp(sport: 40000, dport: 443, flags: Frames.syn))), nil, nil
            ),
            // 1,454 bytes on the wire, 96 captured: counts use the wire length.
            (
                Frames.ethernet(
                    type: 0x0800,
                    Frames.ipv4(
                        src: "151.101.2.132", dst: "10.10.1.20", proto: 6, Frames.tcp(sport: 443, dport: 40000, big))),
                nil, 96
            ),
            (
                Frames.ethernet(
                    type: 0x0800, tags: [(0x8100, 50)],
                    Frames.ipv4(src: "192.168.50.20", dst: "10.10.1.20", proto: 1, [8, 0, 0, 0, 0, 1, 0, 1])), nil, nil
            ),
            (
                Frames.ethernet(
                    type: 0x86DD,
                    Frames.ipv6(
                        src: "fe80::1", dst: "2001:db8::2", next: 17, Frames.udp(sport: 1, dport: 2, [1, 2, 3]))), nil,
                nil
            ),
        ]
    }

    static func write(_ format: PcapFixtureWriter.Format) throws -> (path: String, writer: PcapFixtureWriter) {
        var writer = PcapFixtureWriter(format: format)
        for (i, f) in mixedFrames().enumerated() {
            writer.add(
                f.frame, seconds: 1_717_200_000 + i, nanoseconds: 123_456_789, wireLength: f.wire,
                capturedLength: f.captured)
        }
        return (try writer.write(to: Fixture.temporaryPath("mixed.pcap")), writer)
    }

    @Test("pcap and pcapng give the same tables, with nanosecond timestamps")
    func pcapAndPcapng() throws {
        let (pcap, _) = try Self.write(.pcap(nanoseconds: true))
        let (pcapng, _) = try Self.write(.pcapng)
        defer {
            try? FileManager.default.removeItem(atPath: pcap)
            try? FileManager.default.removeItem(atPath: pcapng)
        }
        let a = try PacketCapture.analyse(file: pcap, catalogues: Fixture.catalogues)
        let b = try PacketCapture.analyse(file: pcapng, catalogues: Fixture.catalogues)
        #expect(a.hosts == b.hosts)
        #expect(a.packets == 7)
        #expect(a.complete)
        #expect(a.firstPacket == Date(timeIntervalSince1970: 1_717_200_000.123456789))
        let host = try #require(a.host("10.10.1.20"))
        let sizes = Self.mixedFrames().map(\.frame.count)
        #expect(host.packetsSent == 2)
        #expect(host.bytesSent == UInt64(sizes[1] + sizes[3]))
        #expect(host.packetsReceived == 3)
        #expect(host.bytesReceived == UInt64(sizes[2] + sizes[4] + sizes[5]))
        #expect(sizes[4] == 1454)
        #expect(a.bytes == UInt64(sizes.reduce(0, +)))
    }

    @Test("A truncated file keeps every packet before the cut and reports the index and byte offset")
    func truncatedFile() throws {
        for format in [PcapFixtureWriter.Format.pcap(nanoseconds: false), .pcapng] {
            let (path, writer) = try Self.write(format)
            defer { try? FileManager.default.removeItem(atPath: path) }
            // Cut in the middle of the fifth record.
            let cut = writer.recordEnds[3] + 30
            try writer.data.prefix(cut).write(to: URL(fileURLWithPath: path))
            let report = try PacketCapture.analyse(file: path, catalogues: Fixture.catalogues)
            #expect(report.complete == false)
            #expect(report.packets == 4)
            let stop = try #require(report.stoppedAt)
            #expect(stop.packetIndex == 4)
            #expect(stop.byteOffset == writer.recordEnds[3])
            #expect(!stop.reason.isEmpty)
            #expect(report.host("10.10.1.20")?.packetsSent == 2)
            #expect(report.host("151.101.2.132")?.names == [LearntName(name: "deb.debian.org", source: "dns")])
        }
    }

    @Test("A file that is not a capture is a clear error")
    func notACapture() throws {
        let path = Fixture.temporaryPath("not.pcap")
        try Data("hello, this is not a capture file at all".utf8).write(to: URL(fileURLWithPath: path))
        defer { try? FileManager.default.removeItem(atPath: path) }
        #expect {
            try PacketCapture.analyse(file: path)
        } throws: { error in
            guard case .cannotOpenFile(let p, _) = error as? CaptureError else { return false }
            return p == path
        }
    }

    @Test("A missing file and a folder are clear errors in libpcap's words (the file is opened by PcapHandle, not libpcap)")
    func cannotOpen() throws {
        let missing = Fixture.temporaryPath("missing.pcap")
        #expect {
            try PacketCapture.analyse(file: missing)
        } throws: { error in
            guard case .cannotOpenFile(let p, let reason) = error as? CaptureError else { return false }
            return p == missing && reason == "\(missing): No such file or directory"
        }
        let folder = Fixture.temporaryPath("folder.pcap")
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        #expect {
            try PacketCapture.analyse(file: folder)
        } throws: { error in
            guard case .cannotOpenFile(let p, let reason) = error as? CaptureError else { return false }
            return p == folder && reason.contains("Is a directory")
        }
    }

    @Test("Count and BPF filter limit what is read")
    func countAndFilter() throws {
        let (path, _) = try Self.write(.pcap(nanoseconds: true))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let counted = try PacketCapture.analyse(file: path, options: CaptureOptions(count: 3))
        #expect(counted.packets == 3)
        #expect(counted.complete)
        let filtered = try PacketCapture.analyse(file: path, options: CaptureOptions(filter: "udp port 53"))
        #expect(filtered.packets == 2)
        #expect(filtered.counts.dns == 2)
        #expect(throws: CaptureError.self) {
            try PacketCapture.analyse(file: path, options: CaptureOptions(filter: "port nonsense and"))
        }
    }

    static let tshark = ["/usr/bin/tshark", "/usr/local/bin/tshark"].first(where: FileManager.default.isExecutableFile)

    @Test(
        "Per-host byte counts equal tshark's endpoint statistics",
        .enabled(if: tshark != nil, "needs tshark, the independent count (apt-get install tshark)"))
    func matchesTshark() throws {
        let tshark = try #require(Self.tshark)
        let (path, _) = try Self.write(.pcap(nanoseconds: true))
        defer { try? FileManager.default.removeItem(atPath: path) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: tshark)
        process.arguments = ["-n", "-q", "-z", "endpoints,ip", "-r", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        // Rows: address, packets, bytes, tx packets, tx bytes, rx packets, rx bytes (tshark 3.x and 4.x).
        var theirs: [String: [UInt64]] = [:]
        for line in output.split(separator: "\n") {
            let fields = line.split(separator: " ", omittingEmptySubsequences: true)
            guard fields.count >= 7, fields[0].contains("."),
                let numbers = Optional(fields[1...6].compactMap { UInt64($0) }),
                numbers.count == 6
            else { continue }
            theirs[String(fields[0])] = numbers
        }
        let report = try PacketCapture.analyse(file: path)
        let ours = Dictionary(
            uniqueKeysWithValues: report.hosts.filter { $0.ip.contains(".") && $0.packetsSent + $0.packetsReceived > 0 }
                .map {
                    (
                        $0.ip,
                        [
                            $0.packetsSent + $0.packetsReceived, $0.bytesSent + $0.bytesReceived, $0.packetsSent,
                            $0.bytesSent, $0.packetsReceived, $0.bytesReceived,
                        ]
                    )
                })
        #expect(theirs.count == 4)
        #expect(ours == theirs)
    }
}
