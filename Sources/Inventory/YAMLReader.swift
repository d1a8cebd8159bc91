import Yams
import InventoryModel

/// Typed reads from a YAML node tree that fail with the node's file position.
///
/// Yams' `Node` keeps each node's mark; decoding by hand (rather than `Decodable`) is what lets
/// every error say "line 12, column 7: staff must be a whole number".
struct YAMLReader {
    let file: String

    func error(_ node: Node?, _ message: String) -> InventoryFileError {
        let mark = node?.mark
        return InventoryFileError(file: file, line: mark?.line ?? 1, column: mark?.column ?? 1, message: message)
    }

    func mapping(_ node: Node, _ what: String) throws(InventoryFileError) -> Node.Mapping {
        guard let mapping = node.mapping else { throw error(node, "\(what) must be a mapping of keys to values") }
        return mapping
    }

    func sequence(_ node: Node, _ what: String) throws(InventoryFileError) -> Node.Sequence {
        guard let sequence = node.sequence else { throw error(node, "\(what) must be a list (lines starting with '-')") }
        return sequence
    }

    func string(_ node: Node, _ what: String) throws(InventoryFileError) -> String {
        guard let scalar = node.scalar, !scalar.string.isEmpty else { throw error(node, "\(what) must be a non-empty text") }
        return scalar.string
    }

    func int(_ node: Node, _ what: String, in range: ClosedRange<Int>) throws(InventoryFileError) -> Int {
        guard let scalar = node.scalar, let value = Int(scalar.string), range.contains(value) else {
            throw error(node, "\(what) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    func double(_ node: Node, _ what: String) throws(InventoryFileError) -> Double {
        guard let scalar = node.scalar, let value = Double(scalar.string), value.isFinite else {
            throw error(node, "\(what) must be a number")
        }
        return value
    }

    func bool(_ node: Node, _ what: String) throws(InventoryFileError) -> Bool {
        guard let scalar = node.scalar else { throw error(node, "\(what) must be true or false") }
        switch scalar.string.lowercased() {
        case "true", "yes": return true
        case "false", "no": return false
        default: throw error(node, "\(what) must be true or false")
        }
    }

    /// The mapping's entries by key, refusing keys this format does not know (with a suggestion).
    func fields(
        _ mapping: Node.Mapping, of what: String, allowed: [String], required: [String] = []
    ) throws(InventoryFileError) -> [String: Node] {
        var result: [String: Node] = [:]
        for (keyNode, value) in mapping {
            let key = keyNode.scalar?.string ?? ""
            guard allowed.contains(key) else {
                let hint = Suggestion.nearest(to: key, among: allowed).map { "; did you mean '\($0)'?" } ?? ""
                throw error(keyNode, "unknown key '\(key)' in \(what) (allowed: \(allowed.joined(separator: ", ")))\(hint)")
            }
            guard result[key] == nil else { throw error(keyNode, "'\(key)' appears twice in \(what)") }
            result[key] = value
        }
        for key in required where result[key] == nil {
            throw error(Node.mapping(mapping), "\(what) is missing '\(key)'")
        }
        return result
    }
}
