import Audit
import Foundation
import ICTAuditTesting
import Inventory
import InventoryModel
import Logging
import PacketScan
import Testing

#if canImport(Glibc)
    import Glibc
#endif

@testable import AuditService

/// Every metric the service exposes, fed by the real parts that produce it: a scheduled audit of
/// the lab with a capture, a live capture's kernel counters, the scheduler on an injected clock.
struct MetricsTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The value of one sample line (`name{labels} value`) of the exposition, if it is there.
    static func sample(_ text: String, _ series: String) -> Double? {
        for line in text.split(separator: "\n") where line.hasPrefix(series + " ") {
            return Double(line.dropFirst(series.count + 1))
        }
        return nil
    }

    @Test("a scheduled audit of the lab feeds scan and host durations, hosts by status, findings by severity and verdict, and the capture's packets (counted by tshark)")
    func scheduledAuditFeedsMetrics() async throws {
        if let reason = Lab.unavailableReason {
            try Test.cancel(Comment(rawValue: reason))
        }
        let lab = try await Lab.shared()
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-metrics-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        // A small capture: 40 UDP datagrams between two addresses of the unit's subnet.
        var pcap = PcapFixtureWriter()
        for index in 0..<40 {
            let frame = Frames.ethernet(
                type: 0x0800, Frames.ipv4(src: "10.9.0.\(2 + index % 3)", dst: "10.9.0.1", proto: 17, Frames.udp(sport: 40_000 + index, dport: 53, [1, 2, 3])))
            pcap.add(frame, seconds: 1_796_000_000 + index)
        }
        try pcap.data.write(to: folder.appendingPathComponent("lan.pcap"))
        try lab.inventoryYAML(
            name: "Đo số liệu", units: "  - { id: don-vi, name: { vi: \"Đơn vị\", en: \"Unit\" }, staff: 3, subnets: [10.9.0.0/24] }",
            targets: [("debian-ok", "debian-ok", "don-vi"), ("hostile", "hostile", "don-vi")],
            extra: """
                  - { name: closed, address: 127.0.0.1, port: 1, unit: don-vi }
                captures:
                  - { unit: don-vi, file: lan.pcap }

                """
        ).write(to: folder.appendingPathComponent("lab.yaml"), atomically: true, encoding: .utf8)
        try """
            schedules:
              - name: do-lieu
                cron: "0 2 1 1 *"
                inventory: lab.yaml
                formats: [json]
                output: reports/%n
            """.write(to: folder.appendingPathComponent("schedules.yaml"), atomically: true, encoding: .utf8)
        let store = try AuditStore(path: folder.appendingPathComponent("store.sqlite").path)
        let metrics = ServiceMetrics()
        let audit = ScheduledAudit(
            workspace: AuditWorkspace(options: .init(dataDirectory: Self.root.path, store: store.path)), store: store,
            logger: Logger(label: "test"), metrics: metrics, knownHostsPath: lab.knownHostsPath)
        let schedule = try #require(try ScheduleFile.load(path: folder.appendingPathComponent("schedules.yaml").path).first)
        try await audit.run(schedule, fireTime: Date())

        let text = metrics.exposition()
        let scanID = try #require(try store.latestScanID())
        let snapshot = try #require(try store.snapshot(id: scanID))
        let findings = try #require(try store.latestEvaluation(scanID: scanID)).findings
        #expect(Self.sample(text, #"ictaudit_scans_total{trigger="schedule",result="completed"}"#) == 1)
        #expect(Self.sample(text, #"ictaudit_scan_duration_seconds_count{trigger="schedule"}"#) == 1)
        for status in HostStatus.allCases {
            let count = Double(snapshot.hosts.filter { $0.status == status }.count)
            #expect(Self.sample(text, #"ictaudit_hosts{status="\#(status.rawValue)"}"#) == count, "\(status)")
            if count > 0 {
                #expect(Self.sample(text, #"ictaudit_hosts_scanned_total{status="\#(status.rawValue)"}"#) == count)
                #expect(Self.sample(text, #"ictaudit_host_scan_duration_seconds_count{status="\#(status.rawValue)"}"#) == count)
            }
        }
        #expect(Self.sample(text, #"ictaudit_hosts{status="scanned"}"#) == 2 && Self.sample(text, #"ictaudit_hosts{status="unreachable"}"#) == 1)
        #expect(!findings.isEmpty)
        for severity in Severity.allCases {
            for verdict in Verdict.allCases {
                let count = Double(findings.filter { $0.severity == severity && $0.verdict == verdict }.count)
                #expect(Self.sample(text, #"ictaudit_findings{severity="\#(severity.rawValue)",verdict="\#(verdict.rawValue)"}"#) == count)
            }
        }
        // The capture's packets as tshark counts them; a file reports no drops.
        let capturePath = folder.appendingPathComponent("lan.pcap").path
        let packets = try #require(Self.sample(text, #"ictaudit_capture_packets_total{source="\#(capturePath)"}"#))
        #expect(packets == 40)
        if FileManager.default.isExecutableFile(atPath: "/usr/bin/tshark") {
            let tshark = try await CommandRunner.run("/usr/bin/tshark", ["-r", capturePath, "-T", "fields", "-e", "frame.number"], timeout: .seconds(60))
            #expect(Double(tshark.standardOutputText.split(separator: "\n").count) == packets)
        }
        #expect(!text.contains(#"ictaudit_capture_dropped_packets_total{source="\#(capturePath)""#))
    }

    @Test("a live capture's kernel and interface drop counts (libpcap's pcap_stats) are stored with the capture and counted in /metrics")
    func liveCaptureDrops() async throws {
        guard getuid() == 0 else {
            try Test.cancel("a live capture needs root")
        }
        // UDP datagrams on loopback from a thread of their own for as long as the capture runs,
        // so the kernel has packets to count whatever the load on the machine.
        let sending = Sending()
        let sender = Thread {
            let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
            defer { close(fd) }
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = in_port_t(9).bigEndian
            address.sin_addr.s_addr = inet_addr("127.0.0.1")
            let payload: [UInt8] = Array("ictaudit".utf8)
            while sending.on {
                _ = withUnsafePointer(to: &address) {
                    $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                        sendto(fd, payload, payload.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
                    }
                }
                usleep(10_000)
            }
        }
        sender.start()
        let report = try PacketCapture.capture(
            interface: "lo", units: [], catalogues: CaptureCatalogues(), options: CaptureOptions(duration: 2, intervalSeconds: 1))
        sending.stop()
        let live = try #require(report.live, "a live capture reports the kernel's counters")
        let wire = report.wireCapture(unit: "lab")
        #expect(wire.drops == CaptureDrops(kernel: live.droppedByKernel, interface: live.droppedByInterface))
        #expect(live.received >= report.packets && report.packets > 0)

        let metrics = ServiceMetrics()
        metrics.captured(wire)
        metrics.captured(wire)
        let text = metrics.exposition()
        #expect(Self.sample(text, #"ictaudit_capture_dropped_packets_total{source="lo",where="kernel"}"#) == Double(2 * live.droppedByKernel))
        #expect(Self.sample(text, #"ictaudit_capture_dropped_packets_total{source="lo",where="interface"}"#) == Double(2 * live.droppedByInterface))
        #expect(Self.sample(text, #"ictaudit_capture_packets_total{source="lo"}"#) == Double(2 * report.packets))
        // Kept in the stored scan, so a report read later still says what the capture lost.
        let decoded = try JSONDecoder().decode(WireCapture.self, from: try JSONEncoder().encode(wire))
        #expect(decoded.drops == wire.drops)
    }

    @Test("the scheduler's lag (how late a run started after its fire time) and dropped fire times reach /metrics")
    func schedulerLag() async throws {
        let metrics = ServiceMetrics()
        let clock = ManualClock(ScheduleTests.date("2026-12-05T00:00:00Z"))
        let runner = HeldRunner()
        let scheduler = Scheduler(
            schedules: [try ScheduleTests.schedule("q", "*/15 * * * *")], clock: clock, runner: runner, stateFile: nil,
            logger: Logger(label: "test"), onEvent: { metrics.scheduler($0) })
        let loop = Task { await scheduler.run() }
        defer { loop.cancel() }
        // The clock wakes the scheduler 42 s after the 00:15 fire time.
        await clock.advance(to: ScheduleTests.date("2026-12-05T00:15:42Z"))
        try await runner.waitForStarts(1)
        // Still running at 00:30: that fire time is dropped.
        await clock.advance(to: ScheduleTests.date("2026-12-05T00:30:00Z"))
        for _ in 0..<100_000 where !metrics.exposition().contains("ictaudit_scheduler_dropped_total") { await Task.yield() }
        runner.release()
        await scheduler.waitForRuns()
        loop.cancel()
        _ = await loop.value
        let text = metrics.exposition()
        #expect(Self.sample(text, #"ictaudit_scheduler_lag_seconds_count{schedule="q"}"#) == 1)
        #expect(Self.sample(text, #"ictaudit_scheduler_lag_seconds_sum{schedule="q"}"#) == 42)
        #expect(Self.sample(text, #"ictaudit_scheduler_dropped_total{schedule="q",reason="stillRunning"}"#) == 1)
    }
}

/// A flag the sending thread reads.
final class Sending: @unchecked Sendable {
    private let lock = NSLock()
    private var running = true
    var on: Bool { lock.withLock { running } }
    func stop() { lock.withLock { running = false } }
}
