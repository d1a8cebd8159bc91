/// An open-addressing map from a 128-bit key to a dense index, for the per-packet lookups.
///
/// Every packet looks up its source and destination host, its link and its MAC addresses; a
/// `Dictionary` with a hashed struct key costs several times more per lookup than this linear-probed
/// table of plain integers. It only grows (captures never forget a host), at half load.
struct FlatIndex {
    private struct Slot {
        var high: UInt64
        var low: UInt64
        var value: Int32
    }

    private var slots: [Slot]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 1024) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        slots = Array(repeating: Slot(high: 0, low: 0, value: -1), count: size)
        mask = size - 1
    }

    @inline(__always)
    private static func hash(_ high: UInt64, _ low: UInt64) -> Int {
        var h = (low ^ (high &* 0x9E37_79B9_7F4A_7C15)) &* 0xBF58_476D_1CE4_E5B9
        h ^= h >> 31
        h = h &* 0x94D0_49BB_1331_11EB
        h ^= h >> 29
        return Int(truncatingIfNeeded: h)
    }

    /// The value stored for the key, if any.
    func find(high: UInt64, low: UInt64) -> Int32? {
        var i = Self.hash(high, low) & mask
        while true {
            let slot = slots[i]
            if slot.value < 0 { return nil }
            if slot.low == low && slot.high == high { return slot.value }
            i = (i + 1) & mask
        }
    }

    /// The value stored for the key; when absent, stores `newValue` and returns it with `inserted`.
    @inline(__always)
    mutating func findOrInsert(high: UInt64, low: UInt64, newValue: Int32) -> (value: Int32, inserted: Bool) {
        var i = Self.hash(high, low) & mask
        while true {
            let slot = slots[i]
            if slot.value < 0 { break }
            if slot.low == low && slot.high == high { return (slot.value, false) }
            i = (i + 1) & mask
        }
        slots[i] = Slot(high: high, low: low, value: newValue)
        count += 1
        if count * 2 > slots.count { grow() }
        return (newValue, true)
    }

    private mutating func grow() {
        let old = slots
        slots = Array(repeating: Slot(high: 0, low: 0, value: -1), count: old.count * 2)
        mask = slots.count - 1
        for slot in old where slot.value >= 0 {
            var i = Self.hash(slot.high, slot.low) & mask
            while slots[i].value >= 0 { i = (i + 1) & mask }
            slots[i] = slot
        }
    }
}
