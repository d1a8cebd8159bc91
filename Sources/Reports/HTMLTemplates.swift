import Foundation
import Mustache

/// The mustache templates the HTML report is rendered from (`Sources/Reports/Templates`), loaded
/// once from the module's resources.
///
/// Mustache escapes every `{{value}}`; the templates use the raw form `{{{svg}}}` only for the
/// charts `SVGChart` drew. A template missing from an installation is an error that names the
/// folder, not a blank report.
enum HTMLTemplates {
    static let names = ["report", "unitpage", "style", "header", "unit"]

    static let library: Result<MustacheLibrary, HTMLTemplateError> = load()

    private static func load() -> Result<MustacheLibrary, HTMLTemplateError> {
        guard let folder = Bundle.module.resourceURL?.appendingPathComponent("Templates") else {
            return .failure(HTMLTemplateError(message: "the report templates' resource bundle is missing"))
        }
        MustacheContentTypes.register(ReportHTMLContentType(), named: ReportHTMLContentType.name)
        var templates: [String: MustacheTemplate] = [:]
        for name in names {
            let file = folder.appendingPathComponent("\(name).mustache")
            do {
                let text = try String(contentsOf: file, encoding: .utf8)
                templates[name] = try MustacheTemplate(string: text)
            } catch {
                return .failure(HTMLTemplateError(message: "\(file.path): \(error)"))
            }
        }
        return .success(MustacheLibrary(templates: templates))
    }

    static func render(_ context: [String: Any], _ name: String) throws -> String {
        let library = try library.get()
        guard let text = library.render(withFlags(context), withTemplate: name) else {
            throw HTMLTemplateError(message: "no template named \(name)")
        }
        return text
    }

    /// Texts the templates also test (`{{#tier}} · {{tier}}{{/tier}}`): an empty one is left
    /// out, since mustache counts an empty string as present.
    static let optionalTexts: Set<String> = [
        "tier", "more", "note", "notJudged", "notRanked", "part", "link", "remediation", "notScannedMore",
    ]

    /// Adds `has_KEY` beside every list, so a template can wrap a table around a list only when
    /// the list has rows (`{{#has_rules}}<table>…{{/has_rules}}`), and drops empty optional texts.
    static func withFlags(_ value: Any) -> Any {
        // Texts and flags first, and tables of texts (labels, figure rows) without converting
        // them to `[String: Any]`: each conversion boxes every value, and a page has thousands.
        if value is String || value is Bool { return value }
        if let texts = value as? [String: String] {
            guard texts.contains(where: { optionalTexts.contains($0.key) && $0.value.isEmpty }) else { return texts }
            return texts.filter { !(optionalTexts.contains($0.key) && $0.value.isEmpty) }
        }
        if let dictionary = value as? [String: Any] {
            var out: [String: Any] = [:]
            for (key, item) in dictionary {
                if optionalTexts.contains(key), let text = item as? String, text.isEmpty { continue }
                out[key] = withFlags(item)
                if let list = item as? [Any] { out["has_" + key] = !list.isEmpty }
            }
            return out
        }
        if let list = value as? [[String: Any]] { return list.map(withFlags) }
        return value
    }
}

/// Mustache's `{{value}}` escaping, on UTF-8 bytes (`ReportWriter.htmlLabel`: the same five
/// characters, `& < > " '`, as mustache's HTML content type). Mustache's own escaper walks
/// `Character`s with a dictionary lookup each, most of a page frame's time; byte by byte is also
/// what the rows' escaper does, so no combining mark can hide a quote here either. The templates
/// select it with `{{% CONTENT_TYPE: ICTAUDIT_HTML}}`; their texts are already cleaned
/// (`HTMLContext.t`).
struct ReportHTMLContentType: MustacheContentType {
    static let name = "ICTAUDIT_HTML"

    func escapeText(_ text: String) -> String {
        var text = text
        let plain = text.withUTF8 { utf8 in
            !utf8.contains { $0 == 0x26 || $0 == 0x3C || $0 == 0x3E || $0 == 0x22 || $0 == 0x27 }
        }
        if plain { return text }
        var out = ReportWriter()
        out.htmlLabel(text)
        return out.string
    }
}

/// The HTML report's templates could not be read or parsed.
public struct HTMLTemplateError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "HTML report templates: \(message)" }
}
