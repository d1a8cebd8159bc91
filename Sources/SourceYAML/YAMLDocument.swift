public import Foundation
public import InventoryModel
public import Yams

/// The one way ictaudit reads the YAML files people write (policies, SCA policies, waivers,
/// policy tests, ranking methods, inventories, the antivirus catalogue): a node tree that keeps
/// every node's line and column, typed reads that check what they read, and every problem a
/// `SourceError` printed `file:line:column: sentence`, with "did you mean" for a misspelt key.
///
/// Pure: it parses the text it is handed; reading the file is the caller's (`Audit`'s) business,
/// so the core does no I/O. Each accessor takes `what`, the thing being read as a reader would
/// name it (`the port`, `'severity'`), so messages read the same in every file kind.
public struct YAMLDocument: Sendable {
    public let text: String
    public let file: String
    /// The text indexed by line, to place errors inside a scalar (an expression's column).
    public let source: SourceText
    /// How a syntax error starts: `invalid YAML` (policies, methods, waivers), or the inventory's
    /// `YAML syntax error`, kept because people and scripts already match on it.
    let syntaxLabel: LocalizedText

    public init(
        text: String, file: String, syntaxLabel: LocalizedText = LocalizedText(vi: "YAML không hợp lệ", en: "invalid YAML")
    ) {
        self.text = text
        self.file = file
        self.source = SourceText(text)
        self.syntaxLabel = syntaxLabel
    }

    /// The root node; an empty file is an error that says what the file should hold.
    public func root(
        expecting what: LocalizedText, called name: LocalizedText = LocalizedText(vi: "tệp", en: "the file")
    ) throws(SourceError) -> Node {
        do {
            guard let node = try Yams.compose(yaml: text) else {
                throw error(YAMLProblem.emptyFile(name: name, expecting: what), line: 1, column: 1)
            }
            return node
        } catch let error as SourceError {
            throw error
        } catch let error as YamlError {
            throw self.error(from: error)
        } catch {
            throw self.error(YAMLProblem.unreadable("\(error)"), line: 1, column: 1)
        }
    }

    // MARK: Structure

    /// A mapping's values by key, after checking that only `allowed` keys appear and every
    /// `required` one does; `allowAny` skips the first check (for open-ended sections).
    public func fields(
        of node: Node, in context: LocalizedText, allowed: [String], required: [String] = [], allowAny: Bool = false
    ) throws(SourceError) -> [String: Node] {
        guard case .mapping(let mapping) = node else {
            throw error(YAMLProblem.notMapping(context, found: kind(of: node)), at: node)
        }
        var values: [String: Node] = [:]
        for (key, value) in mapping {
            guard case .scalar(let scalar) = key else {
                throw error(YAMLProblem.keyNotPlain(in: context), at: key)
            }
            guard allowAny || allowed.contains(scalar.string) else {
                let suggestion = NameSuggestion.nearest(to: scalar.string, among: allowed)
                throw error(YAMLProblem.unknownKey(scalar.string, in: context, suggestion: suggestion, allowed: allowed), at: key)
            }
            guard values[scalar.string] == nil else {
                throw error(YAMLProblem.keyTwice(scalar.string, in: context), at: key)
            }
            values[scalar.string] = value
        }
        for key in required where values[key] == nil {
            throw error(YAMLProblem.missingKey(key, in: context), at: node)
        }
        return values
    }

    /// A mapping's entries in file order, for sections whose keys are data (declared figures).
    public func mapping(_ node: Node, _ what: LocalizedText) throws(SourceError) -> Node.Mapping {
        guard case .mapping(let mapping) = node else {
            throw error(YAMLProblem.notMapping(what, found: kind(of: node)), at: node)
        }
        return mapping
    }

    /// A list of nodes: `'key' must be a list of what`.
    public func sequence(_ node: Node, key: String, of what: LocalizedText) throws(SourceError) -> [Node] {
        guard case .sequence(let items) = node else {
            throw error(YAMLProblem.notListOf(key: key, of: what, found: kind(of: node)), at: node)
        }
        return Array(items)
    }

    /// A list of nodes, named by a phrase (`the subnets of unit 'a'`).
    public func sequence(_ node: Node, _ what: LocalizedText) throws(SourceError) -> [Node] {
        guard case .sequence(let items) = node else {
            throw error(YAMLProblem.notList(what, found: kind(of: node)), at: node)
        }
        return Array(items)
    }

    // MARK: Scalars

    /// A non-empty text, trimmed, under a key: `'key' must not be empty`.
    public func string(_ node: Node, key: String) throws(SourceError) -> String {
        try string(node, .key(key))
    }

    /// A non-empty text, trimmed; `~` and `null` count as empty.
    public func string(_ node: Node, _ what: LocalizedText) throws(SourceError) -> String {
        guard case .scalar(let scalar) = node else {
            throw error(YAMLProblem.notString(what, found: kind(of: node)), at: node)
        }
        let value = scalar.string.trimmingCharacters(in: .whitespacesAndNewlines)
        if value.isEmpty || (scalar.style == .plain && ["~", "null", "Null", "NULL"].contains(value)) {
            throw error(YAMLProblem.emptyValue(what), at: node)
        }
        return value
    }

