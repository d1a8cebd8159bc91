/// A cache per table column of what a renderer made of a text, keyed by the text's identity.
///
/// The same few texts fill a column (a rule's title, a unit's id, a host's address), usually the
/// very same `String` values the input holds. Hashing each for a dictionary was a fifth of the XLSX
/// time at two million findings, and cleaning each (NFC, controls) most of the CSV's; here a cell
/// whose text has the same 16 bytes of `String` representation as a remembered one (the same
/// storage, or the same short text kept inline) is known without hashing or reading its
/// characters. Equal representation implies equal text, because the cache keeps the remembered
/// `String`, so its storage is neither freed and reused nor mutated in place. A different
/// representation of equal text only misses the cache.
struct TextCache<Value> {
    private struct Entry {
        var bits: (UInt64, UInt64)
        var text: String
        var value: Value
    }

    /// Slots per column: direct-mapped, so a column cycling through 40 rule titles needs far more
    /// than 40 slots (at 64, half the titles shared a slot with another and missed every cycle).
    private static var ways: Int { 1 << shift }
    private static var shift: Int { 10 }
    private var entries: [Entry?]

    init(columns: Int) {
        entries = Array(repeating: nil, count: columns * Self.ways)
    }

    @inline(__always)
    private static func bits(_ text: String) -> (UInt64, UInt64) {
        unsafeBitCast(text, to: (UInt64, UInt64).self)
    }

    @inline(__always)
    private static func slot(_ bits: (UInt64, UInt64), column: Int) -> Int {
        let mixed = (bits.0 ^ (bits.1 &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        return column * ways + Int(truncatingIfNeeded: mixed >> UInt64(64 - shift))
    }

    func value(_ text: String, column: Int) -> Value? {
        let bits = Self.bits(text)
        guard let entry = entries[Self.slot(bits, column: column)], entry.bits == bits else { return nil }
        return entry.value
    }

    mutating func remember(_ text: String, _ value: Value, column: Int) {
        let bits = Self.bits(text)
        entries[Self.slot(bits, column: column)] = Entry(bits: bits, text: text, value: value)
    }
}
