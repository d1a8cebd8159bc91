import Foundation
import InventoryModel

/// The unit inventory's figures as spreadsheet columns (the XLSX "Unit inventory" sheet and
/// `csv/units.csv`): the same figures the HTML unit block shows, as numbers a reader can sort and
/// sum.
///
/// Every group of figures has a source column beside it — measured (by the scan or the capture),
/// declared (in the inventory), not measured, missing — because the yearly report must say which
/// is which. A figure nobody measured is an empty cell, never a zero: a unit no capture covered
/// has no wire-only hosts *known*, not none. Column ids are fixed English names; headings follow
/// the report's language.
struct UnitFigureColumns {
    let language: Language
    /// The signature age the "up to date" columns count (the same for every unit of a build).
    var maxSignatureAgeDays: Double?

    private func label(_ key: ReportKey) -> String { key.text(in: language) }

    private func source(_ group: String) -> String { "\(label(.figureSource)): \(group)" }

    private var linkKinds: [LinkInventory.Kind] { LinkInventory.Kind.allCases }

    var columns: [ReportTable.Column] {
        func c(_ id: String, _ heading: String, _ width: Double = 12) -> ReportTable.Column {
            .init(id: id, heading: heading, width: width)
        }
        let computers = label(.computers), lan = label(.lan)
        let upToDate = label(.avUpToDateRow) + (maxSignatureAgeDays.map { " ≤ \(Int($0))" } ?? "")
        var columns = [
            c("computers_source", source(computers), 14),
            c("servers", label(.servers)), c("workstations", label(.workstations)),
            c("computers_per_staff", label(.computersPerStaff)),
            c("age_within_limit", "\(computers): \(label(.ageWithin))"), c("age_older", "\(computers): \(label(.ageOlder))"),
            c("age_unknown", "\(computers): \(label(.ageUnknown))"), c("virtual_machines", "\(computers): \(label(.virtualMachines))"),
            c("age_within_limit_share", label(.chartComputerAge), 16),
            c("internet_connected", label(.internetConnected)), c("internet_share", label(.internetShare)),
            c("av_installed", label(.avInstalledRow), 16), c("av_real_time", label(.avRealTimeRow), 16),
            c("av_up_to_date", upToDate, 16), c("av_up_to_date_share", "\(upToDate) (%)", 16),
            c("av_licensed", label(.avLicensedRow), 16), c("av_protected", label(.avProtectedRow), 16),
            c("av_without", label(.avWithoutRow), 16), c("av_without_updating", "\(label(.avWithoutRow)), \(label(.seenUpdating))", 16),
            c("av_unknown", label(.avUnknownRow), 16),
            c("capture_source", source(label(.measurement)), 14),
            c("av_wire_only_updating", label(.avWireOnlyRow), 16),
            c("lan_segments", "\(lan): \(label(.segmentCount))"), c("lan_managed_seen", "\(lan): \(label(.managedSeen))", 16),
            c("lan_wire_only", "\(lan): \(label(.wireOnly))", 16), c("lan_silent", "\(lan): \(label(.silent))", 16),
        ]
        for kind in linkKinds {
            let name = kind.label.text(language), k = kind.rawValue, mbps = label(.mbps)
            columns += [
                c("\(k)_contracted_mbps", "\(name): \(label(.contracted)) (\(mbps))", 14),
                c("\(k)_contracted_source", source("\(name): \(label(.contracted))"), 14),
            ]
            for (direction, key) in [("in", ReportKey.inbound), ("out", .outbound)] {
                columns += [
                    c("\(k)_\(direction)_p95_mbps", "\(name), \(label(key)): p95 (\(mbps))", 14),
                    c("\(k)_\(direction)_peak_mbps", "\(name), \(label(key)): \(label(.peak)) (\(mbps))", 14),
                    c("\(k)_\(direction)_mean_mbps", "\(name), \(label(key)): \(label(.mean)) (\(mbps))", 14),
                ]
            }
            columns += [
                c("\(k)_utilisation", "\(name): \(label(.utilisation))", 16),
                c("\(k)_measured_per_staff_mbps", "\(name): \(label(.measuredPerStaff)) (\(mbps))", 14),
                c("\(k)_measured_source", source("\(name): \(label(.measuredTraffic))"), 14),
            ]
        }
        columns.append(c("measurement", label(.measurement), 40))
        return columns
    }

    /// The cells of one unit, in `columns` order; all empty for a unit without an inventory.
    func cells(_ unit: UnitInventory?) -> [ReportTable.Cell] {
        guard let unit else { return Array(repeating: .empty, count: columns.count) }
        let c = unit.computers, av = unit.antivirus
        let scanned = c.scanned > 0
        let captured = unit.coverage.isMeasured
        func count(_ n: Int) -> ReportTable.Cell { scanned ? .integer(n) : .empty }
        func seen(_ n: Int) -> ReportTable.Cell { captured ? .integer(n) : .empty }
        func share(_ v: Double?) -> ReportTable.Cell { scanned ? v.map { .percent($0) } ?? .empty : .empty }
        func mbps(_ bits: Double?) -> ReportTable.Cell { bits.map { .number(($0 / 1e6 * 1000).rounded() / 1000) } ?? .empty }
        func from(_ measured: Bool) -> ReportTable.Cell { .text(label(measured ? .measured : .notMeasured)) }
        var cells: [ReportTable.Cell] = [
            from(scanned),
            count(c.servers), count(c.workstations), c.perStaff.map { scanned ? .number($0) : .empty } ?? .empty,
            count(c.withinAgeLimit), count(c.older), count(c.ageUnknown), count(c.virtualMachines), share(c.withinAgeLimitShare),
            count(c.internetConnected), share(c.internetShare),
            count(av.installed), count(av.realTime), count(av.upToDate), share(av.upToDateShare), count(av.licensed),
            count(av.protected), count(av.without), count(av.withoutButUpdating), count(av.unknown),
            from(captured),
            seen(av.wireOnlyUpdating.count),
            .integer(unit.lan.segments.count), seen(unit.lan.managedSeen), seen(unit.lan.wireOnly), seen(unit.lan.silent),
        ]
        for kind in linkKinds {
            let link = unit.link(kind)
            let measured = link?.measured
            cells += [
                link?.contractedMbps.map { .number($0) } ?? .empty,
                .text(label(link?.contractedMbps == nil ? .missing : .declared)),
                mbps(measured?.inbound.p95BitsPerSecond), mbps(measured?.inbound.peakBitsPerSecond),
                mbps(measured?.inbound.meanBitsPerSecond),
                mbps(measured?.outbound.p95BitsPerSecond), mbps(measured?.outbound.peakBitsPerSecond),
                mbps(measured?.outbound.meanBitsPerSecond),
                link?.utilisation.map { .percent($0) } ?? .empty,
                link?.measuredPerStaffMbps.map { .number(($0 * 1000).rounded() / 1000) } ?? .empty,
                from(measured != nil),
            ]
        }
        let coverage = [unit.coverage.state.label.text(language)] + unit.coverage.notes.map { $0.text(language) }
        cells.append(.text(coverage.joined(separator: " — ")))
        return cells
    }
}
