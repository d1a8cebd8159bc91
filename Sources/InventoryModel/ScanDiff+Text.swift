import Foundation

/// Every label a diff shows, in Vietnamese and English; an exhaustive `switch`, so a label
/// missing a language does not compile.
public enum ScanDiffLabel: LabelKey {
    case title, nothingChanged, hostsAppeared, hostsGone, statusChanged, newFindings, resolvedFindings
    case factChanges, packages, installed, removed, portsOpened, portsClosed, antivirus, sshd, system
    case rankMoves, notRanked, notJudged, unranked

    public var text: LocalizedText {
        switch self {
        case .title: LocalizedText(vi: "So sánh hai lần quét", en: "Comparison of two scans")
        case .nothingChanged: LocalizedText(vi: "Không có thay đổi.", en: "Nothing changed.")
        case .hostsAppeared: LocalizedText(vi: "Máy mới xuất hiện", en: "Hosts appeared")
        case .hostsGone: LocalizedText(vi: "Máy không còn", en: "Hosts gone")
        case .statusChanged: LocalizedText(vi: "Trạng thái quét thay đổi", en: "Scan status changed")
        case .newFindings: LocalizedText(vi: "Lỗi mới", en: "New findings")
        case .resolvedFindings: LocalizedText(vi: "Lỗi đã khắc phục", en: "Resolved findings")
        case .factChanges: LocalizedText(vi: "Thông tin máy thay đổi", en: "Facts changed")
        case .packages: LocalizedText(vi: "Gói phần mềm", en: "Packages")
        case .installed: LocalizedText(vi: "cài mới", en: "installed")
        case .removed: LocalizedText(vi: "gỡ bỏ", en: "removed")
        case .portsOpened: LocalizedText(vi: "Cổng mở thêm", en: "Ports opened")
        case .portsClosed: LocalizedText(vi: "Cổng đã đóng", en: "Ports closed")
        case .antivirus: LocalizedText(vi: "Phần mềm diệt virus", en: "Antivirus")
        case .sshd: LocalizedText(vi: "Cấu hình sshd", en: "sshd settings")
        case .system: LocalizedText(vi: "Hệ thống", en: "System")
        case .rankMoves: LocalizedText(vi: "Đơn vị thay đổi thứ hạng", en: "Units that moved in the ranking")
        case .notRanked: LocalizedText(vi: "Không xếp hạng được một trong hai lần quét.", en: "One of the scans was not ranked.")
        case .notJudged: LocalizedText(vi: "Một trong hai lần quét chưa được đánh giá theo chính sách.", en: "One of the scans has not been judged against policies.")
        case .unranked: LocalizedText(vi: "không xếp hạng", en: "unranked")
        }
    }
}

extension ScanDiff {
    /// The diff as plain text for a terminal, in one language.
    ///
    /// Everything that came from a host passes through `printable`, which the caller supplies
    /// (a terminal needs control characters made visible; a test may want them verbatim).
    public func plainText(_ language: Language, printable: (String) -> String = ScanDiff.visibleControls) -> String {
        func label(_ l: ScanDiffLabel) -> String { l.text.text(language) }
        func host(_ h: HostIdentity) -> String {
            printable(h.name.map { "\($0) (\(h.endpoint))" } ?? h.endpoint) + " [\(printable(h.unit))]"
        }
        func value(_ v: String?) -> String { v.map(printable) ?? "—" }
        func scan(_ r: ScanReference) -> String {
            "#\(r.scanID.map(String.init) ?? "?") \(ISO8601DateFormatter().string(from: r.startedAt))"
        }
        var lines = ["\(label(.title)): \(scan(before)) → \(scan(after))"]
        if isEmpty { lines.append(label(.nothingChanged)) }
        func section(_ l: ScanDiffLabel, _ items: [String]) {
            guard !items.isEmpty else { return }
            lines.append("")
            lines.append("\(label(l)) (\(items.count)):")
            lines += items.map { "  " + $0 }
        }
        section(.hostsAppeared, hostsAppeared.map(host))
        section(.hostsGone, hostsGone.map(host))
        section(
            .statusChanged,
            statusChanges.map { "\(host($0.host)): \($0.before.label.text(language)) → \($0.after.label.text(language))" })
        func finding(_ f: FindingChange) -> String {
            let verdicts = "\(f.before?.label.text(language) ?? "—") → \(f.after?.label.text(language) ?? "—")"
            return "[\(f.severity.label.text(language))] \(f.policyID)/\(f.ruleID) \(f.title.text(language)) — \(printable(f.host)) (\(verdicts))"
        }
        section(.newFindings, newFindings.map(finding))
        section(.resolvedFindings, resolvedFindings.map(finding))
        if !findingsCompared { lines += ["", label(.notJudged)] }
        var facts: [String] = []
        for change in hostChanges {
            facts.append(host(change.host))
            if !change.packages.isEmpty {
                facts.append("  \(label(.packages)) (\(change.packages.count)):")
                facts += change.packages.map { p in
                    let name = printable(p.architecture.map { "\(p.name):\($0)" } ?? p.name)
                    switch (p.before, p.after) {
                    case (nil, let after?): return "    + \(name) \(printable(after)) (\(label(.installed)))"
                    case (let before?, nil): return "    - \(name) \(printable(before)) (\(label(.removed)))"
                    default: return "    ~ \(name) \(value(p.before)) → \(value(p.after))"
                    }
                }
            }
            func ports(_ l: ScanDiffLabel, _ sockets: [ListeningSocket]) {
                guard !sockets.isEmpty else { return }
                facts.append("  \(label(l)): " + sockets.map { "\($0.port)/\($0.proto.rawValue) \(printable($0.address))" }.joined(separator: ", "))
            }
            ports(.portsOpened, change.portsOpened)
            ports(.portsClosed, change.portsClosed)
            for (l, changes) in [(ScanDiffLabel.antivirus, change.antivirus), (.sshd, change.sshd), (.system, change.system)]
            where !changes.isEmpty {
                facts.append("  \(label(l)):")
                facts += changes.map { "    \(printable($0.fact)): \(value($0.before)) → \(value($0.after))" }
            }
        }
        if !facts.isEmpty {
            lines += ["", "\(label(.factChanges)) (\(hostChanges.count)):"]
            lines += facts.map { "  " + $0 }
        }
        func standing(_ s: UnitStanding?) -> String {
            guard let s else { return label(.unranked) }
            return "#\(s.rank)" + (s.tier.map { " \($0)" } ?? "") + String(format: " (%.4f)", s.score)
        }
        section(.rankMoves, rankMoves.map { "\($0.unitName.text(language)): \(standing($0.before)) → \(standing($0.after))" })
        if !rankingCompared { lines += ["", label(.notRanked)] }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Control characters (terminal escape sequences among them) shown as `\u{…}`.
    public static func visibleControls(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            if scalar.properties.generalCategory == .control {
                out += "\\u{\(String(scalar.value, radix: 16))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
