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
        add(Entry(path: .text(path), value: .fact(value)))
    }

    /// A fact read through a macro variable: `base[index]rest`, such as `host.listening` `[2]`
    /// `.port`, written out only if the evidence is kept.
    mutating func record(element base: String, index: Int, rest: String, _ value: FactValue) {
        add(Entry(path: .element(base: base, index: index, rest: rest), value: .fact(value)))
    }

    /// Records an already written value, such as the matching lines of a file.
    mutating func recordText(_ path: String, _ value: String) {
        add(Entry(path: .text(path), value: .text(value)))
    }

    private mutating func add(_ entry: Entry) {
        // A scan of at most 20 short paths beats hashing every path on every host.
        guard hasRoom, !entries.contains(where: { $0.path == entry.path }) else { return }
        // Room for a few items at once: one allocation rather than one per growth step.
        if entries.isEmpty, entries.capacity == 0 { entries.reserveCapacity(6) }
        entries.append(entry)
    }

    /// The evidence as a report shows it.
    var items: [EvidenceItem] {
        entries.map { EvidenceItem(path: $0.path.text, value: $0.value.text) }
    }

    private struct Entry {
        var path: Path
        var value: Value
    }

    /// A path as the pieces it is made of; equal when the texts would be equal.
    private enum Path: Equatable {
        case text(String)
        case element(base: String, index: Int, rest: String)

        var text: String {
            switch self {
            case .text(let text):
                return text
            case .element(let base, let index, let rest):
                // One allocation for `host.listening[2].port`.
                var text = ""
                text.reserveCapacity(base.utf8.count + rest.utf8.count + 8)
                text += base
                text += "["
                text += String(index)
                text += "]"
                text += rest
                return text
            }
        }

        static func == (a: Path, b: Path) -> Bool {
            switch (a, b) {
            case (.text(let x), .text(let y)):
                return x == y
            case (.element(let xb, let xi, let xr), .element(let yb, let yi, let yr)):
                return xi == yi && xr == yr && xb == yb
            case (.text(let whole), .element(let base, let index, let rest)),
                (.element(let base, let index, let rest), .text(let whole)):
                // `host.listening[0].port` written out in full names the same fact as element 0;
                // rare enough to compare as text, after a length check that settles most pairs.
                let length = base.utf8.count + rest.utf8.count + String(index).utf8.count + 2
                return whole.utf8.count == length && whole == Path.element(base: base, index: index, rest: rest).text
            }
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
