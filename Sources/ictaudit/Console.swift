import ArgumentParser
import Audit
import Foundation
import Inventory
import InventoryModel
import Logging
import Ranking
import SSHScan

#if canImport(Glibc)
    import Glibc
#endif

/// The terminal face of the tool: progress on stderr, summaries on stdout, errors as one clear line.
struct Console: Sendable {
    let language: Language
    let logger: Logger
    /// On a terminal the running count is redrawn in place; in logs every host gets a line.
    let interactive: Bool

    init(language: Language) {
        self.language = language
        LoggingBootstrap.once()
        var logger = Logger(label: "ictaudit")
        logger.logLevel = ProcessInfo.processInfo.environment["ICTAUDIT_LOG"].flatMap(Logger.Level.init(rawValue:)) ?? .warning
        self.logger = logger
        interactive = isatty(STDERR_FILENO) == 1
    }

    private func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }

    /// Runs a step whose errors carry their own location, and turns them into a clean exit.
    func checked<T>(_ body: () throws -> T) throws -> T {
        do {
            return try body()
        } catch {
            FileHandle.standardError.write(Data("\(t("lỗi", "error")): \(error)\n".utf8))
            throw ExitCode(2)
        }
    }

    func storedSnapshot(_ store: AuditStore, id: Int64?) throws -> InventorySnapshot {
        try checked {
            guard let scanID = try id ?? store.latestScanID() else {
                throw ValidationError(t("kho \(store.path) chưa có lần quét nào; hãy chạy `ictaudit scan` trước", "the store \(store.path) holds no scan yet; run `ictaudit scan` first"))
            }
            guard let snapshot = try store.snapshot(id: scanID) else {
                throw ValidationError(t("không có lần quét số \(scanID) trong \(store.path)", "there is no scan \(scanID) in \(store.path)"))
            }
            return snapshot
        }
    }

    @Sendable func show(_ event: AuditEvent) {
        switch event {
        case .scanning(let hosts):
            err(t("Đang quét \(hosts) máy qua SSH…", "Scanning \(hosts) hosts over SSH…"))
        case .scan(.started(_)):
            break
        case .scan(.finished(let host, completed: let completed, total: let total)):
            let mark = host.status == .scanned ? "✔" : "✘"
            let name = host.target.name.map { " \($0)" } ?? ""
            var line = "[\(completed)/\(total)] \(mark) \(host.target.endpoint)\(name): \(host.status.label.text(language))"
            line += String(format: " (%.2f s)", host.durationSeconds)
            if let message = host.message { line += " — \(Self.printable(message))" }
            err(line)
        case .capturing(let sources):
            err(t("Đang đọc \(sources) nguồn bắt gói tin…", "Reading \(sources) packet captures…"))
        case .stored(let scanID):
            err(t("Đã lưu lần quét số \(scanID).", "Stored scan \(scanID)."))
        case .evaluated(let findings, let policies):
            err(t("Đã đánh giá \(findings) kết quả theo \(policies) chính sách.", "Judged \(findings) results against \(policies) policies."))
        case .ranked(let units):
            err(t("Đã xếp hạng \(units) đơn vị.", "Ranked \(units) units."))
        case .reportWritten(let path):
            err(t("Đã ghi \(path)", "Wrote \(path)"))
        }
    }

    func summarise(_ snapshot: InventorySnapshot) {
        print(t("Lần quét", "Scan") + " \(snapshot.scanID.map(String.init) ?? "-"): " + statusCounts(snapshot))
    }

    func summarise(_ findings: [Finding]) {
        let counts = Dictionary(grouping: findings, by: \.verdict).mapValues(\.count)
        print(Verdict.allCases.compactMap { v in counts[v].map { "\(v.label.text(language)): \($0)" } }.joined(separator: ", "))
    }

    func summarise(_ outcome: AuditOutcome) {
        summarise(outcome.snapshot)
        summarise(outcome.findings)
        for unit in outcome.ranking.units {
            let tier = unit.tier.map { "  [\($0.label.text(language))]" } ?? ""
            print(
                String(format: "  #%d  %.4f  ", unit.rank, unit.score * outcome.ranking.scale)
                    + Self.printable(unit.unitName.text(language)) + tier)
        }
        if let html = outcome.reportFiles.first(where: { $0.hasSuffix(".html") }) {
            print(t("Báo cáo", "Report") + ": \(html)")
        }
    }

    private func statusCounts(_ snapshot: InventorySnapshot) -> String {
        let counts = Dictionary(grouping: snapshot.hosts, by: \.status).mapValues(\.count)
        return HostStatus.allCases.compactMap { s in counts[s].map { "\(s.label.text(language)) \($0)" } }
            .joined(separator: ", ")
    }

    private func err(_ line: String) {
        FileHandle.standardError.write(Data((line + "\n").utf8))
    }

    /// Host-supplied text on a terminal: control characters (escape sequences) are made visible.
    static func printable(_ text: String) -> String {
        String(String.UnicodeScalarView(text.unicodeScalars.map { $0.properties.generalCategory == .control ? "�" : $0 }))
    }
}

/// The executable configures logging once; libraries only take a `Logger`.
enum LoggingBootstrap {
    private static let done: Void = LoggingSystem.bootstrap(StreamLogHandler.standardError)
    static func once() { _ = done }
}
