public import InventoryModel

extension Expression {
    /// The condition's answer when only the facts in `known` are known, or nil when the answer
    /// depends on anything else.
    ///
    /// The scan planner asks this before a host is scanned, knowing only what the inventory says
    /// (the OS family), to leave out the probes of a policy that cannot apply there. Reading an
    /// unknown fact as null would give `host.sshd != null` false and drop probes the policy needs,
    /// so the answer is three-valued instead (Kleene logic): `&&` is false when either side is,
    /// `||` true when either side is, `!` keeps unknown unknown, and any other part is evaluated
    /// only when every fact it reads is one of `known` (a bound macro variable, a whole object,
    /// `file()` or `command()` make it unknown). Nil is the safe answer: the probes are kept.
    ///
    /// - Parameter known: full fact paths and their values, e.g. `["host.os.family": "linux"]`.
    public func decided(knowing known: [String: FactValue]) -> Bool? {
        guard let tree = try? Parser.parse(source) else { return nil }
        var roots: [String: FactValue] = [:]
        for (path, value) in known {
            let steps = path.split(separator: ".").map(String.init)
            guard let root = steps.first else { continue }
            roots[root] = Self.inserting(value, at: steps.dropFirst(), into: roots[root])
        }
        let scalars = Array(source.unicodeScalars)
        return Self.decide(tree, known: known, roots: roots, scalars: scalars)
    }

    private static func decide(
        _ node: Expr, known: [String: FactValue], roots: [String: FactValue], scalars: [Unicode.Scalar]
    ) -> Bool? {
        switch node.kind {
        case .binary(.and, let left, let right):
            let a = decide(left, known: known, roots: roots, scalars: scalars)
            let b = decide(right, known: known, roots: roots, scalars: scalars)
            if a == false || b == false { return false }
            return a == true && b == true ? true : nil
        case .binary(.or, let left, let right):
            let a = decide(left, known: known, roots: roots, scalars: scalars)
            let b = decide(right, known: known, roots: roots, scalars: scalars)
            if a == true || b == true { return true }
            return a == false && b == false ? false : nil
        case .unary(.not, let operand):
            return decide(operand, known: known, roots: roots, scalars: scalars).map { !$0 }
        default:
            guard readsOnly(known, node), node.span.lowerBound >= 0, node.span.upperBound <= scalars.count else {
                return nil
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars[node.span])
            guard let part = try? Expression(text, expecting: .bool) else { return nil }
            return part.evaluate(roots).bool
        }
    }

    /// Whether every fact `node` reads is a path in `known` (literals read none).
    private static func readsOnly(_ known: [String: FactValue], _ node: Expr) -> Bool {
        switch node.kind {
        case .literal: return true
        case .list(let items): return items.allSatisfy { readsOnly(known, $0) }
        case .identifier(let name): return known[name] != nil
        case .select(let base, _):
            if let path = path(of: node) { return known[path] != nil }
            return readsOnly(known, base)
        case .index(let base, let index): return readsOnly(known, base) && readsOnly(known, index)
        case .call(let receiver, _, let arguments):
            return (receiver.map { readsOnly(known, $0) } ?? true) && arguments.allSatisfy { readsOnly(known, $0) }
        case .unary(_, let operand): return readsOnly(known, operand)
        case .binary(_, let left, let right): return readsOnly(known, left) && readsOnly(known, right)
        }
    }

    /// `host.os.family` for a chain of field selections on a root; nil for anything else.
    private static func path(of node: Expr) -> String? {
        switch node.kind {
        case .identifier(let name): name
        case .select(let base, let field): path(of: base).map { "\($0).\(field)" }
        default: nil
        }
    }

    private static func inserting(_ value: FactValue, at steps: ArraySlice<String>, into tree: FactValue?) -> FactValue {
        guard let step = steps.first else { return value }
        var fields: [String: FactValue] = [:]
        if case .object(let existing)? = tree { fields = existing }
        fields[step] = inserting(value, at: steps.dropFirst(), into: fields[step])
        return .object(fields)
    }
}
