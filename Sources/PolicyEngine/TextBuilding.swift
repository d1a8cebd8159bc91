/// Evidence texts written with one allocation and a byte copy per piece.
///
/// Writing `host.listening[2].port` or `"debian"` with `+=` costs a `reserveCapacity` and an
/// `append` per piece, each a few hundred instructions through the standard library's general
/// path; a policy run writes millions of these. Copying the UTF-8 bytes into a string of the
/// right size gives the same text for a fraction of the cost (and a small string, stored inline,
/// when it fits).
enum TextBuilding {
    /// `a + b + c`.
    static func concatenate(_ a: String, _ b: String, _ c: String) -> String {
        var a = a
        var b = b
        var c = c
        let count = a.utf8.count + b.utf8.count + c.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            copy(&a, into: buffer, at: &offset)
            copy(&b, into: buffer, at: &offset)
            copy(&c, into: buffer, at: &offset)
            return offset
        }
    }

    /// `base[index]rest`, as a macro element's path is shown.
    static func elementPath(_ base: String, _ index: Int, _ rest: String) -> String {
        var base = base
        var rest = rest
        let digits = digitCount(index)
        let count = base.utf8.count + digits + 2 + rest.utf8.count
        return String(unsafeUninitializedCapacity: count) { buffer in
            var offset = 0
            copy(&base, into: buffer, at: &offset)
            buffer[offset] = UInt8(ascii: "[")
            offset += 1
            writeDecimal(index, digits: digits, into: buffer, at: &offset)
            buffer[offset] = UInt8(ascii: "]")
            offset += 1
            copy(&rest, into: buffer, at: &offset)
            return offset
        }
    }

    /// `String(value)`, without the generic `description` path.
    static func decimal(_ value: Int) -> String {
        let digits = digitCount(value)
        return String(unsafeUninitializedCapacity: digits) { buffer in
            var offset = 0
            writeDecimal(value, digits: digits, into: buffer, at: &offset)
            return offset
        }
    }

    /// The number of bytes `String(index)` has (a `-` included).
    static func digitCount(_ value: Int) -> Int {
        var count = value < 0 ? 2 : 1
        var rest = value.magnitude / 10
        while rest > 0 {
            count += 1
            rest /= 10
        }
        return count
    }

    private static func writeDecimal(
        _ value: Int, digits: Int, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) {
        var rest = value.magnitude
        var position = offset + digits
        repeat {
            position -= 1
            buffer[position] = UInt8(ascii: "0") + UInt8(rest % 10)
            rest /= 10
        } while rest > 0
        if value < 0 { buffer[offset] = UInt8(ascii: "-") }
        offset += digits
    }

    private static func copy(
        _ text: inout String, into buffer: UnsafeMutableBufferPointer<UInt8>, at offset: inout Int
    ) {
        text.withUTF8 { bytes in
            guard let source = bytes.baseAddress, !bytes.isEmpty else { return }
            (buffer.baseAddress! + offset).update(from: source, count: bytes.count)
            offset += bytes.count
        }
    }
}
