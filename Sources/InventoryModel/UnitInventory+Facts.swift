import Foundation

extension FactSchema {
    /// The `unit` root of unit policies and ranking methods: a ``UnitInventory`` as the expression
    /// language reads it. Bandwidth is in Mbit/s; a figure the audit could not measure is null,
    /// so a rule on it is an error ("cannot tell"), never a silent pass on zero.
    public static let unit = FactObjectType(
        name: "Unit",
        fields: [
            .init("id", .string, vi: "Mã đơn vị", en: "Unit id"),
            .init("name", .string, vi: "Tên đơn vị (tiếng Việt)", en: "Unit name (Vietnamese)"),
            .init("parent", .string, vi: "Đơn vị cấp trên", en: "Parent unit"),
            .init("subordinates", .list(.string), vi: "Các đơn vị trực thuộc", en: "Subordinate units"),
            .init("staff", .int, vi: "Số cán bộ", en: "Staff members"),
            .init("computers", .object(unitComputers), vi: "Máy tính của đơn vị", en: "The unit's computers"),
            .init("lan", .object(unitLAN), vi: "Mạng nội bộ (LAN)", en: "Local network (LAN)"),
            .init("internet", .object(unitLink), vi: "Kết nối Internet", en: "Internet link"),
            .init("wan", .object(unitWAN), vi: "Kết nối mạng WAN (tới các đơn vị khác)", en: "WAN link (to other units)"),
            .init("antivirus", .object(unitAntivirus), vi: "Phòng chống mã độc", en: "Antivirus coverage"),
            .init("servers", .object(unitServers), vi: "Máy chủ và dịch vụ", en: "Servers and services"),
            .init("coverage", .object(unitCoverage), vi: "Phạm vi đo lưu lượng", en: "Coverage of the traffic measurement"),
        ])

    public static let unitComputers = FactObjectType(
        name: "UnitComputers",
        fields: [
            .init("total", .int, vi: "Số máy trong danh mục", en: "Computers in the inventory"),
            .init("scanned", .int, vi: "Số máy quét được", en: "Computers scanned"),
            .init("servers", .int, vi: "Số máy chủ", en: "Servers"),
            .init("workstations", .int, vi: "Số máy trạm", en: "Workstations"),
            .init("per_staff", .double, vi: "Số máy tính trên cán bộ", en: "Computers per staff member"),
            .init("within_age_limit", .int, vi: "Số máy không quá 5 năm tuổi", en: "Computers at most 5 years old"),
            .init("older", .int, vi: "Số máy trên 5 năm tuổi", en: "Computers older than 5 years"),
            .init("age_unknown", .int, vi: "Số máy chưa rõ tuổi", en: "Computers of unknown age"),
            .init("virtual", .int, vi: "Số máy ảo (không tính tuổi phần cứng)", en: "Virtual machines (no hardware age)"),
            .init(
                "within_age_limit_share", .double, vi: "Tỷ lệ máy không quá 5 năm tuổi (0–1)",
                en: "Share of computers at most 5 years old (0–1)"),
            .init(
                "internet_connected", .int, vi: "Số máy kết nối Internet (tuyến mặc định hoặc lưu lượng ra Internet)",
                en: "Computers on the Internet (default route or traffic to public addresses)"),
            .init("internet_share", .double, vi: "Tỷ lệ máy kết nối Internet (0–1)", en: "Share of computers on the Internet (0–1)"),
            .init("list", .list(.object(unitComputer)), vi: "Từng máy", en: "Each computer"),
        ])

