public import InventoryModel

/// What is wrong in a policy, a Wazuh SCA policy, a waiver file or a policy test file, beyond
/// what the YAML reader itself checks: the typed reason of their `PolicyError`s, worded in
/// Vietnamese and English by one exhaustive switch.
public enum PolicyProblem: SourceProblem, Hashable {
    // Policy files.
    case badScope(String)
    case unitPolicyProbes
    case rulesNotList
    case noRules
    case duplicateRule(String, firstLine: Int)
    case ruleWithoutID
    case referencesNotList
    case probePathsNotList(key: String)
    case notAbsolutePath(String)
    case commandsNotList
    case commandTwice(String)
    case unknownSeverity(String, names: [String], suggestion: String?)
    case notCondition(key: String)
    /// Two files of a catalogue give the same policy id.
    case policyIDTaken(String, by: String)
    // Wazuh SCA policies.
    case variableName
    case duplicateCheck(String, firstLine: Int)
    /// `nil`: the requirements block.
    case checkWithoutTitle(check: String?)
    case unknownRegexType(String)
    case unknownCondition(String)
    case checkRulesEmpty
    case scaRuleNotText
    case scaRuleStart
    case scaRuleNamesNothing(kind: Character)
    case scaRuleTakesNoArrow(kind: Character)
    case scaRuleTooManyArrows(kind: Character, most: Int)
    case unknownSCARuleType(Character)
    case numericTestForm
    case compareOperands
    case badRegex(String)
    // Waivers.
    case policyTwice
    case waiverWithoutScope
    case notCalendarDay(String)
    // Policy tests and the facts they describe.
    case scanTime
    case exitCode
    case evidenceForm(section: String)
    case expectForm
    case unknownVerdict(String, names: [String], suggestion: String?)
    case factsNotObject(path: String, object: String)
    case unknownField(String, path: String, object: String, suggestion: String?)
    case factsNotList(path: String)
    case factNotScalar(path: String, type: String)
    case factWrongValue(path: String, type: String, found: String)

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        let hint = { (suggestion: String?) in NameSuggestion.didYouMean(suggestion, language) }
        switch self {
        case .badScope(let text):
            return t("'scope' phải là 'host' hoặc 'unit', không phải '\(text)'", "'scope' must be 'host' or 'unit', not '\(text)'")
        case .unitPolicyProbes:
            return t(
                "chính sách đơn vị đọc kiểm kê của đơn vị và không thăm dò máy nào; hãy bỏ 'probes'",
                "a unit policy reads the unit inventory and probes no host; remove 'probes'")
        case .rulesNotList:
            return t(
                "'rules' phải là danh sách quy tắc, mỗi quy tắc bắt đầu bằng '- id:'",
                "'rules' must be a list of rules, each starting with '- id:'")
        case .noRules:
            return t("'rules' trống; chính sách cần ít nhất một quy tắc", "'rules' is empty; a policy needs at least one rule")
        case .duplicateRule(let id, let line):
            return t(
                "mã quy tắc '\(id)' bị trùng; mã này đã dùng ở dòng \(line)",
                "duplicate rule id '\(id)'; it is first used on line \(line)")
        case .ruleWithoutID:
            return t("một quy tắc thiếu 'id'", "a rule is missing 'id'")
        case .referencesNotList:
            return t(
                "'references' phải là danh sách văn bản, như [\"TCVN 11930:2017\"]",
                "'references' must be a list of texts, such as [\"TCVN 11930:2017\"]")
        case .probePathsNotList(let key):
            return t("'probes.\(key)' phải là danh sách đường dẫn tuyệt đối", "'probes.\(key)' must be a list of absolute paths")
        case .notAbsolutePath(let path):
            return t("'\(path)' không phải là đường dẫn tuyệt đối", "'\(path)' is not an absolute path")
        case .commandsNotList:
            return t("'probes.commands' phải là danh sách { name: …, run: … }", "'probes.commands' must be a list of { name: …, run: … }")
        case .commandTwice(let name):
            return t("tên lệnh '\(name)' được khai báo hai lần", "the command name '\(name)' is declared twice")
        case .unknownSeverity(let value, let names, let suggestion):
            return t(
                "mức nghiêm trọng lạ '\(value)'; dùng một trong \(names.map { "'\($0)'" }.joined(separator: ", "))\(hint(suggestion))",
                "unknown severity '\(value)'; use one of \(names.joined(separator: ", ")).\(suggestion.map { " Did you mean '\($0)'?" } ?? "")")
        case .notCondition(let key):
            return t("'\(key)' phải là một điều kiện", "'\(key)' must be a condition")
        case .policyIDTaken(let id, let other):
            return t("mã chính sách '\(id)' đã được dùng trong \(other)", "policy id '\(id)' is also used by \(other)")
        case .variableName:
            return t("tên biến bắt đầu bằng '$', như $sshd_file", "variable names start with '$', such as $sshd_file")
        case .duplicateCheck(let id, let line):
            return t(
                "mã phép kiểm tra \(id) bị trùng; mã này đã dùng ở dòng \(line)",
                "duplicate check id \(id); it is first used on line \(line)")
        case .checkWithoutTitle(let check):
            guard let check else { return t("'requirements' thiếu 'title'", "'requirements' is missing 'title'") }
            return t("phép kiểm tra \(check) thiếu 'title'", "check \(check) is missing 'title'")
        case .unknownRegexType(let type):
            return t("regex_type lạ '\(type)'; dùng osregex hoặc pcre2", "unknown regex_type '\(type)'; use osregex or pcre2")
        case .unknownCondition(let condition):
            return t(
                "điều kiện lạ '\(condition)'; dùng all, any hoặc none", "unknown condition '\(condition)'; use all, any or none")
        case .checkRulesEmpty:
            return t("'rules' trống", "'rules' is empty")
        case .scaRuleNotText:
            return t("một quy tắc phải là văn bản như 'f:/etc/passwd'", "a rule must be a text such as 'f:/etc/passwd'")
        case .scaRuleStart:
            return t(
                "quy tắc bắt đầu bằng f:, d:, p:, c: hoặc r: (có thể sau 'not ')",
                "a rule starts with f:, d:, p:, c: or r: (optionally after 'not ')")
        case .scaRuleNamesNothing(let kind):
            return t("quy tắc không nêu gì sau '\(kind):'", "the rule names nothing after '\(kind):'")
        case .scaRuleTakesNoArrow(let kind):
            return t("quy tắc '\(kind):' không có phần '->' nào", "a '\(kind):' rule takes no '->' part")
        case .scaRuleTooManyArrows(let kind, let most):
            return t("quy tắc '\(kind):' có tối đa \(most) phần '->'", "a '\(kind):' rule has at most \(most) '->' parts")
        case .unknownSCARuleType(let kind):
            return t("loại quy tắc lạ '\(kind):'; dùng f:, d:, p:, c: hoặc r:", "unknown rule type '\(kind):'; use f:, d:, p:, c: or r:")
        case .numericTestForm:
            return t("phép so sánh số viết là n:regex compare <= giá_trị", "a numeric test is written n:regex compare <= value")
        case .compareOperands:
            return t(
                "sau 'compare' hãy viết một toán tử (<, <=, ==, !=, >=, >) và một số nguyên",
                "after 'compare' write an operator (<, <=, ==, !=, >=, >) and a whole number")
        case .badRegex(let pattern):
            return t("'\(pattern)' không phải là biểu thức chính quy hợp lệ", "'\(pattern)' is not a valid regular expression")
        case .policyTwice:
            return t(
                "ghi chính sách hoặc trong 'rule' (chính_sách/quy_tắc) hoặc trong 'policy', không ghi cả hai",
                "write the policy either in 'rule' (policy/rule) or in 'policy', not both")
        case .waiverWithoutScope:
            return t(
                "miễn trừ cần 'host' hoặc 'unit': hãy nói nó miễn cho những máy nào",
                "a waiver needs 'host' or 'unit': say which machines it excuses")
        case .notCalendarDay(let day):
            return t("'\(day)' không phải là một ngày có thật", "'\(day)' is not a real calendar day")
        case .scanTime:
            return t(
                "'scan_time' phải là ngày như 2025-06-15 hoặc 2025-06-15T08:00:00Z",
                "'scan_time' must be a date such as 2025-06-15 or 2025-06-15T08:00:00Z")
        case .exitCode:
            return t("'exit_code' phải là số nguyên", "'exit_code' must be a whole number")
        case .evidenceForm(let section):
            return t(
                "bằng chứng '\(section)' phải là văn bản hoặc { content, exit_code }",
                "evidence '\(section)' must be a text or { content, exit_code }")
        case .expectForm:
            return t(
                "'expect' phải gán mỗi mã quy tắc một kết luận, như 'ssh-no-root-login: pass'",
                "'expect' must map rule ids to verdicts, such as 'ssh-no-root-login: pass'")
        case .unknownVerdict(let text, let names, let suggestion):
            return t(
                "kết luận lạ '\(text)'; dùng một trong \(names.map { "'\($0)'" }.joined(separator: ", "))",
                "unknown verdict '\(text)'; use one of \(names.joined(separator: ", "))") + hint(suggestion)
        case .factsNotObject(let path, let object):
            return t("'\(path)' phải là ánh xạ các trường của \(object)", "'\(path)' must be a mapping of \(object) fields")
        case .unknownField(let name, let path, let object, let suggestion):
            return t("trường lạ '\(name)' trong \(path) (\(object))", "unknown field '\(name)' in \(path) (\(object))")
                + hint(suggestion)
        case .factsNotList(let path):
            return t("'\(path)' phải là danh sách", "'\(path)' must be a list")
        case .factNotScalar(let path, let type):
            return t("'\(path)' phải là giá trị kiểu \(type)", "'\(path)' must be \(type == "int" ? "an" : "a") \(type)")
        case .factWrongValue(let path, let type, let found):
            if type == "date" {
                return t(
                    "'\(path)' phải là ngày như 2025-06-15 hoặc 2025-06-15T08:00:00Z; ở đây là '\(found)'",
                    "'\(path)' must be a date such as 2025-06-15 or 2025-06-15T08:00:00Z; found '\(found)'")
            }
            return t("'\(path)' phải là giá trị kiểu \(type); ở đây là '\(found)'", "'\(path)' must be a value of type \(type); found '\(found)'")
        }
    }
}
