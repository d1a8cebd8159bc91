public import InventoryModel

/// What is wrong in a ranking method file beyond what the YAML reader and the expression checker
/// find: the typed reason of its `PolicyError`s, worded in Vietnamese and English by one
/// exhaustive switch.
public enum RankingProblem: SourceProblem, Hashable {
    /// The pillar or indicator a sentence is about.
    public enum Subject: Sendable, Hashable {
        case pillar(String)
        case indicator(String)

        var english: String {
            switch self {
            case .pillar(let id): "pillar '\(id)'"
            case .indicator(let id): "indicator '\(id)'"
            }
        }

        var vietnamese: String {
            switch self {
            case .pillar(let id): "trụ cột '\(id)'"
            case .indicator(let id): "chỉ tiêu '\(id)'"
            }
        }
    }

    case pillarsNotList
    case noPillars
    case allPillarsZero
    case indicatorsNotList(pillar: String)
    case noMeasure(Subject, measures: [String])
    case manyMeasures(Subject, given: [String], measures: [String])
    case perWithoutValue(Subject)
    case declaredFalse
    case unknownBuiltin(String, names: [String], suggestion: String?)
    case tiersNotList
    case tierSameMin(String)
    case peerGroupsNotList
    case peerGroupUnitsNotList(group: String)
    case unitInTwoGroups(String, other: String)
    case weightAndPoints(Subject)
    case noWeight(Subject)
    case unknownAggregation(String, names: [String], suggestion: String?)
    case normalisationNeedsValue(String)
    case unknownNormalisation(String, names: [String], suggestion: String?)
    case ratioAndSteps
    case logTarget(Double)
    case logWithoutRatio
    case normalisationForm
    case stepsNotList
    case stepsNotRising(from: Double, previous: Double)
    case stepsAllZero
    case notNumeric(key: String, expression: String, type: String)
    case duplicateID(String, firstLine: Int)
    case reservedID(String)
    case notAboveZero(key: String, found: String)
    case negative(key: String, found: String)

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        let hint = { (suggestion: String?) in NameSuggestion.didYouMean(suggestion, language) }
        let quoted = { (names: [String]) in names.map { "'\($0)'" }.joined(separator: ", ") }
        switch self {
        case .pillarsNotList:
            return t(
                "'pillars' phải là danh sách trụ cột, mỗi trụ cột bắt đầu bằng '- id:'",
                "'pillars' must be a list of pillars, each starting with '- id:'")
        case .noPillars:
            return t("'pillars' trống; phương pháp cần ít nhất một trụ cột", "'pillars' is empty; a method needs at least one pillar")
        case .allPillarsZero:
            return t(
                "mọi trụ cột đều có trọng số 0; ít nhất một trụ cột cần trọng số hoặc điểm dương",
                "every pillar weighs 0; at least one needs a positive weight or points")
        case .indicatorsNotList(let pillar):
            return t(
                "'indicators' của trụ cột '\(pillar)' phải là danh sách, mỗi chỉ tiêu bắt đầu bằng '- id:'",
                "'indicators' of pillar '\(pillar)' must be a list, each starting with '- id:'")
        case .noMeasure(let subject, let measures):
            return t(
                "\(subject.vietnamese) không nói nó đo gì; hãy cho đúng một trong \(quoted(measures))",
                "\(subject.english) says nothing about what it measures; give exactly one of \(quoted(measures))")
        case .manyMeasures(let subject, let given, let measures):
            return t(
                "\(subject.vietnamese) có nhiều hơn một cách đo (\(given.joined(separator: ", "))); hãy cho đúng một trong \(quoted(measures))",
                "\(subject.english) has more than one measure (\(given.joined(separator: ", "))); give exactly one of \(quoted(measures))")
        case .perWithoutValue(let subject):
            return t("'per' chia một 'value'; \(subject.vietnamese) không có 'value'", "'per' divides a 'value'; \(subject.english) has no 'value'")
        case .declaredFalse:
            return t(
                "'declared: false' không nói gì; hãy bỏ nó và cho 'value' hoặc 'hosts_where'",
                "'declared: false' says nothing; remove it and give a 'value' or 'hosts_where'")
        case .unknownBuiltin(let name, let names, let suggestion):
            return t(
                "phép đo dựng sẵn lạ '\(name)'; dùng một trong \(names.joined(separator: ", "))",
                "unknown builtin '\(name)'; use one of \(names.joined(separator: ", "))") + hint(suggestion)
        case .tiersNotList:
            return t("'tiers' phải là danh sách, mỗi hạng có id, name và min", "'tiers' must be a list, each with id, name and min")
        case .tierSameMin(let id):
            return t(
                "hạng '\(id)' có 'min' trùng với một hạng khác; mỗi hạng cần ngưỡng riêng",
                "tier '\(id)' has the same 'min' as another tier; each tier needs its own threshold")
        case .peerGroupsNotList:
            return t("'peer_groups' phải là danh sách, mỗi nhóm có id và name", "'peer_groups' must be a list, each with id and name")
        case .peerGroupUnitsNotList(let group):
            return t(
                "'units' của nhóm so sánh '\(group)' phải là danh sách mã đơn vị", "'units' of peer group '\(group)' must be a list of unit ids")
        case .unitInTwoGroups(let unit, let other):
            return t(
                "đơn vị '\(unit)' đã thuộc nhóm so sánh '\(other)'; mỗi đơn vị chỉ được xếp hạng trong một nhóm",
                "unit '\(unit)' is already in peer group '\(other)'; a unit is ranked in one group")
        case .weightAndPoints(let subject):
            return t(
                "\(subject.vietnamese) có cả 'weight' lẫn 'points'; hãy cho một", "\(subject.english) has both 'weight' and 'points'; give one")
        case .noWeight(let subject):
            return t("\(subject.vietnamese) cần 'weight' hoặc 'points'", "\(subject.english) needs a 'weight' or 'points'")
        case .unknownAggregation(let value, let names, let suggestion):
            return t(
                "cách gộp lạ '\(value)'; dùng một trong \(names.joined(separator: ", "))",
                "unknown aggregation '\(value)'; use one of \(names.joined(separator: ", "))") + hint(suggestion)
        case .normalisationNeedsValue(let name):
            return t("'\(name)' cần một giá trị: hãy viết { \(name): ... }", "'\(name)' needs a value: write { \(name): ... }")
        case .unknownNormalisation(let name, let names, let suggestion):
            return t(
                "cách chuẩn hoá lạ '\(name)'; dùng một trong \(names.joined(separator: ", "))",
                "unknown normalisation '\(name)'; use one of \(names.joined(separator: ", "))") + hint(suggestion)
        case .ratioAndSteps:
            return t("hãy cho 'ratio_to_target' hoặc 'steps', không cho cả hai", "give either 'ratio_to_target' or 'steps', not both")
        case .logTarget(let value):
            return t(
                "mục tiêu theo thang log phải lớn hơn 1, vì log(1) = 0; ở đây là \(value)",
                "a log-scale target must be above 1, since log(1) = 0; found \(value)")
        case .logWithoutRatio:
            return t("'log' chỉ dùng được với 'ratio_to_target'", "'log' only applies to 'ratio_to_target'")
        case .normalisationForm:
            return t("'normalisation' cần 'ratio_to_target' hoặc 'steps'", "'normalisation' needs 'ratio_to_target' or 'steps'")
        case .stepsNotList:
            return t(
                "'steps' phải là danh sách các bậc không trống, như { from: 0.5, points: 25 }",
                "'steps' must be a non-empty list of bands such as { from: 0.5, points: 25 }")
        case .stepsNotRising(let from, let previous):
            return t(
                "các bậc điểm phải tăng dần: 'from' \(from) không lớn hơn của bậc trước (\(previous))",
                "step bands must go up: 'from' \(from) is not above the previous band's \(previous)")
        case .stepsAllZero:
            return t(
                "mọi bậc điểm đều cho 0 điểm; ít nhất một bậc phải cho điểm",
                "every step band gives 0 points; at least one must give some")
        case .notNumeric(let key, let expression, let type):
            return t(
                "'\(key)' phải là một số, nhưng '\(expression)' là giá trị kiểu \(type)",
                "'\(key)' must be a number, but \(expression) is a \(type)")
        case .duplicateID(let id, let line):
            return t("mã '\(id)' bị trùng; mã này đã dùng ở dòng \(line)", "duplicate id '\(id)'; it is first used on line \(line)")
        case .reservedID(let id):
            return t(
                "'\(id)' là tên cột dành riêng của tệp số liệu CSV; hãy chọn mã khác",
                "'\(id)' is a reserved column of the figures CSV; choose another id")
        case .notAboveZero(let key, let found):
            return t("'\(key)' phải lớn hơn 0; ở đây là \(found)", "'\(key)' must be above 0; found \(found)")
        case .negative(let key, let found):
            return t("'\(key)' không được âm; ở đây là \(found)", "'\(key)' must not be negative; found \(found)")
        }
    }
}
