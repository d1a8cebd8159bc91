public import InventoryModel

/// What is wrong in a condition or an indicator's expression (its text or its types): the typed
/// reason of an `ExpressionError`, worded in Vietnamese and English by one exhaustive switch.
///
/// Types are named by their schema names (`string`, `list<string>`), the words `facts schema`
/// prints; pieces of the expression are quoted as written. In Vietnamese an expression piece is
/// quoted ('host.os') so it reads apart from the sentence.
public enum ExpressionProblem: SourceProblem, Hashable {
    /// What the parser met where it wanted something else.
    public enum Found: Sendable, Hashable {
        /// A name, keyword, number or symbol, quoted the same in both languages.
        case token(String)
        case duration(seconds: Int64)
        case string(String)
        case end
    }

    /// The part of an expression that must be a condition.
    public enum Role: Sendable, Hashable {
        case operand(of: String)
        case left(of: String)
        case right(of: String)
        case condition(of: String)
    }

    /// What a function's one written-out argument must be.
    public enum Literal: Sendable, Hashable {
        case filePath, commandName, regex
    }

    // Its result.
    case wrongResult(expected: String, condition: Bool, got: String)
    // Lexer.
    case unexpectedCharacter(String)
    case afterNumber(String, number: String)
    case invalidNumber(String)
    case integerTooLarge(String)
    case durationUnit(after: String)
    case durationOrder
    case invalidDuration
    case durationCharacter(String)
    case durationTooLong
    case unclosedString(quote: String)
    case hexDigits(escape: String, count: Int)
    case invalidEscapedCharacter(String)
    case unknownEscape(String)
    // Parser.
    case empty
    case trailing(Found)
    case expected(String, found: Found, closing: String?, column: Int?)
    case fieldName(found: Found)
    case endsEarly
    case expectedValue(found: Found)
    // Types.
    case listNull
    case listMixed(String, String)
    case unknownName(String, suggestion: String?)
    case unknownField(String, object: String, suggestion: String?)
    case fieldsOnlyFromPaths
    case fieldOfList(String, base: String, type: String)
    case fieldOfValue(String, base: String, type: String)
    case indexNotList(base: String, type: String)
    case indexNotWhole
    case indexOnlyPaths
    case negate(type: String)
    case notBool(Role, expression: String, type: String)
    case inNotList(expression: String, type: String)
    case inNull
    case cannotLookFor(String, in: String)
    case compare(String, String, op: String, versionHint: Bool)
    case ordering(op: String, String, String, versionHint: Bool)
    case unknownOperands(op: String, expression: String)
    case combine(op: String, String, String)
    // Functions and methods.
    case listMethod(String)
    case needsReceiver(String)
    case unknownFunction(String, suggestion: String?)
    case notMethod(String, receiver: String)
    case notVersion(String)
    case fileNeedsAbsolute
    case noCommand(String, suggestion: String?)
    case needsString(function: String, expression: String, type: String)
    case noArguments(function: String)
    case sizeNeeds(expression: String, type: String)
    case badRegex(String)
    case containsOneArgument
    case containsNeeds(expression: String, type: String)
    case oneArgument(function: String, given: Int)
    case needsType(function: String, type: String, expression: String, actual: String)
    case singleValue(function: String, actual: String)
    case literalArgument(function: String, Literal)
    case literalWritten(function: String, Literal)
    case macroShape(function: String, map: Bool)
    case macroVariable(function: String)
    case nameInUse(String)
    case macroNeedsList(function: String, expression: String, type: String)
    case mapNull

    public func text(_ language: Language) -> String {
        language == .vi ? vietnamese : english
    }

    /// `a string`, `an int`.
    static func article(_ type: String) -> String { ("aeiouAEIOU".contains(type.first ?? "x") ? "an " : "a ") + type }

