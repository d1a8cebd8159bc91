public import InventoryModel

/// The fact schema as text, for `ictaudit facts schema`: what a policy author can write.
public enum SchemaDocument {
    /// One line per field path (`host.sshd.permit_root_login`), with its type and its description
    /// in each requested language, Vietnamese first by default. Paths inside lists are written
    /// `host.listening[].port`: reach them with `exists(x, …)` or `all(x, …)`.
    public static func render(
        languages: [Language] = [.vi, .en], roots: [String: FactType] = FactSchema.roots
    ) -> String {
        /// Both languages, Vietnamese first; once when they read the same (`PermitRootLogin`).
        func describe(_ doc: LocalizedText) -> String {
            var texts: [String] = []
            for language in languages where !texts.contains(doc.text(language)) {
                texts.append(doc.text(language))
            }
            return texts.joined(separator: " — ")
        }
        var rows: [(path: String, type: String, doc: String)] = []
        func walk(_ path: String, _ type: FactType, _ doc: LocalizedText?) {
            rows.append(
                (
                    path, type.description,
                    doc.map { describe($0) } ?? ""
                ))
            switch type {
            case .object(let object):
                for field in object.fields { walk(path + "." + field.name, field.type, field.doc) }
            case .list(.object(let object)):
                for field in object.fields {
                    walk(path + "[]." + field.name, field.type, field.doc)
                }
            default:
                break
            }
        }
        for name in roots.keys.sorted() { walk(name, roots[name]!, nil) }

        let headings = languages.isEmpty ? [Language.vi] : languages
        func say(_ text: LocalizedText) -> String {
            headings.map { text.text($0) }.joined(separator: " / ")
        }
        let pathWidth = rows.map(\.path.count).max() ?? 0
        let typeWidth = rows.map(\.type.count).max() ?? 0
        var lines = [
            say(
                LocalizedText(
                    vi: "Lược đồ dữ kiện cho biểu thức chính sách",
                    en: "Fact schema for policy expressions")),
            say(
                LocalizedText(
                    vi:
                        "Mọi trường có thể là null (chưa biết); so sánh với giá trị chưa biết cho kết quả \"lỗi\".",
                    en:
                        "Every field may be null (unknown); comparing an unknown value gives an \"error\" verdict."
                )),
            say(
                LocalizedText(
                    vi:
                        "Với danh sách, dùng exists(x, …), all(x, …), count(x, …), filter(x, …), map(x, …), size() và toán tử in.",
                    en:
                        "For lists, use exists(x, …), all(x, …), count(x, …), filter(x, …), map(x, …), size() and the in operator."
                )),
            say(
                LocalizedText(
                    vi:
                        "Bằng chứng thăm dò: file(\"/đường/dẫn\") và command(\"tên\") (khai báo trong probes của chính sách).",
                    en:
                        "Probe evidence: file(\"/path\") and command(\"name\") (declared under the policy's probes)."
                )),
            "",
        ]
        for row in rows {
            func pad(_ text: String, _ width: Int) -> String {
                text + String(repeating: " ", count: width - text.count)
            }
            let line = pad(row.path, pathWidth) + "  " + pad(row.type, typeWidth) + "  " + row.doc
            lines.append(String(line.reversed().drop { $0 == " " }.reversed()))
        }
        return lines.joined(separator: "\n") + "\n"
    }
}
