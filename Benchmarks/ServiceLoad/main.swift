// service-load: the API under load, and the service's memory over a time-compressed month.
//
//   swift run -c release service-load [--hosts 5000] [--scans 30] [--units 50] [--readers 50] [--seconds 20] [--days 30]
//
// Builds a store of HOSTS × SCANS synthetic hosts, serves it on 127.0.0.1, and runs READERS
// concurrent clients (one keep-alive connection each) against the ranking, unit and findings
// endpoints for SECONDS while another scan is being stored; prints p50/p90/p99/max per endpoint.
// `findings` is one unit's failures (the dashboard's question, answered from the cache after the
// first time); `findings-page` walks all findings by cursor at positions that change on every
// request, so nearly every answer is computed and encoded afresh.
// Then stores one scan per "day" for DAYS days, as the service does at the end of a run (scan,
// findings, ranking summary), reading the API after each, and prints the resident memory per day.
import ArgumentParser
import AuditService
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import ICTAuditTesting
import Inventory
import InventoryModel
import Ranking
import Logging
import NIOCore
import ServiceLifecycle

/// The benchmark's flags, parsed like the tool's (so `--help` prints them instead of running the benchmark).
struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "service-load", abstract: "The API under load, and the service's memory over a time-compressed month.")
    @Option(help: "Hosts in the fleet.") var hosts = 5000
    @Option(help: "Stored scans before the load.") var scans = 30
    @Option(help: "Units the hosts belong to.") var units = 50
    @Option(help: "Concurrent readers (one keep-alive connection each).") var readers = 50
    @Option(help: "Seconds of load.") var seconds = 20
    @Option(help: "Days of the time-compressed month.") var days = 30
}

let arguments = Arguments.parseOrExit()
let hosts = arguments.hosts
let scans = arguments.scans
let units = arguments.units
let readers = arguments.readers
let seconds = arguments.seconds
let days = arguments.days

func residentMegabytes() -> Double {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") })
    else { return 0 }
    return Double(line.split(separator: " ").dropFirst().first.flatMap { Double($0) } ?? 0) / 1024
}

/// User + system CPU seconds of this process, every thread.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// The machine's 1-minute load average, so a reader knows what else was running.
func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").first.map(String.init) ?? "?"
}

func percentile(_ sorted: [Double], _ p: Double) -> Double {
    sorted.isEmpty ? 0 : sorted[min(sorted.count - 1, Int((Double(sorted.count) * p).rounded(.up)) - 1)]
}

func ms(_ value: Double) -> String { String(format: "%.2f", value * 1000) }

let folder = FileManager.default.temporaryDirectory.appendingPathComponent("service-load-\(getpid())")
try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: folder) }
let store = try AuditStore(path: folder.appendingPathComponent("store.sqlite").path)
let fleet = SyntheticFleet(units: units, hosts: hosts)
let day0 = Date(timeIntervalSince1970: 1_796_000_000)

let catalog = ScanCatalog(store: store, method: .basic(), logger: Logger(label: "service-load"))

/// One scan as a run of the service ends it: stored, judged, its ranking summary kept.
func storeScan(_ index: Int) async throws -> Double {
    let started = Date()
    var (snapshot, findings) = fleet.snapshot(scan: index, start: day0.addingTimeInterval(Double(index) * 86_400))
    snapshot.scanID = try store.save(snapshot)
    try store.saveEvaluation(scanID: snapshot.scanID!, policies: ["ssh-hardening", "antivirus-coverage", "baseline-linux"], findings: findings, at: Date())
    try await catalog.summarise(snapshot, findings: findings)
    return Date().timeIntervalSince(started)
}

print("service-load: \(hosts) hosts × \(scans) scans, \(units) units, \(readers) readers for \(seconds) s; load average \(loadAverage())")
var storeSeconds: [Double] = []
for index in 0..<scans { storeSeconds.append(try await storeScan(index)) }
let bytes = (try? FileManager.default.attributesOfItem(atPath: store.path)[.size] as? Int) ?? 0
print("store: \(scans) scans written, median \(String(format: "%.2f", storeSeconds.sorted()[scans / 2])) s per scan, \(bytes / 1_048_576) MiB")

let tokens = try TokenStore(path: folder.appendingPathComponent("tokens.json").path)
let token = try tokens.issue(name: "load", role: .viewer)
var logger = Logger(label: "service-load")
logger.logLevel = .warning
let server = try await AuditServer(
    catalog: catalog, tokens: tokens, scheduler: nil, runs: RunLog(), metrics: ServiceMetrics(),
    logger: logger)

final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Int?
    func set(_ port: Int) { lock.withLock { value = port } }
    var port: Int? { lock.withLock { value } }
}
let box = PortBox()
let app = server.application(host: "127.0.0.1", port: 0) { box.set($0) }
let serving = Task { try await app.runService() }
while box.port == nil { try await Task.sleep(for: .milliseconds(20)) }
let port = box.port!

