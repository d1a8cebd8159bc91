import ArgumentParser
import Foundation
import Inventory
import InventoryModel
import PacketScan

/// `ictaudit capture`: passive discovery and bandwidth from a capture file or a live interface.
struct CaptureCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "capture",
        abstract:
            "Read a pcap/pcapng file or capture live: hosts, links, bandwidth, antivirus-update and cleartext traffic.",
        discussion: """
            Never sends a packet. Bytes count whole frames as on the wire, as Wireshark's endpoint statistics do.
            A truncated or corrupt file prints everything read before the bad record and exits with status 3.
            A live capture runs for --duration (60 s when neither it nor --count is given); Ctrl-C ends it early.
              ictaudit capture --file site.pcapng --inventory inventory/demo.yaml --format table
              ictaudit capture --interface eth0 --filter 'not port 22' --duration 300 --interval 10
            """)

    enum Format: String, ExpressibleByArgument, CaseIterable {
        case json, table
    }

    @Option(name: .long, help: ArgumentHelp("pcap or pcapng file to read.", valueName: "path"))
    var file: String?

    @Option(
        name: .long, help: ArgumentHelp("Interface to capture on live (needs root or CAP_NET_RAW).", valueName: "name"))
    var interface: String?

    @Option(name: .long, help: ArgumentHelp("BPF filter, tcpdump syntax.", valueName: "expression"))
    var filter: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Seconds to capture (live: wall clock, default 60 without --count; file: capture time).",
            valueName: "seconds"))
    var duration: Double?

    @Option(name: .long, help: ArgumentHelp("Stop after this many packets.", valueName: "packets"))
    var count: Int?

    @Option(name: .long, help: ArgumentHelp("Bandwidth interval in seconds.", valueName: "seconds"))
    var interval: Double = 60

    @Option(name: .long, help: "Output: json or table.")
    var format: Format = .json

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Inventory file whose units' subnets attribute hosts and bandwidth to units.", valueName: "inventory"))
    var inventory: String?

    @Option(
        name: .long,
        help: ArgumentHelp(
            "Folder of capture catalogues (MAC vendors, OS signatures, antivirus update domains). Default: $ICTAUDIT_POLICIES/catalogues, else ./policies/catalogues.",
            valueName: "dir"))
    var catalogues: String?

    func validate() throws {
        guard (file == nil) != (interface == nil) else {
            throw ValidationError("give exactly one of --file and --interface")
        }
        if let duration, duration <= 0 { throw ValidationError("--duration must be positive") }
        if let count, count <= 0 { throw ValidationError("--count must be positive") }
        guard interval > 0 else { throw ValidationError("--interval must be positive") }
    }

    func run() throws {
        let directory =
            catalogues
            ?? (ProcessInfo.processInfo.environment["ICTAUDIT_POLICIES"].map { $0 + "/catalogues" }
                ?? "policies/catalogues")
        let report: CaptureReport
        do {
            let data = try CaptureCatalogues.load(directory: directory)
            let units = try inventory.map { try InventoryFile.load(path: $0).units } ?? []
            var options = CaptureOptions(filter: filter, duration: duration, count: count, intervalSeconds: interval)
            if let file {
                report = try PacketCapture.analyse(file: file, units: units, catalogues: data, options: options)
            } else {
                if options.duration == nil && options.count == nil { options.duration = 60 }
                // Ctrl-C ends the capture and still prints what it saw.
                options.stopRequest = Interrupt.stopRequestOnControlC()
                report = try PacketCapture.capture(
                    interface: interface!, units: units, catalogues: data, options: options)
            }
        } catch {
            FileHandle.standardError.write(Data("error: \(error)\n".utf8))
            throw ExitCode(2)
        }
        switch format {
        case .json: try printJSON(report)
        case .table: printTable(report)
        }
        if let stop = report.stoppedAt {
            FileHandle.standardError.write(
                Data(
                    "warning: stopped at packet \(stop.packetIndex), byte \(stop.byteOffset): \(stop.reason); results cover what was read\n"
                        .utf8))
            throw ExitCode(3)
        }
    }

    private func printJSON(_ report: CaptureReport) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Capture timestamps have nanoseconds; keep at least the milliseconds.
        let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(style.format(date))
        }
        FileHandle.standardOutput.write(try encoder.encode(report))
        print()
    }

    private func printTable(_ report: CaptureReport) {
        func mbps(_ bits: Double) -> String { String(format: "%.3f", bits / 1e6) }
        print(
            "\(report.source) (\(report.linkType)): \(report.packets) packets, \(report.bytes) bytes, \(report.hosts.count) addresses, \(report.stations.count) MACs, \(report.links.count) links"
        )
        if let live = report.live {
            print(
                "live: received \(live.received), dropped by kernel \(live.droppedByKernel), by interface \(live.droppedByInterface)"
            )
        }
        if !report.malformed.isEmpty {
            print(
                "malformed: "
                    + report.malformed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(
                        separator: ", "))
        }
        print()
        print(
            row([
                "ip", "mac", "vendor", "unit", "name", "os", "pkts out", "pkts in", "bytes out", "bytes in",
                "p95 Mbit/s",
            ]))
        for h in report.hosts where h.scope == "unicast" {
            print(
                row([
                    h.ip, h.mac ?? "-", h.vendor ?? "-", h.unit ?? "-", h.names.first?.name ?? "-", h.os?.name ?? "-",
                    "\(h.packetsSent)", "\(h.packetsReceived)", "\(h.bytesSent)", "\(h.bytesReceived)",
                    mbps(h.throughput.p95BitsPerSecond),
                ]))
        }
        print()
        print(
            "bandwidth: interval \(report.bandwidth.intervalSeconds) s, total peak \(mbps(report.bandwidth.total.peakBitsPerSecond)) Mbit/s, p95 \(mbps(report.bandwidth.total.p95BitsPerSecond)) Mbit/s"
        )
        for u in report.bandwidth.units {
            let contract =
                u.contractedMbps.map {
                    String(format: ", contracted %.0f Mbit/s, p95 use %.1f %%", $0, (u.p95Utilisation ?? 0) * 100)
                } ?? ""
            print(
                "  \(u.unit): internet peak \(mbps(u.internet.peakBitsPerSecond)) p95 \(mbps(u.internet.p95BitsPerSecond)) Mbit/s\(contract)"
            )
        }
        print()
        print("observations: \(report.observations.count)")
        for o in report.observations {
            print("  \(o.kind.rawValue)  \(o.host) -> \(o.peer)  \(o.proto)  \(o.detail ?? "")  packets \(o.packets)")
        }
    }

    /// Host-supplied text is made printable (Console.printable) and padded into columns.
    private func row(_ cells: [String]) -> String {
        let widths = [39, 17, 24, 12, 24, 14, 9, 9, 12, 12, 10]
        return zip(cells, widths).map { cell, width in
            let text = Console.printable(cell)
            return text.count >= width
                ? String(text.prefix(width)) + " " : text.padding(toLength: width + 1, withPad: " ", startingAt: 0)
        }.joined()
    }
}

/// Ctrl-C during a live capture: the signal handler only writes a byte to a pipe (which is safe in
/// a handler), and a thread waiting on the pipe asks the capture to stop.
private enum Interrupt {
    static let pipeEnds: (read: Int32, write: Int32) = {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        return (fds[0], fds[1])
    }()

    static func stopRequestOnControlC() -> StopRequest {
        let stop = StopRequest()
        let ends = pipeEnds
        guard ends.read >= 0 else { return stop }
        Thread.detachNewThread {
            var byte: UInt8 = 0
            if read(ends.read, &byte, 1) == 1 { stop.stop() }
        }
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = write(Interrupt.pipeEnds.write, &byte, 1)
        }
        return stop
    }
}
