public import InventoryModel

/// What the positioned YAML reader finds wrong in a file, whatever the file kind: the typed
/// reason inside its `SourceError`, worded in Vietnamese and English by one exhaustive switch.
///
/// The things named (`what`, `context`) come from the loader in both languages, so the sentence
/// reads whole in either: `'severity' must not be empty` / `'severity' không được để trống`.
public enum YAMLProblem: SourceProblem, Hashable {
    /// The file holds no YAML document.
    case emptyFile(name: LocalizedText, expecting: LocalizedText)
    /// Yams failed in a way that is none of libyaml's errors (its own text kept).
    case unreadable(String)
    /// libyaml's syntax error: its problem, and what it was reading when it started.
    case syntax(label: LocalizedText, problem: String, context: String?, contextLine: Int?)
    /// The bytes are not text in the encoding libyaml expects.
    case notText(problem: String)
    /// The same key twice in one mapping, as libyaml finds it.
    case duplicatedKeys([String])
    case notMapping(LocalizedText, found: NodeKind)
    case keyNotPlain(in: LocalizedText)
    /// A key the section does not take, with the nearest allowed one (or the whole list).
    case unknownKey(String, in: LocalizedText, suggestion: String?, allowed: [String])
    case keyTwice(String, in: LocalizedText)
    case missingKey(String, in: LocalizedText)
    /// `'key' must be a list of what`.
    case notListOf(key: String, of: LocalizedText, found: NodeKind)
    /// `what must be a list (lines starting with '-')`.
    case notList(LocalizedText, found: NodeKind)
    case notString(LocalizedText, found: NodeKind)
    case emptyValue(LocalizedText)
    case notIdentifier(key: String, found: String)
    case notWholeNumber(LocalizedText, range: ClosedRange<Int>)
    case notNumber(LocalizedText, found: String)
    case notBool(LocalizedText, found: String)
    case notLocalized(key: String)
    case notDay(key: String, found: String)

