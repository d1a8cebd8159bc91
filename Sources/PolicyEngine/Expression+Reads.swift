extension Expression {
    /// Whether the expression reads a fact at or below `path` (`host.ssh_offer`), or a whole
    /// object above it (`host`), as far as its text shows.
    ///
    /// The scan planner asks this to gather a fact that costs something extra on the wire (the
    /// daemon's KEXINIT needs a second connection) only when a loaded policy reads it.
    public func reads(_ path: String) -> Bool {
        guard let tree = try? Parser.parse(source) else { return true }
        return Self.reads(path, tree)
    }

    private static func reads(_ path: String, _ node: Expr) -> Bool {
        if let selected = selection(node) {
            // `host.ssh_offer.ciphers` reads it; so does `host` passed whole.
            return selected == path || selected.hasPrefix(path + ".") || path.hasPrefix(selected + ".")
        }
        switch node.kind {
        case .literal, .identifier: return false
        case .list(let items): return items.contains { reads(path, $0) }
        case .select(let base, _): return reads(path, base)
        case .index(let base, let index): return reads(path, base) || reads(path, index)
        case .call(let receiver, _, let arguments):
            return (receiver.map { reads(path, $0) } ?? false) || arguments.contains { reads(path, $0) }
        case .unary(_, let operand): return reads(path, operand)
        case .binary(_, let left, let right): return reads(path, left) || reads(path, right)
        }
    }

    /// `host.ssh_offer.ciphers` for a chain of field selections on a root; nil for anything else.
    private static func selection(_ node: Expr) -> String? {
        switch node.kind {
        case .identifier(let name): name
        case .select(let base, let field): selection(base).map { "\($0).\(field)" }
        default: nil
        }
    }
}

extension Policy {
    /// Whether any of the policy's conditions or checks reads a fact at or below `path`.
    public func reads(_ path: String) -> Bool {
        ([appliesTo] + rules.flatMap { [$0.when, $0.check] }).contains { $0?.reads(path) == true }
    }
}
