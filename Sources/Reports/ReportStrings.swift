import InventoryModel

/// Every fixed label a report shows.
///
/// Keys are an enum and the table is one exhaustive `switch` returning `LocalizedText` (`LabelKey`),
/// which needs both languages: a key without a Vietnamese or an English text does not compile.
enum ReportKey: LabelKey {
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
    case unitID
    case peerGroup
    case indicator
    case indicatorID
    case figureSource
    case rawValue
    case normalisedValue
    case weight
    case contribution
    case hasData
    case explanation
    case parentUnit
    case staff
    case hostsScanned
    case failures
    case address
    case port
    case hostName
    case kernel
    case hardwareDate
    case antivirusProduct
    case signatureDate
    case hostKey
    case ruleTitle
    case waiver
    case measured
    case declared
    case missing
    case yes
    case no
    case sheetIndicators
    case sheetUnits
    case sheetHosts
    case sheetFindings
    case sheetRanking
    case sheetAbout
    case sheetsHeading
    case sheet
    case rows
    case splitNote
    case continued
    case contents
    case chartRanking
    case chartAntivirus
    case chartComputerAge
    case chartBandwidth
    case chartSeverity
    case chartTrend
    case avUpToDate
    case avOutdated
    case avWithout
    case avUnknown
    case avWireOnly
    case ageWithin
    case ageOlder
    case ageUnknown
    case contracted
    case measuredP95
    case notMeasured
    case mbps
    case computers
    case servers
    case workstations
    case perStaff
    case internetShare
    case lan
    case lanSummary
    case measurement
    case unitInventory
    case unitDetails
    case detailPage
    case pillars
    case pillar
    case value
    case changesSince
    case comparedWith
    case noPreviousScan
    case places
    case trendNote
    case findingsByRule
    case hostsAffected
    case showHosts
    case moreHosts
    case remediation
    case backToSummary
    case pageSplitNote
    case tiers
    case from
    case unranked
    // The unit inventory part of a unit's block (HTMLContext+Unit).
    case unitFiguresHeading
    case figure
    case scannedCount
    case computersPerStaff
    case virtualMachines
    case avInstalledRow
    case avRealTimeRow
    case avUpToDateRow
    case avLicensedRow
    case avProtectedRow
    case avWithoutRow
    case avUnknownRow
    case avWireOnlyRow
    case seenUpdating
    case contractedPerStaff
    case measuredTraffic
    case inbound
    case outbound
    case peak
    case mean
    case intervalsMeasured
    case utilisation
    case measuredPerStaff
    case wanPeers
    case noneSeen
    case lanAddresses
    case managedSeen
    case wireOnly
    case silent
    case segmentCount
    case segmentsHeading
    case subnet
    case segmentSource
    case declaredSubnet
    case interfaceSubnet
    case unplaced
    case antivirusUpdates
    case noAntivirusUpdates
    // The spreadsheets' unit inventory and asset register (UnitFigureColumns, ReportTables).
    case internetConnected
    case hardwareDateOrigin
    case purchaseDateDeclared
    case biosDateMeasured
}