    public func text(_ language: Language) -> String {
        let vi = language == .vi
        func t(_ v: String, _ e: String) -> String { vi ? v : e }
        switch self {
        case .emptyFile(let name, let expecting):
            return t("\(name.vi) trống; cần có \(expecting.vi)", "\(name.en) is empty; it needs \(expecting.en)")
        case .unreadable(let error):
            return t("không đọc được YAML: \(error)", "cannot read the YAML: \(error)")
        case .syntax(let label, let problem, let context, let contextLine):
            var sentence = label.text(language) + ": " + LibYAMLText.problem(problem, language)
            if let context, let contextLine {
                sentence += t(
                    " (\(LibYAMLText.context(context, language)) bắt đầu ở dòng \(contextLine))",
                    " (\(context) that starts on line \(contextLine))")
            }
            return sentence
        case .notText(let problem):
            return t(
                "không đọc được tệp dưới dạng văn bản: \(LibYAMLText.problem(problem, language))",
                "the file cannot be read as text: \(problem)")
        case .duplicatedKeys(let keys):
            let list = keys.map { "'\($0)'" }.joined(separator: ", ")
            return t("khoá \(list) xuất hiện hơn một lần trong cùng một ánh xạ", "the key \(list) appears more than once in the same mapping")
        case .notMapping(let what, let found):
            return t(
                "\(what.vi) phải là ánh xạ khoá: giá trị, nhưng đây là \(found.text(.vi))",
                "\(what.en) must be a mapping of keys to values, but this is \(found.text(.en))")
        case .keyNotPlain(let context):
            return t("khoá trong \(context.vi) phải là tên đơn giản", "keys in \(context.en) must be plain names")
        case .unknownKey(let key, let context, let suggestion, let allowed):
            let hint =
                suggestion != nil
                ? NameSuggestion.didYouMean(suggestion, language)
                : t("; cần một trong ", "; expected one of ") + allowed.map { "'\($0)'" }.joined(separator: ", ")
            return t("khoá lạ '\(key)' trong \(context.vi)", "unknown key '\(key)' in \(context.en)") + hint
        case .keyTwice(let key, let context):
            return t("'\(key)' xuất hiện hai lần trong \(context.vi)", "'\(key)' appears twice in \(context.en)")
        case .missingKey(let key, let context):
            return t("\(context.vi) thiếu '\(key)'", "\(context.en) is missing '\(key)'")
        case .notListOf(let key, let what, let found):
            return t(
                "'\(key)' phải là danh sách \(what.vi), nhưng đây là \(found.text(.vi))",
                "'\(key)' must be a list of \(what.en), but this is \(found.text(.en))")
        case .notList(let what, let found):
            return t(
                "\(what.vi) phải là danh sách (các dòng bắt đầu bằng '-'), nhưng đây là \(found.text(.vi))",
                "\(what.en) must be a list (lines starting with '-'), but this is \(found.text(.en))")
        case .notString(let what, let found):
            return t("\(what.vi) phải là văn bản, nhưng đây là \(found.text(.vi))", "\(what.en) must be a text, but this is \(found.text(.en))")
        case .emptyValue(let what):
            return t("\(what.vi) không được để trống", "\(what.en) must not be empty")
        case .notIdentifier(let key, let found):
            return t(
                "'\(key)' chỉ được chứa chữ cái, chữ số, '.', '_' và '-'; ở đây là '\(found)'",
                "'\(key)' may only contain letters, digits, '.', '_' and '-'; found '\(found)'")
        case .notWholeNumber(let what, let range):
            return t(
                "\(what.vi) phải là số nguyên từ \(range.lowerBound) đến \(range.upperBound)",
                "\(what.en) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        case .notNumber(let what, let found):
            return t(
                "\(what.vi) phải là một số, như 0.5 hoặc 20; ở đây là '\(found)'",
                "\(what.en) must be a number, such as 0.5 or 20; found '\(found)'")
        case .notBool(let what, let found):
            return t("\(what.vi) phải là true hoặc false; ở đây là '\(found)'", "\(what.en) must be true or false; found '\(found)'")
        case .notLocalized(let key):
            return t(
                "'\(key)' phải có văn bản tiếng Việt và tiếng Anh: { vi: \"...\", en: \"...\" }",
                "'\(key)' must have a Vietnamese and an English text: { vi: \"...\", en: \"...\" }")
        case .notDay(let key, let found):
            return t(
                "'\(key)' phải là ngày viết YYYY-MM-DD, như 2026-12-31; ở đây là '\(found)'",
                "'\(key)' must be a date written YYYY-MM-DD, such as 2026-12-31; found '\(found)'")
        }
    }
}

/// A YAML node as a sentence names it: `but this is a list`.
public enum NodeKind: Sendable, Hashable {
    case text(String)
    case mapping
    case list
    case alias

    public func text(_ language: Language) -> String {
        switch (self, language) {
        case (.text(let s), .vi): "văn bản '\(s)'"
        case (.text(let s), .en): "the text '\(s)'"
        case (.mapping, .vi): "một ánh xạ"
        case (.mapping, .en): "a mapping"
        case (.list, .vi): "một danh sách"
        case (.list, .en): "a list"
        case (.alias, .vi): "một bí danh"
        case (.alias, .en): "an alias"
        }
    }
}

extension LocalizedText {
    /// A key as messages quote it, the same in both languages: `'severity'`.
    public static func key(_ name: String) -> LocalizedText { LocalizedText(vi: "'\(name)'", en: "'\(name)'") }

    /// A phrase naming what is read, in both languages: `.vi("mã đơn vị", en: "the unit id")`.
    public static func vi(_ vi: String, en: String) -> LocalizedText { LocalizedText(vi: vi, en: en) }

    /// The same text in both languages: a name, a path, a value from the file.
    public static func verbatim(_ text: String) -> LocalizedText { LocalizedText(vi: text, en: text) }
}