    public static let unitComputer = FactObjectType(
        name: "UnitComputer",
        fields: [
            .init("endpoint", .string, vi: "Địa chỉ:cổng trong danh mục", en: "Inventory address:port"),
            .init("name", .string, vi: "Tên trong danh mục", en: "Inventory name"),
            .init("status", .string, vi: "Kết quả quét", en: "Scan status"),
            .init("role", .string, vi: "Vai trò: server, workstation, unknown", en: "Role: server, workstation, unknown"),
            .init("role_basis", .string, vi: "Căn cứ vai trò: declared, os, services, no-services, not-scanned", en: "Role basis: declared, os, services, no-services, not-scanned"),
            .init("os_family", .string, vi: "Họ hệ điều hành", en: "OS family"),
            .init("age_years", .double, vi: "Tuổi phần cứng (năm, theo ngày BIOS)", en: "Hardware age in years (BIOS date)"),
            .init("internet", .bool, vi: "Có kết nối Internet", en: "On the Internet"),
            .init("seen_on_wire", .bool, vi: "Xuất hiện trong bản ghi lưu lượng", en: "Seen in the capture"),
            .init("antivirus_installed", .bool, vi: "Có phần mềm phòng chống mã độc", en: "Antivirus installed"),
            .init("antivirus_up_to_date", .bool, vi: "Mẫu nhận diện còn mới", en: "Signatures up to date"),
            .init("services", .list(.string), vi: "Loại dịch vụ đang mở", en: "Kinds of listening services"),
        ])

    public static let unitLAN = FactObjectType(
        name: "UnitLAN",
        fields: [
            .init("has_own_lan", .bool, vi: "Đơn vị có mạng LAN riêng", en: "The unit has a LAN of its own"),
            .init("managed_seen", .int, vi: "Số địa chỉ trong danh mục thấy trên mạng", en: "Inventory addresses seen on the wire"),
            .init("wire_only", .int, vi: "Số địa chỉ thấy trên mạng nhưng ngoài danh mục", en: "Addresses seen on the wire, not in the inventory"),
            .init("silent", .int, vi: "Số địa chỉ trong danh mục không thấy trên mạng", en: "Inventory addresses never seen on the wire"),
            .init("segments", .list(.object(unitSegment)), vi: "Các phân đoạn mạng", en: "Segments"),
        ])

    public static let unitSegment = FactObjectType(
        name: "UnitSegment",
        fields: [
            .init("subnet", .string, vi: "Dải địa chỉ (CIDR)", en: "Subnet (CIDR)"),
            .init("source", .string, vi: "Nguồn: declared hoặc interface", en: "Source: declared or interface"),
            .init("seen", .bool, vi: "Có lưu lượng trên phân đoạn", en: "Traffic seen on the segment"),
            .init("managed", .int, vi: "Địa chỉ trong danh mục thấy trên mạng", en: "Inventory addresses seen"),
            .init("wire_only", .int, vi: "Địa chỉ ngoài danh mục", en: "Addresses not in the inventory"),
            .init("silent", .int, vi: "Địa chỉ trong danh mục không thấy", en: "Inventory addresses not seen"),
            .init("servers", .int, vi: "Số máy chủ trên phân đoạn", en: "Servers on the segment"),
        ])

    public static let unitDirection = FactObjectType(
        name: "LinkDirection",
        fields: [
            .init("mean_mbps", .double, vi: "Trung bình (Mbit/s)", en: "Mean (Mbit/s)"),
            .init("peak_mbps", .double, vi: "Đỉnh (Mbit/s)", en: "Peak (Mbit/s)"),
            .init("p95_mbps", .double, vi: "Phân vị 95 (Mbit/s)", en: "95th percentile (Mbit/s)"),
            .init("bytes", .int, vi: "Tổng số byte", en: "Total bytes"),
        ])

    static let linkFields: [FactObjectType.Field] = [
        .init("contracted_mbps", .double, vi: "Băng thông hợp đồng, khai báo (Mbit/s)", en: "Contracted capacity, declared (Mbit/s)"),
        .init("measured", .bool, vi: "Đã đo bằng bản ghi lưu lượng", en: "Measured from a capture"),
        .init("interval_seconds", .double, vi: "Độ dài khoảng đo (giây)", en: "Measurement interval (seconds)"),
        .init("in", .object(unitDirection), vi: "Chiều vào đơn vị", en: "Into the unit"),
        .init("out", .object(unitDirection), vi: "Chiều ra khỏi đơn vị", en: "Out of the unit"),
        .init("p95_mbps", .double, vi: "Phân vị 95 của chiều bận hơn (Mbit/s)", en: "95th percentile of the busier direction (Mbit/s)"),
        .init("peak_mbps", .double, vi: "Đỉnh của chiều bận hơn (Mbit/s)", en: "Peak of the busier direction (Mbit/s)"),
        .init("utilisation", .double, vi: "Phân vị 95 so với băng thông hợp đồng (0–1)", en: "95th percentile over the contracted capacity (0–1)"),
        .init("contracted_per_staff_mbps", .double, vi: "Băng thông hợp đồng trên cán bộ (Mbit/s)", en: "Contracted capacity per staff member (Mbit/s)"),
        .init("measured_per_staff_mbps", .double, vi: "Phân vị 95 đo được trên cán bộ (Mbit/s)", en: "Measured 95th percentile per staff member (Mbit/s)"),
    ]