    /// The scalar itself, for values read further with its position (expressions).
    public func scalar(_ node: Node, key: String) throws(SourceError) -> Node.Scalar {
        _ = try string(node, key: key)
        guard case .scalar(let scalar) = node else { throw error(YAMLProblem.notString(.key(key), found: kind(of: node)), at: node) }
        return scalar
    }

    /// Ids are referenced from other files, CSV columns and reports, so they stay simple.
    public func identifier(_ node: Node, key: String) throws(SourceError) -> String {
        let value = try string(node, key: key)
        let allowed = value.unicodeScalars.allSatisfy {
            ("a"..."z").contains($0) || ("A"..."Z").contains($0) || ("0"..."9").contains($0)
                || "._-".unicodeScalars.contains($0)
        }
        guard allowed else {
            throw error(YAMLProblem.notIdentifier(key: key, found: value), at: node)
        }
        return value
    }

    /// A whole number within `range`.
    public func integer(_ node: Node, _ what: LocalizedText, in range: ClosedRange<Int>) throws(SourceError) -> Int {
        guard case .scalar(let scalar) = node, let value = Int(scalar.string.trimmingCharacters(in: .whitespaces)),
            range.contains(value)
        else {
            throw error(YAMLProblem.notWholeNumber(what, range: range), at: node)
        }
        return value
    }

    /// A finite number.
    public func number(_ node: Node, _ what: LocalizedText) throws(SourceError) -> Double {
        let text = try string(node, what)
        guard let value = Double(text), value.isFinite else {
            throw error(YAMLProblem.notNumber(what, found: text), at: node)
        }
        return value
    }

    /// `true`/`yes` or `false`/`no`, in any case.
    public func bool(_ node: Node, _ what: LocalizedText) throws(SourceError) -> Bool {
        let text = try string(node, what)
        switch text.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(YAMLProblem.notBool(what, found: text), at: node)
        }
    }

    /// A Vietnamese and an English text, `{ vi: "...", en: "..." }`, NFC-normalised so Vietnamese
    /// typed with combining marks compares like precomposed text.
    public func localized(_ node: Node, key: String) throws(SourceError) -> LocalizedText {
        guard case .mapping = node else {
            throw error(YAMLProblem.notLocalized(key: key), at: node)
        }
        let f = try fields(of: node, in: .key(key), allowed: ["vi", "en"], required: ["vi", "en"])
        return LocalizedText(
            vi: try string(f["vi"]!, key: "\(key).vi").precomposedStringWithCanonicalMapping,
            en: try string(f["en"]!, key: "\(key).en").precomposedStringWithCanonicalMapping)
    }

    /// A calendar day written `YYYY-MM-DD`.
    public func day(_ node: Node, key: String) throws(SourceError) -> (text: String, components: DateComponents) {
        let value = try string(node, key: key)
        let parts = value.split(separator: "-", omittingEmptySubsequences: false).map { Int($0) }
        guard parts.count == 3, let y = parts[0], let m = parts[1], let d = parts[2],
            value.count == 10, (1...12).contains(m), (1...31).contains(d)
        else {
            throw error(YAMLProblem.notDay(key: key, found: value), at: node)
        }
        return (value, DateComponents(year: y, month: m, day: d))
    }

    // MARK: Errors

    /// How a node is described in "but this is …".
    public func kind(of node: Node) -> NodeKind {
        switch node {
        case .scalar(let s): .text(s.string)
        case .mapping: .mapping
        case .sequence: .list
        case .alias: .alias
        }
    }

    public func error(_ problem: any SourceProblem, line: Int, column: Int) -> SourceError {
        SourceError(file: file, line: line, column: column, problem: problem)
    }

    /// An error at the node's position (the file's start when it has none).
    public func error(_ problem: any SourceProblem, at node: Node?) -> SourceError {
        error(problem, line: node?.mark?.line ?? 1, column: node?.mark?.column ?? 1)
    }

    /// An error at a character inside a scalar, such as where an expression went wrong.
    public func error(_ problem: any SourceProblem, atOffset offset: Int, in scalar: Node.Scalar) -> SourceError {
        let (line, column) = source.position(ofOffset: offset, in: scalar)
        return error(problem, line: line, column: column)
    }

    func error(from yaml: YamlError) -> SourceError {
        switch yaml {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return error(
                YAMLProblem.syntax(label: syntaxLabel, problem: problem, context: context?.text, contextLine: context?.mark.line),
                line: mark.line, column: mark.column)
        case .reader(let problem, let offset, _, _):
            let (line, column) = offset.map { source.lineColumn(of: min($0, source.scalars.count)) } ?? (1, 1)
            return error(YAMLProblem.notText(problem: problem), line: line, column: column)
        case .duplicatedKeysInMapping(let duplicates, let context):
            return error(YAMLProblem.duplicatedKeys(duplicates), line: context.mark.line, column: context.mark.column)
        default:
            return error(
                YAMLProblem.syntax(label: syntaxLabel, problem: "\(yaml)", context: nil, contextLine: nil), line: 1, column: 1)
        }
    }
}
