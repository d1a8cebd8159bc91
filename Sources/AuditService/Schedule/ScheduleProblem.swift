public import InventoryModel
public import SourceYAML

/// What is wrong in a schedules file or the service configuration beyond what the YAML reader
/// checks: the typed reason of their `SourceError`s, worded in Vietnamese and English by one
/// exhaustive switch.
public enum ScheduleProblem: SourceProblem, Hashable {
    case schedulesNotList
    case badName(String)
    case nameTwice(String)
    case unknownZone(String, suggestion: String?)
    /// The cron expression as written and what is wrong in it.
    case cron(String, CronProblem)
    case notList(key: String, found: NodeKind)
    case unknownFormat(String, formats: [String], suggestion: String?)
    case keep
    case missed(String, allowed: [String], suggestion: String?)
    case language
    // service.yaml
    case listen(String)
    case tlsPair
    case logFormat(String, suggestion: String?)
    case hostTimeout(Double)

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        let hint = { (suggestion: String?) in NameSuggestion.didYouMean(suggestion, language) }
        switch self {
        case .schedulesNotList:
            return t(
                "'schedules' phải là danh sách lịch quét (các dòng bắt đầu bằng '-')",
                "'schedules' must be a list of schedules (lines starting with '-')")
        case .badName(let name):
            return t(
                "tên lịch quét chỉ được chứa chữ cái, chữ số, '-' và '_'; ở đây là '\(name)'",
                "a schedule's name may hold letters, digits, '-' and '_' only; found '\(name)'")
        case .nameTwice(let name):
            return t("hai lịch quét cùng tên '\(name)'", "two schedules are named '\(name)'")
        case .unknownZone(let zone, let suggestion):
            return t("'\(zone)' không phải là múi giờ", "'\(zone)' is not a time zone") + hint(suggestion)
                + t("; hãy ghi tên IANA như Asia/Ho_Chi_Minh", "; write an IANA name such as Asia/Ho_Chi_Minh")
        case .cron(let text, let problem):
            return "cron '\(text)': " + problem.text(language)
        case .notList(let key, let found):
            return t("'\(key)' phải là danh sách, nhưng đây là \(found.text(.vi))", "'\(key)' must be a list, but this is \(found.text(.en))")
        case .unknownFormat(let format, let formats, let suggestion):
            return t(
                "'\(format)' không phải là định dạng báo cáo (\(formats.joined(separator: ", ")))",
                "'\(format)' is not a report format (\(formats.joined(separator: ", ")))") + hint(suggestion)
        case .keep:
            return t("'keep' phải là số lần quét nguyên, ít nhất là 1", "'keep' must be a whole number of scans, at least 1")
        case .missed(let value, let allowed, let suggestion):
            _ = value
            return t("'missed' phải là \(allowed.joined(separator: " hoặc "))", "'missed' must be \(allowed.joined(separator: " or "))")
                + hint(suggestion)
        case .language:
            return t("'language' phải là vi hoặc en", "'language' must be vi or en")
        case .listen(let value):
            return t(
                "'listen' phải là HOST:PORT, như 127.0.0.1:8470; ở đây là '\(value)'",
                "'listen' must be HOST:PORT, such as 127.0.0.1:8470; found '\(value)'")
        case .tlsPair:
            return t(
                "'tls_certificate' và 'tls_key' phải đi cùng nhau: HTTPS cần chứng chỉ và khoá riêng của nó",
                "'tls_certificate' and 'tls_key' go together: HTTPS needs the certificate and its private key")
        case .logFormat(let value, let suggestion):
            _ = value
            return t("'log_format' phải là text hoặc json", "'log_format' must be text or json") + hint(suggestion)
        case .hostTimeout(let value):
            return t("'host_timeout' phải lớn hơn 0 giây; ở đây là \(value)", "'host_timeout' must be more than 0 seconds; found \(value)")
        }
    }
}

/// What is wrong in a cron expression, worded in Vietnamese and English.
public enum CronProblem: Sendable, Hashable {
    case fieldCount(Int)
    case neverRuns(days: String, months: String)
    case emptyField(CronField.Kind)
    case emptyItem(CronField.Kind)
    case twoSlashes(String, CronField.Kind)
    case badStep(String)
    case stepTooLong(Int, CronField.Kind)
    case wrapWithStep(String, CronField.Kind)
    case outOfRange(Int, CronField.Kind)
    case notNumber(String, CronField.Kind)
    case notName(String, CronField.Kind, names: [String], suggestion: String?)

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        func range(_ kind: CronField.Kind) -> String { "\(kind.range.lowerBound)-\(kind.range.upperBound)" }
        switch self {
        case .fieldCount(let count):
            return t(
                "biểu thức cron có 5 trường (phút giờ ngày-trong-tháng tháng thứ-trong-tuần), biểu thức này có \(count)",
                "a cron expression has 5 fields (minute hour day-of-month month day-of-week), this one has \(count)")
        case .neverRuns(let days, let months):
            return t(
                "không tháng nào trong năm có ngày '\(days)' trong các tháng '\(months)': lịch này sẽ không bao giờ chạy",
                "no month of the year has the days '\(days)' in months '\(months)': this would never run")
        case .emptyField(let kind):
            return t("trường \(kind.label(.vi)) trống", "the \(kind.label(.en)) field is empty")
        case .emptyItem(let kind):
            return t("một mục trống trong danh sách \(kind.label(.vi))", "an empty item in the \(kind.label(.en)) list")
        case .twoSlashes(let part, let kind):
            return t("'\(part)' có hơn một dấu '/' trong trường \(kind.label(.vi))", "'\(part)' has more than one '/' in the \(kind.label(.en)) field")
        case .badStep(let step):
            return t(
                "bước sau '/' phải là số nguyên từ 1 trở lên, không phải '\(step)'",
                "the step after '/' must be a whole number of at least 1, not '\(step)'")
        case .stepTooLong(let step, let kind):
            return t(
                "bước \(step) dài hơn khoảng \(kind.label(.vi)) \(range(kind))",
                "a step of \(step) is longer than the \(kind.label(.en)) range \(range(kind))")
        case .wrapWithStep(let part, let kind):
            return t(
                "'\(part)' vòng qua cuối khoảng \(kind.label(.vi)) và có bước; hãy viết thành hai khoảng",
                "'\(part)' wraps around the end of the \(kind.label(.en)) range and has a step; write it as two ranges")
        case .outOfRange(let number, let kind):
            return t(
                "\(number) nằm ngoài khoảng \(kind.label(.vi)) \(range(kind))", "\(number) is outside the \(kind.label(.en)) range \(range(kind))")
        case .notNumber(let text, let kind):
            return t(
                "'\(text)' không phải là \(kind.label(.vi)) (số nguyên từ \(kind.range.lowerBound) đến \(kind.range.upperBound))",
                "'\(text)' is not a \(kind.label(.en)) (a whole number from \(kind.range.lowerBound) to \(kind.range.upperBound))")
        case .notName(let text, let kind, let names, let suggestion):
            return t(
                "'\(text)' không phải là \(kind.label(.vi)) (\(range(kind)) hoặc \(names.joined(separator: ", ")))",
                "'\(text)' is not a \(kind.label(.en)) (\(range(kind)) or \(names.joined(separator: ", ")))")
                + NameSuggestion.didYouMean(suggestion, language)
        }
    }
}