    public static let unitLink = FactObjectType(name: "UnitLink", fields: linkFields)

    public static let unitWAN = FactObjectType(
        name: "UnitWAN",
        fields: linkFields + [
            .init("peers", .list(.string), vi: "Đơn vị đã trao đổi lưu lượng", en: "Units it exchanged traffic with"),
            .init("connected", .bool, vi: "Có lưu lượng tới đơn vị khác", en: "Traffic seen to another unit"),
            .init(
                "connected_share", .double,
                vi: "Tỷ lệ đơn vị (chính nó và các đơn vị trực thuộc) có lưu lượng WAN đo được (0–1)",
                en: "Share of the unit and its subordinates with measured WAN traffic (0–1)"),
        ])

    public static let unitAntivirus = FactObjectType(
        name: "UnitAntivirus",
        fields: [
            .init("max_signature_age_days", .double, vi: "Tuổi mẫu nhận diện tối đa được coi là mới (ngày)", en: "Signature age still up to date (days)"),
            .init("computers", .int, vi: "Số máy trong danh mục", en: "Computers in the inventory"),
            .init("installed", .int, vi: "Số máy có phần mềm", en: "With antivirus installed"),
            .init("real_time", .int, vi: "Số máy bật bảo vệ thời gian thực", en: "With real-time protection on"),
            .init("up_to_date", .int, vi: "Số máy có mẫu nhận diện mới", en: "With up-to-date signatures"),
            .init("licensed", .int, vi: "Số máy có bản quyền còn hạn", en: "With a licence not expired"),
            .init("protected", .int, vi: "Số máy được bảo vệ đầy đủ", en: "Fully protected"),
            .init("without", .int, vi: "Số máy quét được nhưng không có phần mềm", en: "Scanned, without antivirus"),
            .init("unknown", .int, vi: "Số máy không quét được", en: "Not scanned (unknown)"),
            .init("without_but_updating", .int, vi: "Không thấy phần mềm nhưng có tải cập nhật", en: "None found, yet seen fetching updates"),
            .init("wire_only_updating", .int, vi: "Máy ngoài danh mục có tải cập nhật", en: "Hosts outside the inventory fetching updates"),
            .init("installed_share", .double, vi: "Tỷ lệ có phần mềm (0–1)", en: "Share installed (0–1)"),
            .init("up_to_date_share", .double, vi: "Tỷ lệ mẫu nhận diện mới (0–1)", en: "Share up to date (0–1)"),
            .init("licensed_share", .double, vi: "Tỷ lệ có bản quyền (0–1)", en: "Share licensed (0–1)"),
            .init("protected_share", .double, vi: "Tỷ lệ được bảo vệ đầy đủ (0–1)", en: "Share fully protected (0–1)"),
        ])

    public static let unitServers = FactObjectType(
        name: "UnitServers",
        fields: [
            .init("count", .int, vi: "Số máy chủ", en: "Servers"),
            .init("services", .list(.object(unitService)), vi: "Dịch vụ theo loại", en: "Services by kind"),
            .init("service_kinds", .list(.string), vi: "Các loại dịch vụ", en: "Kinds of services"),
            .init(
                "dedicated_segments", .int, vi: "Số phân đoạn chỉ dành cho máy chủ",
                en: "Segments holding servers only"),
            .init(
                "level", .int,
                vi: "Mức hạ tầng máy chủ đo được (0–3): 0 không có; 1 có máy chủ; 2 từ hai máy, đều quét được và có phần mềm phòng chống mã độc; 3 như 2 và mọi máy chủ ở phân đoạn riêng",
                en: "Measured server infrastructure level (0–3): 0 none; 1 a server; 2 two or more, all scanned with antivirus; 3 as 2 with every server on a dedicated segment"),
        ])

