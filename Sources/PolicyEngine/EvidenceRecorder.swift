import Foundation
import InventoryModel

/// The facts an evaluation read, for a finding's evidence: first read first, each path once, and
/// few enough to show in a report.
///
/// Recording is cheap on purpose: an entry keeps the pieces of its path (texts written when the
/// expression was compiled, plus an element index) and the `FactValue` itself. The strings a
/// report shows are only written by `items`, for the evaluations whose evidence is kept; a `when`
/// that holds, for example, throws its evidence away unread.
struct EvidenceRecorder {
    static let itemLimit = 20
    static let valueLimit = 160

    private var entries: [Entry] = []

    var hasRoom: Bool { entries.count < Self.itemLimit }

    /// Empties the recorder for the next expression, keeping its storage: the entries are never
    /// handed out, so the next evaluation can reuse the buffer.
    mutating func reset() {
        entries.removeAll(keepingCapacity: true)
    }

    /// A fact read at a path known whole (a root path or a probe name).
    mutating func record(_ path: String, _ value: FactValue) {
        add(Entry(base: path, index: Entry.whole, rest: "", value: .fact(value)))
    }

    /// A fact read through a macro variable: `base[index]rest`, such as `host.listening` `[2]`
    /// `.port`, written out only if the evidence is kept.
    mutating func record(element base: String, index: Int, rest: String, _ value: FactValue) {
        add(Entry(base: base, index: index, rest: rest, value: .fact(value)))
    }

    /// Records an already written value, such as the matching lines of a file.
    mutating func recordText(_ path: String, _ value: String) {
        add(Entry(base: path, index: Entry.whole, rest: "", value: .text(value)))
    }

    private mutating func add(_ entry: Entry) {
        guard hasRoom, !isRecorded(entry) else { return }
        // Room for a few items at once: one allocation rather than one per growth step.
        if entries.capacity == 0 { entries.reserveCapacity(6) }
        entries.append(entry)
    }

    /// A scan of at most 20 short paths beats hashing every path on every host. Fields are read
    /// in place: comparing whole entries would copy (and retain) each one.
    private func isRecorded(_ entry: Entry) -> Bool {
        for i in entries.indices where entries[i].samePath(as: entry) { return true }
        return false
    }

    /// The evidence as a report shows it.
    var items: [EvidenceItem] {
        entries.map { EvidenceItem(path: $0.pathText, value: $0.value.text) }
    }

    /// A path kept as the pieces it is made of: `base[index]rest` for a macro element, `base`
    /// alone for a path known whole.
    private struct Entry {
        static let whole = -1

        var base: String
        var index: Int
        var rest: String
        var value: Value

        var pathText: String {
            guard index != Self.whole else { return base }
            return TextBuilding.elementPath(base, index, rest)
        }

        /// Whether the two paths' texts are equal, mostly without writing them.
        func samePath(as other: Entry) -> Bool {
            if (index == Self.whole) == (other.index == Self.whole) {
                return index == other.index && base == other.base && rest == other.rest
            }
            // `host.listening[0].port` written out in full names the same fact as element 0;
            // rare enough to compare as text, after a length check that settles most pairs.
            let (whole, element) = index == Self.whole ? (self, other) : (other, self)
            let length =
                element.base.utf8.count + element.rest.utf8.count
                + TextBuilding.digitCount(element.index) + 2
            return whole.base.utf8.count == length && whole.base == element.pathText
        }
    }

    private enum Value {
        case fact(FactValue)
        case text(String)

        var text: String {
            var text: String
            switch self {
            // `FactValue.description` makes a date formatter per call; the format style is a value.
            case .fact(.date(let date)): text = date.formatted(.iso8601)
            // `FactValue.description`'s `"\"\(s)\""`, written with one allocation instead of an
            // interpolation: a quoted string is the most common evidence value.
            case .fact(.string(let s)): text = TextBuilding.concatenate("\"", s, "\"")
            case .fact(.int(let i)): text = TextBuilding.decimal(Int(i))
            case .fact(.bool(let b)): text = b ? "true" : "false"
            case .fact(let value): text = value.description
            case .text(let written): text = written
            }
            // Counting characters walks grapheme clusters; the byte count settles most values first.
            if text.utf8.count > EvidenceRecorder.valueLimit, text.count > EvidenceRecorder.valueLimit {
                text = String(text.prefix(EvidenceRecorder.valueLimit - 1)) + "…"
            }
            return text
        }
    }
}
