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
///
/// A lookup reads only plain words (the keys and values live in arrays of their own, apart from
/// the remembered `String`s), so it retains and releases nothing: with the strings inside each
/// entry, every lookup copied the entry and paid two atomic reference counts per cell.
struct TextCache<Value> {
    /// Per slot the remembered text's representation; `values[slot]` is nil for an empty slot.
    private var keys: [(UInt64, UInt64)]
    private var values: [Value?]
    /// The remembered texts, only so that their storage stays alive (see above).
    private var texts: [String?]

    /// Slots per column: direct-mapped, so a column cycling through 40 rule titles needs far more
    /// than 40 slots (at 64, half the titles shared a slot with another and missed every cycle).
    private static var ways: Int { 1 << shift }
    private static var shift: Int { 10 }

    init(columns: Int) {
        keys = Array(repeating: (0, 0), count: columns * Self.ways)
        values = Array(repeating: nil, count: columns * Self.ways)
        texts = Array(repeating: nil, count: columns * Self.ways)
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

    @inline(__always)
    func value(_ text: String, column: Int) -> Value? {
        let bits = Self.bits(text)
        let slot = Self.slot(bits, column: column)
        guard keys[slot] == bits else { return nil }
        return values[slot]
    }

    mutating func remember(_ text: String, _ value: Value, column: Int) {
        let bits = Self.bits(text)
        let slot = Self.slot(bits, column: column)
        keys[slot] = bits
        values[slot] = value
        texts[slot] = text
    }
}
