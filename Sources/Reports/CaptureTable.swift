public import Foundation
import InventoryModel
public import PacketScan

/// `ictaudit capture --format table`: a capture's hosts, bandwidth and observations as columns a
/// person reads on a terminal. Pure: the caller prints the text.
public enum CaptureTable {
    public static func render(_ report: CaptureReport) -> String {
        var lines: [String] = []
        func mbps(_ bits: Double) -> String { String(format: "%.3f", bits / 1e6) }
        lines.append(
            "\(TerminalText.printable(report.source)) (\(report.linkType)): \(report.packets) packets, \(report.bytes) bytes, \(report.hosts.count) addresses, \(report.stations.count) MACs, \(report.links.count) links"
        )
        if let live = report.live {
            lines.append(
                "live: received \(live.received), dropped by kernel \(live.droppedByKernel), by interface \(live.droppedByInterface)"
            )
        }
        if !report.malformed.isEmpty {
            lines.append(
                "malformed: "
                    + report.malformed.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append(
            row([
                "ip", "mac", "vendor", "unit", "name", "os", "pkts out", "pkts in", "bytes out", "bytes in",
                "p95 Mbit/s",
            ]))
        for h in report.hosts where h.scope == "unicast" {
            lines.append(
                row([
                    h.ip, h.mac ?? "-", h.vendor ?? "-", h.unit ?? "-", h.names.first?.name ?? "-", h.os?.name ?? "-",
                    "\(h.packetsSent)", "\(h.packetsReceived)", "\(h.bytesSent)", "\(h.bytesReceived)",
                    mbps(h.throughput.p95BitsPerSecond),
                ]))
        }
        lines.append("")
        lines.append(
            "bandwidth: interval \(report.bandwidth.intervalSeconds) s, total peak \(mbps(report.bandwidth.total.peakBitsPerSecond)) Mbit/s, p95 \(mbps(report.bandwidth.total.p95BitsPerSecond)) Mbit/s"
        )
        for u in report.bandwidth.units {
            let contract =
                u.contractedMbps.map {
                    String(format: ", contracted %.0f Mbit/s, p95 use %.1f %%", $0, (u.p95Utilisation ?? 0) * 100)
                } ?? ""
            lines.append(
                "  \(TerminalText.printable(u.unit)): internet peak \(mbps(u.internet.peakBitsPerSecond)) p95 \(mbps(u.internet.p95BitsPerSecond)) Mbit/s\(contract)"
            )
        }
        lines.append("")
        lines.append("observations: \(report.observations.count)")
        for o in report.observations {
            lines.append(
                TerminalText.printable(
                    "  \(o.kind.rawValue)  \(o.host) -> \(o.peer)  \(o.proto)  \(o.detail ?? "")  packets \(o.packets)"))
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Host-supplied text is made printable and padded into columns.
    private static func row(_ cells: [String]) -> String {
        let widths = [39, 17, 24, 12, 24, 14, 9, 9, 12, 12, 10]
        return zip(cells, widths).map { cell, width in
            let text = TerminalText.printable(cell)
            return text.count >= width
                ? String(text.prefix(width)) + " " : text.padding(toLength: width + 1, withPad: " ", startingAt: 0)
        }.joined()
    }

    /// The report as JSON with sorted keys; capture timestamps keep their milliseconds
    /// (``PacketScan/CaptureReport/writeJSON(chunkSize:to:)``, which `ictaudit capture` streams).
    public static func json(_ report: CaptureReport) -> Data {
        Data(report.jsonBytes())
    }
}

/// Text from hosts and files on a terminal: control characters (escape sequences) are made
/// visible as U+FFFD, so a hostile name cannot move the cursor or rewrite what was printed.
public enum TerminalText {
    public static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "\u{FFFD}" : $0 }))
    }
}
