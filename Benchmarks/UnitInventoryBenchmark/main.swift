// unit-inventory-bench: time to build every unit's inventory (UnitInventory.build) for a large
// estate, with the capture summary of a real capture file, on one core.
//
//   python3 ../shared/peers/pcap-gen.py -o /tmp/synth-1m.pcap          # 1,000,000 packets
//   swift run -c release unit-inventory-bench /tmp/synth-1m.pcap [--units 200] [--hosts 50000] [--runs 5]
//
// The capture is analysed once (not timed) into the summary an audit stores (WireCapture: hosts,
// observations, per-unit bandwidth series); then the builder runs `--runs` times on the snapshot of
// `--hosts` scanned hosts spread over `--units` units. It prints the median build time, the
// summary's size, and the process's peak memory after reading 10 % and then all of the packets:
// the summary and the build are sized by hosts and intervals, never by packets.
import ArgumentParser
import Foundation
import InventoryModel
import PacketScan

#if canImport(Glibc)
    import Glibc
#endif

struct Arguments: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "unit-inventory-bench", abstract: "Build the unit inventory of a large estate with a real capture's summary.")

    @Argument(help: "pcap or pcapng file (the summary's source).")
    var file: String
    @Option(help: "Units.") var units = 200
    @Option(help: "Scanned hosts, spread evenly over the units.") var hosts = 50_000
    @Option(help: "Builds to time; the median is printed.") var runs = 5
    @Option(help: "Bandwidth interval in seconds (1 s gives 600 intervals for the 10-minute synthetic capture).")
    var interval = 1.0
}

let arguments = Arguments.parseOrExit()

func now() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_MONOTONIC, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

/// CPU time of this thread: the build runs on one core, and the machine may be busy with others.
func cpu() -> Double {
    var t = timespec()
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t)
    return Double(t.tv_sec) + Double(t.tv_nsec) / 1e9
}

func peakMiB() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    return Double(usage.ru_maxrss) / 1024
}

// Units: the synthetic capture's three subnets go to the first three units (so the summary's
// hosts and bandwidth land in units), every other unit gets its own /20 in 10.64.0.0/10.
let captureSubnets = ["10.10.1.0/24", "10.10.2.0/24", "192.168.50.0/24"]
var units: [InventoryModel.Unit] = []
for u in 0..<arguments.units {
    let base = 64 << 16 | u << 12  // 10.(64 + u/16).((u%16)*16).0/20
    var subnets = ["10.\(base >> 16).\((base >> 8) & 0xFF).0/20"]
    if u < captureSubnets.count { subnets.append(captureSubnets[u]) }
    units.append(
        InventoryModel.Unit(
            id: "unit-\(u)", name: LocalizedText(vi: "Đơn vị \(u)", en: "Unit \(u)"), parent: u == 0 ? nil : "unit-0",
            staff: 40 + u % 50, declared: ["internet_bandwidth_mbps": 100], subnets: subnets))
}

// Hosts with the facts the builder reads: interfaces, route, hardware, listening sockets, antivirus.
let scanStart = Date(timeIntervalSince1970: 1_717_200_000)
var hostScans: [HostScan] = []
hostScans.reserveCapacity(arguments.hosts)
for h in 0..<arguments.hosts {
    let u = h % arguments.units
    let index = h / arguments.units + 10
    let base = 64 << 16 | u << 12
    let address = "10.\(base >> 16).\(((base >> 8) & 0xFF) + index / 250).\(index % 250 + 1)"
    let server = h % 10 == 0
    let facts = HostFacts(
        hostname: "host-\(h)", os: OperatingSystem(id: h % 3 == 0 ? "windows" : "debian", role: h % 3 == 0 ? (server ? "server" : "workstation") : nil),
        interfaces: [NetworkInterface(name: "eth0", mac: nil, addresses: ["\(address)/20"])],
        defaultRoute: h % 7 == 0 ? nil : Route(gateway: "10.64.0.1", interface: "eth0"),
        hardware: Hardware(biosDate: scanStart.addingTimeInterval(-Double(h % 9) * 365 * 86_400)),
        listening: [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 22)]
            + (server ? [ListeningSocket(proto: .tcp, address: "0.0.0.0", port: 443)] : []),
        antivirus: h % 5 == 0 ? [] : [Antivirus(product: "ClamAV", installed: true, realTimeProtection: true, signatureDate: scanStart)])
    hostScans.append(
        HostScan(
            target: SSHTarget(address: address, user: "audit", unit: "unit-\(u)", name: "host-\(h)", credential: .agent),
            status: h % 50 == 0 ? .unreachable : .scanned, startedAt: scanStart, durationSeconds: 1,
            facts: h % 50 == 0 ? nil : facts))
}

@MainActor func summary(packets: Int?) throws -> (WireCapture, Double) {
    let report = try PacketCapture.analyse(
        file: arguments.file, units: units, options: CaptureOptions(count: packets, intervalSeconds: arguments.interval))
    return (report.wireCapture(unit: "unit-0"), peakMiB())
}

func median(_ values: [Double]) -> Double { values.sorted()[values.count / 2] }

do {
    for fraction in [0.1, 1.0] {
        let (capture, peakAfterCapture) = try summary(packets: fraction < 1 ? Int(1_000_000 * fraction) : nil)
        let snapshot = InventorySnapshot(
            inventoryName: "bench", startedAt: scanStart, finishedAt: scanStart, units: units, hosts: hostScans,
            captures: [capture])
        var times: [Double] = []
        var cpuTimes: [Double] = []
        var built: [UnitInventory] = []
        for _ in 0..<arguments.runs {
            let t0 = now()
            let c0 = cpu()
            built = UnitInventory.build(snapshot)
            cpuTimes.append(cpu() - c0)
            times.append(now() - t0)
        }
        let encoded = try JSONEncoder().encode(capture)
        let measured = built.filter(\.coverage.isMeasured).count
        print(
            String(
                format: "%9d packets  summary: %5d wire hosts, %4d intervals, %.1f MiB JSON | build %d units, %d hosts: CPU median %.3f s (min %.3f), wall median %.3f s | %d units measured | peak RSS %.0f MiB after capture, %.0f MiB after builds",
                capture.packets, capture.hosts.count, capture.bandwidth?.intervals ?? 0, Double(encoded.count) / 1_048_576,
                built.count, hostScans.count, median(cpuTimes), cpuTimes.min()!, median(times), measured, peakAfterCapture, peakMiB()))
    }
} catch {
    FileHandle.standardError.write(Data("unit-inventory-bench: \(error)\n".utf8))
    exit(1)
}
