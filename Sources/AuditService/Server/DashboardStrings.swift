import InventoryModel

/// Every fixed label the dashboard shows.
///
/// One exhaustive `switch` returning both languages (`LabelKey`): a label without its Vietnamese or
/// English text does not compile. Templates read them as `{{t.key}}` (`DashboardKey.table`).
enum DashboardKey: LabelKey {
    case appName, signIn, signOut, token, tokenHelp, signInFailed, ranking, units, unit, hosts, host, findings
    case scans, schedules, score, rank, tier, trend, status, hostname, operatingSystem, antivirus, ports, packages
    case severity, verdict, policy, rule, title, message, indicators, indicator, raw, normalised, weight, contribution
    case explanation, noScan, scan, started, finished, inventory, reports, diff, nextRuns, runNow, running, runs
    case result, error, language, chart, scanned, all, filter, nothing, timeZone, cron, source, measured, declared
    case forbidden, runStarted, alreadyRunning, durationSeconds
    case tokens, tokenName, role, created, createToken, revoke, tokenShownOnce, tokenExists, tokenNameHelp
    case roleViewer, roleAuditor, roleAdmin

    /// The label of a role, with what it may do.
    static func role(_ role: Role) -> DashboardKey {
        switch role {
        case .viewer: .roleViewer
        case .auditor: .roleAuditor
        case .admin: .roleAdmin
        }
    }

