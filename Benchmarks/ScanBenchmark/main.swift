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
//
// `--user NAME` then repeats both measurements on the same ports as a plain account NAME (created
// by sshd-lab.sh with Debian's default rc files), with ansible run here exactly as ansible-facts.sh
// runs it but for that user. The peers' lab logs in as root, and on this machine root's ~/.bashrc
// runs `pyenv init` before any command of any client; the plain account shows both tools without it.
//
// `SCAN_BENCH_DUMP_BATCH=FILE` writes the Linux batch's script (without pending updates) to FILE,
// for timing its sections on their own (`perf stat -r N /bin/sh FILE`-style).
import ArgumentParser
import Foundation
import InventoryModel
import SSHScan

struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scan-bench", abstract: "Scan N real sshd hosts with ictaudit and with ansible -m setup, and print both.")

    @Argument(help: "How many sshd hosts to start and scan.")
    var hosts = 10
    @Option(help: "Runs of the batch without the pending-updates section.")
    var runs = 3
    @Option(help: "Hosts scanned at once.")
    var concurrency = 50
    @Flag(name: .customLong("no-ansible"), help: "Skip timing ansible -m setup.")
    var skipAnsible = false
    @Option(help: "Runs of the full batch (apt-get -s included); 0 skips it.")
    var fullRuns = 1
    @Option(help: "Runs of ansible (default: --runs).")
    var ansibleRuns: Int?
    @Option(name: .customLong("user"), help: "Repeat both measurements as this plain account.")
    var plainUser: String?

    var ansible: Bool { !skipAnsible }
}

/// `Swift.print`, flushed: a run takes minutes, and each line should show as it is printed, also
/// into a pipe or a file.
func print(_ items: Any..., separator: String = " ", terminator: String = "\n") {
    Swift.print(items.map { "\($0)" }.joined(separator: separator), terminator: terminator)
    fflush(nil)
}

/// Runs a program, returning its exit status and combined output.
func run(
    _ path: String, _ arguments: [String], environment: [String: String] = [:], input: Data? = nil
) throws -> (Int32, String) {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: path)
    process.arguments = arguments
    process.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new }
    if let input {
        // A file, not a pipe: the batch may be larger than a pipe holds, and nothing here writes it.
        let file = NSTemporaryDirectory() + "scan-bench-input-\(UUID().uuidString)"
        try input.write(to: URL(fileURLWithPath: file))
        defer { try? FileManager.default.removeItem(atPath: file) }
        process.standardInput = try FileHandle(forReadingFrom: URL(fileURLWithPath: file))
    }
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = pipe
    try process.run()
    let output = pipe.fileHandleForReading.readDataToEndOfFile()
    process.waitUntilExit()
    return (process.terminationStatus, String(decoding: output, as: UTF8.self))
}

/// CPU time of this process, every thread: what the scanner itself costs, apart from the hosts.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec)
        + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
}

/// Busy CPU seconds of the whole machine (`/proc/stat`, every core): with the scanner's own CPU
/// taken out, what the lab's sshd sessions and batches cost, which on this lab share the cores.
func machineBusySeconds() -> Double {
    guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
        let line = stat.split(separator: "\n").first
    else { return 0 }
    // cpu user nice system idle iowait irq softirq steal …: all but idle and iowait are busy.
    let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
    guard fields.count >= 7 else { return 0 }
    let busy = fields.enumerated().filter { $0.offset != 3 && $0.offset != 4 }.prefix(6).map(\.element).reduce(0, +)
    return busy / Double(sysconf(Int32(_SC_CLK_TCK)))
}

func median(_ values: [Double]) -> Double {
    let sorted = values.sorted()
    return sorted.count % 2 == 1 ? sorted[sorted.count / 2] : (sorted[sorted.count / 2 - 1] + sorted[sorted.count / 2]) / 2
}

let arguments = Arguments.parseOrExit()
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

/// The lab's hosts as scan targets for `user` with the lab's client key.
func labTargets(user: String, key: String) -> [SSHTarget] {
    (1...arguments.hosts).map { i in
        SSHTarget(
            address: "127.0.0.1", port: 22200 + i, user: user, unit: "bench", name: "lab\(i)",
            credential: .keyFile(path: key, passphraseEnvironment: nil))
    }
}
let targets = labTargets(user: "root", key: key)

