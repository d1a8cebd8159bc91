public import Foundation
public import InventoryModel

/// The asset register IT centres fill by hand today: the units with their readiness figures and
/// one row per computer (or, with software, one row per installed package or Windows update),
/// from a stored scan. `ictaudit inventory` prints it as a table, CSV or JSON.
///
/// Text from hosts goes through the same cleaning as the reports (control characters out, CSV
/// formulas made inert), so a hostile hostname cannot reach a spreadsheet as a command.
public struct AssetRegister: Sendable {
    public enum Format: String, Sendable, CaseIterable {
        case table, csv, json
    }

    public let snapshot: InventorySnapshot
    public let units: [UnitInventory]
    public var language: Language

    /// - Parameter unit: only this unit's computers and figures, when given.
    public init(snapshot: InventorySnapshot, unit: String? = nil, language: Language = .vi) {
        var snapshot = snapshot
        if let unit {
            snapshot.hosts = snapshot.hosts.filter { $0.target.unit == unit }
        }
        self.snapshot = snapshot
        self.units = UnitInventory.build(snapshot).filter { unit == nil || $0.id == unit }
        self.language = language
    }

    // MARK: Columns

    /// A column of the computers table: its machine id, heading and cell.
    struct Column {
        var id: String
        var label: Label
        var value: (HostScan, Computer?) -> ReportTable.Cell
    }

    /// Every heading the register prints, in both languages (an exhaustive switch, as `ReportKey`).
    enum Label: LabelKey {
        case unit, name, address, role, os, osVersion, kernel, cpu, cores, memory, hardwareDate, hardwareDateOrigin, ageYears
        case ageClass, purchaseDeclared, biosMeasured
        case antivirus, antivirusState, signatureAge, lastBoot, lastUpdate, services, status, lanAddresses
        case internet, seenOnWire, package, version, architecture, kind, installedOn
        case computers, staff, perStaff, servers, withinAge, internetShare, avUpToDate, wireOnly, silent
        case p95, peak, utilisation, contracted, coverage, host

