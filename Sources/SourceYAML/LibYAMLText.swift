public import InventoryModel

/// libyaml's own problem and context phrases in Vietnamese.
///
/// libyaml words its syntax errors in English from a fixed set of phrases (scanner.c, parser.c,
/// reader.c; Yams adds two). The ones a person meets while editing by hand are worded here; a
/// rare one (a `%TAG` directive, a UTF-16 surrogate) is kept in libyaml's words after `libyaml:`,
/// so nothing is lost and nothing is guessed.
enum LibYAMLText {
    static func problem(_ english: String, _ language: Language) -> String {
        guard language == .vi else { return english }
        return problems[english] ?? "libyaml: \(english)"
    }

    static func context(_ english: String, _ language: Language) -> String {
        guard language == .vi else { return english }
        return contexts[english] ?? "libyaml: \(english)"
    }

    static let problems: [String: String] = [
        "mapping values are not allowed in this context": "không được có giá trị ánh xạ (dấu ':') ở chỗ này",
        "mapping keys are not allowed in this context": "không được có khoá ánh xạ ở chỗ này",
        "block sequence entries are not allowed in this context": "không được có mục danh sách ('-') ở chỗ này",
        "could not find expected ':'": "không thấy dấu ':' cần có",
        "did not find expected key": "không thấy khoá cần có (thụt lề lệch?)",
        "did not find expected node content": "không thấy nội dung cần có",
        "did not find expected '-' indicator": "không thấy dấu '-' cần có (thụt lề lệch?)",
        "did not find expected ',' or ']'": "không thấy dấu ',' hoặc ']' cần có",
        "did not find expected ',' or '}'": "không thấy dấu ',' hoặc '}' cần có",
        "did not find expected <document start>": "không thấy phần mở đầu tài liệu cần có",
        "did not find expected comment or line break": "không thấy chú thích hoặc xuống dòng cần có",
        "did not find expected whitespace or line break": "không thấy khoảng trắng hoặc xuống dòng cần có",
        "did not find expected whitespace": "không thấy khoảng trắng cần có",
        "did not find expected alphabetic or numeric character": "không thấy chữ cái hoặc chữ số cần có",
        "found character that cannot start any token": "gặp ký tự không thể mở đầu thành phần nào",
        "found unexpected end of stream": "tệp kết thúc giữa chừng",
        "found unexpected document indicator": "gặp dấu tài liệu ('---' hoặc '...') không đúng chỗ",
        "found unknown escape character": "gặp ký tự thoát không biết",
        "found a tab character that violates indentation": "gặp ký tự tab làm sai thụt lề",
        "found a tab character where an indentation space is expected": "gặp ký tự tab ở chỗ cần dấu cách thụt lề",
        "found unexpected ':'": "gặp dấu ':' không đúng chỗ",
        "found undefined tag handle": "gặp thẻ chưa được định nghĩa",
        "found undefined alias": "gặp bí danh chưa được định nghĩa",
        "but found another document": "nhưng gặp thêm một tài liệu",
        "control characters are not allowed": "không được có ký tự điều khiển",
        "invalid leading UTF-8 octet": "byte UTF-8 mở đầu không hợp lệ",
        "invalid trailing UTF-8 octet": "byte UTF-8 theo sau không hợp lệ",
        "invalid length of a UTF-8 sequence": "độ dài chuỗi UTF-8 không hợp lệ",
        "incomplete UTF-8 octet sequence": "chuỗi byte UTF-8 bị cắt cụt",
        "invalid Unicode character": "ký tự Unicode không hợp lệ",
    ]

    static let contexts: [String: String] = [
        "while scanning a simple key": "khi đọc một khoá",
        "while scanning a quoted scalar": "khi đọc một văn bản trong ngoặc kép",
        "while scanning a plain scalar": "khi đọc một giá trị",
        "while scanning a block scalar": "khi đọc một khối văn bản",
        "while scanning an anchor": "khi đọc một neo",
        "while scanning an alias": "khi đọc một bí danh",
        "while scanning a tag": "khi đọc một thẻ",
        "while scanning for the next token": "khi tìm thành phần tiếp theo",
        "while parsing a block mapping": "khi đọc một ánh xạ dạng khối",
        "while parsing a block collection": "khi đọc một danh sách dạng khối",
        "while parsing a block node": "khi đọc một nút dạng khối",
        "while parsing a flow mapping": "khi đọc một ánh xạ trong ngoặc nhọn",
        "while parsing a flow sequence": "khi đọc một danh sách trong ngoặc vuông",
        "while parsing a flow node": "khi đọc một nút trong ngoặc",
        "while parsing a node": "khi đọc một nút",
        "expected a single document in the stream": "cần đúng một tài liệu trong tệp",
    ]
}