/// Scans every target `runs` times; returns the median seconds.
func measure(
    _ label: String, runs: Int, pendingUpdates: Bool, targets: [SSHTarget] = targets
) async -> Double {
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
        let cpuStart = processCPUSeconds()
        let machineStart = machineBusySeconds()
        let results = await HostScanner(options: options).scan(targets)
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let clientCPU = processCPUSeconds() - cpuStart
        let hostsCPU = machineBusySeconds() - machineStart - clientCPU
        times.append(seconds)
        let scanned = results.filter { $0.status == .scanned }.count
        roundTrips = results.compactMap(\.execCount).reduce(0, +)
        print(
            String(
                format: "%@ run %d: %d/%d scanned in %.2f s (%.1f hosts/s), %d sections/host, scanner CPU %.1f ms/host, lab hosts' CPU %.0f ms/host",
                label, runIndex, scanned, targets.count, seconds, Double(targets.count) / seconds,
                results.first?.evidence.count ?? 0, clientCPU / Double(targets.count) * 1000,
                hostsCPU / Double(targets.count) * 1000))
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
    let batch = ProbeBatch.linux(pendingUpdates: pendingUpdates)
    _ = try run(
        strace,
        ["-f", "-c", "-o", summary, "-e", "trace=execve,fork,vfork,clone,clone3"] + sshdEnvironment
            + ["/bin/sh", "-c", batch.command], input: batch.input)
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
    // The first exec is `env` (not counted); the next is /bin/sh itself, which sshd's shell would also run.
    return (execs - 1, forks)
}

/// The variables sshd sets for a session that the batch reads (it asks `id` for the account only
/// without them), so the batch run here executes what it executes on a host; `env` is not counted.
let sshdEnvironment = ["/usr/bin/env", "LOGNAME=root", "USER=root", "SSH_CONNECTION=127.0.0.1 40000 127.0.0.1 22"]

/// The programs one batch executes, by name and count, from `strace -f -e trace=execve`.
func programs(pendingUpdates: Bool) throws -> [(String, Int)] {
    let strace = "/usr/bin/strace"
    guard FileManager.default.isExecutableFile(atPath: strace) else { return [] }
    let trace = NSTemporaryDirectory() + "scan-bench-execve-\(UUID().uuidString)"
    defer { try? FileManager.default.removeItem(atPath: trace) }
    let batch = ProbeBatch.linux(pendingUpdates: pendingUpdates)
    _ = try run(
        strace, ["-f", "-qq", "-o", trace, "-e", "trace=execve"] + sshdEnvironment + ["/bin/sh", "-c", batch.command],
        input: batch.input)
    var counts: [String: Int] = [:]
    for line in try String(contentsOfFile: trace, encoding: .utf8).split(separator: "\n")
    where line.contains("execve(\"") && !line.contains("= -1") {
        guard let start = line.range(of: "execve(\"")?.upperBound,
            let end = line[start...].firstIndex(of: "\"")
        else { continue }
        counts[String(line[start..<end].split(separator: "/").last ?? ""), default: 0] += 1
    }
    counts["env"] = counts["env"].map { $0 - 1 }.flatMap { $0 > 0 ? $0 : nil }
    return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }
}

if let dump = ProcessInfo.processInfo.environment["SCAN_BENCH_DUMP_BATCH"] {
    try ProbeBatch.linux(pendingUpdates: false).script.write(toFile: dump, atomically: true, encoding: .utf8)
}
for pendingUpdates in [false, true] {
    if let (execs, forks) = try spawns(pendingUpdates: pendingUpdates) {
        print(
            "batch \(pendingUpdates ? "with" : "without") pending updates: \(execs) programs executed and \(forks) processes "
                + "forked per host (strace -f, /bin/sh -s on this machine)")
    }
}
let executed = try programs(pendingUpdates: false)
if !executed.isEmpty {
    print("  programs: " + executed.map { $0.1 > 1 ? "\($0.0) ×\($0.1)" : $0.0 }.joined(separator: ", "))
}

let ours = await measure("ictaudit (no pending-updates section)", runs: arguments.runs, pendingUpdates: false)
let full =
    arguments.fullRuns > 0
    ? await measure("ictaudit (full batch, apt-get -s included)", runs: arguments.fullRuns, pendingUpdates: true) : nil