        var text: LocalizedText {
            switch self {
            case .unit: LocalizedText(vi: "Đơn vị", en: "Unit")
            case .name: LocalizedText(vi: "Tên máy", en: "Name")
            case .address: LocalizedText(vi: "Địa chỉ", en: "Address")
            case .role: LocalizedText(vi: "Vai trò", en: "Role")
            case .os: LocalizedText(vi: "Hệ điều hành", en: "Operating system")
            case .osVersion: LocalizedText(vi: "Phiên bản HĐH", en: "OS version")
            case .kernel: LocalizedText(vi: "Nhân", en: "Kernel")
            case .cpu: LocalizedText(vi: "Bộ xử lý", en: "CPU")
            case .cores: LocalizedText(vi: "Số lõi", en: "Cores")
            case .memory: LocalizedText(vi: "Bộ nhớ (GiB)", en: "Memory (GiB)")
            case .hardwareDate: LocalizedText(vi: "Ngày phần cứng", en: "Hardware date")
            case .hardwareDateOrigin: LocalizedText(vi: "Nguồn ngày phần cứng", en: "Hardware date from")
            case .purchaseDeclared: LocalizedText(vi: "kê khai (ngày mua)", en: "declared (purchase date)")
            case .biosMeasured: LocalizedText(vi: "đo được (ngày BIOS)", en: "measured (BIOS date)")
            case .ageYears: LocalizedText(vi: "Tuổi (năm)", en: "Age (years)")
            case .ageClass: LocalizedText(vi: "Nhóm tuổi", en: "Age class")
            case .antivirus: LocalizedText(vi: "Phần mềm phòng chống mã độc", en: "Antivirus")
            case .antivirusState: LocalizedText(vi: "Trạng thái bảo vệ", en: "Protection state")
            case .signatureAge: LocalizedText(vi: "Tuổi mẫu nhận diện (ngày)", en: "Signature age (days)")
            case .lastBoot: LocalizedText(vi: "Khởi động gần nhất", en: "Last boot")
            case .lastUpdate: LocalizedText(vi: "Cập nhật gần nhất", en: "Last update")
            case .services: LocalizedText(vi: "Dịch vụ đang mở", en: "Listening services")
            case .status: LocalizedText(vi: "Kết quả quét", en: "Scan status")
            case .lanAddresses: LocalizedText(vi: "Địa chỉ LAN", en: "LAN addresses")
            case .internet: LocalizedText(vi: "Kết nối Internet", en: "Internet")
            case .seenOnWire: LocalizedText(vi: "Thấy trên mạng", en: "Seen on the wire")
            case .package: LocalizedText(vi: "Gói / bản vá", en: "Package / update")
            case .version: LocalizedText(vi: "Phiên bản", en: "Version")
            case .architecture: LocalizedText(vi: "Kiến trúc", en: "Architecture")
            case .kind: LocalizedText(vi: "Loại", en: "Kind")
            case .installedOn: LocalizedText(vi: "Ngày cài", en: "Installed on")
            case .computers: LocalizedText(vi: "Số máy", en: "Computers")
            case .staff: LocalizedText(vi: "Cán bộ", en: "Staff")
            case .perStaff: LocalizedText(vi: "Máy/cán bộ", en: "Per staff")
            case .servers: LocalizedText(vi: "Máy chủ", en: "Servers")
            case .withinAge: LocalizedText(vi: "≤ 5 năm", en: "≤ 5 years")
            case .internetShare: LocalizedText(vi: "Có Internet", en: "On the Internet")
            case .avUpToDate: LocalizedText(vi: "Mã độc: mẫu mới", en: "AV up to date")
            case .wireOnly: LocalizedText(vi: "Ngoài danh mục", en: "Wire-only")
            case .silent: LocalizedText(vi: "Không thấy", en: "Silent")
            case .p95: LocalizedText(vi: "Internet p95 (Mbit/s, đo)", en: "Internet p95 (Mbit/s, measured)")
            case .peak: LocalizedText(vi: "Đỉnh (Mbit/s, đo)", en: "Peak (Mbit/s, measured)")
            case .utilisation: LocalizedText(vi: "Sử dụng/hợp đồng", en: "Used/contracted")
            case .contracted: LocalizedText(vi: "Hợp đồng (Mbit/s, khai báo)", en: "Contracted (Mbit/s, declared)")
            case .coverage: LocalizedText(vi: "Đo lưu lượng", en: "Traffic measured")
            case .host: LocalizedText(vi: "Máy", en: "Host")
            }
        }
    }

