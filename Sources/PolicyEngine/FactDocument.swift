import Foundation
import InventoryModel
import SourceYAML
import Yams

/// Reads facts written as YAML into the fact tree, checked against the fact schema.
///
/// Policy tests describe hosts this way, so every key is checked (with a suggestion for a near
/// miss) and every value must have the schema's type: a test cannot silently pass because a
/// field was misspelt and therefore unknown.
struct FactDocument {
    let doc: YAMLDocument

    func value(_ node: Node, _ type: FactType, path: String) throws(PolicyError) -> FactValue {
        if case .scalar(let s) = node, s.style == .plain, ["~", "null", ""].contains(s.string) {
            return .null
        }
        switch type {
        case .object(let object):
            guard case .mapping(let mapping) = node else {
                throw doc.error(PolicyProblem.factsNotObject(path: path, object: object.name), at: node)
            }
            var fields: [String: FactValue] = [:]
            for (key, child) in mapping {
                let name = key.string ?? ""
                guard let field = object.field(name) else {
                    let suggestion = Suggestion.nearest(to: name, among: object.fields.map(\.name))
                    throw doc.error(
                        PolicyProblem.unknownField(name, path: path, object: object.name, suggestion: suggestion), at: key)
                }
                fields[name] = try value(child, field.type, path: path + "." + name)
            }
            return .object(fields)
        case .list(let element):
            guard case .sequence(let items) = node else {
                throw doc.error(PolicyProblem.factsNotList(path: path), at: node)
            }
            var values: [FactValue] = []
            for (i, item) in items.enumerated() {
                values.append(try value(item, element, path: "\(path)[\(i)]"))
            }
            return .list(values)
        default:
            guard case .scalar(let scalar) = node else {
                throw doc.error(PolicyProblem.factNotScalar(path: path, type: type.description), at: node)
            }
            return try self.scalar(scalar.string, type, path: path, node: node)
        }
    }

    private func scalar(_ text: String, _ type: FactType, path: String, node: Node)
        throws(PolicyError)
        -> FactValue
    {
        switch type {
        case .string: return .string(text)
        case .int:
            if let i = Int64(text) { return .int(i) }
        case .double:
            if let d = Double(text), d.isFinite { return .double(d) }
        case .bool:
            if ["true", "false"].contains(text) { return .bool(text == "true") }
        case .date:
            if let date = Self.date(text) { return .date(date) }
        default: break
        }
        throw doc.error(PolicyProblem.factWrongValue(path: path, type: type == .date ? "date" : "\(type)", found: text), at: node)
    }

    /// `2025-06-15` (midnight UTC) or a full ISO 8601 time.
    static func date(_ text: String) -> Date? {
        if let full = ISO8601DateFormatter().date(from: text) { return full }
        let day = ISO8601DateFormatter()
        day.formatOptions = [.withFullDate]
        return day.date(from: text)
    }
}
