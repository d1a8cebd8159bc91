import Foundation
import InventoryModel

/// The unit inventory part of a unit's block: every figure the yearly report asks for on its own
/// row with where it came from (measured by the scan or the capture, declared in the inventory,
/// or not measured), and on the unit's detail pages its LAN segments address by address.
///
/// Rows carry `data-figure` ids (stable, language-free), so a reader's tools and the tests find a
/// figure without reading its label.
extension HTMLContext {
    private func u(_ key: ReportKey) -> String { d.label(key) }

    /// `figures` for the figure table; `segments` for the LAN table when `detailed` (unit pages).
    func unitInventoryBlock(_ unit: UnitInventory, detailed: Bool) -> [String: Any] {
        var block: [String: Any] = ["figures": unitFigures(unit), "detailed": detailed]
        if detailed {
            let names = Dictionary(
                unit.computerList.map { ($0.endpoint, $0.name ?? $0.hostname ?? $0.endpoint) }, uniquingKeysWith: { a, _ in a })
            block["segments"] = unit.lan.segments.map { segmentRow($0, names: names) }
            block["hasSegments"] = !unit.lan.segments.isEmpty
            block["unplaced"] =
                unit.lan.unplaced.isEmpty ? "" : "\(u(.unplaced)): \(unit.lan.unplaced.map { t($0) }.joined(separator: ", "))"
        }
        return block
    }

    private enum Source: String {
        case measured, declared
        case notMeasured = "not-measured"
        /// A declared figure the inventory does not give.
        case missing
    }

    private func row(_ id: String, _ label: String, _ value: String, _ source: Source) -> [String: String] {
        let text: String =
            switch source {
            case .measured: u(.measured)
            case .declared: u(.declared)
            case .notMeasured: u(.notMeasured)
            case .missing: u(.missing)
            }
        return ["id": id, "label": label, "value": value, "source": text, "sourceClass": source.rawValue]
    }

    private func count(_ part: Int, of whole: Int) -> String {
        let share = whole > 0 ? " (\(d.format.percent(Double(part) / Double(whole))))" : ""
        return "\(d.format.integer(part))/\(d.format.integer(whole))\(share)"
    }

    /// Mbit/s with at least `places` decimals, more for small figures (a WAN of a few kbit/s is not 0.0).
    private func mbps(_ megabits: Double, places: Int = 1) -> String {
        let needed = megabits == 0 || megabits >= 1 ? places : megabits >= 0.1 ? max(places, 2) : max(places, 3)
        return "\(d.format.decimal(megabits, places: needed)) \(u(.mbps))"
    }

