// Renders every report format for a ministry-sized audit and prints time and peak memory per
// format:
//
//     swift run -c release report-bench [UNITS HOSTS FINDINGS] [--formats html,csv,…]
//     (default 200 50000 2000000, every format)
//
//     swift run -c release report-bench … --out DIR   (write the files, so the disk's cost counts)
//
// Each format runs in a child process of its own (`report-bench --one FORMAT …`), so the peak
// resident memory printed is that format's alone (input included); the `input` row is the
// synthetic audit without any rendering; the `together` row renders every chosen format side by
// side in one process (`ReportRenderers.write`), as `ictaudit report` does. Wall and CPU (user +
// system, all threads) seconds are printed with the load average, since the machine is shared.
// Without `--out`, renderers write into a sink that counts bytes and keeps nothing.
import ArgumentParser
import Dispatch
import Foundation
import InventoryModel
import Ranking
import Reports

#if canImport(Glibc)
    import Glibc
#endif

/// A synthetic audit: units with hosts, each host judged on the same rules, a third of them failing,
/// evidence on every finding, some hosts unreachable, some text Vietnamese.
func makeInput(units unitCount: Int, hosts hostCount: Int, findings findingCount: Int) -> ReportInput {
    let start = Date(timeIntervalSince1970: 1_765_000_000)
    let units = (0..<unitCount).map { i in
        Unit(
            id: "u\(i)", name: LocalizedText(vi: "Đơn vị số \(i) — Sở Thông tin", en: "Unit \(i)"), staff: 40 + i % 60,
            declared: ["internet_bandwidth_mbps": Double(100 + i % 5 * 100)])
    }
    let rulesPerHost = max(1, findingCount / max(1, hostCount))
    let rules = (0..<rulesPerHost).map { r in
        Finding.Rule(
            policyID: r % 2 == 0 ? "baseline-linux" : "ssh-hardening", ruleID: "rule.\(r)",
            title: LocalizedText(vi: "Quy tắc kiểm tra số \(r)", en: "Check number \(r)"),
            severity: Severity.allCases[r % Severity.allCases.count])
    }
    var hosts: [HostScan] = []
    hosts.reserveCapacity(hostCount)
    var findings: [Finding] = []
    findings.reserveCapacity(rulesPerHost * hostCount)
    for h in 0..<hostCount {
        let unit = "u\(h % unitCount)"
        let address = "10.\(h / 65_536 % 256).\(h / 256 % 256).\(h % 256)"
        let reachable = h % 50 != 0
        hosts.append(
            HostScan(
                target: SSHTarget(address: address, user: "audit", unit: unit, name: "may-\(h)", credential: .agent),
                status: reachable ? .scanned : .unreachable, message: reachable ? nil : "connect: no route to host",
                startedAt: start, durationSeconds: 1.5, serverBanner: "SSH-2.0-OpenSSH_9.2p1 Debian-2+deb12u3",
                facts: reachable
                    ? HostFacts(
                        hostname: "may-\(h).so.gov.vn", os: OperatingSystem(id: "debian", prettyName: "Debian GNU/Linux 12 (bookworm)", versionID: "12"),
                        kernel: "6.1.0-28-amd64", hardware: Hardware(biosDate: start.addingTimeInterval(-Double(h % 9) * 365 * 86_400)),
                        antivirus: h % 3 == 0 ? [] : [Antivirus(product: "ClamAV", version: "1.0.7", installed: true, signatureDate: start.addingTimeInterval(-Double(h % 12) * 86_400))])
                    : nil))
        guard reachable else { continue }
        let items = [
            EvidenceItem(path: "sshd.permit_root_login", value: h % 3 == 0 ? "yes" : "no"),
            EvidenceItem(path: "host.antivirus", value: h % 3 == 0 ? "[]" : "[ClamAV 1.0.7]"),
        ]
        let subject = Finding.Subject(host: "\(address):22", unit: unit, items: items, citations: [0, 1])
        for (r, rule) in rules.enumerated() {
            let verdict: Verdict = (h + r) % 3 == 0 ? .fail : (h + r) % 17 == 0 ? .error : .pass
            findings.append(
                Finding(rule: rule, subject: subject, verdict: verdict, evidence: (r % 2)..<(r % 2 + 1),
                        message: verdict == .error ? "Cannot judge: fact missing" : nil))
        }
    }
    let snapshot = InventorySnapshot(
        scanID: 7, inventoryName: "Bộ mẫu — \(unitCount) đơn vị", startedAt: start, finishedAt: start.addingTimeInterval(3_600),
        units: units, hosts: hosts)
    let ranking = RankingMethod.basic().score(snapshot, findings: findings)
    var input = ReportInput(
        snapshot: snapshot, findings: findings, ranking: ranking, generatedAt: start.addingTimeInterval(4_000), language: .vi,
        policies: [
            PolicyName(id: "baseline-linux", title: LocalizedText(vi: "Cơ bản Linux", en: "Linux baseline")),
            PolicyName(id: "ssh-hardening", title: LocalizedText(vi: "Tăng cường SSH", en: "SSH hardening")),
        ], toolVersion: "bench")
    input.unitInventories = UnitInventory.build(snapshot)
    return input
}