/// `ansible all -m setup` on the lab's hosts as `user`, timed as ansible-facts.sh times it (forks
/// min(N, 50), no host key checking, timeout 30, no pipelining, a fresh ControlPath directory per
/// run and its masters closed afterwards). Returns the median seconds, or nil with a message.
func timeAnsible(user: String, key: String, runs: Int) throws -> Double? {
    let ansible = "/tmp/ansible-venv/bin/ansible"
    guard FileManager.default.isExecutableFile(atPath: ansible) else {
        print("ansible is not installed in /tmp/ansible-venv (ansible-facts.sh installs it)")
        return nil
    }
    let work = NSTemporaryDirectory() + "scan-bench-ansible-\(UUID().uuidString)"
    try FileManager.default.createDirectory(atPath: work, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: work) }
    let forks = min(arguments.hosts, 50)
    let inventory = (["[lab]"] + (1...arguments.hosts).map { "lab\($0) ansible_host=127.0.0.1 ansible_port=\(22200 + $0)" }
        + ["", "[lab:vars]", "ansible_user=\(user)", "ansible_ssh_private_key_file=\(key)",
            "ansible_python_interpreter=/usr/bin/python3"]).joined(separator: "\n") + "\n"
    try inventory.write(toFile: work + "/inventory.ini", atomically: true, encoding: .utf8)
    try """
        [defaults]
        host_key_checking = False
        forks = \(forks)
        timeout = 30
        [ssh_connection]
        pipelining = False

        """.write(toFile: work + "/ansible.cfg", atomically: true, encoding: .utf8)
    var times: [Double] = []
    for index in 1...max(1, runs) {
        let controls = work + "/cp\(index)"
        try FileManager.default.createDirectory(atPath: controls, withIntermediateDirectories: true)
        let start = DispatchTime.now()
        let (status, output) = try run(
            ansible, ["all", "-i", work + "/inventory.ini", "-m", "setup", "-f", String(forks)],
            environment: [
                "ANSIBLE_CONFIG": work + "/ansible.cfg", "ANSIBLE_LOCAL_TEMP": work + "/tmp",
                "ANSIBLE_NOCOLOR": "1", "ANSIBLE_SSH_CONTROL_PATH_DIR": controls,
            ])
        let seconds = Double(DispatchTime.now().uptimeNanoseconds - start.uptimeNanoseconds) / 1e9
        let succeeded = output.components(separatedBy: "| SUCCESS").count - 1
        for master in (try? FileManager.default.contentsOfDirectory(atPath: controls)) ?? [] {
            _ = try? run("/usr/bin/ssh", ["-o", "ControlPath=\(controls)/\(master)", "-O", "exit", "x"])
        }
        guard status == 0, succeeded == arguments.hosts else {
            print("ansible as \(user) run \(index): status \(status), \(succeeded)/\(arguments.hosts) hosts:\n\(output.suffix(2000))")
            return nil
        }
        print(String(format: "ansible -m setup as %@ run %d: %.2f s", user, index, seconds))
        times.append(seconds)
    }
    return median(times)
}

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

if let user = arguments.plainUser {
    // The same ports as the plain account: the root lab stops, the plain one starts in a lab
    // directory of its own, and stops again at the end so the next run finds the root lab's.
    let plainLab = "/tmp/sshlab-\(user)"
    print("restarting the \(arguments.hosts) hosts for the plain account \(user) (\(plainLab)) …")
    _ = try run(peers + "/sshd-lab.sh", ["stop"])
    let environment = ["LAB_USER": user, "SSHLAB_DIR": plainLab]
    let (status, output) = try run(peers + "/sshd-lab.sh", ["start", String(arguments.hosts)], environment: environment)
    defer { _ = try? run(peers + "/sshd-lab.sh", ["stop"], environment: environment) }
    guard status == 0 else {
        print(output)
        exit(1)
    }
    let plainKey = try String(contentsOfFile: plainLab + "/KEY_PATH", encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)
    let plainTargets = labTargets(user: user, key: plainKey)
    let plain = await measure(
        "ictaudit as \(user) (no pending-updates section)", runs: arguments.runs, pendingUpdates: false,
        targets: plainTargets)
    if arguments.ansible, let seconds = try timeAnsible(user: user, key: plainKey, runs: arguments.ansibleRuns ?? arguments.runs) {
        print(String(format: "as %@: ansible -m setup median=%.2f s; ictaudit is %.1fx faster", user, seconds, seconds / plain))
    }
}
