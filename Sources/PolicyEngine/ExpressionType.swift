public import InventoryModel

/// The static type of an expression or sub-expression, as the checker infers it.
///
/// It extends `FactType` with what only expressions have: the type of the `null` literal and
/// `dyn`, the element type of an empty list literal, which matches anything.
public indirect enum ExpressionType: Sendable, Hashable, CustomStringConvertible {
    case bool
    case int
    case double
    case string
    case date
    /// A length of time (`7d`, `date - date`); held as seconds at run time.
    case duration
    /// A software version (`version("1.2.10")`), ordered segment by segment, so `1.10 > 1.9`;
    /// held as its text at run time.
    case version
    case null
    case dyn
    case list(ExpressionType)
    case object(FactObjectType)

    public init(_ fact: FactType) {
        switch fact {
        case .string: self = .string
        case .int: self = .int
        case .double: self = .double
        case .bool: self = .bool
        case .date: self = .date
        case .list(let element): self = .list(ExpressionType(element))
        case .object(let object): self = .object(object)
        }
    }

    public var description: String {
        switch self {
        case .bool: "bool"
        case .int: "int"
        case .double: "double"
        case .string: "string"
        case .date: "date"
        case .duration: "duration"
        case .version: "version"
        case .null: "null"
        case .dyn: "dyn"
        case .list(let element): "list<\(element)>"
        case .object(let object): object.name
        }
    }

    var isNumeric: Bool { self == .int || self == .double }

    /// Whether `==` between the two types can ever be true (numbers compare across int and double).
    func isComparable(with other: ExpressionType) -> Bool {
        switch (self, other) {
        case (.dyn, _), (_, .dyn), (.null, _), (_, .null): true
        case (.int, .double), (.double, .int): true
        case (.list(let a), .list(let b)): a.isComparable(with: b)
        default: self == other
        }
    }

    /// Whether `<` and friends apply: numbers, strings, dates, durations and versions.
    func isOrderable(with other: ExpressionType) -> Bool {
        switch (self, other) {
        case (.dyn, .dyn): true
        case (.dyn, let t), (let t, .dyn): t.isNumeric || t.hasOwnOrder
        default: (isNumeric && other.isNumeric) || (self == other && hasOwnOrder)
        }
    }

    private var hasOwnOrder: Bool {
        [.string, .date, .duration, .version].contains(self)
    }

    /// The one type both may be seen as, for list literals; `nil` when they have none.
    func unified(with other: ExpressionType) -> ExpressionType? {
        switch (self, other) {
        case _ where self == other: self
        case (.dyn, let t), (let t, .dyn): t
        case (.int, .double), (.double, .int): .double
        case (.list(let a), .list(let b)): a.unified(with: b).map(ExpressionType.list)
        default: nil
        }
    }
}