    private var english: String {
        let a = Self.article
        let hint = { (on: Bool) in on ? "; wrap the text in version(\"…\")" : "" }
        switch self {
        case .wrongResult(let expected, let condition, let got):
            return "the expression must be \(condition ? "a bool condition" : a(expected)), but it is \(a(got))"
        case .unexpectedCharacter(let c): return "unexpected character '\(c)'"
        case .afterNumber(let c, let number): return "unexpected '\(c)' after the number \(number)"
        case .invalidNumber(let text): return "invalid number \(text)"
        case .integerTooLarge(let text): return "the integer \(text) is too large"
        case .durationUnit(let number): return "a duration needs a unit after \(number): w, d, h, m or s"
        case .durationOrder: return "duration units must go from largest to smallest, each once (such as 1h30m)"
        case .invalidDuration: return "invalid duration"
        case .durationCharacter(let c): return "unexpected '\(c)' in a duration such as 7d or 1h30m"
        case .durationTooLong: return "the duration is too long"
        case .unclosedString(let quote): return "this string is not closed; add the closing \(quote)"
        case .hexDigits(let escape, let count): return "'\\\(escape)' needs \(count) hexadecimal digits"
        case .invalidEscapedCharacter(let text): return "'\\\(text)' is not a valid character"
        case .unknownEscape(let e): return "unknown escape '\\\(e)' in a string"
        case .empty: return "the expression is empty"
        case .trailing(let found): return "unexpected \(found.english) after the end of the expression"
        case .expected(let symbol, let found, let opener, let column):
            var text = "expected '\(symbol)' but found \(found.english)"
            if let opener, let column { text += " (to close the '\(opener)' at column \(column))" }
            return text
        case .fieldName(let found): return "expected a field or function name after '.', found \(found.english)"
        case .endsEarly: return "the expression ends too early; a value is missing"
        case .expectedValue(let found): return "expected a value but found \(found.english)"
        case .listNull: return "a list cannot hold null"
        case .listMixed(let a, let b): return "list elements must all have one type; found \(a) and \(b)"
        case .unknownName(let name, let suggestion): return "unknown name '\(name)'" + NameSuggestion.didYouMean(suggestion, .en)
        case .unknownField(let field, let object, let suggestion):
            return "unknown field '\(field)' on \(object)" + NameSuggestion.didYouMean(suggestion, .en)
        case .fieldsOnlyFromPaths: return "fields can only be read from fact paths"
        case .fieldOfList(let field, let base, let type):
            return "cannot read field '\(field)' of \(base), which is \(a(type)); use \(base).exists(x, x.\(field) ...) or all(...) to look inside the list"
        case .fieldOfValue(let field, let base, let type): return "cannot read field '\(field)' of \(base), which is \(a(type))"
        case .indexNotList(let base, let type): return "only lists can be indexed; \(base) is \(a(type))"
        case .indexNotWhole: return "a list index must be a non-negative whole number, such as [0]"
        case .indexOnlyPaths: return "only fact paths can be indexed"
        case .negate(let type): return "'-' needs a number, found \(type)"
        case .notBool(let role, let expression, let type): return "\(role.english) must be a bool condition, but \(expression) is \(a(type))"
        case .inNotList(let expression, let type): return "the right side of 'in' must be a list, but \(expression) is \(a(type))"
        case .inNull: return "null cannot be looked for in a list"
        case .cannotLookFor(let needle, let haystack): return "cannot look for \(a(needle)) in \(a(haystack))"
        case .compare(let l, let r, let op, let version): return "cannot compare \(l) with \(r) using '\(op)'" + hint(version)
        case .ordering(let op, let l, let r, let version):
            return "'\(op)' needs two numbers, strings, dates, durations or versions, but found \(l) and \(r)" + hint(version)
        case .unknownOperands(let op, let expression): return "'\(op)' needs operands of known types; \(expression) has none"
        case .combine(let op, let l, let r): return "'\(op)' cannot combine \(a(l)) with \(a(r))"
        case .listMethod(let f): return "'\(f)' is a list method: write list.\(f)(x, …)"
        case .needsReceiver(let f): return "\(f) needs a value: write x.\(f)(…)"
        case .unknownFunction(let f, let suggestion): return "unknown function '\(f)'" + NameSuggestion.didYouMean(suggestion, .en)
        case .notMethod(let f, let receiver): return "'\(f)' is not a method; call it as \(f)(\(receiver))"
        case .notVersion(let written): return "'\(written)' is not a version; a version has at least one digit, such as \"1.2.3\""
        case .fileNeedsAbsolute: return "file() needs an absolute path, such as \"/etc/login.defs\""
        case .noCommand(let name, let suggestion):
            return "no command named '\(name)' under the policy's probes" + NameSuggestion.didYouMean(suggestion, .en)
        case .needsString(let f, let expression, let type): return "\(f)() needs a string, but \(expression) is \(a(type))"
        case .noArguments(let f): return "\(f)() takes no arguments"
        case .sizeNeeds(let expression, let type): return "size() needs a list or a string, but \(expression) is \(a(type))"
        case .badRegex(let pattern): return "'\(pattern)' is not a valid regular expression"
        case .containsOneArgument: return "contains takes one argument"
        case .containsNeeds(let expression, let type): return "contains() needs a string or a list, but \(expression) is \(a(type))"
        case .oneArgument(let f, let given): return "\(f)(…) takes one argument, not \(given)"
        case .needsType(let f, let type, let expression, let actual): return "\(f)(…) needs \(a(type)), but \(expression) is \(a(actual))"
        case .singleValue(let f, let actual): return "\(f)(…) needs a single value, not \(a(actual))"
        case .literalArgument(let f, let what): return "\(f)(…) takes one argument: \(what.english)"
        case .literalWritten(let f, let what): return "\(f)(…) needs \(what.english), written out when the policy is loaded"
        case .macroShape(let f, let map):
            let role = map ? "value" : "condition"
            return "\(f) takes a variable name and a \(role): \(f)(x, \(role))"
        case .macroVariable(let f): return "the first argument of \(f) must be a variable name, such as x"
        case .nameInUse(let name): return "the name '\(name)' is already in use; choose another variable name"
        case .macroNeedsList(let f, let expression, let type): return "'\(f)' needs a list, but \(expression) is \(a(type))"
        case .mapNull: return "map cannot produce null"
        }
    }

