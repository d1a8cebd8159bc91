public import Foundation
public import InventoryModel
public import PacketScan

/// `ictaudit capture --format table`: a capture's hosts, bandwidth and observations as columns a
/// person reads on a terminal. Pure: the caller prints the text.
public enum CaptureTable {
    /// The table in the reader's language: labels from ``CaptureTableKey``, numbers as the reports
    /// write them (a decimal comma and dotted thousands in Vietnamese).
    public static func render(_ report: CaptureReport, language: Language) -> String {
        let format = ReportFormatting(language: language, timeZone: TimeZone(secondsFromGMT: 0)!)
        func t(_ key: CaptureTableKey) -> String { key.text(in: language) }
        func mbps(_ bits: Double) -> String { format.decimal(bits / 1e6, places: 3) }
        func seconds(_ value: Double) -> String { format.decimal(value, places: value == value.rounded() ? 0 : 3) }
        func count<N: BinaryInteger>(_ value: N) -> String { format.integer(Int(value)) }
        var lines: [String] = []
        lines.append(
            "\(TerminalText.printable(report.source)) (\(report.linkType)): \(count(report.packets)) \(t(.packets)), "
                + "\(count(report.bytes)) \(t(.bytes)), \(count(report.hosts.count)) \(t(.addresses)), "
                + "\(count(report.stations.count)) \(t(.stations)), \(count(report.links.count)) \(t(.links))")
        if let live = report.live {
            lines.append(
                "\(t(.live)): \(t(.received)) \(count(live.received)), \(t(.droppedByKernel)) \(count(live.droppedByKernel)), "
                    + "\(t(.droppedByInterface)) \(count(live.droppedByInterface))")
        }
        if !report.malformed.isEmpty {
            lines.append(
                "\(t(.malformed)): "
                    + report.malformed.sorted { $0.key < $1.key }.map { "\($0.key) \(count($0.value))" }.joined(separator: ", "))
        }
        lines.append("")
        lines.append(
            row([
                t(.ip), t(.mac), t(.vendor), t(.unit), t(.name), t(.os), t(.packetsOut), t(.packetsIn), t(.bytesOut),
                t(.bytesIn), t(.p95Mbps),
            ]))
        for h in report.hosts where h.scope == "unicast" {
            lines.append(
                row([
                    h.ip, h.mac ?? "-", h.vendor ?? "-", h.unit ?? "-", h.names.first?.name ?? "-", h.os?.name ?? "-",
                    count(h.packetsSent), count(h.packetsReceived), count(h.bytesSent), count(h.bytesReceived),
                    mbps(h.throughput.p95BitsPerSecond),
                ]))
        }
        lines.append("")
        lines.append(
            "\(t(.bandwidth)): \(t(.interval)) \(seconds(report.bandwidth.intervalSeconds)) s, "
                + "\(t(.totalPeak)) \(mbps(report.bandwidth.total.peakBitsPerSecond)) Mbit/s, "
                + "\(t(.p95)) \(mbps(report.bandwidth.total.p95BitsPerSecond)) Mbit/s")
        for u in report.bandwidth.units {
            let contract =
                u.contractedMbps.map {
                    ", \(t(.contracted)) \(format.decimal($0, places: 0)) Mbit/s, \(t(.p95Use)) \(format.percent(u.p95Utilisation ?? 0))"
                } ?? ""
            lines.append(
                "  \(TerminalText.printable(u.unit)): \(t(.internetPeak)) \(mbps(u.internet.peakBitsPerSecond)) "
                    + "\(t(.p95)) \(mbps(u.internet.p95BitsPerSecond)) Mbit/s\(contract)")
        }
        lines.append("")
        lines.append("\(t(.observations)): \(count(report.observations.count))")
        for o in report.observations {
            lines.append(
                TerminalText.printable(
                    "  \(o.kind.rawValue)  \(o.host) -> \(o.peer)  \(o.proto)  \(o.detail ?? "")  \(t(.packetCount)) \(count(o.packets))"))
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