func peakResidentMiB() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    return Double(usage.ru_maxrss) / 1_024
}

/// CPU time of this process, user + system, all threads: the machine is shared, so wall-clock
/// time includes other work.
func cpuSeconds() -> Double {
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

func wallSeconds() -> Double {
    Double(DispatchTime.now().uptimeNanoseconds) / 1e9
}

func loadAverage() -> String {
    (try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8))?.split(separator: " ").prefix(3).joined(separator: " ") ?? "?"
}

/// Writes each file into a folder (`--out DIR`) with write(2) in the writer's 64 KB chunks, as
/// the command's `ReportFolder` does, so the figures include the kernel's cost of the bytes;
/// without it, bytes are only counted.
final class FolderSink: ReportSink {
    let folder: URL
    private(set) var sizes: [(name: String, bytes: Int)] = []
    private var fd: Int32 = -1

    init(_ folder: URL) { self.folder = folder }

    func begin(_ name: String) throws {
        let file = folder.appendingPathComponent(name)
        try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
        fd = open(file.path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
        sizes.append((name, 0))
    }

    func write(_ bytes: UnsafeRawBufferPointer) throws {
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(fd, bytes.baseAddress! + offset, bytes.count - offset)
            guard n >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
            offset += n
        }
        sizes[sizes.count - 1].bytes += bytes.count
    }

    func finish() throws {
        close(fd)
        fd = -1
    }
}

func sizes(_ sink: any ReportSink) -> [(name: String, bytes: Int)] {
    let sink = (sink as? TimedSink)?.inner ?? sink
    return (sink as? ReportCountingSink)?.sizes ?? (sink as? FolderSink)?.sizes ?? []
}

/// A sink that notes when its format started (the sink is made as the format begins) and when
/// the format's last file finished, for the side-by-side run's timeline: it shows whether both
/// cores stay busy to the end or one format runs alone at the end.
final class TimedSink: ReportSink, @unchecked Sendable {
    let inner: any ReportSink
    let format: String
    let started: Double
    private(set) var finished: Double

    init(_ inner: any ReportSink, format: String, since start: Double) {
        self.inner = inner
        self.format = format
        started = wallSeconds() - start
        finished = started
        self.start = start
    }

    private let start: Double

    func begin(_ name: String) throws { try inner.begin(name) }
    func write(_ bytes: UnsafeRawBufferPointer) throws { try inner.write(bytes) }
    func finish() throws {
        try inner.finish()
        finished = wallSeconds() - start
    }
}

struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report-bench",
        abstract: "Every report format for a ministry-sized audit: wall, CPU and peak memory per format.",
        discussion: "Each format runs in a child process of its own; `together` renders them side by side in one process, as `ictaudit report` does.")

    @Argument(help: "Units in the synthetic audit.")
    var units = 200
    @Argument(help: "Hosts in the synthetic audit.")
    var hosts = 50_000
    @Argument(help: "Findings in the synthetic audit.")
    var findings = 2_000_000
    @Option(help: ArgumentHelp("Formats to run, comma-separated (default: all; JSON and OSCAL of 2 M findings are several GB).", valueName: "list"))
    var formats: String?
    @Option(help: ArgumentHelp("Write the files into this folder (removed after each run), so the disk's cost counts.", valueName: "dir"))
    var out: String?
    /// Child mode: build the input, render these formats (side by side when several), print one line of figures.
    @Option(help: .hidden)
    var one: String?

    var chosen: [String] { formats.map { $0.split(separator: ",").map(String.init) } ?? ReportFormat.allCases.map(\.rawValue) }

    func validate() throws {
        let known = Set(ReportFormat.allCases.map(\.rawValue))
        for name in chosen + (one?.split(separator: ",").map(String.init) ?? []) where name != "input" && !known.contains(name) {
            throw ValidationError("unknown format \(name); formats: \(ReportFormat.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        guard units > 0, hosts >= units, findings >= 0 else { throw ValidationError("need units > 0, hosts >= units, findings >= 0") }
    }
}

let arguments = Arguments.parseOrExit()
let outFolder = arguments.out.map { URL(fileURLWithPath: $0) }
let (units, hosts, findings) = (arguments.units, arguments.hosts, arguments.findings)

if let one = arguments.one {
    // Child: build the input, render one format (or several side by side, as `ictaudit report`
    // does: `--one html,md,…`), print "wall cpu bytes files peakMiB largest".
    let formats = one.split(separator: ",").map(String.init)
    let buildWall = wallSeconds()
    let buildCPU = cpuSeconds()
    let input = makeInput(units: units, hosts: hosts, findings: findings)
    if formats == ["input"] {
        print(String(format: "%.3f %.3f 0 0 %.1f 0", wallSeconds() - buildWall, cpuSeconds() - buildCPU, peakResidentMiB()))
        exit(0)
    }
    let wall = wallSeconds()
    let cpu = cpuSeconds()
    let chosen = formats.map { ReportFormat(rawValue: $0)! }
    let folder = outFolder
    let sinks = try ReportRenderers.write(input, formats: chosen) { format in
        let sink: any ReportSink = folder.map { FolderSink($0.appendingPathComponent(format.rawValue)) } ?? ReportCountingSink()
        return TimedSink(sink, format: format.rawValue, since: wall)
    }
    let seconds = (wall: wallSeconds() - wall, cpu: cpuSeconds() - cpu)
    let files = sinks.flatMap(sizes)
    let bytes = files.reduce(0) { $0 + $1.bytes }
    let largest = files.map(\.bytes).max() ?? 0
    // Then each format's start and finish (s since the run began): `html:0.00-1.02`.
    let timeline = sinks.compactMap { $0 as? TimedSink }.map { String(format: " %@:%.2f-%.2f", $0.format, $0.started, $0.finished) }
    print(String(format: "%.3f %.3f %ld %ld %.1f %ld", seconds.wall, seconds.cpu, bytes, files.count, peakResidentMiB(), largest) + timeline.joined())
    exit(0)
}

/// The side-by-side run's formats by start, and how long before the end the run had fewer
/// formats going than the machine has cores (with one format left, one core idles unless that
/// format uses threads of its own).
func printTimeline(_ fields: ArraySlice<String>, wall: Double) {
    let spans = fields.compactMap { field -> (name: String, start: Double, end: Double)? in
        let parts = field.split(separator: ":")
        guard parts.count == 2 else { return nil }
        let times = parts[1].split(separator: "-").compactMap { Double($0) }
        return times.count == 2 ? (String(parts[0]), times[0], times[1]) : nil
    }.sorted { ($0.start, $0.end) < ($1.start, $1.end) }
    guard !spans.isEmpty else { return }
    print("  timeline (s): " + spans.map { String(format: "%@ %.2f-%.2f", $0.name, $0.start, $0.end) }.joined(separator: ", "))
    let cores = ProcessInfo.processInfo.activeProcessorCount
    let ends = spans.map(\.end).sorted()
    // The moment the (cores)-th last format finished: from then on fewer formats than cores ran.
    let fewer = ends.count >= cores ? ends[ends.count - cores] : 0
    print(String(format: "  fewer formats than the %ld cores for the last %.2f s of %.2f s", cores, (ends.last ?? 0) - fewer, wall))
}

let chosen = arguments.chosen
print("report-bench: \(units) units, \(hosts) hosts, \(findings) findings; \(outFolder.map { "files written under \($0.path)" } ?? "bytes counted, not written")")
print("load average at start: \(loadAverage())")
print("format      wall s    CPU s   peak RSS MiB   output MB   files   largest file MB")
var total = (wall: 0.0, cpu: 0.0)
// One child process per format, so each peak RSS is that format's alone (input included); then
// every format side by side in one process, as `ictaudit report --format all` runs them.
for run in ["input"] + chosen + (chosen.count > 1 ? [chosen.joined(separator: ",")] : []) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = [String(units), String(hosts), String(findings), "--one", run] + (outFolder.map { ["--out", $0.path] } ?? [])
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    let name = run.contains(",") ? "together" : run
    guard process.terminationStatus == 0, fields.count >= 6 else {
        print("\(name): failed (exit \(process.terminationStatus)) \(output)")
        continue
    }
    let wall = Double(fields[0]) ?? 0
    let cpu = Double(fields[1]) ?? 0
    if run != "input" && !run.contains(",") { total = (total.wall + wall, total.cpu + cpu) }
    if run.contains(",") {
        print("one by one".padding(toLength: 10, withPad: " ", startingAt: 0) + String(format: "%8.2f %8.2f", total.wall, total.cpu))
    }
    print(
        name.padding(toLength: 10, withPad: " ", startingAt: 0)
            + String(
            format: "%8.2f %8.2f %14.0f %11.1f %7ld %17.1f", wall, cpu, Double(fields[4]) ?? 0,
            (Double(fields[2]) ?? 0) / 1e6, Int(fields[3]) ?? 0, (Double(fields[5]) ?? 0) / 1e6))
    if run.contains(",") { printTimeline(fields.dropFirst(6), wall: wall) }
    if let outFolder { try? FileManager.default.removeItem(at: outFolder) }
}
print("load average at end: \(loadAverage())")
print("(rendering only: the input build is the `input` row; `together` renders every format side by side in one process)")
