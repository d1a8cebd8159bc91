/// Big-endian reads from packet bytes.
///
/// Callers check bounds first (`offset + width <= count`); these helpers exist so that the
/// checks, not the loads, are what a reader sees in the decoders. Unaligned loads, because
/// headers sit wherever the link layer put them.
extension UnsafeRawBufferPointer {
    @inline(__always)
    func u8(_ offset: Int) -> UInt8 {
        self[offset]
    }

    @inline(__always)
    func u16(_ offset: Int) -> UInt16 {
        UInt16(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt16.self))
    }

    @inline(__always)
    func u32(_ offset: Int) -> UInt32 {
        UInt32(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt32.self))
    }

    @inline(__always)
    func u48(_ offset: Int) -> UInt64 {
        UInt64(u16(offset)) << 32 | UInt64(u32(offset + 2))
    }

    @inline(__always)
    func u64(_ offset: Int) -> UInt64 {
        UInt64(bigEndian: loadUnaligned(fromByteOffset: offset, as: UInt64.self))
    }

    /// Whether the bytes at `offset` start with `prefix` (ASCII), without reading past the end.
    func hasPrefix(_ prefix: StaticString, at offset: Int) -> Bool {
        let n = prefix.utf8CodeUnitCount
        guard offset >= 0, offset + n <= count else { return false }
        return prefix.withUTF8Buffer { p in
            for i in 0..<n where self[offset + i] != p[i] { return false }
            return true
        }
    }

    /// Whether the bytes in `range` spell `word` (lowercase ASCII) in any case: header names are
    /// compared in place, without a string per header line.
    func isCaseInsensitive(_ range: Range<Int>, _ word: StaticString) -> Bool {
        guard range.count == word.utf8CodeUnitCount, range.lowerBound >= 0, range.upperBound <= count else {
            return false
        }
        return word.withUTF8Buffer { w in
            for (i, offset) in range.enumerated() {
                var b = self[offset]
                if b >= 0x41, b <= 0x5A { b += 0x20 }
                if b != w[i] { return false }
            }
            return true
        }
    }

    /// Printable text from untrusted bytes: ASCII letters, digits, punctuation and space kept,
    /// everything else replaced by `?`, so a name from the wire cannot carry terminal escapes.
    func printableText(_ range: Range<Int>, lowercased: Bool = false) -> String {
        var scalars = String.UnicodeScalarView()
        for i in range {
            var b = self[i]
            if lowercased, b >= 0x41, b <= 0x5A { b += 0x20 }
            scalars.append(b >= 0x20 && b < 0x7F ? Unicode.Scalar(b) : "?")
        }
        return String(scalars)
    }
}
