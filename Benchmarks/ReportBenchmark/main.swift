// Renders every report format for a ministry-sized audit and prints time and peak memory per
// format:
//
//     swift run -c release report-bench [UNITS HOSTS FINDINGS] [--formats html,csv,…]
//     (default 200 50000 2000000, every format)
//
// Each format runs in a child process of its own (`report-bench --one FORMAT …`), so the peak
// resident memory printed is that format's alone (input included); the `input` row is the
// synthetic audit without any rendering. Renderers write into a sink that counts bytes and keeps
// nothing (as they would write into the report folder, chunk by chunk); nothing is written to
// disk, so the figures are the renderers', not the disk's.
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

/// CPU time of this process: the machine is shared, so wall-clock time includes other work.
func now() -> Double {
    Double(clock()) / Double(CLOCKS_PER_SEC)
}

var arguments = Array(CommandLine.arguments.dropFirst())
if arguments.first == "--one" {
    // Child: build the input, render one format, print "seconds bytes files peakMiB".
    let format = arguments[1]
    let numbers = arguments.dropFirst(2).compactMap { Int($0) }
    let buildStart = now()
    let input = makeInput(units: numbers[0], hosts: numbers[1], findings: numbers[2])
    let buildSeconds = now() - buildStart
    if format == "input" {
        print(String(format: "%.3f 0 0 %.1f", buildSeconds, peakResidentMiB()))
        exit(0)
    }
    let renderer = ReportRenderers.renderer(for: ReportFormat(rawValue: format)!)
    let start = now()
    let sink = ReportCountingSink()
    try renderer.write(input, to: sink)
    let seconds = now() - start
    let bytes = sink.sizes.reduce(0) { $0 + $1.bytes }
    let largest = sink.sizes.map(\.bytes).max() ?? 0
    print(String(format: "%.3f %ld %ld %.1f %ld", seconds, bytes, sink.sizes.count, peakResidentMiB(), largest))
    exit(0)
}

// `--formats html,csv` limits the run (JSON and OSCAL outputs of 2 million findings are several GB).
var chosen = ReportFormat.allCases.map(\.rawValue)
if let index = arguments.firstIndex(of: "--formats"), index + 1 < arguments.count {
    chosen = arguments[index + 1].split(separator: ",").map(String.init)
    arguments.removeSubrange(index...(index + 1))
}
let numbers = arguments.compactMap { Int($0) }
let units = numbers.count > 0 ? numbers[0] : 200
let hosts = numbers.count > 1 ? numbers[1] : 50_000
let findings = numbers.count > 2 ? numbers[2] : 2_000_000
print("report-bench: \(units) units, \(hosts) hosts, \(findings) findings (one child process per format)")
print("format  CPU seconds   peak RSS MiB   output MB   files   largest file MB")
var total = 0.0
for format in ["input"] + chosen {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: CommandLine.arguments[0]).standardizedFileURL
    process.arguments = ["--one", format, String(units), String(hosts), String(findings)]
    let pipe = Pipe()
    process.standardOutput = pipe
    try process.run()
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let fields = output.split(separator: " ").map { String($0).trimmingCharacters(in: .whitespacesAndNewlines) }
    guard process.terminationStatus == 0, fields.count >= 4 else {
        print("\(format): failed (exit \(process.terminationStatus)) \(output)")
        continue
    }
    let seconds = Double(fields[0]) ?? 0
    if format != "input" { total += seconds }
    let largest = fields.count > 4 ? (Double(fields[4]) ?? 0) / 1e6 : 0
    print(
        String(
            format: "%-10@ %8.2f %14.0f %11.1f %7@ %17.1f", format as NSString, seconds, Double(fields[3]) ?? 0,
            (Double(fields[1]) ?? 0) / 1e6, fields[2] as NSString, largest))
}
print(String(format: "all formats: %.2f CPU s of rendering (input build excluded)", total))