    var computerColumns: [Column] {
        func text(_ s: String?) -> ReportTable.Cell { s.map { .text($0) } ?? .empty }
        func label(_ l: LocalizedText) -> ReportTable.Cell { .text(l.text(language)) }
        return [
            Column(id: "unit", label: .unit) { h, _ in .text(h.target.unit) },
            Column(id: "name", label: .name) { h, _ in text(h.target.name ?? h.facts?.hostname) },
            Column(id: "address", label: .address) { h, _ in .text(h.target.endpoint) },
            Column(id: "lan_addresses", label: .lanAddresses) { _, c in text(c.map { $0.lanAddresses.joined(separator: " ") }) },
            Column(id: "role", label: .role) { _, c in c.map { label($0.role.label) } ?? .empty },
            Column(id: "os", label: .os) { h, _ in text(h.facts?.os.map { $0.prettyName ?? $0.name ?? $0.id }) },
            Column(id: "os_version", label: .osVersion) { h, _ in text(h.facts?.os?.versionID) },
            Column(id: "kernel", label: .kernel) { h, _ in text(h.facts?.kernel) },
            Column(id: "cpu", label: .cpu) { h, _ in text(h.facts?.cpu?.model) },
            Column(id: "cores", label: .cores) { h, _ in h.facts?.cpu.map { .integer($0.logicalCores) } ?? .empty },
            Column(id: "memory_gib", label: .memory) { h, _ in
                h.facts?.memory.map { .number((Double($0.totalBytes) / 1_073_741_824 * 10).rounded() / 10) } ?? .empty
            },
            Column(id: "hardware_date", label: .hardwareDate) { _, c in c?.hardwareDate.map { .date($0) } ?? .empty },
            // A declared `purchased:` date wins over the BIOS date; a virtual machine has neither.
            Column(id: "hardware_date_origin", label: .hardwareDateOrigin) { _, c in
                switch c?.hardwareDateOrigin {
                case .declared: label(Label.purchaseDeclared.text)
                case .measured: label(Label.biosMeasured.text)
                case .unknown, nil: .empty
                }
            },
            Column(id: "age_years", label: .ageYears) { _, c in c?.ageYears.map { .number(($0 * 10).rounded() / 10) } ?? .empty },
            Column(id: "age_class", label: .ageClass) { _, c in c.map { label($0.ageClass.label) } ?? .empty },
            Column(id: "antivirus", label: .antivirus) { h, _ in
                text((h.facts?.antivirus ?? []).filter(\.installed).map { [$0.product, $0.version].compactMap { $0 }.joined(separator: " ") }
                    .joined(separator: "; ").nilIfEmpty)
            },
            Column(id: "antivirus_state", label: .antivirusState) { _, c in c.map { .text(self.antivirusState($0.antivirus)) } ?? .empty },
            Column(id: "signature_age_days", label: .signatureAge) { _, c in
                c?.antivirus.signatureAgeDays.map { .number(($0 * 10).rounded() / 10) } ?? .empty
            },
            Column(id: "last_boot", label: .lastBoot) { h, _ in h.facts?.lastBoot.map { .date($0) } ?? .empty },
            Column(id: "last_update", label: .lastUpdate) { h, _ in h.facts?.lastUpdate.map { .date($0) } ?? .empty },
            Column(id: "services", label: .services) { h, _ in
                text(
                    Set((h.facts?.listening ?? []).map { "\($0.port)/\($0.proto.rawValue)" }).sorted {
                        (Int($0.split(separator: "/")[0]) ?? 0, $0) < (Int($1.split(separator: "/")[0]) ?? 0, $1)
                    }.joined(separator: " ").nilIfEmpty)
            },
            Column(id: "internet", label: .internet) { _, c in c?.internet.connected.map { .bool($0) } ?? .empty },
            Column(id: "seen_on_wire", label: .seenOnWire) { _, c in c?.seenOnWire.map { .bool($0) } ?? .empty },
            Column(id: "status", label: .status) { h, _ in label(h.status.label) },
        ]
    }

    private func antivirusState(_ a: ComputerAntivirus) -> String {
        guard let installed = a.installed else {
            return LocalizedText(vi: "Chưa rõ (không quét được)", en: "Unknown (not scanned)").text(language)
        }
        guard installed else {
            return a.seenUpdating
                ? LocalizedText(vi: "Không thấy, nhưng có tải cập nhật", en: "None found, yet fetching updates").text(language)
                : LocalizedText(vi: "Không có", en: "None").text(language)
        }
        var parts: [LocalizedText] = []
        parts.append(
            a.realTime == true
                ? LocalizedText(vi: "bảo vệ thời gian thực", en: "real-time on") : LocalizedText(vi: "tắt thời gian thực", en: "real-time off"))
        parts.append(
            a.signaturesFresh == true
                ? LocalizedText(vi: "mẫu mới", en: "signatures up to date") : LocalizedText(vi: "mẫu cũ", en: "signatures out of date"))
        if let licensed = a.licensed {
            parts.append(licensed ? LocalizedText(vi: "còn bản quyền", en: "licensed") : LocalizedText(vi: "hết bản quyền", en: "licence expired"))
        }
        return parts.map { $0.text(language) }.joined(separator: ", ")
    }

