import InventoryModel

/// One of the five fields of a cron expression, and the values it allows.
///
/// Values are kept as a bit set: matching a minute, an hour or a day is one shift and one `and`,
/// which is what lets a search walk years of calendar without allocating.
public struct CronField: Sendable, Hashable {
    /// Which field this is; it fixes the range of values and the names allowed.
    public enum Kind: Int, Sendable, CaseIterable {
        case minute, hour, dayOfMonth, month, dayOfWeek

        /// Smallest and largest value a person may write (7 is also Sunday in day of week).
        var range: ClosedRange<Int> {
            switch self {
            case .minute: 0...59
            case .hour: 0...23
            case .dayOfMonth: 1...31
            case .month: 1...12
            case .dayOfWeek: 0...7
            }
        }

        /// Names accepted in place of numbers, lower-cased, by value.
        var names: [String: Int] {
            switch self {
            case .month:
                ["jan": 1, "feb": 2, "mar": 3, "apr": 4, "may": 5, "jun": 6,
                 "jul": 7, "aug": 8, "sep": 9, "oct": 10, "nov": 11, "dec": 12]
            case .dayOfWeek: ["sun": 0, "mon": 1, "tue": 2, "wed": 3, "thu": 4, "fri": 5, "sat": 6]
            default: [:]
            }
        }

        /// How the field is named in error messages.
        func label(_ language: Language) -> String {
            switch (self, language) {
            case (.minute, .en): "minute"
            case (.hour, .en): "hour"
            case (.dayOfMonth, .en): "day of month"
            case (.month, .en): "month"
            case (.dayOfWeek, .en): "day of week"
            case (.minute, .vi): "phút"
            case (.hour, .vi): "giờ"
            case (.dayOfMonth, .vi): "ngày trong tháng"
            case (.month, .vi): "tháng"
            case (.dayOfWeek, .vi): "thứ trong tuần"
            }
        }
    }

    public let kind: Kind
    /// The text as written, for `description` and for the day-of-month / day-of-week rule.
    public let text: String
    /// Bit `v` set when value `v` is allowed (day of week folded to 0...6, Sunday = 0).
    let bits: UInt64

    /// Whether `value` is allowed.
    public func contains(_ value: Int) -> Bool { bits & (1 << UInt64(value)) != 0 }

    /// The allowed values, ascending.
    public var values: [Int] { (0..<64).filter { contains($0) } }

    /// Whether the field allows every value of its range (`*`, `*/1`, `0-59`, …).
    var isFull: Bool {
        let range = kind == .dayOfWeek ? 0...6 : kind.range
        return range.allSatisfy(contains)
    }

    /// Parses one field: a comma-separated list of `*`, `N`, `A-B`, each with an optional `/STEP`,
    /// or `N/STEP` (from N to the end of the range). A range may wrap (`fri-mon`, `22-2`) when it
    /// has no step. Errors say which part is wrong; the caller adds the column.
    init(_ text: String, kind: Kind) throws(CronSyntaxError) {
        self.kind = kind
        self.text = text
        var bits: UInt64 = 0
        guard !text.isEmpty else { throw CronSyntaxError(offset: 0, problem: .emptyField(kind)) }
        var offset = 0
        for part in text.split(separator: ",", omittingEmptySubsequences: false) {
            bits |= try Self.parsePart(String(part), kind: kind, offset: offset)
            offset += part.count + 1
        }
        if kind == .dayOfWeek, bits & (1 << 7) != 0 { bits = (bits & ~(1 << 7)) | 1 }
        self.bits = bits
    }

    private static func parsePart(_ part: String, kind: Kind, offset: Int) throws(CronSyntaxError) -> UInt64 {
        guard !part.isEmpty else { throw CronSyntaxError(offset: offset, problem: .emptyItem(kind)) }
        let pieces = part.split(separator: "/", omittingEmptySubsequences: false)
        guard pieces.count <= 2 else {
            throw CronSyntaxError(offset: offset, problem: .twoSlashes(part, kind))
        }
        let range = kind.range
        var step = 1
        if pieces.count == 2 {
            let stepOffset = offset + pieces[0].count + 1
            guard let value = Int(pieces[1]), value >= 1 else {
                throw CronSyntaxError(offset: stepOffset, problem: .badStep(String(pieces[1])))
            }
            guard value <= range.upperBound - range.lowerBound + 1 else {
                throw CronSyntaxError(offset: stepOffset, problem: .stepTooLong(value, kind))
            }
            step = value
        }
        let base = String(pieces[0])
        var low: Int
        var high: Int
        if base == "*" {
            (low, high) = (range.lowerBound, kind == .dayOfWeek ? 6 : range.upperBound)
        } else if let dash = base.firstIndex(of: "-") {
            low = try value(String(base[..<dash]), kind: kind, offset: offset)
            let highText = String(base[base.index(after: dash)...])
            high = try value(highText, kind: kind, offset: offset + base.distance(from: base.startIndex, to: dash) + 1)
            // `fri-sun` means Friday to Sunday, as people read it: Sunday as a range's end is 7.
            if kind == .dayOfWeek, high == 0, low > 0 { high = 7 }
        } else {
            low = try value(base, kind: kind, offset: offset)
            high = pieces.count == 2 ? (kind == .dayOfWeek ? 6 : range.upperBound) : low
            if pieces.count == 2, kind == .dayOfWeek, low == 7 { high = 7 }
        }
        var bits: UInt64 = 0
        if low <= high {
            for v in stride(from: low, through: high, by: step) { bits |= 1 << UInt64(v) }
        } else {
            guard step == 1 else {
                throw CronSyntaxError(
                    offset: offset, problem: .wrapWithStep(part, kind))
            }
            let top = kind == .dayOfWeek ? 6 : range.upperBound
            for v in low...top { bits |= 1 << UInt64(v) }
            for v in range.lowerBound...high { bits |= 1 << UInt64(v) }
        }
        return bits
    }

    private static func value(_ text: String, kind: Kind, offset: Int) throws(CronSyntaxError) -> Int {
        let range = kind.range
        if let number = Int(text), text.allSatisfy(\.isASCII) {
            guard range.contains(number) else {
                throw CronSyntaxError(
                    offset: offset, problem: .outOfRange(number, kind))
            }
            return number
        }
        if let named = kind.names[text.lowercased()] { return named }
        let names = kind.names.keys.sorted()
        if names.isEmpty {
            throw CronSyntaxError(offset: offset, problem: .notNumber(text, kind))
        }
        let suggestion = NameSuggestion.nearest(to: text.lowercased(), among: names)
        throw CronSyntaxError(offset: offset, problem: .notName(text, kind, names: names, suggestion: suggestion))
    }
}

/// A cron expression that does not parse; `offset` counts characters from the expression's start.
public struct CronSyntaxError: Error, Sendable, Hashable, CustomStringConvertible {
    public var offset: Int
    public var problem: CronProblem

    public init(offset: Int, problem: CronProblem) {
        self.offset = offset
        self.problem = problem
    }

    /// In English (logs, the service).
    public var message: String { problem.text(.en) }
    public var description: String { message }
}