    private var vietnamese: String {
        let kind = { (type: String) in "giá trị kiểu \(type)" }
        let hint = { (on: Bool) in on ? "; hãy bọc văn bản trong version(\"…\")" : "" }
        switch self {
        case .wrongResult(let expected, let condition, let got):
            return "biểu thức phải là \(condition ? "một điều kiện kiểu bool" : kind(expected)), nhưng nó là \(kind(got))"
        case .unexpectedCharacter(let c): return "ký tự không mong đợi '\(c)'"
        case .afterNumber(let c, let number): return "'\(c)' không mong đợi sau số \(number)"
        case .invalidNumber(let text): return "số không hợp lệ \(text)"
        case .integerTooLarge(let text): return "số nguyên \(text) quá lớn"
        case .durationUnit(let number): return "khoảng thời gian cần một đơn vị sau \(number): w, d, h, m hoặc s"
        case .durationOrder: return "các đơn vị thời gian phải đi từ lớn đến nhỏ, mỗi đơn vị một lần (như 1h30m)"
        case .invalidDuration: return "khoảng thời gian không hợp lệ"
        case .durationCharacter(let c): return "'\(c)' không mong đợi trong một khoảng thời gian như 7d hoặc 1h30m"
        case .durationTooLong: return "khoảng thời gian quá dài"
        case .unclosedString(let quote): return "chuỗi này chưa đóng; hãy thêm dấu \(quote) đóng"
        case .hexDigits(let escape, let count): return "'\\\(escape)' cần \(count) chữ số thập lục phân"
        case .invalidEscapedCharacter(let text): return "'\\\(text)' không phải là ký tự hợp lệ"
        case .unknownEscape(let e): return "ký tự thoát lạ '\\\(e)' trong chuỗi"
        case .empty: return "biểu thức trống"
        case .trailing(let found): return "\(found.vietnamese) không mong đợi sau khi biểu thức đã kết thúc"
        case .expected(let symbol, let found, let opener, let column):
            var text = "cần '\(symbol)' nhưng gặp \(found.vietnamese)"
            if let opener, let column { text += " (để đóng '\(opener)' ở cột \(column))" }
            return text
        case .fieldName(let found): return "cần tên trường hoặc tên hàm sau '.', nhưng gặp \(found.vietnamese)"
        case .endsEarly: return "biểu thức kết thúc quá sớm; còn thiếu một giá trị"
        case .expectedValue(let found): return "cần một giá trị nhưng gặp \(found.vietnamese)"
        case .listNull: return "danh sách không được chứa null"
        case .listMixed(let a, let b): return "các phần tử của danh sách phải cùng một kiểu; ở đây có kiểu \(a) và kiểu \(b)"
        case .unknownName(let name, let suggestion): return "tên lạ '\(name)'" + NameSuggestion.didYouMean(suggestion, .vi)
        case .unknownField(let field, let object, let suggestion):
            return "trường lạ '\(field)' của \(object)" + NameSuggestion.didYouMean(suggestion, .vi)
        case .fieldsOnlyFromPaths: return "chỉ đọc được trường từ đường dẫn dữ kiện"
        case .fieldOfList(let field, let base, let type):
            return "không đọc được trường '\(field)' của '\(base)', vì đó là \(kind(type)); "
                + "hãy dùng \(base).exists(x, x.\(field) ...) hoặc all(...) để xem bên trong danh sách"
        case .fieldOfValue(let field, let base, let type): return "không đọc được trường '\(field)' của '\(base)', vì đó là \(kind(type))"
        case .indexNotList(let base, let type): return "chỉ danh sách mới lấy được phần tử theo chỉ số; '\(base)' là \(kind(type))"
        case .indexNotWhole: return "chỉ số của danh sách phải là số nguyên không âm, như [0]"
        case .indexOnlyPaths: return "chỉ đường dẫn dữ kiện mới lấy được phần tử theo chỉ số"
        case .negate(let type): return "'-' cần một số, ở đây là kiểu \(type)"
        case .notBool(let role, let expression, let type):
            return "\(role.vietnamese) phải là một điều kiện kiểu bool, nhưng '\(expression)' là \(kind(type))"
        case .inNotList(let expression, let type): return "vế phải của 'in' phải là danh sách, nhưng '\(expression)' là \(kind(type))"
        case .inNull: return "không thể tìm null trong danh sách"
        case .cannotLookFor(let needle, let haystack): return "không thể tìm \(kind(needle)) trong \(kind(haystack))"
        case .compare(let l, let r, let op, let version): return "không thể so sánh kiểu \(l) với kiểu \(r) bằng '\(op)'" + hint(version)
        case .ordering(let op, let l, let r, let version):
            return "'\(op)' cần hai số, chuỗi, ngày, khoảng thời gian hoặc phiên bản, nhưng ở đây là kiểu \(l) và kiểu \(r)" + hint(version)
        case .unknownOperands(let op, let expression): return "'\(op)' cần các toán hạng có kiểu đã biết; '\(expression)' không có kiểu"
        case .combine(let op, let l, let r): return "'\(op)' không kết hợp được \(kind(l)) với \(kind(r))"
        case .listMethod(let f): return "'\(f)' là phương thức của danh sách: hãy viết list.\(f)(x, …)"
        case .needsReceiver(let f): return "\(f) cần một giá trị: hãy viết x.\(f)(…)"
        case .unknownFunction(let f, let suggestion): return "hàm lạ '\(f)'" + NameSuggestion.didYouMean(suggestion, .vi)
        case .notMethod(let f, let receiver): return "'\(f)' không phải là phương thức; hãy gọi \(f)(\(receiver))"
        case .notVersion(let written): return "'\(written)' không phải là phiên bản; phiên bản có ít nhất một chữ số, như \"1.2.3\""
        case .fileNeedsAbsolute: return "file() cần một đường dẫn tuyệt đối, như \"/etc/login.defs\""
        case .noCommand(let name, let suggestion):
            return "không có lệnh tên '\(name)' trong 'probes' của chính sách" + NameSuggestion.didYouMean(suggestion, .vi)
        case .needsString(let f, let expression, let type): return "\(f)() cần một chuỗi, nhưng '\(expression)' là \(kind(type))"
        case .noArguments(let f): return "\(f)() không nhận đối số nào"
        case .sizeNeeds(let expression, let type): return "size() cần một danh sách hoặc một chuỗi, nhưng '\(expression)' là \(kind(type))"
        case .badRegex(let pattern): return "'\(pattern)' không phải là biểu thức chính quy hợp lệ"
        case .containsOneArgument: return "contains nhận đúng một đối số"
        case .containsNeeds(let expression, let type): return "contains() cần một chuỗi hoặc một danh sách, nhưng '\(expression)' là \(kind(type))"
        case .oneArgument(let f, let given): return "\(f)(…) nhận một đối số, không phải \(given)"
        case .needsType(let f, let type, let expression, let actual): return "\(f)(…) cần \(kind(type)), nhưng '\(expression)' là \(kind(actual))"
        case .singleValue(let f, let actual): return "\(f)(…) cần một giá trị đơn, không phải \(kind(actual))"
        case .literalArgument(let f, let what): return "\(f)(…) nhận một đối số: \(what.vietnamese)"
        case .literalWritten(let f, let what): return "\(f)(…) cần \(what.vietnamese), ghi sẵn khi nạp chính sách"
        case .macroShape(let f, let map):
            let role = map ? "giá_trị" : "điều_kiện"
            return "\(f) nhận một tên biến và một \(map ? "giá trị" : "điều kiện"): \(f)(x, \(role))"
        case .macroVariable(let f): return "đối số đầu tiên của \(f) phải là tên biến, như x"
        case .nameInUse(let name): return "tên '\(name)' đã được dùng; hãy chọn tên biến khác"
        case .macroNeedsList(let f, let expression, let type): return "'\(f)' cần một danh sách, nhưng '\(expression)' là \(kind(type))"
        case .mapNull: return "map không được cho ra null"
        }
    }
}