    /// One row per computer, in inventory order, its unit-inventory view beside its scan.
    var computers: [(HostScan, Computer?)] {
        var byEndpoint: [String: Computer] = [:]
        for unit in units { for c in unit.computerList { byEndpoint[c.endpoint] = c } }
        return snapshot.hosts.map { ($0, byEndpoint[$0.target.endpoint]) }
    }

    /// The computers as a report table (the CSV and the terminal table read it).
    func computerTable() -> ReportTable {
        let rows = computers
        let columns = computerColumns
        return ReportTable(
            id: "hosts", title: Label.host.text.text(language),
            columns: columns.map { .init(id: $0.id, heading: $0.label.text.text(language), width: 16) }, count: rows.count,
            row: { i in columns.map { $0.value(rows[i].0, rows[i].1) } })
    }

    /// One row per installed package or Windows update of each scanned host.
    func softwareTable() -> ReportTable {
        var rows: [[ReportTable.Cell]] = []
        for host in snapshot.hosts {
            let name: ReportTable.Cell = .text(host.target.name ?? host.facts?.hostname ?? host.target.endpoint)
            for p in host.facts?.packages ?? [] {
                rows.append([.text(host.target.unit), name, .text(host.target.endpoint), .text("package"), .text(p.name), .text(p.version),
                             p.architecture.map { .text($0) } ?? .empty, .empty])
            }
            for fix in host.facts?.hotfixes ?? [] {
                rows.append([.text(host.target.unit), name, .text(host.target.endpoint), .text("hotfix"), .text(fix.id),
                             fix.description.map { .text($0) } ?? .empty, .empty, fix.installedOn.map { .date($0) } ?? .empty])
            }
        }
        let labels: [(String, Label)] = [
            ("unit", .unit), ("name", .name), ("address", .address), ("kind", .kind), ("package", .package), ("version", .version),
            ("architecture", .architecture), ("installed_on", .installedOn),
        ]
        return ReportTable(
            id: "software", title: Label.package.text.text(language),
            columns: labels.map { .init(id: $0.0, heading: $0.1.text.text(language), width: 16) }, count: rows.count,
            row: { rows[$0] })
    }

    /// The units' figures; measured values say so in their headings, declared ones too.
    func unitTable() -> ReportTable {
        func mbps(_ v: Double?) -> ReportTable.Cell { v.map { .number(($0 / 1e6 * 100).rounded() / 100) } ?? .empty }
        func share(_ v: Double?) -> ReportTable.Cell { v.map { .number(($0 * 1000).rounded() / 1000) } ?? .empty }
        let labels: [(String, Label)] = [
            ("unit", .unit), ("computers", .computers), ("staff", .staff), ("per_staff", .perStaff), ("servers", .servers),
            ("within_age_share", .withinAge), ("internet_share", .internetShare), ("antivirus_up_to_date_share", .avUpToDate),
            ("wire_only", .wireOnly), ("silent", .silent), ("contracted_mbps", .contracted), ("internet_p95_mbps", .p95),
            ("internet_peak_mbps", .peak), ("utilisation", .utilisation), ("coverage", .coverage),
        ]
        let rows: [[ReportTable.Cell]] = units.map { u in
            let internet = u.link(.internet)
            let measured = internet?.measured
            let wire = u.coverage.isMeasured
            return [
                .text(u.id), .integer(u.computers.total), .integer(u.staff), share(u.computers.perStaff), .integer(u.servers.count),
                share(u.computers.withinAgeLimitShare), share(u.computers.internetShare), share(u.antivirus.upToDateShare),
                wire ? .integer(u.lan.wireOnly) : .empty, wire ? .integer(u.lan.silent) : .empty,
                internet?.contractedMbps.map { .number($0) } ?? .empty, mbps(measured?.busier.p95BitsPerSecond),
                mbps(measured.map { max($0.inbound.peakBitsPerSecond, $0.outbound.peakBitsPerSecond) }), share(internet?.utilisation),
                .text(u.coverage.state.label.text(language)),
            ]
        }
        return ReportTable(
            id: "units", title: Label.unit.text.text(language),
            columns: labels.map { .init(id: $0.0, heading: $0.1.text.text(language), width: 12) }, count: rows.count,
            row: { rows[$0] })
    }

