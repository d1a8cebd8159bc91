public import InventoryModel

/// A request the command line cannot make (flags that do not go together, a value out of range),
/// decided in `Audit` so the CLI's `validate()` and any other caller refuse the same requests;
/// worded in Vietnamese and English by one exhaustive switch.
public enum UsageProblem: Sendable, Hashable, CustomStringConvertible {
    case captureSource
    /// `--duration`, `--count`, `--interval`: a number that must be above zero.
    case notPositive(flag: String)
    case atLeastOne(flag: String)
    case scanSource
    case timeouts
    case nothingToRank
    case noFiles
    case role
    case noToken(String)
    case noSchedulesFile

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .captureSource: return t("hãy cho đúng một trong --file và --interface", "give exactly one of --file and --interface")
        case .notPositive(let flag): return t("\(flag) phải lớn hơn 0", "\(flag) must be positive")
        case .atLeastOne(let flag): return t("\(flag) phải ít nhất là 1", "\(flag) must be at least 1")
        case .scanSource:
            return t(
                "hãy cho một tệp kiểm kê để bắt đầu quét, hoặc --resume ID để quét tiếp (không cả hai)",
                "give an inventory file to start a scan, or --resume ID to continue one (not both)")
        case .timeouts: return t("thời gian chờ phải lớn hơn 0", "timeouts must be positive")
        case .nothingToRank:
            return t("hãy cho --figures, --store hoặc --scan: không có gì để xếp hạng", "give --figures, --store or --scan: there is nothing to rank")
        case .noFiles: return t("hãy nêu ít nhất một tệp", "name at least one file")
        case .role: return t("--role phải là viewer, auditor hoặc admin", "--role must be viewer, auditor or admin")
        case .noToken(let name): return t("không có mã truy cập tên '\(name)'", "there is no token called '\(name)'")
        case .noSchedulesFile:
            return t("hãy nêu một tệp lịch quét: ictaudit schedule list schedules.yaml", "name a schedules file: ictaudit schedule list schedules.yaml")
        }
    }

    public var description: String { text(.en) }
}
