import InventoryModel

/// Every fixed label a report shows.
///
/// Keys are an enum and the table is one exhaustive `switch` returning `LocalizedText`, which needs
/// both languages: a key without a Vietnamese or an English text does not compile.
enum ReportKey: CaseIterable {
    case title
    case scan
    case scanNotStored
    case inventory
    case scanStarted
    case scanFinished
    case generatedAt
    case toolVersion
    case rankingMethod
    case policies
    case summary
    case item
    case count
    case units
    case hosts
    case findings
    case hostsByStatus
    case findingsByVerdict
    case failuresBySeverity
    case ranking
    case rank
    case unit
    case score
    case tier
    case rawToNormalised
    case noData
    case indicatorNotes
    case hostsByUnit
    case host
    case hostname
    case operatingSystem
    case status
    case antivirus
    case sshBanner
    case noHosts
    case problemsByHost
    case noProblems
    case severity
    case policy
    case rule
    case verdict
    case message
    case evidence
    case notScanned
    case allScanned
    case unknown
    case noneFound
    case installed
    case notInstalled
    case signatures
    case days
    case unitNotInInventory
    case hostNotInInventory
}

enum ReportStrings {
    static func localized(_ key: ReportKey) -> LocalizedText {
        switch key {
        case .title:
            LocalizedText(
                vi: "Báo cáo kiểm tra hạ tầng và an toàn thông tin",
                en: "Infrastructure and security audit report")
        case .scan: LocalizedText(vi: "Lần quét", en: "Scan")
        case .scanNotStored: LocalizedText(vi: "chưa lưu", en: "not stored")
        case .inventory: LocalizedText(vi: "Danh mục", en: "Inventory")
        case .scanStarted: LocalizedText(vi: "Bắt đầu quét", en: "Scan started")
        case .scanFinished: LocalizedText(vi: "Kết thúc quét", en: "Scan finished")
        case .generatedAt: LocalizedText(vi: "Thời điểm lập báo cáo", en: "Report generated")
        case .toolVersion: LocalizedText(vi: "Phiên bản công cụ", en: "Tool version")
        case .rankingMethod: LocalizedText(vi: "Phương pháp xếp hạng", en: "Ranking method")
        case .policies: LocalizedText(vi: "Bộ chính sách", en: "Policies")
        case .summary: LocalizedText(vi: "Tóm tắt", en: "Summary")
        case .item: LocalizedText(vi: "Mục", en: "Item")
        case .count: LocalizedText(vi: "Số lượng", en: "Count")
        case .units: LocalizedText(vi: "Đơn vị", en: "Units")
        case .hosts: LocalizedText(vi: "Máy trong danh mục", en: "Inventoried hosts")
        case .findings: LocalizedText(vi: "Kết quả đánh giá", en: "Findings")
        case .hostsByStatus: LocalizedText(vi: "Máy theo kết quả quét", en: "Hosts by scan status")
        case .findingsByVerdict:
            LocalizedText(vi: "Kết quả đánh giá theo loại", en: "Findings by verdict")
        case .failuresBySeverity:
            LocalizedText(vi: "Kết quả không đạt theo mức độ", en: "Failures by severity")
        case .ranking: LocalizedText(vi: "Xếp hạng đơn vị", en: "Unit ranking")
        case .rank: LocalizedText(vi: "Hạng", en: "Rank")
        case .unit: LocalizedText(vi: "Đơn vị", en: "Unit")
        case .score: LocalizedText(vi: "Điểm", en: "Score")
        case .tier: LocalizedText(vi: "Xếp loại", en: "Tier")
        case .rawToNormalised: LocalizedText(vi: "giá trị → chuẩn hóa", en: "raw → normalised")
        case .noData: LocalizedText(vi: "không có dữ liệu", en: "no data")
        case .indicatorNotes:
            LocalizedText(vi: "Giải thích chỉ số", en: "How the indicators were measured")
        case .hostsByUnit: LocalizedText(vi: "Máy theo đơn vị", en: "Hosts by unit")
        case .host: LocalizedText(vi: "Máy", en: "Host")
        case .hostname: LocalizedText(vi: "Tên máy (do máy báo)", en: "Reported hostname")
        case .operatingSystem: LocalizedText(vi: "Hệ điều hành", en: "Operating system")
        case .status: LocalizedText(vi: "Trạng thái", en: "Status")
        case .antivirus: LocalizedText(vi: "Phần mềm phòng chống mã độc", en: "Antivirus")
        case .sshBanner: LocalizedText(vi: "Chuỗi định danh SSH", en: "SSH banner")
        case .noHosts:
            LocalizedText(
                vi: "Đơn vị không có máy nào trong danh mục.",
                en: "The unit has no inventoried hosts.")
        case .problemsByHost:
            LocalizedText(
                vi: "Kết quả không đạt và lỗi theo máy", en: "Failed and error findings by host")
        case .noProblems:
            LocalizedText(
                vi: "Không có kết quả không đạt hay lỗi.", en: "No failed or error findings.")
        case .severity: LocalizedText(vi: "Mức độ", en: "Severity")
        case .policy: LocalizedText(vi: "Chính sách", en: "Policy")
        case .rule: LocalizedText(vi: "Quy tắc", en: "Rule")
        case .verdict: LocalizedText(vi: "Kết quả", en: "Verdict")
        case .message: LocalizedText(vi: "Thông điệp", en: "Message")
        case .evidence: LocalizedText(vi: "Bằng chứng", en: "Evidence")
        case .notScanned: LocalizedText(vi: "Máy không quét được", en: "Hosts not scanned")
        case .allScanned:
            LocalizedText(vi: "Tất cả các máy đều đã được quét.", en: "Every host was scanned.")
        case .unknown: LocalizedText(vi: "không rõ", en: "unknown")
        case .noneFound: LocalizedText(vi: "không phát hiện", en: "none found")
        case .installed: LocalizedText(vi: "đã cài đặt", en: "installed")
        case .notInstalled: LocalizedText(vi: "chưa cài đặt", en: "not installed")
        case .signatures: LocalizedText(vi: "mẫu nhận diện", en: "signatures")
        case .days: LocalizedText(vi: "ngày tuổi lúc quét", en: "days old at scan time")
        case .unitNotInInventory:
            LocalizedText(vi: "không có trong danh mục đơn vị", en: "not in the unit list")
        case .hostNotInInventory:
            LocalizedText(vi: "không có trong danh mục máy", en: "not in the host list")
        }
    }

    static func text(_ key: ReportKey, _ language: Language) -> String {
        localized(key).text(language)
    }
}
