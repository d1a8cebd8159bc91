import Foundation
import InventoryModel
import Yams

/// The shared way the waiver, policy-test and SCA loaders read YAML: a node tree with positions,
/// keys checked against what is allowed, and every problem a `PolicyError` at `file:line:column`.
package struct YAMLDocument {
    package let text: String
    package let file: String
    let source: SourceText

    package init(text: String, file: String) {
        self.text = text
        self.file = file
        self.source = SourceText(text)
    }

    /// The root node; an empty file is an error that says what the file should hold.
    package func root(expecting what: String, called name: String = "the file") throws(PolicyError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw error("\(name) is empty; it needs \(what)", line: 1, column: 1)
            }
            return node
        } catch let error as PolicyError {
            throw error
        } catch let error as YamlError {
            throw self.error(from: error)
        } catch {
            throw self.error("cannot read the YAML: \(error)", line: 1, column: 1)
        }
    }

    /// A mapping's values by key, after checking that only `allowed` keys appear and every
    /// `required` one does; `allowAny` skips the first check (for open-ended sections).
    package func fields(
        of node: Node, in context: String, allowed: [String], required: [String],
        allowAny: Bool = false
    ) throws(PolicyError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw error(
                "\(context) must be a mapping of keys to values, but this is \(kind(of: node))",
                at: node)
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw error("keys in \(context) must be plain names", at: key)
            }
            guard allowAny || allowed.contains(scalar.string) else {
                let hint =
                    Suggestion.nearest(to: scalar.string, among: allowed).map {
                        "; did you mean '\($0)'?"
                    }
                    ?? "; expected one of \(allowed.map { "'\($0)'" }.joined(separator: ", "))"
                throw error("unknown key '\(scalar.string)' in \(context)\(hint)", at: key)
            }
            values[scalar.string] = value
        }
        for key in required where values[key] == nil {
            throw error("\(context) is missing '\(key)'", at: node)
        }
        return values
    }

    /// A non-empty text.
    package func string(_ node: Node, key: String) throws(PolicyError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error("'\(key)' must be a text, but this is \(kind(of: node))", at: node)
        }
        let value = scalar.string.trimmed
        if value.isEmpty
            || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(value))
        {
            throw error("'\(key)' must not be empty", at: node)
        }
        return value
    }

    /// A list of nodes.
    func sequence(_ node: Node, key: String, of what: String) throws(PolicyError) -> [Node] {
        guard case .sequence(let items) = node else {
            throw error(
                "'\(key)' must be a list of \(what), but this is \(kind(of: node))", at: node)
        }
        return Array(items)
    }

    /// A calendar day written `YYYY-MM-DD`.
    func day(_ node: Node, key: String) throws(PolicyError) -> (
        text: String, components: DateComponents
    ) {
        let value = try string(node, key: key)
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
            value.count == 10, (1...12).contains(m), (1...31).contains(d)
        else {
            throw error(
                "'\(key)' must be a date written YYYY-MM-DD, such as 2026-12-31; found '\(value)'",
                at: node)
        }
        return (value, DateComponents(year: y, month: m, day: d))
    }

    package func kind(of node: Node) -> String {
        switch node {
        case .scalar(let s): "the text '\(s.string)'"
        case .mapping: "a mapping"
        case .sequence: "a list"
        case .alias: "an alias"
        }
    }

    package func error(_ message: String, line: Int, column: Int) -> PolicyError {
        PolicyError(file: file, line: line, column: column, message: message)
    }

    package func error(_ message: String, at node: Node) -> PolicyError {
        error(message, line: node.mark?.line ?? 1, column: node.mark?.column ?? 1)
    }

    package func error(from yaml: YamlError) -> PolicyError {
        switch yaml {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            var message = "invalid YAML: \(problem)"
            if let context {
                message += " (\(context.text) that starts on line \(context.mark.line))"
            }
            return error(message, line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, _):
            let (line, column) =
                offset.map { source.lineColumn(of: min($0, source.scalars.count)) } ?? (1, 1)
            return error("the file cannot be read as text: \(problem)", line: line, column: column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            let keys = duplicates.map { "'\($0)'" }.joined(separator: ", ")
            return error(
                "the key \(keys) appears more than once in the same mapping",
                line: context.mark.line, column: context.mark.column)
        default:
            return error("invalid YAML: \(yaml)", line: 1, column: 1)
        }
    }

    /// Reads a file for a loader, turning a read failure into a positioned error.
    static func read(_ url: URL) throws(PolicyError) -> (text: String, name: String) {
        let name = url.isFileURL ? url.relativePath : url.absoluteString
        do {
            return (try String(contentsOf: url, encoding: .utf8), name)
        } catch {
            throw PolicyError(
                file: name, line: 1, column: 1,
                message: "cannot read the file: \(error.localizedDescription)")
        }
    }
}