    private func unitFigures(_ unit: UnitInventory) -> [[String: String]] {
        let c = unit.computers
        let av = unit.antivirus
        let captured = unit.coverage.state != .none
        let scanned: Source = c.scanned > 0 ? .measured : .notMeasured
        let seen: Source = captured ? .measured : .notMeasured
        var rows: [[String: String]] = [
            row("computers", u(.computers),
                "\(d.format.integer(c.total)) (\(u(.servers)): \(d.format.integer(c.servers)), \(u(.workstations)): \(d.format.integer(c.workstations)); \(u(.scannedCount)): \(d.format.integer(c.scanned)))",
                scanned),
            row("staff", u(.staff), d.format.integer(unit.staff), .declared),
            row("computers-per-staff", u(.computersPerStaff), c.perStaff.map { d.format.decimal($0, places: 2) } ?? "—", scanned),
            row("within-age-limit", u(.chartComputerAge),
                "\(c.withinAgeLimitShare.map(d.format.percent) ?? "—") (\(d.format.integer(c.withinAgeLimit))/\(d.format.integer(c.total - c.virtualMachines)); \(u(.ageOlder)): \(d.format.integer(c.older)), \(u(.ageUnknown)): \(d.format.integer(c.ageUnknown)), \(u(.virtualMachines)): \(d.format.integer(c.virtualMachines)))",
                scanned),
            row("internet-share", u(.internetShare),
                "\(c.internetShare.map(d.format.percent) ?? "—") (\(d.format.integer(c.internetConnected))/\(d.format.integer(c.total)); \(u(.unknown)): \(d.format.integer(c.internetUnknown)))",
                scanned),
            row("av-installed", u(.avInstalledRow), count(av.installed, of: av.computers), scanned),
            row("av-real-time", u(.avRealTimeRow), count(av.realTime, of: av.computers), scanned),
            row("av-up-to-date", "\(u(.avUpToDateRow)) (≤ \(d.format.decimal(av.maxSignatureAgeDays, places: 0)))", count(av.upToDate, of: av.computers), scanned),
            row("av-licensed", u(.avLicensedRow), count(av.licensed, of: av.computers), scanned),
            row("av-protected", u(.avProtectedRow), count(av.protected, of: av.computers), scanned),
            row("av-without", u(.avWithoutRow),
                d.format.integer(av.without) + (av.withoutButUpdating > 0 ? " (\(u(.seenUpdating)): \(d.format.integer(av.withoutButUpdating)))" : ""),
                scanned),
            row("av-unknown", u(.avUnknownRow), d.format.integer(av.unknown), scanned),
            row("av-wire-only-updating", u(.avWireOnlyRow),
                !captured ? u(.notMeasured)
                    : av.wireOnlyUpdating.isEmpty ? "0"
                    : "\(d.format.integer(av.wireOnlyUpdating.count)): \(av.wireOnlyUpdating.map { t($0) }.joined(separator: ", "))",
                seen),
        ]
        for link in unit.links {
            let prefix = link.kind.rawValue
            let name = link.kind.label.text(input.language)
            rows.append(row("\(prefix)-contracted", "\(name): \(u(.contracted))", link.contractedMbps.map { mbps($0) } ?? "—",
                            link.contractedMbps == nil ? .missing : .declared))
            if let perStaff = link.contractedPerStaffMbps {
                rows.append(row("\(prefix)-contracted-per-staff", "\(name): \(u(.contractedPerStaff))", mbps(perStaff, places: 2), .declared))
            }
            guard let measured = link.measured else {
                rows.append(row("\(prefix)-measured", "\(name): \(u(.measuredTraffic))", u(.notMeasured), .notMeasured))
                continue
            }
            for (direction, stats) in [("in", measured.inbound), ("out", measured.outbound)] {
                let label = "\(name), \(u(direction == "in" ? .inbound : .outbound))"
                rows.append(row("\(prefix)-\(direction)-p95", "\(label): p95", mbps(stats.p95BitsPerSecond / 1e6), .measured))
                rows.append(row("\(prefix)-\(direction)-peak", "\(label): \(u(.peak))", mbps(stats.peakBitsPerSecond / 1e6), .measured))
                rows.append(row("\(prefix)-\(direction)-mean", "\(label): \(u(.mean))", mbps(stats.meanBitsPerSecond / 1e6), .measured))
            }
            rows.append(row("\(prefix)-intervals", "\(name): \(u(.intervalsMeasured))",
                            "\(d.format.integer(measured.intervals)) × \(d.format.decimal(measured.intervalSeconds, places: 0)) s", .measured))
            rows.append(row("\(prefix)-utilisation", "\(name): \(u(.utilisation))", link.utilisation.map(d.format.percent) ?? "—",
                            link.utilisation == nil ? .notMeasured : .measured))
            rows.append(row("\(prefix)-per-staff", "\(name): \(u(.measuredPerStaff))", link.measuredPerStaffMbps.map { mbps($0, places: 2) } ?? "—",
                            link.measuredPerStaffMbps == nil ? .notMeasured : .measured))
            if link.kind == .wan {
                let peers = link.peers.map { t(d.unitName($0)) }.joined(separator: ", ")
                rows.append(row("wan-peers", u(.wanPeers), peers.isEmpty ? u(.noneSeen) : peers, .measured))
            }
        }
        let lan = unit.lan
        rows.append(row("lan", u(.lanAddresses),
                        captured
                            ? "\(u(.managedSeen)): \(d.format.integer(lan.managedSeen)), \(u(.wireOnly)): \(d.format.integer(lan.wireOnly)), \(u(.silent)): \(d.format.integer(lan.silent)); \(u(.segmentCount)): \(d.format.integer(lan.segments.count))"
                            : "\(u(.segmentCount)): \(d.format.integer(lan.segments.count)); \(u(.notMeasured))",
                        seen))
        rows.append(row("coverage", u(.measurement),
                        t(([unit.coverage.state.label.text(input.language)] + unit.coverage.notes.map { $0.text(input.language) }).joined(separator: " — ")),
                        seen))
        return rows
    }

    /// `names`: the inventory name of each computer by endpoint.
    private func segmentRow(_ segment: LANSegment, names: [String: String]) -> [String: Any] {
        func host(_ address: SegmentAddress) -> String {
            let name = names[address.endpoint] ?? address.endpoint
            return t(name == address.endpoint ? name : "\(name) (\(address.endpoint))")
        }
        var row: [String: Any] = [
            "subnet": t(segment.subnet),
            "source": u(segment.source == .declared ? .declaredSubnet : .interfaceSubnet),
            "managed": segment.managed.map { ["address": t($0.address), "host": host($0)] },
            "wireOnly": segment.wireOnly.map { wire -> [String: String] in
                let about = [wire.names.map { t($0) }.joined(separator: ", "), t(wire.vendor ?? ""), t(wire.mac ?? ""), t(wire.osGuess ?? "")]
                    .filter { !$0.isEmpty }.joined(separator: " · ")
                return [
                    "address": t(wire.address), "about": about,
                    "antivirus": wire.antivirusUpdates.isEmpty
                        ? u(.noAntivirusUpdates) : "\(u(.antivirusUpdates)): \(wire.antivirusUpdates.map { t($0) }.joined(separator: ", "))",
                    "avClass": wire.antivirusUpdates.isEmpty ? "no-av" : "av",
                ]
            },
            "silent": segment.silent.map { ["address": t($0.address), "host": host($0)] },
        ]
        if segment.seen == nil { row["notMeasured"] = u(.notMeasured) }
        return row
    }
}
