import Foundation
import ICTAuditTesting
import InventoryModel
import SSHScan
import Testing

/// Broken and hostile hosts scanned together with a sound one through libssh2: each ends as a
/// status with a clear message, within its own timeout, and the sound host's facts are kept.
@Suite(.enabled(if: Lab.unavailableReason == nil, "\(Lab.unavailableReason ?? "")"), .serialized)
struct HostileHostTests {
    @Test("flood, hang, mid-output disconnect and markup: each ends with its own status, the sound host is intact")
    func fleetWithBrokenHosts() async throws {
        let lab = try await Lab.shared()
        let hosts = ["debian-ok", "hostile-flood", "hostile-hang", "hostile-drop", "hostile"]
        let scanner = HostScanner(
            options: ScanOptions(
                hostTimeout: 6, concurrency: 5, maxOutputBytes: 8 * 1024 * 1024, knownHostsPath: lab.knownHostsPath))
        let results = await scanner.scan(try hosts.map { try LabScan.target(lab, $0) })
        // The hang host is cut by its own 6 s timeout while the flood runs beside it: its record ends within a
        // second timeout's worth. That bound covers the connection only; the other records' durations also hold
        // the local parsing of what arrived (up to 8 MiB from the flood host, ~20 s in a debug build on a loaded
        // 2-core machine), which is CPU, not a timeout, so they are not bounded here.
        let hang = results[2]
        #expect(hang.status == .timedOut && hang.durationSeconds < 12, "\(results.map { ($0.target.address, $0.target.port, $0.durationSeconds, $0.message ?? "") })")
        #expect(results.map(\.status) == [.scanned, .scanned, .timedOut, .error, .scanned])
        #expect(results.allSatisfy { $0.execCount == 1 })

        #expect(results[0].facts?.hostname == "srv-dvc-01")
        #expect(results[0].facts?.antivirus.first?.product == "ClamAV")

        // The 3 MiB binary os-release is cut at the section cap; the sections after it still arrive.
        let flood = results[1]
        let osRelease = try #require(flood.evidence.first { $0.name == "os-release" })
        #expect(osRelease.truncated)
        #expect(osRelease.content.count == 1 << 20)
        #expect(flood.facts?.hostname == "flood-01")
        #expect(flood.facts?.kernel == "5.10.0\u{0}\u{FFFD}\u{FFFD}-bin")
        #expect(flood.evidence.contains { $0.name == "boot-update" && !$0.truncated })

        #expect(results[2].message?.hasPrefix("the probe command did not finish in time") == true)
        #expect(results[3].message?.contains("the connection was closed") == true, "\(results[3].message ?? "")")
        #expect(results[4].facts?.hostname == "<script>alert('host')</script>")
        #expect(results[4].serverBanner?.contains("<script>alert('banner')</script>") == true)
    }

    @Test("a scan that gives up on a hung probe leaves nothing of it running on the host")
    func hungProbeIsStopped() async throws {
        let lab = try await Lab.shared()
        // Serialized suite: what the fleet test left on hostile-hang ends on its own first.
        try await waitUntilNothingRuns(on: "hostile-hang", lab, within: .seconds(20))
        #expect(try lab.processes(on: "hostile-hang") == [])

        let scanner = HostScanner(options: ScanOptions(hostTimeout: 3, knownHostsPath: lab.knownHostsPath))
        let result = try #require(await scanner.scan([try LabScan.target(lab, "hostile-hang")]).first)
        #expect(result.status == .timedOut)
        // The reader blocked on the FIFO outlives the connection; the batch's watchdog, set 3 s past
        // the scan's deadline and checking once a second, kills it.
        let blocked = try lab.processes(on: "hostile-hang")
        #expect(!blocked.isEmpty, "the hung probe should still be running right after the timeout")
        try await waitUntilNothingRuns(on: "hostile-hang", lab, within: .seconds(10))
        #expect(try lab.processes(on: "hostile-hang") == [])
    }

    private func waitUntilNothingRuns(on host: String, _ lab: Lab, within limit: Duration) async throws {
        let clock = ContinuousClock()
        let end = clock.now + limit
        while try !lab.processes(on: host).isEmpty, clock.now < end {
            try await Task.sleep(for: .milliseconds(200))
        }
    }

    @Test("output past the host's byte cap stops the command, keeps what arrived and says the facts are partial")
    func outputCap() async throws {
        let lab = try await Lab.shared()
        let scanner = HostScanner(
            options: ScanOptions(hostTimeout: 10, maxOutputBytes: 512 * 1024, knownHostsPath: lab.knownHostsPath))
        let result = try #require(await scanner.scan([try LabScan.target(lab, "hostile-flood")]).first)
        #expect(result.status == .scanned)
        #expect(result.message == "the probe output passed 524288 bytes and was cut; facts are partial")
        #expect(result.evidence.last?.truncated == true)
        #expect(result.facts?.hostname == "flood-01")
    }
}
