// scan-bench N [--runs R] [--concurrency C] [--no-ansible] [--full-runs F] [--ansible-runs A]
//
// Starts N real sshd hosts with the peers' script (../shared/peers/sshd-lab.sh: real Debian
// userland, so the whole Linux batch runs for real, apt-get -s included), scans them with
// HostScanner over libssh2, and prints hosts/s and exec round trips per host, for the batch without
// the pending-updates section (R runs; comparable work to `setup`) and for the full batch (F runs,
// default 1, 0 to skip: `apt-get -s upgrade` alone costs each host ~2.5 s of CPU, and here all N "hosts"
// share this machine's cores, which a real fleet does not). In the same run it
// times `ansible all -m setup` on the same hosts through ../shared/peers/ansible-facts.sh (which
// installs ansible-core from PyPI into /tmp/ansible-venv) and prints the ratio.
import Foundation
import InventoryModel
import SSHScan

struct Arguments {
    var hosts = 10
    var runs = 3
    var concurrency = 50
    var ansible = true
    var fullRuns = 1
    var ansibleRuns: Int?

    init(_ arguments: [String]) {
        var rest = arguments.dropFirst()
        while let argument = rest.popFirst() {
            switch argument {
            case "--runs": runs = rest.popFirst().flatMap(Int.init) ?? runs
            case "--concurrency": concurrency = rest.popFirst().flatMap(Int.init) ?? concurrency
            case "--no-ansible": ansible = false
            case "--full-runs": fullRuns = rest.popFirst().flatMap(Int.init) ?? fullRuns
            case "--ansible-runs": ansibleRuns = rest.popFirst().flatMap(Int.init) ?? ansibleRuns
            default: hosts = Int(argument) ?? hosts
            }
        }
    }
}

/// Runs a program, returning its exit status and combined output.
func run(_ path: String, _ arguments: [String], environment: [String: String] = [:]) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let arguments = Arguments(CommandLine.arguments)
let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()
let peers = ProcessInfo.processInfo.environment["ICTAUDIT_PEERS"]
    ?? repository.deletingLastPathComponent().appendingPathComponent("shared/peers").path

print("starting \(arguments.hosts) sshd hosts with \(peers)/sshd-lab.sh …")
let (status, output) = try run(peers + "/sshd-lab.sh", ["start", String(arguments.hosts)])
guard status == 0 else {
    print(output)
    exit(1)
}
let key = try String(contentsOfFile: "/tmp/sshlab/KEY_PATH", encoding: .utf8).trimmingCharacters(in: .whitespacesAndNewlines)
let targets = (1...arguments.hosts).map { i in
    SSHTarget(
        address: "127.0.0.1", port: 22200 + i, user: "root", unit: "bench", name: "lab\(i)",
        credential: .keyFile(path: key, passphraseEnvironment: nil))
}

/// Scans every target `runs` times; returns the median seconds.
func measure(_ label: String, runs: Int, pendingUpdates: Bool) async -> Double {
    var times: [Double] = []
    var roundTrips = 0
    for runIndex in 1...max(1, runs) {
        // A fresh known_hosts per run: every run pays for the full handshake and key check.
        let knownHosts = NSTemporaryDirectory() + "scan-bench-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: knownHosts) }
        var options = ScanOptions(
            hostTimeout: 300, concurrency: arguments.concurrency, knownHostsPath: knownHosts, acceptNewHostKeys: true)
        options.pendingUpdates = pendingUpdates
        let start = DispatchTime.now()
        let results = await HostScanner(options: options).scan(targets)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        times.append(seconds)
        let scanned = results.filter { $0.status == .scanned }.count
        roundTrips = results.compactMap(\.execCount).reduce(0, +)
        print(
            String(
                format: "%@ run %d: %d/%d scanned in %.2f s (%.1f hosts/s), %d sections/host", label, runIndex, scanned,
                targets.count, seconds, Double(targets.count) / seconds, results.first?.evidence.count ?? 0))
        for failure in results.filter({ $0.status != .scanned }).prefix(3) {
            print("  \(failure.target.endpoint): \(failure.status.rawValue) \(failure.message ?? "")")
        }
    }
    let median = median(times)
    print(
        String(
            format: "%@ N=%d concurrency=%d median=%.2f s hosts/s=%.1f exec round trips/host=%.2f", label,
            arguments.hosts, arguments.concurrency, median, Double(arguments.hosts) / median,
            Double(roundTrips) / Double(max(1, targets.count))))
    return median
}

/// Processes one host spends on a batch: its command run here under `strace -f -c`, as the
/// account's shell would run it after sshd. Returns (successful execs, forks) or nil without strace.
///
/// The host side is what limits this benchmark (all N "hosts" share the scanner's cores), and its
/// cost is mostly spawns, so they are counted rather than guessed.
func spawns(pendingUpdates: Bool) throws -> (execs: Int, forks: Int)? {
    let strace = "/usr/bin/strace"
    guard FileManager.default.isExecutableFile(atPath: strace) else { return nil }
    let summary = NSTemporaryDirectory() + "scan-bench-strace-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: summary) }
    let command = ProbeBatch.linux(pendingUpdates: pendingUpdates).command
    _ = try run(strace, ["-f", "-c", "-o", summary, "-e", "trace=execve,fork,vfork,clone,clone3", "/bin/sh", "-c", command])
    var execs = 0
    var forks = 0
    // `-c` rows: % time, seconds, usecs/call, calls, [errors], syscall.
    for line in try String(contentsOfFile: summary, encoding: .utf8).split(separator: "\n") {
        let fields = line.split(separator: " ")
        guard fields.count >= 5, let calls = Int(fields[3]), let name = fields.last else { continue }
        let errors = fields.count == 6 ? Int(fields[4]) ?? 0 : 0
        switch name {
        case "execve": execs += calls - errors
        case "fork", "vfork", "clone", "clone3": forks += calls - errors
        default: break
        }
    }
    // The first exec is /bin/sh itself, which sshd's shell would also run.
    return (execs, forks)
}

for pendingUpdates in [false, true] {
    if let (execs, forks) = try spawns(pendingUpdates: pendingUpdates) {
        print(
            "batch \(pendingUpdates ? "with" : "without") pending updates: \(execs) programs executed and \(forks) processes "
                + "forked per host (strace -f, /bin/sh -c on this machine)")
    }
}

let ours = await measure("ictaudit (no pending-updates section)", runs: arguments.runs, pendingUpdates: false)
let full =
    arguments.fullRuns > 0
    ? await measure("ictaudit (full batch, apt-get -s included)", runs: arguments.fullRuns, pendingUpdates: true) : nil

if arguments.ansible {
    let ansibleRuns = arguments.ansibleRuns ?? arguments.runs
    print("timing ansible -m setup on the same hosts (\(peers)/ansible-facts.sh \(arguments.hosts) \(ansibleRuns)) …")
    let (status, output) = try run(peers + "/ansible-facts.sh", [String(arguments.hosts), String(ansibleRuns)])
    let line = output.split(separator: "\n").first { $0.hasPrefix("setup ") }
    if status == 0, let line, let range = line.range(of: "median="),
        let seconds = Double(line[range.upperBound...].prefix { $0 != "s" })
    {
        print(String(line))
        print(
            String(format: "ansible -m setup median=%.2f s; ictaudit is %.1fx faster", seconds, seconds / ours)
                + (full.map { String(format: " (%.1fx with the full batch)", seconds / $0) } ?? ""))
    } else {
        print("ansible could not be timed (status \(status)):\n\(output.suffix(2000))")
    }
}