extension ReportKey {
    var text: LocalizedText {
        switch self {
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
        case .unitID: LocalizedText(vi: "Mã đơn vị", en: "Unit id")
        case .peerGroup: LocalizedText(vi: "Nhóm xếp hạng", en: "Peer group")
        case .indicator: LocalizedText(vi: "Chỉ số", en: "Indicator")
        case .indicatorID: LocalizedText(vi: "Mã chỉ số", en: "Indicator id")
        case .figureSource: LocalizedText(vi: "Nguồn số liệu", en: "Source of the figure")
        case .rawValue: LocalizedText(vi: "Giá trị", en: "Raw value")
        case .normalisedValue: LocalizedText(vi: "Giá trị chuẩn hóa", en: "Normalised value")
        case .weight: LocalizedText(vi: "Trọng số", en: "Weight")
        case .contribution: LocalizedText(vi: "Đóng góp vào điểm", en: "Contribution to the score")
        case .hasData: LocalizedText(vi: "Có dữ liệu", en: "Has data")
        case .explanation: LocalizedText(vi: "Giải thích", en: "Explanation")
        case .parentUnit: LocalizedText(vi: "Đơn vị cấp trên", en: "Parent unit")
        case .staff: LocalizedText(vi: "Số cán bộ", en: "Staff")
        case .hostsScanned: LocalizedText(vi: "Máy đã quét", en: "Hosts scanned")
        case .failures: LocalizedText(vi: "Không đạt", en: "Failures")
        case .address: LocalizedText(vi: "Địa chỉ", en: "Address")
        case .port: LocalizedText(vi: "Cổng", en: "Port")
        case .hostName: LocalizedText(vi: "Tên trong danh mục", en: "Inventory name")
        case .kernel: LocalizedText(vi: "Nhân hệ điều hành", en: "Kernel")
        case .hardwareDate: LocalizedText(vi: "Ngày phần cứng (tuổi máy)", en: "Hardware date (machine age)")
        case .antivirusProduct: LocalizedText(vi: "Sản phẩm phòng chống mã độc", en: "Antivirus product")
        case .signatureDate: LocalizedText(vi: "Ngày mẫu nhận diện", en: "Signature date")
        case .hostKey: LocalizedText(vi: "Vân tay khóa máy chủ", en: "Host key fingerprint")
        case .ruleTitle: LocalizedText(vi: "Tên quy tắc", en: "Rule title")
        case .waiver: LocalizedText(vi: "Miễn trừ", en: "Waiver")
        case .measured: LocalizedText(vi: "đo được", en: "measured")
        case .declared: LocalizedText(vi: "đơn vị kê khai", en: "declared")
        case .missing: LocalizedText(vi: "không có", en: "missing")
        case .yes: LocalizedText(vi: "có", en: "yes")
        case .no: LocalizedText(vi: "không", en: "no")
        case .sheetIndicators: LocalizedText(vi: "Chỉ số", en: "Indicators")
        case .sheetUnits: LocalizedText(vi: "Kiểm kê đơn vị", en: "Unit inventory")
        case .sheetHosts: LocalizedText(vi: "Danh mục tài sản", en: "Asset register")
        case .sheetFindings: LocalizedText(vi: "Kết quả đánh giá", en: "Findings")
        case .sheetRanking: LocalizedText(vi: "Xếp hạng", en: "Ranking")
        case .sheetAbout: LocalizedText(vi: "Thông tin báo cáo", en: "About this report")
        case .sheetsHeading: LocalizedText(vi: "Các trang tính", en: "Sheets")
        case .sheet: LocalizedText(vi: "Trang tính", en: "Sheet")
        case .rows: LocalizedText(vi: "Số dòng", en: "Rows")
        case .splitNote: LocalizedText(vi: "Bảng vượt quá 1.048.576 dòng của Excel nên được chia thành nhiều trang tính:", en: "The table exceeds Excel's 1,048,576 rows a sheet and is split over several sheets:")
        case .continued: LocalizedText(vi: "tiếp", en: "cont.")
        case .contents: LocalizedText(vi: "Mục lục", en: "Contents")
        case .chartRanking: LocalizedText(vi: "Xếp hạng các đơn vị theo điểm", en: "Units ranked by score")
        case .chartAntivirus: LocalizedText(vi: "Phòng chống mã độc theo đơn vị", en: "Antivirus coverage by unit")
        case .chartComputerAge: LocalizedText(vi: "Máy tính không quá 5 năm tuổi", en: "Computers at most five years old")
        case .chartBandwidth: LocalizedText(vi: "Băng thông Internet: hợp đồng và đo được (p95)", en: "Internet bandwidth: contracted and measured (p95)")
        case .chartSeverity: LocalizedText(vi: "Kết quả không đạt theo mức độ", en: "Failed findings by severity")
        case .chartTrend: LocalizedText(vi: "Điểm của đơn vị qua các lần quét", en: "Unit scores over the stored scans")
        case .avUpToDate: LocalizedText(vi: "cập nhật mẫu mới", en: "fresh signatures")
        case .avOutdated: LocalizedText(vi: "đã cài, mẫu cũ hoặc không rõ", en: "installed, old or unknown signatures")
        case .avWithout: LocalizedText(vi: "không có phần mềm", en: "none found")
        case .avUnknown: LocalizedText(vi: "không quét được", en: "not scanned")
        case .avWireOnly: LocalizedText(vi: "máy chỉ thấy trên mạng có cập nhật", en: "wire-only hosts seen updating")
        case .ageWithin: LocalizedText(vi: "≤ 5 năm", en: "≤ 5 years")
        case .ageOlder: LocalizedText(vi: "> 5 năm", en: "> 5 years")
        case .ageUnknown: LocalizedText(vi: "không rõ tuổi", en: "age unknown")
        case .contracted: LocalizedText(vi: "hợp đồng", en: "contracted")
        case .measuredP95: LocalizedText(vi: "đo được (p95)", en: "measured (p95)")
        case .notMeasured: LocalizedText(vi: "chưa đo", en: "not measured")
        case .mbps: LocalizedText(vi: "Mbit/s", en: "Mbit/s")
        case .computers: LocalizedText(vi: "Máy tính", en: "Computers")
        case .servers: LocalizedText(vi: "Máy chủ", en: "Servers")
        case .workstations: LocalizedText(vi: "Máy trạm", en: "Workstations")
        case .perStaff: LocalizedText(vi: "máy/cán bộ", en: "per staff member")
        case .internetShare: LocalizedText(vi: "Tỷ lệ máy kết nối Internet", en: "Share on the Internet")
        case .lan: LocalizedText(vi: "Mạng LAN", en: "LAN")
        case .lanSummary: LocalizedText(vi: "thấy trên mạng / chỉ thấy trên mạng / im lặng", en: "managed seen / wire-only / silent")
        case .measurement: LocalizedText(vi: "Đo thụ động", en: "Passive measurement")
        case .unitInventory: LocalizedText(vi: "Kiểm kê đơn vị", en: "Unit inventory")
        case .unitDetails: LocalizedText(vi: "Chi tiết đơn vị", en: "Unit details")
        case .detailPage: LocalizedText(vi: "trang chi tiết", en: "detail page")
        case .pillars: LocalizedText(vi: "Trụ cột", en: "Pillars")
        case .pillar: LocalizedText(vi: "Trụ cột", en: "Pillar")
        case .value: LocalizedText(vi: "Giá trị", en: "Value")
        case .changesSince: LocalizedText(vi: "Thay đổi so với lần quét trước", en: "Since the last scan")
        case .comparedWith: LocalizedText(vi: "So với lần quét", en: "Compared with scan")
        case .noPreviousScan: LocalizedText(vi: "Chưa có lần quét trước của danh mục này để so sánh.", en: "There is no earlier scan of this inventory to compare with.")
        case .places: LocalizedText(vi: "bậc", en: "places")
        case .trendNote: LocalizedText(vi: "Hiển thị tối đa 12 đơn vị đứng đầu.", en: "Showing at most the 12 top-ranked units.")
        case .findingsByRule: LocalizedText(vi: "Kết quả không đạt theo quy tắc", en: "Failed findings by rule")
        case .hostsAffected: LocalizedText(vi: "Số máy", en: "Hosts affected")
        case .showHosts: LocalizedText(vi: "Xem danh sách máy", en: "Show the hosts")
        case .moreHosts: LocalizedText(vi: "máy khác: xem trang chi tiết của đơn vị", en: "more hosts: see the units' detail pages")
        case .remediation: LocalizedText(vi: "Cách khắc phục", en: "Remediation")
        case .backToSummary: LocalizedText(vi: "Về trang tổng hợp", en: "Back to the summary")
        case .pageSplitNote: LocalizedText(vi: "Danh sách máy và kết quả chi tiết nằm ở trang chi tiết của từng đơn vị.", en: "Hosts and detailed findings are on each unit's detail page.")
        case .tiers: LocalizedText(vi: "Xếp loại", en: "Tiers")
        case .from: LocalizedText(vi: "từ", en: "from")
        case .unranked: LocalizedText(vi: "không xếp hạng", en: "unranked")
        case .unitFiguresHeading: LocalizedText(vi: "Số liệu kiểm kê của đơn vị", en: "Unit inventory figures")
        case .figure: LocalizedText(vi: "Chỉ tiêu", en: "Figure")
        case .scannedCount: LocalizedText(vi: "đã quét", en: "scanned")
        case .computersPerStaff: LocalizedText(vi: "Số máy tính trên một cán bộ", en: "Computers per staff member")
        case .virtualMachines: LocalizedText(vi: "máy ảo", en: "virtual machines")
        case .avInstalledRow: LocalizedText(vi: "Máy có phần mềm phòng chống mã độc", en: "Computers with antivirus installed")
        case .avRealTimeRow: LocalizedText(vi: "Máy bật bảo vệ thời gian thực", en: "Computers with real-time protection on")
        case .avUpToDateRow: LocalizedText(vi: "Máy có mẫu nhận dạng mới, số ngày tuổi", en: "Computers with fresh signatures, days old")
        case .avLicensedRow: LocalizedText(vi: "Máy có bản quyền phần mềm còn hạn", en: "Computers with an unexpired licence")
        case .avProtectedRow: LocalizedText(vi: "Máy được bảo vệ đầy đủ", en: "Computers fully protected")
        case .avWithoutRow: LocalizedText(vi: "Máy không có phần mềm phòng chống mã độc", en: "Computers with no antivirus found")
        case .avUnknownRow: LocalizedText(vi: "Máy không xác định được phần mềm phòng chống mã độc", en: "Computers whose antivirus is unknown")
        case .avWireOnlyRow: LocalizedText(vi: "Máy ngoài danh mục thấy tải cập nhật phần mềm diệt virus", en: "Hosts outside the inventory seen fetching antivirus updates")
        case .seenUpdating: LocalizedText(vi: "thấy tải cập nhật", en: "seen fetching updates")
        case .contractedPerStaff: LocalizedText(vi: "hợp đồng trên một cán bộ", en: "contracted per staff member")
        case .measuredTraffic: LocalizedText(vi: "lưu lượng đo được", en: "measured traffic")
        case .inbound: LocalizedText(vi: "chiều vào", en: "inbound")
        case .outbound: LocalizedText(vi: "chiều ra", en: "outbound")
        case .peak: LocalizedText(vi: "đỉnh", en: "peak")
        case .mean: LocalizedText(vi: "trung bình", en: "mean")
        case .intervalsMeasured: LocalizedText(vi: "số khoảng đo", en: "intervals measured")
        case .utilisation: LocalizedText(vi: "mức sử dụng so với hợp đồng (p95 chiều cao hơn)", en: "utilisation of the contracted capacity (p95, busier direction)")
        case .measuredPerStaff: LocalizedText(vi: "đo được trên một cán bộ (p95)", en: "measured per staff member (p95)")
        case .wanPeers: LocalizedText(vi: "Đơn vị trao đổi lưu lượng qua WAN", en: "Units exchanging traffic over the WAN")
        case .noneSeen: LocalizedText(vi: "không thấy", en: "none seen")
        case .lanAddresses: LocalizedText(vi: "Địa chỉ trên mạng LAN", en: "LAN addresses")
        case .managedSeen: LocalizedText(vi: "trong danh mục, thấy trên mạng", en: "managed, seen on the wire")
        case .wireOnly: LocalizedText(vi: "chỉ thấy trên mạng (ngoài danh mục)", en: "wire-only (not in the inventory)")
        case .silent: LocalizedText(vi: "trong danh mục, không thấy trên mạng", en: "silent (in the inventory, never seen)")
        case .segmentCount: LocalizedText(vi: "số phân đoạn", en: "segments")
        case .segmentsHeading: LocalizedText(vi: "Các phân đoạn mạng LAN", en: "LAN segments")
        case .subnet: LocalizedText(vi: "Dải mạng", en: "Subnet")
        case .segmentSource: LocalizedText(vi: "Nguồn", en: "Known from")
        case .declaredSubnet: LocalizedText(vi: "khai báo (subnets)", en: "declared (subnets)")
        case .interfaceSubnet: LocalizedText(vi: "giao diện của máy đã quét", en: "a scanned computer's interface")
        case .unplaced: LocalizedText(vi: "Máy chưa xác định được phân đoạn", en: "Computers on no known segment")
        case .antivirusUpdates: LocalizedText(vi: "thấy tải cập nhật phần mềm diệt virus", en: "seen fetching antivirus updates")
        case .noAntivirusUpdates: LocalizedText(vi: "không thấy tải cập nhật phần mềm diệt virus", en: "no antivirus updates seen")
        case .internetConnected: LocalizedText(vi: "Máy kết nối Internet", en: "Computers on the Internet")
        case .hardwareDateOrigin: LocalizedText(vi: "Nguồn ngày phần cứng", en: "Hardware date from")
        case .purchaseDateDeclared: LocalizedText(vi: "kê khai (ngày mua)", en: "declared (purchase date)")
        case .biosDateMeasured: LocalizedText(vi: "đo được (ngày BIOS)", en: "measured (BIOS date)")
        }
    }
}
