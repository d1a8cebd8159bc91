import Foundation
public import InventoryModel
import Ranking
import Reports
import SSHScan

extension AuditEvent {
    /// The event as one line a person reads, in their language; the CLI prints it on stderr and the
    /// service logs it. Host-supplied text is made printable.
    public func line(_ language: Language) -> String? {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        switch self {
        case .began(let scanID, let planned, let remaining) where remaining == planned:
            return t(
                "Lần quét số \(scanID): mỗi máy được lưu ngay khi quét xong; nếu bị ngắt, tiếp tục bằng `ictaudit scan --resume \(scanID)`.",
                "Scan \(scanID): each host is stored as it finishes; if interrupted, continue with `ictaudit scan --resume \(scanID)`.")
        case .began(let scanID, let planned, let remaining):
            return t(
                "Tiếp tục lần quét số \(scanID): còn \(remaining)/\(planned) máy.",
                "Resuming scan \(scanID): \(remaining) of \(planned) hosts left.")
        case .scanning(let hosts):
            return t("Đang quét \(hosts) máy qua SSH…", "Scanning \(hosts) hosts over SSH…")
        case .scan(.started(_)):
            return nil
        case .scan(.finished(let host, completed: let completed, total: let total)):
            let mark = host.status == .scanned ? "✔" : "✘"
            let name = host.target.name.map { " \($0)" } ?? ""
            var line = "[\(completed)/\(total)] \(mark) \(host.target.endpoint)\(name): \(host.status.label.text(language))"
            line += String(format: " (%.2f s)", host.durationSeconds)
            if let message = host.message { line += " — \(TerminalText.printable(message))" }
            return line
        case .capturing(let sources):
            return t("Đang đọc \(sources) nguồn bắt gói tin…", "Reading \(sources) packet captures…")
        case .stored(let scanID):
            return t("Đã lưu lần quét số \(scanID).", "Stored scan \(scanID).")
        case .evaluated(let findings, let policies):
            return t(
                "Đã đánh giá \(findings) kết quả theo \(policies) chính sách.",
                "Judged \(findings) results against \(policies) policies.")
        case .ranked(let units):
            return t("Đã xếp hạng \(units) đơn vị.", "Ranked \(units) units.")
        case .reportWritten(let path):
            return t("Đã ghi \(path)", "Wrote \(path)")
        case .reportSkipped(let path, let reason):
            return t("Không ghi \(path): ", "Did not write \(path): ") + reason.text(language)
        }
    }
}

/// What a finished stage says on stdout: counts by status and verdict, the ranking, the report.
public enum AuditSummary {
    public static func lines(_ snapshot: InventorySnapshot, _ language: Language) -> [String] {
        let counts = Dictionary(grouping: snapshot.hosts, by: \.status).mapValues(\.count)
        let statuses = HostStatus.allCases.compactMap { s in counts[s].map { "\(s.label.text(language)) \($0)" } }
        let scan = language == .vi ? "Lần quét" : "Scan"
        return ["\(scan) \(snapshot.scanID.map(String.init) ?? "-"): " + statuses.joined(separator: ", ")]
    }

    public static func lines(_ findings: [Finding], _ language: Language) -> [String] {
        let counts = Dictionary(grouping: findings, by: \.verdict).mapValues(\.count)
        return [Verdict.allCases.compactMap { v in counts[v].map { "\(v.label.text(language)): \($0)" } }.joined(separator: ", ")]
    }

    public static func lines(_ outcome: AuditOutcome, _ language: Language) -> [String] {
        var lines = lines(outcome.snapshot, language) + lines(outcome.findings, language)
        for unit in outcome.ranking.units {
            let tier = unit.tier.map { "  [\($0.label.text(language))]" } ?? ""
            lines.append(
                String(format: "  #%d  %.4f  ", unit.rank, unit.score * outcome.ranking.scale)
                    + TerminalText.printable(unit.unitName.text(language)) + tier)
        }
        if let html = outcome.reportFiles.first(where: { $0.hasSuffix(".html") }) {
            lines.append((language == .vi ? "Báo cáo" : "Report") + ": \(html)")
        }
        return lines
    }
}