    public static let unitService = FactObjectType(
        name: "UnitService",
        fields: [
            .init("kind", .string, vi: "Loại dịch vụ", en: "Kind of service"),
            .init("servers", .int, vi: "Số máy chủ cung cấp", en: "Servers offering it"),
            .init("ports", .list(.int), vi: "Các cổng", en: "Ports"),
        ])

    public static let unitCoverage = FactObjectType(
        name: "UnitCoverage",
        fields: [
            .init("state", .string, vi: "Mức đo: full, partial, none", en: "Coverage: full, partial, none"),
            .init("measured", .bool, vi: "Có bản ghi lưu lượng thấy đơn vị", en: "A capture saw the unit"),
            .init("captures", .list(.string), vi: "Các bản ghi đã thấy đơn vị", en: "Captures that saw the unit"),
            .init("covered_seconds", .double, vi: "Thời gian đo (giây)", en: "Seconds measured"),
            .init("expected_seconds", .double, vi: "Thời gian cần đo (giây)", en: "Seconds meant to be measured"),
            .init("addresses_seen", .int, vi: "Số địa chỉ của đơn vị thấy trên mạng", en: "Unit addresses seen"),
        ])

    /// The roots of a unit policy's expressions.
    public static let unitRoots: [String: FactType] = ["unit": .object(unit)]
}

extension UnitInventory {
    /// The unit as the expression language sees it (``FactSchema/unit``).
    public var factValue: FactValue {
        .object(Dictionary(uniqueKeysWithValues: FactSchema.unit.fields.map { ($0.name, fact(named: $0.name)) }))
    }

    /// One field of ``factValue``, built alone.
    public func fact(named name: String) -> FactValue {
        switch name {
        case "id": return .string(id)
        case "name": return .string(self.name.vi)
        case "parent": return FactValue(parent)
        case "subordinates": return FactValue(strings: subordinates)
        case "staff": return .int(Int64(staff))
        case "computers":
            let c = computers
            return .object([
                "total": FactValue(c.total), "scanned": FactValue(c.scanned), "servers": FactValue(c.servers),
                "workstations": FactValue(c.workstations), "per_staff": FactValue(c.perStaff),
                "within_age_limit": FactValue(c.withinAgeLimit), "older": FactValue(c.older),
                "age_unknown": FactValue(c.ageUnknown), "virtual": FactValue(c.virtualMachines), "within_age_limit_share": FactValue(c.withinAgeLimitShare),
                "internet_connected": FactValue(c.internetConnected), "internet_share": FactValue(c.internetShare),
                "list": .list(computerList.map(\.factValue)),
            ])
        case "lan":
            return .object([
                "has_own_lan": .bool(lan.hasOwnLAN), "managed_seen": FactValue(coverage.isMeasured ? lan.managedSeen : nil),
                "wire_only": FactValue(coverage.isMeasured ? lan.wireOnly : nil),
                "silent": FactValue(coverage.isMeasured ? lan.silent : nil),
                "segments": .list(
                    lan.segments.map { s in
                        .object([
                            "subnet": .string(s.subnet), "source": .string(s.source.rawValue), "seen": FactValue(s.seen),
                            "managed": FactValue(s.seen == nil ? nil : s.managed.count),
                            "wire_only": FactValue(s.seen == nil ? nil : s.wireOnly.count),
                            "silent": FactValue(s.seen == nil ? nil : s.silent.count), "servers": FactValue(s.servers),
                        ])
                    }),
            ])
        case "internet": return link(.internet).map { Self.linkFacts($0, extra: [:]) } ?? .null
        case "wan":
            guard let wan = link(.wan) else { return .null }
            return Self.linkFacts(
                wan,
                extra: [
                    "peers": FactValue(strings: wan.peers),
                    "connected": FactValue(coverage.isMeasured ? !wan.peers.isEmpty : nil),
                    "connected_share": FactValue(wanConnectedShare),
                ])
        case "antivirus":
            let a = antivirus
            let protectedShare = a.computers > 0 ? Double(a.protected) / Double(a.computers) : nil
            return .object([
                "max_signature_age_days": .double(a.maxSignatureAgeDays), "computers": FactValue(a.computers),
                "installed": FactValue(a.installed), "real_time": FactValue(a.realTime), "up_to_date": FactValue(a.upToDate),
                "licensed": FactValue(a.licensed), "protected": FactValue(a.protected), "without": FactValue(a.without),
                "unknown": FactValue(a.unknown), "without_but_updating": FactValue(a.withoutButUpdating),
                "wire_only_updating": FactValue(coverage.isMeasured ? a.wireOnlyUpdating.count : nil),
                "installed_share": FactValue(a.installedShare), "up_to_date_share": FactValue(a.upToDateShare),
                "licensed_share": FactValue(a.licensedShare), "protected_share": FactValue(protectedShare),
            ])
        case "servers":
            return .object([
                "count": FactValue(servers.count),
                "services": .list(
                    servers.services.map {
                        .object([
                            "kind": .string($0.kind.rawValue), "servers": FactValue($0.servers),
                            "ports": .list($0.ports.map { .int(Int64($0)) }),
                        ])
                    }),
                "service_kinds": FactValue(strings: servers.services.map(\.kind.rawValue)),
                "dedicated_segments": FactValue(servers.dedicatedSegments), "level": FactValue(servers.level),
            ])
        case "coverage":
            return .object([
                "state": .string(coverage.state.rawValue), "measured": .bool(coverage.isMeasured),
                "captures": FactValue(strings: coverage.captures), "covered_seconds": .double(coverage.coveredSeconds),
                "expected_seconds": FactValue(coverage.expectedSeconds), "addresses_seen": FactValue(coverage.addressesSeen),
            ])
        default: return .null
        }
    }