    // MARK: Output

    /// The register in `format`: the terminal table lists units then computers; CSV is one row per
    /// computer (or per package with `software`), UTF-8 with BOM, so it opens in a spreadsheet;
    /// JSON holds the unit inventories and the computer rows.
    public func render(_ format: Format, software: Bool = false) throws -> Data {
        let dates = ISO8601DateFormatter()
        dates.formatOptions = [.withInternetDateTime]
        switch format {
        case .csv:
            let table = software ? softwareTable() : computerTable()
            var out = Data([0xEF, 0xBB, 0xBF])
            func line(_ fields: [String]) {
                out.append(contentsOf: fields.joined(separator: ",").utf8)
                out.append(contentsOf: [0x0D, 0x0A])
            }
            line(table.columns.map { CSVReport.quoted($0.heading) })
            for i in 0..<table.count { line(table.row(i).map { CSVReport.field($0, dates) }) }
            return out
        case .table:
            var text = ""
            if !software { text += Self.plainTable(unitTable(), dates: dates) + "\n" }
            text += Self.plainTable(software ? softwareTable() : computerTable(), dates: dates)
            return Data(text.utf8)
        case .json:
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            encoder.dateEncodingStrategy = .iso8601
            let table = software ? softwareTable() : computerTable()
            let rows: [[String: JSONCell]] = (0..<table.count).map { i in
                Dictionary(uniqueKeysWithValues: zip(table.columns.map(\.id), table.row(i).map(JSONCell.init)))
            }
            return try encoder.encode(JSONDocument(scan: snapshot.scanID, units: software ? nil : units, rows: rows))
        }
    }

    private struct JSONDocument: Encodable {
        var scan: Int64?
        var units: [UnitInventory]?
        var rows: [[String: JSONCell]]
    }

    /// A cell with its type kept: numbers stay numbers, unknown is null.
    private struct JSONCell: Encodable {
        let cell: ReportTable.Cell
        init(_ cell: ReportTable.Cell) { self.cell = cell }
        func encode(to encoder: any Encoder) throws {
            var c = encoder.singleValueContainer()
            switch cell {
            case .text(let s): try c.encode(UntrustedText.clean(s))
            case .number(let d), .percent(let d): d.isFinite ? try c.encode(d) : try c.encodeNil()
            case .integer(let i): try c.encode(i)
            case .date(let d): try c.encode(d)
            case .bool(let b): try c.encode(b)
            case .empty: try c.encodeNil()
            }
        }
    }

    /// Columns padded to their widest cell; text from hosts cleaned of control characters.
    static func plainTable(_ table: ReportTable, dates: ISO8601DateFormatter) -> String {
        func cell(_ c: ReportTable.Cell) -> String {
            switch c {
            case .text(let s): UntrustedText.clean(s)
            case .number(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
            case .percent(let d): String(format: "%.1f %%", d * 100)
            case .integer(let i): String(i)
            case .date(let d): String(dates.string(from: d).prefix(10))
            case .bool(let b): b ? "✓" : "✗"
            case .empty: "—"
            }
        }
        let rows = [table.columns.map(\.heading)] + (0..<table.count).map { table.row($0).map(cell) }
        var widths = [Int](repeating: 0, count: table.columns.count)
        for row in rows { for (i, c) in row.enumerated() { widths[i] = max(widths[i], c.count) } }
        return rows.map { row in
            row.enumerated().map { i, c in c + String(repeating: " ", count: widths[i] - c.count) }.joined(separator: "  ")
                .replacingOccurrences(of: "\\s+$", with: "", options: .regularExpression)
        }.joined(separator: "\n") + "\n"
    }
}

extension String {
    fileprivate var nilIfEmpty: String? { isEmpty ? nil : self }
}
