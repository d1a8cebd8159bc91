import Foundation

/// A text stored as the edits that turn an older text of the same kind into it.
///
/// Some evidence is new on every scan of a host that did not change: `/proc/meminfo`, a service
/// listing whose order moved, firewall counters. Content addressing stores each of them whole
/// every day (4 of the 6 KB an unchanged host used to add). Against the same host's previous
/// output of the same evidence most lines are equal, and a line that changed usually differs in a
/// few digits, so the edits are a small part of the text.
///
/// Lines are aligned first: an equal line is copied from the base. A line that took another's place
/// is written as that line's common prefix and suffix copied from the base and the bytes between
/// them as they are. Copies that follow each other in the base are merged, so an unchanged stretch
/// costs two or three bytes whatever its length.
///
/// Encoding: a version byte, the target's length (varint), then operations until the end —
/// `varint(n << 1)`, `zigzag varint(start − end of the previous copy)` copies `n` base bytes;
/// `varint(n << 1 | 1)` and `n` bytes inserts those bytes.
enum LineDelta {
    static let version: UInt8 = 1

    /// Bytes that cannot be a delta of the base given: a damaged store.
    struct Malformed: Error, CustomStringConvertible {
        var description: String
    }

    /// The edits turning `base` into `target`; `apply(_:to:)` with the same base gives `target` back.
    static func encode(_ target: Data, against base: Data) -> Data {
        let base = [UInt8](base)
        let target = [UInt8](target)
        let baseLines = lines(base)
        var positions: [ArraySlice<UInt8>: [Int]] = [:]
        for (index, line) in baseLines.enumerated() { positions[base[line], default: []].append(index) }

        var out = Writer(target: target.count)
        var next = 0
        for line in lines(target) {
            let text = target[line]
            var match: Int?
            if next < baseLines.count, base[baseLines[next]] == text {
                match = next
            } else if let candidates = positions[text] {
                match = candidates.first { $0 >= next } ?? candidates.first
            }
            if let match {
                out.copy(baseLines[match])
                next = match + 1
                continue
            }
            if next < baseLines.count {
                // The line in the base's next place, changed: keep its ends, write the middle.
                let old = baseLines[next]
                let limit = min(old.count, line.count)
                var prefix = 0
                while prefix < limit, base[old.lowerBound + prefix] == target[line.lowerBound + prefix] { prefix += 1 }
                var suffix = 0
                while suffix < limit - prefix, base[old.upperBound - 1 - suffix] == target[line.upperBound - 1 - suffix] {
                    suffix += 1
                }
                if prefix + suffix >= 4 {
                    out.copy(old.lowerBound..<(old.lowerBound + prefix))
                    out.literal(target[(line.lowerBound + prefix)..<(line.upperBound - suffix)])
                    out.copy((old.upperBound - suffix)..<old.upperBound)
                    next += 1
                    continue
                }
            }
            out.literal(text)
        }
        return out.finish()
    }

    /// The target a delta was made for, from the same base.
    static func apply(_ delta: Data, to base: Data) throws(Malformed) -> Data {
        let delta = [UInt8](delta)
        let base = [UInt8](base)
        var position = 0
        guard delta.first == version else { throw Malformed(description: "a delta of an unknown version") }
        position = 1
        let total = try varint(delta, &position)
        guard total <= 1 << 40 else { throw Malformed(description: "a delta whose target is \(total) bytes") }
        var out: [UInt8] = []
        out.reserveCapacity(Int(total))
        var cursor = 0
        while position < delta.count {
            let header = try varint(delta, &position)
            let length = Int(header >> 1)
            if header & 1 == 0 {
                let raw = try varint(delta, &position)
                let skip = Int(bitPattern: UInt(raw >> 1)) ^ -Int(raw & 1)
                let start = cursor + skip
                guard start >= 0, length <= base.count, start <= base.count - length else {
                    throw Malformed(description: "a delta copies bytes \(start)..<\(start + length) of a \(base.count)-byte base")
                }
                out += base[start..<(start + length)]
                cursor = start + length
            } else {
                guard length <= delta.count - position else { throw Malformed(description: "a delta ends inside its literal bytes") }
                out += delta[position..<(position + length)]
                position += length
            }
            guard out.count <= total else { throw Malformed(description: "a delta makes more than its \(total) bytes") }
        }
        guard out.count == total else { throw Malformed(description: "a delta makes \(out.count) of its \(total) bytes") }
        return Data(out)
    }

    /// Each line's bytes with its line end; the last line may have none.
    private static func lines(_ bytes: [UInt8]) -> [Range<Int>] {
        var lines: [Range<Int>] = []
        var start = 0
        for index in bytes.indices where bytes[index] == 0x0A {
            lines.append(start..<(index + 1))
            start = index + 1
        }
        if start < bytes.count { lines.append(start..<bytes.count) }
        return lines
    }

    private static func varint(_ bytes: [UInt8], _ position: inout Int) throws(Malformed) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            guard position < bytes.count else { throw Malformed(description: "a delta ends inside a number") }
            guard shift < 64 else { throw Malformed(description: "a delta holds a number too large") }
            let byte = bytes[position]
            position += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte & 0x80 == 0 { return value }
            shift += 7
        }
    }

    /// Writes operations, merging copies that continue each other and literals that follow each other.
    private struct Writer {
        private var out: [UInt8] = [version]
        private var copying: Range<Int>?
        private var literal: [UInt8] = []
        private var cursor = 0

        init(target: Int) { put(UInt64(target)) }

        mutating func copy(_ range: Range<Int>) {
            guard !range.isEmpty else { return }
            flushLiteral()
            if let copying, copying.upperBound == range.lowerBound {
                self.copying = copying.lowerBound..<range.upperBound
            } else {
                flushCopy()
                copying = range
            }
        }

        mutating func literal(_ bytes: ArraySlice<UInt8>) {
            guard !bytes.isEmpty else { return }
            flushCopy()
            literal += bytes
        }

        mutating func finish() -> Data {
            flushCopy()
            flushLiteral()
            return Data(out)
        }

        private mutating func flushCopy() {
            guard let range = copying else { return }
            put(UInt64(range.count) << 1)
            let skip = range.lowerBound - cursor
            put(UInt64(bitPattern: Int64((skip << 1) ^ (skip >> (Int.bitWidth - 1)))))
            cursor = range.upperBound
            copying = nil
        }

        private mutating func flushLiteral() {
            guard !literal.isEmpty else { return }
            put(UInt64(literal.count) << 1 | 1)
            out += literal
            literal = []
        }

        private mutating func put(_ value: UInt64) {
            var value = value
            while value >= 0x80 {
                out.append(UInt8(value & 0x7F) | 0x80)
                value >>= 7
            }
            out.append(UInt8(value))
        }
    }
}