    private static func linkFacts(_ link: LinkInventory, extra: [String: FactValue]) -> FactValue {
        func direction(_ d: DirectionStatistics?) -> FactValue {
            guard let d else { return .null }
            return .object([
                "mean_mbps": .double(d.meanBitsPerSecond / 1e6), "peak_mbps": .double(d.peakBitsPerSecond / 1e6),
                "p95_mbps": .double(d.p95BitsPerSecond / 1e6), "bytes": .int(Int64(clamping: d.bytes)),
            ])
        }
        let busier = link.measured?.busier
        var fields: [String: FactValue] = [
            "contracted_mbps": FactValue(link.contractedMbps), "measured": .bool(link.measured != nil),
            "interval_seconds": FactValue(link.measured?.intervalSeconds), "in": direction(link.measured?.inbound),
            "out": direction(link.measured?.outbound), "p95_mbps": FactValue(busier.map { $0.p95BitsPerSecond / 1e6 }),
            "peak_mbps": FactValue(link.measured.map { max($0.inbound.peakBitsPerSecond, $0.outbound.peakBitsPerSecond) / 1e6 }),
            "utilisation": FactValue(link.utilisation), "contracted_per_staff_mbps": FactValue(link.contractedPerStaffMbps),
            "measured_per_staff_mbps": FactValue(link.measuredPerStaffMbps),
        ]
        fields.merge(extra) { $1 }
        return .object(fields)
    }
}

extension Computer {
    var factValue: FactValue {
        .object([
            "endpoint": .string(endpoint), "name": FactValue(name), "status": .string(status.rawValue),
            "role": .string(role.rawValue), "role_basis": .string(roleBasis.rawValue), "os_family": FactValue(osFamily),
            "age_years": FactValue(ageYears), "internet": FactValue(internet.connected), "seen_on_wire": FactValue(seenOnWire),
            "antivirus_installed": FactValue(antivirus.installed), "antivirus_up_to_date": FactValue(antivirus.signaturesFresh),
            "services": FactValue(strings: services.map(\.rawValue)),
        ])
    }
}
