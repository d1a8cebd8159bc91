public import InventoryModel
public import PacketScan
public import PolicyEngine

/// The lines `ictaudit policy lint`, `policy test` and `capture` print, in the reader's
/// language. One case a line and one exhaustive switch, so no line exists in one language only.
/// Problems quoted inside (a policy's `file:line:column: …`, a capture's stop cause) come worded in
/// the same language by their own types.
public enum CommandText: Sendable, Hashable {
    /// `policy lint`: a file that loads, and what it holds.
    case lintOK(file: String, summary: PolicyLinter.Summary)
    /// `policy test`: one suite's line.
    case suite(file: String, failed: Int, cases: Int)
    /// `policy test`: the closing count.
    case testTotals(suites: Int, expectations: Int, failures: Int)
    /// `capture`: the file ended in a record that could not be read.
    case captureStopped(packet: Int, byte: Int, cause: CaptureStop.Cause)

    public func line(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .lintOK(let file, let summary):
            return "\(file): " + t("ổn", "ok") + " — " + Self.summary(summary, language)
        case .suite(let file, let failed, let cases):
            let state = failed == 0 ? t("ổn", "ok") : t("\(failed) sai", "\(failed) failed")
            return "\(file): \(state) — " + t("\(cases) ca kiểm thử", "\(cases) cases")
        case .testTotals(let suites, let expectations, let failures):
            return t(
                "\(suites) bộ kiểm thử, \(expectations) kỳ vọng, \(failures) sai",
                "\(suites) suites, \(expectations) expectations, \(failures) failures")
        case .captureStopped(let packet, let byte, let cause):
            let reason = cause.text(language)
            return t(
                "cảnh báo: dừng ở gói tin \(packet), byte \(byte): \(reason); kết quả chỉ gồm phần đã đọc",
                "warning: stopped at packet \(packet), byte \(byte): \(reason); results cover what was read")
        }
    }

    static func summary(_ summary: PolicyLinter.Summary, _ language: Language) -> String {
        guard language == .vi else { return summary.description }
        switch summary {
        case .policy(let id, let version, let rules, let probes):
            return "chính sách \(id) \(version): \(rules) quy tắc, \(probes) lệnh thăm dò"
        case .tests(let cases, let expectations): return "kiểm thử chính sách: \(cases) ca, \(expectations) kỳ vọng"
        case .waivers(let count): return "miễn trừ: \(count)"
        case .sca(let id, let checks, let probes): return "chính sách Wazuh SCA \(id): \(checks) phép kiểm tra, \(probes) lệnh thăm dò"
        }
    }
}
