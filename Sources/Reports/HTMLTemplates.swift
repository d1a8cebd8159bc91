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

/// The HTML report's templates could not be read or parsed.
public struct HTMLTemplateError: Error, CustomStringConvertible, Sendable {
    public var message: String
    public var description: String { "HTML report templates: \(message)" }
}
