import InventoryModel

/// A raw indicator value for one unit, with whether there was anything to measure and why it is
/// what it is.
struct Measurement: Sendable, Hashable {
    var raw: Double
    var hasData: Bool
    var explanation: LocalizedText
    var source: FigureSource = .measured
    /// For host shares: hosts meeting the condition and hosts counted, so an explanation can say
    /// "on 14 more computers".
    var hostsMet: Int? = nil
    var hostsCounted: Int? = nil

    /// Nothing to measure: counted as 0 without data, and `explanation` says why.
    static func noData(_ explanation: LocalizedText, source: FigureSource = .measured) -> Measurement {
        Measurement(raw: 0, hasData: false, explanation: explanation, source: source)
    }
}

extension Measure {
    /// Measures one unit. `hosts` and `findings` are the unit's own.
    /// Measures one unit with the built-in measures; expression measures go through
    /// `CompiledMeasure`, and `declared` has nothing to measure.
    func measure(unit: Unit, hosts: [HostScan], findings: [Finding]) -> Measurement {
        switch self {
        case .computersPerStaff:
            computersPerStaff(unit: unit, hosts: hosts)
        case .antivirusCoverage(let maxAge):
            antivirusCoverage(hosts: hosts, maxSignatureAgeDays: maxAge)
        case .rulesPassed:
            rulesPassed(findings: findings)
        case .hostShare, .value, .declared:
            .noData(LocalizedText(vi: "Không đo được.", en: "Not measurable."), source: .missing)
        }
    }

    private func computersPerStaff(unit: Unit, hosts: [HostScan]) -> Measurement {
        guard unit.staff > 0 else {
            return .noData(
                LocalizedText(
                    vi: "Đơn vị không khai báo số cán bộ: không có dữ liệu, tính bằng 0.",
                    en: "The unit declares no staff: no data, counted as 0."))
        }
        return Measurement(
            raw: Double(hosts.count) / Double(unit.staff), hasData: true,
            explanation: LocalizedText(
                vi: "\(hosts.count) máy tính trong danh mục cho \(unit.staff) cán bộ.",
                en: "\(hosts.count) inventoried computers for \(unit.staff) staff members."))
    }

    /// Conservative on purpose: a host that was not scanned is counted as not covered.
    private func antivirusCoverage(hosts: [HostScan], maxSignatureAgeDays: Double) -> Measurement {
        guard !hosts.isEmpty else {
            return .noData(
                LocalizedText(
                    vi: "Đơn vị không có máy tính nào trong danh mục: không có dữ liệu, tính bằng 0.",
                    en: "The unit has no inventoried computers: no data, counted as 0."))
        }
        // Ages are measured at the host's own scan start, as the policy engine measures
        // `signature_age_days`, so a rule and this indicator never disagree about one host.
        let covered = hosts.filter { host in
            host.status == .scanned
                && (host.facts?.antivirus ?? []).contains {
                    $0.isFresh(at: host.startedAt, maxAgeDays: maxSignatureAgeDays)
                }
        }.count
        let notScanned = hosts.filter { $0.status != .scanned }.count
        let days = CompiledMeasure.plain(maxSignatureAgeDays)
        return Measurement(
            raw: Double(covered) / Double(hosts.count), hasData: true,
            explanation: LocalizedText(
                vi:
                    "\(covered)/\(hosts.count) máy đã quét và có phần mềm phòng chống mã độc với mẫu nhận diện "
                    + "không quá \(days) ngày tuổi lúc quét; \(notScanned) máy không quét được bị tính là chưa đạt.",
                en:
                    "\(covered) of \(hosts.count) computers were scanned and have antivirus with signatures at most "
                    + "\(days) days old at scan time; \(notScanned) computers that could not be scanned count as not covered."
            ), hostsMet: covered, hostsCounted: hosts.count)
    }

    private func rulesPassed(findings: [Finding]) -> Measurement {
        let passed = findings.filter { $0.verdict == .pass }.count
        let judged = findings.filter { [.pass, .fail, .error].contains($0.verdict) }.count
        let excluded = findings.count - judged
        guard judged > 0 else {
            return .noData(
                LocalizedText(
                    vi: "Không có quy tắc nào được đánh giá trên các máy của đơn vị: không có dữ liệu, tính bằng 0.",
                    en: "No rule was judged on the unit's computers: no data, counted as 0."))
        }
        return Measurement(
            raw: Double(passed) / Double(judged), hasData: true,
            explanation: LocalizedText(
                vi:
                    "\(passed)/\(judged) kết quả đạt trong số kết quả được đánh giá (đạt, không đạt, lỗi); "
                    + "\(excluded) kết quả không áp dụng hoặc được miễn không được tính.",
                en: "\(passed) of \(judged) judged rule results passed (pass, fail, error); "
                    + "\(excluded) not applicable or waived results are not counted."))
    }
}