    var text: LocalizedText {
        switch self {
        case .appName: LocalizedText(vi: "ictaudit — Bảng điều khiển", en: "ictaudit — Dashboard")
        case .signIn: LocalizedText(vi: "Đăng nhập", en: "Sign in")
        case .signOut: LocalizedText(vi: "Đăng xuất", en: "Sign out")
        case .token: LocalizedText(vi: "Mã truy cập (API token)", en: "API token")
        case .tokenHelp:
            LocalizedText(
                vi: "Quản trị viên tạo mã ở trang Mã truy cập, hoặc bằng lệnh: ictaudit serve token add TÊN --role viewer",
                en: "An administrator makes one on the API tokens page, or with: ictaudit serve token add NAME --role viewer")
        case .signInFailed: LocalizedText(vi: "Mã truy cập không đúng.", en: "That token is not valid.")
        case .ranking: LocalizedText(vi: "Xếp hạng đơn vị", en: "Unit ranking")
        case .units: LocalizedText(vi: "Đơn vị", en: "Units")
        case .unit: LocalizedText(vi: "Đơn vị", en: "Unit")
        case .hosts: LocalizedText(vi: "Máy", en: "Hosts")
        case .host: LocalizedText(vi: "Máy", en: "Host")
        case .findings: LocalizedText(vi: "Kết quả kiểm tra", en: "Findings")
        case .scans: LocalizedText(vi: "Lịch sử quét", en: "Scan history")
        case .schedules: LocalizedText(vi: "Lịch quét", en: "Schedules")
        case .score: LocalizedText(vi: "Điểm", en: "Score")
        case .rank: LocalizedText(vi: "Hạng", en: "Rank")
        case .tier: LocalizedText(vi: "Mức", en: "Tier")
        case .trend: LocalizedText(vi: "Xu hướng", en: "Trend")
        case .status: LocalizedText(vi: "Trạng thái", en: "Status")
        case .hostname: LocalizedText(vi: "Tên máy", en: "Hostname")
        case .operatingSystem: LocalizedText(vi: "Hệ điều hành", en: "Operating system")
        case .antivirus: LocalizedText(vi: "Phần mềm diệt virus", en: "Antivirus")
        case .ports: LocalizedText(vi: "Cổng mở", en: "Listening ports")
        case .packages: LocalizedText(vi: "Gói phần mềm", en: "Packages")
        case .severity: LocalizedText(vi: "Mức độ", en: "Severity")
        case .verdict: LocalizedText(vi: "Kết luận", en: "Verdict")
        case .policy: LocalizedText(vi: "Chính sách", en: "Policy")
        case .rule: LocalizedText(vi: "Quy tắc", en: "Rule")
        case .title: LocalizedText(vi: "Nội dung", en: "Title")
        case .message: LocalizedText(vi: "Ghi chú", en: "Message")
        case .indicators: LocalizedText(vi: "Chỉ số", en: "Indicators")
        case .indicator: LocalizedText(vi: "Chỉ số", en: "Indicator")
        case .raw: LocalizedText(vi: "Giá trị đo", en: "Measured")
        case .normalised: LocalizedText(vi: "Chuẩn hoá", en: "Normalised")
        case .weight: LocalizedText(vi: "Trọng số", en: "Weight")
        case .contribution: LocalizedText(vi: "Đóng góp", en: "Contribution")
        case .explanation: LocalizedText(vi: "Giải thích", en: "Explanation")
        case .noScan: LocalizedText(vi: "Chưa có lần quét nào được lưu.", en: "No scan is stored yet.")
        case .scan: LocalizedText(vi: "Lần quét", en: "Scan")
        case .started: LocalizedText(vi: "Bắt đầu", en: "Started")
        case .finished: LocalizedText(vi: "Kết thúc", en: "Finished")
        case .inventory: LocalizedText(vi: "Danh mục", en: "Inventory")
        case .reports: LocalizedText(vi: "Báo cáo", en: "Reports")
        case .diff: LocalizedText(vi: "So với lần trước", en: "Changes since the previous scan")
        case .nextRuns: LocalizedText(vi: "Lần chạy tới", en: "Next runs")
        case .runNow: LocalizedText(vi: "Quét ngay", en: "Scan now")
        case .running: LocalizedText(vi: "Đang chạy", en: "Running")
        case .runs: LocalizedText(vi: "Các lượt quét", en: "Scan runs")
        case .result: LocalizedText(vi: "Kết quả", en: "Result")
        case .error: LocalizedText(vi: "Lỗi", en: "Error")
        case .language: LocalizedText(vi: "English", en: "Tiếng Việt")
        case .chart: LocalizedText(vi: "Biểu đồ điểm theo đơn vị", en: "Scores by unit")
        case .scanned: LocalizedText(vi: "Đã quét", en: "Scanned")
        case .all: LocalizedText(vi: "Tất cả", en: "All")
        case .filter: LocalizedText(vi: "Lọc", en: "Filter")
        case .nothing: LocalizedText(vi: "Không có mục nào.", en: "Nothing here.")
        case .timeZone: LocalizedText(vi: "Múi giờ", en: "Time zone")
        case .cron: LocalizedText(vi: "Biểu thức cron", en: "Cron expression")
        case .source: LocalizedText(vi: "Nguồn số liệu", en: "Source")
        case .measured: LocalizedText(vi: "đo được", en: "measured")
        case .declared: LocalizedText(vi: "kê khai", en: "declared")
        case .forbidden: LocalizedText(vi: "Mã truy cập này không có quyền làm việc đó.", en: "This token's role may not do that.")
        case .runStarted: LocalizedText(vi: "Đã bắt đầu quét.", en: "The scan has started.")
        case .alreadyRunning: LocalizedText(vi: "Lịch này đang chạy; không chạy chồng.", en: "That schedule is already running; it is not started twice.")
        case .durationSeconds: LocalizedText(vi: "Thời gian (giây)", en: "Duration (s)")
        case .tokens: LocalizedText(vi: "Mã truy cập", en: "API tokens")
        case .tokenName: LocalizedText(vi: "Tên mã", en: "Name")
        case .role: LocalizedText(vi: "Vai trò", en: "Role")
        case .created: LocalizedText(vi: "Ngày tạo", en: "Created")
        case .createToken: LocalizedText(vi: "Tạo mã mới", en: "Make a token")
        case .revoke: LocalizedText(vi: "Thu hồi", en: "Revoke")
        case .tokenShownOnce:
            LocalizedText(
                vi: "Sao chép mã này ngay: nó chỉ hiện một lần, máy chủ chỉ giữ bản băm của nó.",
                en: "Copy this token now: it is shown only once; the server keeps only its hash.")
        case .tokenExists:
            LocalizedText(vi: "Đã có mã mang tên này; hãy thu hồi mã cũ trước.", en: "A token of that name exists; revoke it first.")
        case .tokenNameHelp:
            LocalizedText(
                vi: "Tên gồm 1–64 chữ cái không dấu, chữ số, dấu '.', '_' hoặc '-'.",
                en: "A name is 1–64 letters (without accents), digits, '.', '_' or '-'.")
        case .roleViewer: LocalizedText(vi: "viewer — chỉ xem", en: "viewer — reads only")
        case .roleAuditor: LocalizedText(vi: "auditor — xem và chạy quét", en: "auditor — reads and starts scans")
        case .roleAdmin: LocalizedText(vi: "admin — mọi việc, kể cả quản lý mã", en: "admin — everything, tokens included")
        }
    }
}
