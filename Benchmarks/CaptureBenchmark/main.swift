// capture-bench: packets/s and peak memory of ictaudit's capture decoder on a capture file, beside
// the plain C libpcap loop (../shared/peers/pcapread.c) and tshark's endpoint statistics, in one run.
//
//   python3 ../shared/peers/pcap-gen.py -o /tmp/big.pcap -n 1000000
//   swift run -c release capture-bench /tmp/big.pcap [--runs 3]
import ArgumentParser
import Foundation
import PacketScan

#if canImport(Glibc)
    import Glibc
#endif

let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
    .deletingLastPathComponent()

struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture-bench", abstract: "Decode a capture with ictaudit, a plain libpcap loop and tshark, and print packets/s and memory.")

    @Argument(help: "pcap or pcapng file to read.")
    var file: String
    @Option(help: "Runs of each tool; the median is printed.")
    var runs = 3

    func validate() throws {
        guard runs >= 1 else { throw ValidationError("--runs must be at least 1") }
    }
}

let arguments = Arguments.parseOrExit()
let file = arguments.file
let runs = arguments.runs

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func median(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s[s.count / 2]
}

func peakMiB(_ who: Int32) -> Double {
    var usage = rusage()
    getrusage(who, &usage)
    return Double(usage.ru_maxrss) / 1024  // ru_maxrss is in KiB on Linux
}

/// This process image's peak resident memory. `ru_maxrss` survives `execve`, so under
/// `swift run` it reports swift-run's own peak if that was higher; VmHWM starts afresh at exec.
func highWaterMiB() -> Double? {
    guard let status = try? String(contentsOfFile: "/proc/self/status", encoding: .utf8),
        let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmHWM:") }),
        let kib = Double(line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first ?? "")
    else { return nil }
    return kib / 1024
}

/// Runs a command, returns its wall time and standard output; `nil` when it fails.
func timed(_ tool: String, _ args: [String]) -> (seconds: Double, output: String)? {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: tool)
    process.arguments = args
    let pipe = Pipe()
    process.standardOutput = pipe
    process.standardError = FileHandle.nullDevice
    let start = now()
    guard (try? process.run()) != nil else { return nil }
    let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
    process.waitUntilExit()
    let elapsed = now() - start
    return process.terminationStatus == 0 ? (elapsed, output) : nil
}

func which(_ name: String) -> String? {
    ["/usr/bin/", "/usr/local/bin/", "/bin/"].map { $0 + name }.first(where: FileManager.default.isExecutableFile)
}

func rate(_ packets: Int, _ seconds: Double) -> String {
    String(format: "%10.0f packets/s", Double(packets) / seconds)
}

// Warm the page cache so every reader starts equal (in chunks: the file must not count towards
// this process's peak memory).
if let handle = FileHandle(forReadingAtPath: file) {
    while let chunk = try? handle.read(upToCount: 1 << 20), !chunk.isEmpty {}
    try? handle.close()
}

// 1. ictaudit: every decoder, table, catalogue and detector on.
let catalogues: CaptureCatalogues
do {
    catalogues = try CaptureCatalogues.load(directory: repository.appendingPathComponent("policies/catalogues").path)
} catch {
    FileHandle.standardError.write(Data("capture-bench: \(error)\n".utf8))
    exit(1)
}
var times: [Double] = []
var report: CaptureReport?
for _ in 0..<runs {
    let start = now()
    do {
        report = try PacketCapture.analyse(
            file: file, catalogues: catalogues, options: CaptureOptions(intervalSeconds: 1))
    } catch {
        FileHandle.standardError.write(Data("capture-bench: \(error)\n".utf8))
        exit(1)
    }
    times.append(now() - start)
}
let packets = report!.packets
let ours = median(times)
let maxRSS = peakMiB(Int32(RUSAGE_SELF.rawValue))
let ourPeak = highWaterMiB() ?? maxRSS
print("file: \(file)  packets: \(packets)  bytes: \(report!.bytes)  runs: \(runs) (median)")
print(
    "ictaudit capture  \(rate(packets, ours))  \(String(format: "%6.3f s", ours))  peak \(String(format: "%6.1f", ourPeak)) MiB"
        + "  [hosts \(report!.hosts.count), links \(report!.links.count), observations \(report!.observations.count)]")

// 2. The plain C loop, compiled here.
var cRate: Double?
let source = repository.deletingLastPathComponent().appendingPathComponent("shared/peers/pcapread.c").path
if let gcc = which("gcc"), FileManager.default.fileExists(atPath: source) {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("capture-bench-\(getpid())")
    try? FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let binary = dir.appendingPathComponent("pcapread").path
    if timed(gcc, ["-O2", "-o", binary, source, "-lpcap"]) != nil {
        var cTimes: [Double] = []
        for _ in 0..<runs { if let r = timed(binary, [file, "0"]) { cTimes.append(r.seconds) } }
        if !cTimes.isEmpty {
            let t = median(cTimes)
            cRate = Double(packets) / t
            print("pcapread.c (-O2)  \(rate(packets, t))  \(String(format: "%6.3f s", t))")
        }
    } else {
        print("pcapread.c: gcc failed (is libpcap-dev installed?)")
    }
} else {
    print("pcapread.c: skipped (needs gcc and \(source))")
}

// 3. tshark's endpoint statistics, when installed.
var tsharkRate: Double?
if let tshark = which("tshark") {
    var tTimes: [Double] = []
    for _ in 0..<runs {
        if let r = timed(tshark, ["-n", "-q", "-z", "endpoints,ip", "-r", file]) { tTimes.append(r.seconds) }
    }
    if !tTimes.isEmpty {
        let t = median(tTimes)
        tsharkRate = Double(packets) / t
        print(
            "tshark endpoints  \(rate(packets, t))  \(String(format: "%6.3f s", t))  peak \(String(format: "%6.1f", peakMiB(Int32(RUSAGE_CHILDREN.rawValue)))) MiB"
        )
    }
} else {
    print("tshark: not installed (apt-get install tshark)")
}

let ourRate = Double(packets) / ours
if let c = cRate { print(String(format: "ictaudit / pcapread: %.2f (target >= 0.50)", ourRate / c)) }
if let t = tsharkRate { print(String(format: "ictaudit / tshark:   %.1fx", ourRate / t)) }
print(
    String(format: "peak memory: %.1f MiB (target < 64 MiB); getrusage ru_maxrss %.1f MiB", ourPeak, maxRSS)
        + (maxRSS > ourPeak + 1 ? " (includes the launcher's memory before exec, e.g. swift run)" : ""))
