// Evaluates 200 rules over 10,000 synthetic hosts on one core and prints the time per evaluation.
//
//     swift run -c release policy-bench [HOSTS]
//
// A smaller host count (`policy-bench 300`) suits `valgrind --tool=callgrind`, whose instruction
// counts do not depend on what else the shared machine is running. For `perf record`:
// `POLICY_BENCH_MAIN_ONLY=1` stops after the main measurement, `POLICY_BENCH_SHAPE=K` runs only
// rule shape K (host by host).
import ArgumentParser
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine

#if canImport(Glibc)
    import Glibc
#endif

/// CPU time of this thread: the machine is shared, so wall-clock time includes other work.
func threadCPUSeconds() -> Double {
    var time = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &time)
    return Double(time.tv_sec) + Double(time.tv_nsec) / 1e9
}

/// Rules in the shapes real policies use: scalar comparisons, list macros, text functions,
/// arithmetic, versions and durations, each with a `when`.
let shapes: [(when: String?, check: String)] = [
    (#"host.os.family != "windows""#, #"host.sshd.permit_root_login == "no""#),
    (nil, "host.sshd.max_auth_tries <= 4"),
    (nil, #"!host.listening.exists(s, s.proto == "tcp" && s.port in [21, 23, 512, 513, 514])"#),
    (nil, #"host.antivirus.exists(a, a.installed && a.signature_age_days <= 7.0)"#),
    (nil, #"!host.sshd.ciphers.exists(c, c.endsWith("-cbc") || c.startsWith("arcfour"))"#),
    (nil, #"host.os.pretty_name.lower().contains("debian") || host.os.family == "rhel""#),
    (nil, #"host.kernel.matches("^[0-9]+\\.[0-9]+")"#),
    (nil, "host.memory.available_bytes * 10 >= host.memory.total_bytes"),
    (nil, #"host.antivirus.all(a, version(a.version) >= version("1.0.0"))"#),
    (nil, "host.hardware.bios_age_years < 10.0 && host.uptime_seconds < 90d / 1s"),
]

let ruleCount = 200
struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "policy-bench", abstract: "Evaluate 200 rules over synthetic hosts and print the time per evaluation.")

    @Argument(help: "How many synthetic hosts to judge.")
    var hosts = 10_000
}

let hostCount = Arguments.parseOrExit().hosts

/// A policy of `count` rules cycling through `shapes`.
func policyText(_ shapes: [(when: String?, check: String)], count: Int) -> String {
    PolicyText.rules(shapes, count: count, id: "bench", title: ("Đo hiệu năng", "Benchmark"), severity: "medium")
}
let loadStart = DispatchTime.now()
let policy = try Policy.parse(text: policyText(shapes, count: ruleCount), file: "bench.yaml")
let loadSeconds = Double(DispatchTime.now().uptimeNanoseconds - loadStart.uptimeNanoseconds) / 1e9

let scanTime = Date(timeIntervalSince1970: 1_750_000_000)
let hosts: [HostScan] = (0..<hostCount).map { i in
    let weak = i % 3 == 0
    let facts = HostFacts(
        hostname: "host-\(i)",
        os: OperatingSystem(id: i % 2 == 0 ? "debian" : "rocky", prettyName: "Debian GNU/Linux 12"),
        kernel: "6.1.0-\(i % 30)-amd64", uptimeSeconds: Double(i * 97 % 9_000_000),
        memory: Memory(totalBytes: 8 << 30, availableBytes: Int64(i % 8) << 30),
        hardware: Hardware(biosDate: scanTime.addingTimeInterval(-Double(i % 15) * 365 * 86_400)),
        listening: [
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22),
            ListeningSocket(proto: .tcp, address: "0.0.0.0", port: weak ? 23 : 443),
            ListeningSocket(proto: .udp, address: "0.0.0.0", port: 123),
        ],
        sshd: SSHDSettings(
            source: "sshd -T",
            settings: [
                "permitrootlogin": [weak ? "yes" : "no"], "maxauthtries": [weak ? "6" : "3"],
                "ciphers": [weak ? "aes128-cbc,aes256-ctr" : "aes256-gcm@openssh.com,aes256-ctr"],
            ]),
        antivirus: [
            Antivirus(
                product: "ClamAV", version: "1.0.\(i % 7)", installed: true, running: true,
                signatureDate: scanTime.addingTimeInterval(-Double(i % 12) * 86_400))
        ])
    return HostScan(
        target: SSHTarget(
            address: "10.\(i >> 16).\((i >> 8) & 255).\(i & 255)", user: "audit",
            unit: "u\(i % 40)", credential: .agent),
        status: .scanned, startedAt: scanTime, durationSeconds: 1, facts: facts)
}

let evaluator = PolicyEvaluator()

// `POLICY_BENCH_SHAPE=K` runs only shape K, host by host, for a profiler to look at.
if let only = ProcessInfo.processInfo.environment["POLICY_BENCH_SHAPE"].flatMap({ Int($0) }) {
    let single = try Policy.parse(text: policyText([shapes[only]], count: ruleCount), file: "shape.yaml")
    let onlyStart = threadCPUSeconds()
    var onlyFindings = 0
    let prepared = evaluator.prepare([single])
    for host in hosts { onlyFindings += evaluator.evaluate(host: host, prepared: prepared).count }
    let onlySeconds = threadCPUSeconds() - onlyStart
    print("shape #\(only): \(String(format: "%.0f", onlySeconds / Double(ruleCount * hosts.count) * 1e9)) ns per rule evaluation (\(onlyFindings) findings)")
    exit(0)
}
var counts = [Int](repeating: 0, count: Verdict.allCases.count)
let start = DispatchTime.now()
let cpuStart = threadCPUSeconds()
let snapshot = InventorySnapshot(
    inventoryName: "bench", startedAt: scanTime, finishedAt: scanTime, units: [], hosts: hosts)
let findings = evaluator.evaluate(snapshot: snapshot, policies: [policy])
let seconds = threadCPUSeconds() - cpuStart
if ProcessInfo.processInfo.environment["POLICY_BENCH_MAIN_ONLY"] != nil { print(seconds); exit(0) }
for finding in findings { counts[Verdict.allCases.firstIndex(of: finding.verdict)!] += 1 }

// The same work host by host, dropping each host's findings after counting them, as a scanner
// that stores findings per host would: no two-million-finding array to grow.
let streamStart = threadCPUSeconds()
var streamed = 0
let prepared = evaluator.prepare([policy])
for host in hosts { streamed += evaluator.evaluate(host: host, prepared: prepared).count }
let streamSeconds = threadCPUSeconds() - streamStart
let wall = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
let evaluations = ruleCount * hostCount
print("policy load (parse + check \(ruleCount) rules): \(String(format: "%.3f", loadSeconds)) s")
print(
    "\(evaluations) rule evaluations (\(ruleCount) rules × \(hostCount) hosts): \(String(format: "%.3f", seconds)) s CPU on one thread (\(String(format: "%.3f", wall)) s wall clock)"
)
print(
    "per host (all \(ruleCount) rules): \(String(format: "%.1f", seconds / Double(hostCount) * 1e6)) µs; per rule evaluation: \(String(format: "%.0f", seconds / Double(evaluations) * 1e9)) ns"
)
print(
    "verdicts: "
        + zip(Verdict.allCases, counts).filter { $0.1 > 0 }.map { "\($0.0.rawValue) \($0.1)" }
        .joined(separator: ", "))
print(
    "host by host (\(streamed) findings, none kept): \(String(format: "%.3f", streamSeconds)) s CPU, \(String(format: "%.0f", streamSeconds / Double(evaluations) * 1e9)) ns per rule evaluation"
)
// The whole tree of a host's facts, as policy tests give it; judging a scanned host builds only
// the top-level facts its rules read.
let treeStart = threadCPUSeconds()
var treeFields = 0
for host in hosts { if case .object(let fields) = host.factValue { treeFields += fields.count } }
let treeSeconds = threadCPUSeconds() - treeStart
print(
    "whole fact tree per host (\(treeFields / hostCount) top-level facts): \(String(format: "%.1f", treeSeconds / Double(hostCount) * 1e6)) µs"
)

// A server's facts include its package list (1,500 packages here), which no rule of this policy
// reads: judging builds the top-level facts rules read, never the whole tree.
let packaged: [HostScan] = hosts.prefix(1_000).map { scan in
    var scan = scan
    scan.facts?.packages = (0..<1_500).map {
        InstalledPackage(name: "package-\($0)", version: "1.\($0 % 40).\($0 % 7)-\($0 % 3)+deb12u1", architecture: "amd64")
    }
    return scan
}
let wholeStart = threadCPUSeconds()
var wholeFields = 0
for host in packaged { if case .object(let fields) = host.factValue { wholeFields += fields.count } }
let wholeSeconds = threadCPUSeconds() - wholeStart
let packagedStart = threadCPUSeconds()
var packagedFindings = 0
for host in packaged { packagedFindings += evaluator.evaluate(host: host, prepared: prepared).count }
let packagedSeconds = threadCPUSeconds() - packagedStart
print(
    "hosts with 1,500 packages: the whole fact tree takes \(String(format: "%.0f", wholeSeconds / Double(packaged.count) * 1e6)) µs per host "
        + "to build; judging all \(ruleCount) rules, which read no package, \(String(format: "%.0f", packagedSeconds / Double(packaged.count) * 1e6)) µs per host"
)

// Each shape alone (as many rules of it as the mix has), to show which kinds of rule cost most.
print("per rule evaluation by shape (\(ruleCount) rules of one shape × 2,000 hosts, host by host):")
for (index, shape) in shapes.enumerated() {
    let single = try Policy.parse(
        text: policyText([shape], count: ruleCount), file: "shape.yaml")
    let shapeStart = threadCPUSeconds()
    var shapeFindings = 0
    let preparedShape = evaluator.prepare([single])
    for host in hosts.prefix(2_000) {
        shapeFindings += evaluator.evaluate(host: host, prepared: preparedShape).count
    }
    let shapeSeconds = threadCPUSeconds() - shapeStart
    print(
        "  \(String(format: "%5.0f", shapeSeconds / Double(shapeFindings) * 1e9)) ns  #\(index) \(shape.check)"
    )
}
print(seconds < 1 ? "target met: under 1 s" : "target missed: over 1 s")
