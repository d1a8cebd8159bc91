import Foundation
import ICTAuditTesting
import PacketScan
import Testing

@Suite("Live capture")
struct LiveCaptureTests {
    static let pingInstalled = ["/usr/bin/ping", "/bin/ping"].contains(where: FileManager.default.isExecutableFile)

    @Test(
        "Captures pings and UDP on a veth pair between two network namespaces",
        .enabled(if: NetworkNamespaceLab.mayBeAvailable, "needs root and iproute2 to create network namespaces"),
        .enabled(if: pingInstalled, "needs ping (apt-get install iputils-ping)"))
    func vethPair() throws {
        let lab: NetworkNamespaceLab
        do {
            lab = try NetworkNamespaceLab(subnet: 7)
        } catch {
            try Test.cancel("cannot create network namespaces here (\(error))")
        }
        defer { lab.close() }
        let handle = try lab.withNamespace(lab.a) { try PcapHandle.open(interface: lab.a.interface) }
        try handle.setFilter("ip or arp")
        // Bounded traffic from b to a: 3 echo requests, 2 UDP datagrams to a closed port (each
        // answered by an ICMP port unreachable). The kernel buffers it until the capture reads.
        try lab.exec(in: lab.b, ["ping", "-c", "3", "-i", "0.2", "-W", "1", lab.a.address])
        for _ in 0..<2 {
            try lab.exec(in: lab.b, ["bash", "-c", "echo probe > /dev/udp/\(lab.a.address)/9999"])
        }
        Thread.sleep(forTimeInterval: 0.3)
        let report = try PacketCapture.run(handle, options: CaptureOptions(duration: 1.0, intervalSeconds: 1))
        let b = try #require(report.host(lab.b.address))
        let a = try #require(report.host(lab.a.address))
        #expect(b.packetsSent == 5)
        #expect(a.packetsSent == 5)
        #expect(b.mac == (try lab.mac(of: lab.b)))
        #expect(report.counts.icmp == 8)
        #expect(report.counts.udp == 2)
        #expect(report.linkType == "EN10MB")
        let live = try #require(report.live)
        #expect(live.droppedByKernel == 0)
        #expect(live.received >= 10)
    }

    @Test(
        "A live capture on a quiet interface still ends at its duration",
        .enabled(if: NetworkNamespaceLab.mayBeAvailable, "needs root and iproute2 to create network namespaces"))
    func quietInterfaceEnds() throws {
        let lab: NetworkNamespaceLab
        do {
            lab = try NetworkNamespaceLab(subnet: 8)
        } catch {
            try Test.cancel("cannot create network namespaces here (\(error))")
        }
        defer { lab.close() }
        let handle = try lab.withNamespace(lab.a) { try PcapHandle.open(interface: lab.a.interface) }
        let start = Date()
        let report = try PacketCapture.run(handle, options: CaptureOptions(filter: "udp port 7", duration: 0.5))
        let elapsed = Date().timeIntervalSince(start)
        #expect(report.packets == 0)
        #expect(report.complete)
        #expect(elapsed >= 0.5)
        #expect(elapsed < 10)  // ends near its duration instead of waiting for a packet; margin for a loaded machine
    }

    @Test(
        "A stop request from another thread ends a live capture early with its report",
        .enabled(if: NetworkNamespaceLab.mayBeAvailable, "needs root and iproute2 to create network namespaces"))
    func stopRequestEndsCapture() throws {
        let lab: NetworkNamespaceLab
        do {
            lab = try NetworkNamespaceLab(subnet: 9)
        } catch {
            try Test.cancel("cannot create network namespaces here (\(error))")
        }
        defer { lab.close() }
        let handle = try lab.withNamespace(lab.a) { try PcapHandle.open(interface: lab.a.interface) }
        let stop = StopRequest()
        Thread.detachNewThread {
            Thread.sleep(forTimeInterval: 0.3)
            stop.stop()
        }
        let start = Date()
        let report = try PacketCapture.run(handle, options: CaptureOptions(duration: 20, stopRequest: stop))
        #expect(Date().timeIntervalSince(start) < 3)
        #expect(report.complete)
        #expect(report.live != nil)
    }
}
