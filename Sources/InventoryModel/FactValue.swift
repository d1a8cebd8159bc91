public import Foundation

/// A fact as the policy language sees it: a small dynamic value tree.
///
/// Typed model structs are converted into this shape once per host, so the rules engine can walk
/// field paths (`host.sshd.permit_root_login`) without knowing Swift types.
///
/// Not `indirect`: lists and objects already hold their elements on the heap, and an indirect
/// enum would box every number and bool too, an allocation per comparison result.
public enum FactValue: Sendable, Hashable {
    case null
    case string(String)
    case int(Int64)
    case double(Double)
    case bool(Bool)
    case date(Date)
    case list([FactValue])
    case object([String: FactValue])

    /// The member of an object, `.null` for anything else or a missing key.
    public subscript(field: String) -> FactValue {
        if case .object(let fields) = self { return fields[field] ?? .null }
        return .null
    }

    /// Asked on every operand of every rule: a pattern match, inlinable, instead of an equality
    /// test that copies both values.
    @inlinable public var isNull: Bool {
        if case .null = self { return true }
        return false
    }
}

extension FactValue: CustomStringConvertible {
    /// A compact rendering for evidence and messages.
    public var description: String {
        switch self {
        case .null: "null"
        case .string(let s): "\"\(s)\""
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): String(b)
        case .date(let d): ISO8601DateFormatter().string(from: d)
        case .list(let items): "[" + items.map(\.description).joined(separator: ", ") + "]"
        case .object(let fields):
            "{" + fields.keys.sorted().map { "\($0): \(fields[$0]!.description)" }.joined(separator: ", ") + "}"
        }
    }
}

extension FactValue {
    init(_ string: String?) { self = string.map(FactValue.string) ?? .null }
    init(_ int: Int?) { self = int.map { .int(Int64($0)) } ?? .null }
    init(_ int: Int64?) { self = int.map(FactValue.int) ?? .null }
    init(_ double: Double?) { self = double.map(FactValue.double) ?? .null }
    init(_ bool: Bool?) { self = bool.map(FactValue.bool) ?? .null }
    init(_ date: Date?) { self = date.map(FactValue.date) ?? .null }
    init(strings: [String]) { self = .list(strings.map(FactValue.string)) }
}
