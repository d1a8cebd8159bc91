public import InventoryModel

/// The `unit` root that indicator expressions read, beside the policy language's `host`.
///
/// The expression language has no arithmetic yet, so the counts a ratio needs are offered here
/// ready-made and an indicator divides with `per:`.
public enum RankingFacts {
    ///
    /// Beside the counts below it holds the unit inventory (``FactSchema/unit``): computers,
    /// LAN, Internet and WAN links, antivirus coverage, servers and coverage, so an indicator reads
    /// `unit.internet.measured_per_staff_mbps` or `unit.computers.internet_share` measured.
    public static let unit = FactObjectType(
        name: "RankedUnit",
        fields: ownFields + FactSchema.unit.fields.filter { field in !ownFields.contains { $0.name == field.name } })

    private static let ownFields: [FactObjectType.Field] = [
            .init("id", .string, vi: "Mã đơn vị", en: "Unit id"),
            .init("staff", .int, vi: "Số cán bộ", en: "Staff members"),
            .init("hosts", .int, vi: "Số máy trong danh mục", en: "Inventoried hosts"),
            .init("scanned_hosts", .int, vi: "Số máy quét được", en: "Hosts scanned"),
            .init("findings_passed", .int, vi: "Số kết quả đạt", en: "Rule results passed"),
            .init("findings_failed", .int, vi: "Số kết quả không đạt", en: "Rule results failed"),
            .init(
                "findings_judged", .int, vi: "Số kết quả được đánh giá (đạt, không đạt, lỗi)",
                en: "Rule results judged (pass, fail, error)"),
        ]

    /// Roots of a `value:` or `per:` expression.
    public static let unitRoots: [String: FactType] = ["unit": .object(unit)]
    /// Roots of a `hosts_where:` condition.
    public static let hostRoots: [String: FactType] = [
        "unit": .object(unit), "host": .object(FactSchema.host),
    ]

    static func value(
        of unit: InventoryModel.Unit, hosts: [HostScan], findings: [Finding], inventory: UnitInventory?
    ) -> FactValue {
        let judged = findings.filter { [.pass, .fail, .error].contains($0.verdict) }
        var fields: [String: FactValue] = [:]
        if let inventory {
            for field in FactSchema.unit.fields { fields[field.name] = inventory.fact(named: field.name) }
        }
        return .object(fields.merging([
            "id": .string(unit.id),
            "staff": .int(Int64(unit.staff)),
            "hosts": .int(Int64(hosts.count)),
            "scanned_hosts": .int(Int64(hosts.filter { $0.status == .scanned }.count)),
            "findings_passed": .int(Int64(judged.filter { $0.verdict == .pass }.count)),
            "findings_failed": .int(Int64(judged.filter { $0.verdict == .fail }.count)),
            "findings_judged": .int(Int64(judged.count)),
        ]) { _, own in own })
    }
}