let headers: HTTPFields = [.authorization: "Bearer \(token)"]
func get(_ client: TestClient, _ uri: String) async throws -> (Double, Int) {
    let start = ContinuousClock.now
    let response = try await client.execute(.init(uri, method: .get, headers: headers))
    let elapsed = ContinuousClock.now - start
    return (Double(elapsed.components.attoseconds) / 1e18 + Double(elapsed.components.seconds), Int(response.status.code))
}

let warm = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(600)))
warm.connect()
let (cold, _) = try await get(warm, "/api/v1/units")
print("first ranking request (builds the newest scan's view and \(scans) rankings): \(ms(cold)) ms")
let (unitCold, _) = try await get(warm, "/api/v1/units/unit-1")
print("first unit request: \(ms(unitCold)) ms")

let endpoints = [
    "ranking": "/api/v1/units", "unit": "/api/v1/units/unit-%d", "findings": "/api/v1/findings?unit=unit-%d&verdict=fail&limit=100",
    "findings-page": "/api/v1/findings?verdict=fail&limit=50&cursor=%d",
]
let findingsPerScan = hosts * 6

/// `readers` clients for `duration`, each on its own connection; latencies per endpoint.
func load(duration: Int) async throws -> [String: [Double]] {
    try await withThrowingTaskGroup(of: [String: [Double]].self) { group in
        for reader in 0..<readers {
            group.addTask {
                let client = TestClient(host: "127.0.0.1", port: port, configuration: .init(timeout: .seconds(600)))
                client.connect()
                defer { Task { try? await client.shutdown() } }
                var timings: [String: [Double]] = [:]
                let end = ContinuousClock.now + .seconds(duration)
                var turn = reader
                while ContinuousClock.now < end {
                    for (name, pattern) in endpoints.sorted(by: { $0.key < $1.key }) {
                        let value = name == "findings-page" ? (turn &* 7919 + reader &* 104_729) % findingsPerScan : turn % units
                        let uri = pattern.replacingOccurrences(of: "%d", with: String(value))
                        let (time, status) = try await get(client, uri)
                        precondition(status == 200, "\(uri): \(status)")
                        timings[name, default: []].append(time)
                    }
                    turn += 1
                }
                return timings
            }
        }
        var all: [String: [Double]] = [:]
        for try await timings in group { all.merge(timings) { $0 + $1 } }
        return all
    }
}

// A scan is stored while the readers read: the newest view is rebuilt under load.
let writer = Task.detached { try await storeScan(scans) }
let started = Date()
let cpuBefore = cpuSeconds()
let timings = try await load(duration: seconds)
let wall = Date().timeIntervalSince(started)
let cpuDuring = cpuSeconds() - cpuBefore
let writeSeconds = try await writer.value
print("a \(hosts)-host scan stored during the load in \(String(format: "%.2f", writeSeconds)) s")
print("endpoint   requests   p50 ms   p90 ms   p99 ms   max ms")
var total = 0
for name in timings.keys.sorted() {
    let sorted = timings[name]!.sorted()
    total += sorted.count
    print(
        name.padding(toLength: 10, withPad: " ", startingAt: 0), String(sorted.count).padding(toLength: 10, withPad: " ", startingAt: 0),
        ms(percentile(sorted, 0.5)), "  ", ms(percentile(sorted, 0.9)), "  ", ms(percentile(sorted, 0.99)), "  ", ms(sorted.last ?? 0))
}
print("throughput: \(Int(Double(total) / wall)) requests/s over \(readers) connections")
// Latency in a closed loop is readers / throughput: on a machine shared with other work it measures
// the CPU this process was given as much as the server. CPU per request does not depend on that.
print(
    "process CPU during the load: \(String(format: "%.1f", cpuDuring)) s in \(String(format: "%.1f", wall)) s wall "
        + "(\(String(format: "%.2f", cpuDuring / wall)) cores; client, server and the scan being stored), "
        + "\(String(format: "%.2f", cpuDuring * 1000 / Double(max(total, 1)))) ms per request; load average \(loadAverage())")

// A month, compressed: one scan a day, the API read after each; resident memory per day.
var memory: [Double] = [residentMegabytes()]
print("resident memory per compressed day (MiB): day 0 \(String(format: "%.0f", memory[0]))")
for day in 1...days {
    _ = try await storeScan(scans + day)
    // Let the service notice the new scan and build its view, as it would between two days.
    for _ in 0..<600 {
        _ = try await get(warm, "/api/v1/units")
        if try await catalog.current()?.scanID == Int64(scans + day + 1) { break }
        try await Task.sleep(for: .milliseconds(100))
    }
    _ = try await get(warm, "/api/v1/units/unit-\(day % units)")
    _ = try await get(warm, "/api/v1/findings?verdict=fail&limit=100")
    memory.append(residentMegabytes())
    print("day \(day): \(String(format: "%.0f", memory[day])) MiB (scan \(scans + day + 1) served)")
}
print("resident memory over \(days) compressed days: day 1 \(String(format: "%.0f", memory[1])), day \(days) \(String(format: "%.0f", memory[days])), max \(String(format: "%.0f", memory.max()!)) MiB")
try await warm.shutdown()
serving.cancel()