extension ExpressionProblem.Found {
    var english: String {
        switch self {
        case .token(let text): "'\(text)'"
        case .duration(let seconds): "a duration of \(seconds) seconds"
        case .string(let value): "the string \"\(value)\""
        case .end: "the end of the expression"
        }
    }

    var vietnamese: String {
        switch self {
        case .token(let text): "'\(text)'"
        case .duration(let seconds): "khoảng thời gian \(seconds) giây"
        case .string(let value): "chuỗi \"\(value)\""
        case .end: "cuối biểu thức"
        }
    }
}

extension ExpressionProblem.Role {
    var english: String {
        switch self {
        case .operand(let op): "the operand of '\(op)'"
        case .left(let op): "the left side of '\(op)'"
        case .right(let op): "the right side of '\(op)'"
        case .condition(let function): "the condition of \(function)"
        }
    }

    var vietnamese: String {
        switch self {
        case .operand(let op): "toán hạng của '\(op)'"
        case .left(let op): "vế trái của '\(op)'"
        case .right(let op): "vế phải của '\(op)'"
        case .condition(let function): "điều kiện của \(function)"
        }
    }
}

extension ExpressionProblem.Literal {
    var english: String {
        switch self {
        case .filePath: "a file path such as \"/etc/login.defs\""
        case .commandName: "the name of a command declared under 'probes'"
        case .regex: "a regular expression in quotes"
        }
    }

    var vietnamese: String {
        switch self {
        case .filePath: "một đường dẫn tệp như \"/etc/login.defs\""
        case .commandName: "tên một lệnh khai báo trong 'probes'"
        case .regex: "một biểu thức chính quy trong ngoặc kép"
        }
    }
}
