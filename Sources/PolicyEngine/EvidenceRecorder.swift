import Foundation
import InventoryModel

/// The facts an evaluation read, for a finding's evidence: first read first, each path once, and
/// few enough to show in a report.
///
/// Recording is cheap on purpose. A fact at a numbered path (`RootedPathNumbers`) is written out
/// once per host, the first time any rule reads it, into the host's `items`, and after that
/// recorded as its number. Other entries keep the pieces of their path and the `FactValue`, and
/// are only written out for the evaluations whose evidence is kept (`cite`, `items()`).
struct EvidenceRecorder {
    static let itemLimit = 20
    static let valueLimit = 160

    /// What was read, in order: a number of 0 or more is a numbered fact, whose item is
    /// `items[itemIndex[number]]`; `-1 - i` is `entries[i]`. Testing "each path once" for a
    /// numbered fact then compares integers, not strings.
    private var order: [Int] = []
    /// Facts read at paths without a number (probe names, `.size()`, elements past the first few).
    private var entries: [Entry] = []
    /// Every item written out on this host, for all of its findings to cite by index.
    private(set) var hostItems: [EvidenceItem] = []
    /// Where each numbered path's item is in `hostItems`, `-1` before it is written. The roots
    /// stay bound while one evaluator judges a host's rules, so a numbered path has the same value
    /// in every rule, and a fact read by many rules is written out once per host.
    private var itemIndex: [Int32] = []

    var hasRoom: Bool { order.count < Self.itemLimit }

    /// `numbers`: how many path numbers there are, the size `itemIndex` starts at.
    init(numbers: Int = 0) {
        itemIndex = Array(repeating: -1, count: numbers)
    }

    /// Empties the recorder for the next expression, keeping its storage: the entries are never
    /// handed out, so the next evaluation can reuse the buffer.
    mutating func reset() {
        // Most evaluations record no unnumbered entry; an empty array needs no emptying.
        if !order.isEmpty { order.removeAll(keepingCapacity: true) }
        if !entries.isEmpty { entries.removeAll(keepingCapacity: true) }
    }

    /// A fact read at a path known whole (a root path or a probe name); `number` is the path's
    /// `RootedPathNumbers` number when the path names the same fact in every rule.
    mutating func record(_ path: String, _ value: FactValue, number: Int? = nil) {
        guard let number else {
            add(Entry(base: path, index: Entry.whole, rest: "", value: .fact(value)))
            return
        }
        record(number: number, value) { path }
    }

    /// A fact at a numbered path; `path` gives its text, asked for only the first time this host's
    /// evidence needs it.
    mutating func record(number: Int, _ value: FactValue, path: () -> String) {
        guard hasRoom, !order.contains(number) else { return }
        if number >= itemIndex.count {
            itemIndex.append(contentsOf: repeatElement(-1, count: number - itemIndex.count + 1))
        }
        if itemIndex[number] < 0 {
            itemIndex[number] = Int32(hostItems.count)
            hostItems.append(EvidenceItem(path: path(), value: Value.fact(value).text))
        }
        if order.capacity == 0 { order.reserveCapacity(6) }
        order.append(number)
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
        entries.append(entry)
        // Entries are told from numbers by their sign: entry i is `-1 - i`.
        order.append(-entries.count)
    }

    /// A scan of at most 20 short paths beats hashing every path on every host. Fields are read
    /// in place: comparing whole entries would copy (and retain) each one. Unnumbered paths are
    /// probe names, `.size()` reads and elements past the first few, never a numbered path's text.
    private func isRecorded(_ entry: Entry) -> Bool {
        for i in entries.indices where entries[i].samePath(as: entry) { return true }
        return false
    }

    /// The evidence as a report shows it.
    func items() -> [EvidenceItem] {
        order.map { key in
            if key >= 0 { return hostItems[Int(itemIndex[key])] }
            let entry = entries[-1 - key]
            return EvidenceItem(path: entry.pathText, value: entry.value.text)
        }
    }

    /// Appends the evidence to `citations` as indexes into `hostItems`, writing out the entries
    /// that are not numbered; returns where it went. A finding keeps that range, not the items.
    mutating func cite(into citations: inout [UInt32]) -> Range<Int> {
        let start = citations.count
        for key in order {
            if key >= 0 {
                citations.append(UInt32(itemIndex[key]))
            } else {
                let entry = entries[-1 - key]
                citations.append(UInt32(hostItems.count))
                hostItems.append(EvidenceItem(path: entry.pathText, value: entry.value.text))
            }
        }
        return start..<citations.count
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

    fileprivate enum Value {
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
