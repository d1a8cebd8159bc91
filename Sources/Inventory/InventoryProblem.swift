public import InventoryModel

/// What is wrong in an inventory file beyond what the YAML reader checks: the typed reason of its
/// `InventoryFileError`, worded in Vietnamese and English by one exhaustive switch.
public enum InventoryProblem: SourceProblem, Hashable {
    case unitTwice(String)
    case subnetNotCIDR(String, unit: String)
    /// Two subnets of one unit overlap; `at` is where the other one is written.
    case subnetOverlapsOwn(String, unit: String, other: String, at: Position?)
    case subnetOverlapsOther(String, unit: String, other: String, otherUnit: String, at: Position?)
    case unknownParent(String, suggestion: String?)
    case nameNotLocalized(LocalizedText)
    case secretInFile(key: String)
    case agentFalse
    case credentialKind
    case unknownUnit(String, suggestion: String?)
    case noUser(target: String)
    case noCredential(target: String)
    case targetTwice(String)
    case notDay(LocalizedText, found: String)
    case unknownRole(String, suggestion: String?)
    case unknownOS(String, names: [String])
    case notTime(String)
    case periodBackwards
    case captureSource
    case interval

    /// A line and column another message points back to.
    public struct Position: Sendable, Hashable {
        public var line: Int
        public var column: Int
        public init(line: Int, column: Int) {
            self.line = line
            self.column = column
        }
    }

    public func text(_ language: Language) -> String {
        func t(_ vi: String, _ en: String) -> String { language == .vi ? vi : en }
        let hint = { (suggestion: String?) in NameSuggestion.didYouMean(suggestion, language) }
        let place = { (at: Position?) in
            at.map { t(" (dòng \($0.line), cột \($0.column))", " (line \($0.line), column \($0.column))") } ?? ""
        }
        switch self {
        case .unitTwice(let id):
            return t("mã đơn vị '\(id)' được dùng hai lần", "unit id '\(id)' is used twice")
        case .subnetNotCIDR(let subnet, let unit):
            return t(
                "dải mạng '\(subnet)' của đơn vị '\(unit)' không viết theo CIDR như 10.10.1.0/24",
                "subnet '\(subnet)' of unit '\(unit)' is not CIDR notation such as 10.10.1.0/24")
        case .subnetOverlapsOwn(let subnet, let unit, let other, let at):
            return t(
                "dải mạng '\(subnet)' của đơn vị '\(unit)' trùm lên dải '\(other)' của chính nó\(place(at)); mỗi khối địa chỉ chỉ ghi một lần",
                "subnet '\(subnet)' of unit '\(unit)' overlaps its subnet '\(other)'\(place(at)); list each address block once")
        case .subnetOverlapsOther(let subnet, let unit, let other, let otherUnit, let at):
            return t(
                "dải mạng '\(subnet)' của đơn vị '\(unit)' trùm lên dải '\(other)' của đơn vị '\(otherUnit)'\(place(at)); "
                    + "mỗi địa chỉ chỉ thuộc một đơn vị, nếu không máy tính và lưu lượng của nó bị đếm hai lần",
                "subnet '\(subnet)' of unit '\(unit)' overlaps subnet '\(other)' of unit '\(otherUnit)'\(place(at)); "
                    + "an address must belong to one unit, or its computers and traffic would count twice")
        case .unknownParent(let parent, let suggestion):
            return t(
                "đơn vị cha '\(parent)' không có trong 'units'", "the parent unit '\(parent)' is not defined in 'units'")
                + hint(suggestion)
        case .nameNotLocalized(let what):
            return t(
                "\(what.vi) phải ghi cả hai thứ tiếng, ví dụ { vi: \"Văn phòng\", en: \"Office\" }",
                "\(what.en) must give both languages, e.g. { vi: \"Văn phòng\", en: \"Office\" }")
        case .secretInFile(let key):
            return t(
                "không được ghi bí mật trong tệp kiểm kê; hãy đặt nó vào một biến môi trường và ghi tên biến ở '\(key)_env'",
                "secrets may not be written in the inventory; put it in an environment variable and name the variable with '\(key)_env'")
        case .agentFalse:
            return t(
                "'agent: false' không chỉ định thông tin đăng nhập nào; hãy ghi key, agent: true hoặc password_env",
                "'agent: false' names no credential; give key, agent: true or password_env")
        case .credentialKind:
            return t(
                "thông tin đăng nhập phải có đúng một trong 'key', 'agent' hoặc 'password_env'",
                "a credential must have exactly one of 'key', 'agent' or 'password_env'")
        case .unknownUnit(let unit, let suggestion):
            return t("đơn vị '\(unit)' không có trong 'units'", "unit '\(unit)' is not defined in 'units'") + hint(suggestion)
        case .noUser(let target):
            return t(
                "máy \(target) không có 'user' và 'defaults' cũng không cho", "target \(target) has no 'user' and 'defaults' gives none")
        case .noCredential(let target):
            return t(
                "máy \(target) không có 'credential' và 'defaults' cũng không cho",
                "target \(target) has no 'credential' and 'defaults' gives none")
        case .targetTwice(let endpoint):
            return t("máy \(endpoint) được liệt kê hai lần", "target \(endpoint) is listed twice")
        case .notDay(let what, let found):
            return t(
                "\(what.vi) phải là ngày viết YYYY-MM-DD, như 2021-03-15, không phải '\(found)'",
                "\(what.en) must be a day written YYYY-MM-DD, such as 2021-03-15, not '\(found)'")
        case .unknownRole(let value, let suggestion):
            return t(
                "vai trò phải là 'server' hoặc 'workstation', không phải '\(value)'",
                "role must be 'server' or 'workstation', not '\(value)'") + hint(suggestion)
        case .unknownOS(let value, let names):
            return t(
                "os phải là một trong \(names.joined(separator: ", ")), không phải '\(value)'",
                "os must be one of \(names.joined(separator: ", ")), not '\(value)'")
        case .notTime(let text):
            return t(
                "'\(text)' không phải là thời điểm như 2026-12-01T08:00:00Z hay ngày như 2026-12-01",
                "'\(text)' is not a time such as 2026-12-01T08:00:00Z or a date such as 2026-12-01")
        case .periodBackwards:
            return t("khoảng thời gian phải kết thúc sau khi bắt đầu", "the period must end after it starts")
        case .captureSource:
            return t(
                "một bản ghi lưu lượng phải có đúng một trong 'file' hoặc 'interface'",
                "a capture must have exactly one of 'file' or 'interface'")
        case .interval:
            return t("interval_seconds phải từ 1 đến 86400", "interval_seconds must be from 1 to 86400")
        }
    }
}
