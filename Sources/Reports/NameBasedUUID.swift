import Foundation

/// RFC 9562 version-5 (SHA-1, name-based) UUIDs, so OSCAL documents of the same input carry
/// the same identifiers: golden files compare byte for byte and a finding keeps its UUID from
/// one rendering to the next.
enum NameBasedUUID {
    /// The namespace for ictaudit's names (itself a v5 UUID of "ictaudit" in the URL namespace).
    static let namespace: [UInt8] = uuidBytes(
        namespace: [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8],
        name: "https://ictaudit/oscal")

    /// A UUID's 128 bits as four big-endian words, version and variant set: 16 bytes, no
    /// allocation, so a renderer can keep millions of them or write them straight as hex.
    typealias Words = (UInt32, UInt32, UInt32, UInt32)

    static func make(_ name: String) -> String {
        format(uuidBytes(namespace: namespace, name: name))
    }

    static func uuidBytes(namespace: [UInt8], name: String) -> [UInt8] {
        var sha = SHA1()
        sha.update(namespace)
        sha.update(Array(name.utf8))
        return versioned(sha.finish())
    }

    static func versioned(_ digest: [UInt8]) -> [UInt8] {
        var bytes = Array(digest.prefix(16))
        bytes[6] = (bytes[6] & 0x0F) | 0x50
        bytes[8] = (bytes[8] & 0x3F) | 0x80
        return bytes
    }

    private static let digits: [UInt8] = Array("0123456789abcdef".utf8)

    /// `8-4-4-4-12` lower-case hex.
    static func format(_ bytes: [UInt8]) -> String {
        var out = [UInt8]()
        out.reserveCapacity(36)
        for (index, byte) in bytes.enumerated() {
            if index == 4 || index == 6 || index == 8 || index == 10 { out.append(0x2D) }
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Each byte's two lower-case hex digits, as they lie in memory (first digit first).
    private static let digitPairs: [UInt16] = (0..<256).map { byte in
        (UInt16(digits[byte >> 4]) | UInt16(digits[byte & 0x0F]) << 8).littleEndian
    }

    /// The 36 characters of `words` into `out` (which has room for them): a table lookup per
    /// byte, since millions of UUIDs are written.
    @inline(__always)
    static func hex(_ words: Words, into out: UnsafeMutableRawBufferPointer) {
        digitPairs.withUnsafeBufferPointer { pairs in
            let p = out.baseAddress!
            @inline(__always) func put(_ word: UInt32, _ at: Int) {
                p.storeBytes(of: pairs[Int(word >> 24)], toByteOffset: at, as: UInt16.self)
                p.storeBytes(of: pairs[Int(word >> 16 & 0xFF)], toByteOffset: at + 2, as: UInt16.self)
            }
            @inline(__always) func putLow(_ word: UInt32, _ at: Int) {
                p.storeBytes(of: pairs[Int(word >> 8 & 0xFF)], toByteOffset: at, as: UInt16.self)
                p.storeBytes(of: pairs[Int(word & 0xFF)], toByteOffset: at + 2, as: UInt16.self)
            }
            // 8-4-4-4-12: word 0 | - word 1 high | - word 1 low | - word 2 high | - word 2 low, word 3
            put(words.0, 0)
            putLow(words.0, 4)
            p.storeBytes(of: 0x2D, toByteOffset: 8, as: UInt8.self)
            put(words.1, 9)
            p.storeBytes(of: 0x2D, toByteOffset: 13, as: UInt8.self)
            putLow(words.1, 14)
            p.storeBytes(of: 0x2D, toByteOffset: 18, as: UInt8.self)
            put(words.2, 19)
            p.storeBytes(of: 0x2D, toByteOffset: 23, as: UInt8.self)
            putLow(words.2, 24)
            put(words.3, 28)
            putLow(words.3, 32)
        }
    }

    static func string(_ words: Words) -> String {
        String(unsafeUninitializedCapacity: 36) { out in
            hex(words, into: UnsafeMutableRawBufferPointer(out))
            return 36
        }
    }

    /// UUIDs of names that share a long prefix (the scan's key, then a host): the SHA-1 state
    /// after the namespace and the prefix is computed once, so each UUID hashes only its own
    /// suffix, usually one 64-byte block.
    struct Prefixed {
        private(set) var state: SHA1

        init(prefix: String) {
            var sha = SHA1()
            sha.update(NameBasedUUID.namespace)
            sha.update(prefix)
            state = sha
        }

        private init(state: SHA1) { self.state = state }

        /// The names that continue with `parts`.
        func appending(_ parts: String...) -> Prefixed {
            var sha = state
            for part in parts { sha.update(part) }
            return Prefixed(state: sha)
        }

        /// The names that continue with `bytes` (UTF-8).
        func appending(_ bytes: [UInt8]) -> Prefixed {
            var sha = state
            sha.update(bytes)
            return Prefixed(state: sha)
        }

        /// The UUID of the prefix followed by `suffix`.
        func words(_ suffix: StaticString) -> Words {
            suffix.withUTF8Buffer { words($0) }
        }

        /// The UUID of the prefix followed by `suffix` (UTF-8), read in place.
        func words(_ suffix: UnsafeBufferPointer<UInt8>) -> Words {
            var sha = state
            sha.update(suffix)
            sha.pad()
            let (h0, h1, h2, h3) = sha.words
            // Version 5 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
            return (h0, h1 & 0xFFFF_0FFF | 0x0000_5000, h2 & 0x3FFF_FFFF | 0x8000_0000, h3)
        }

        /// The UUID of `prefix + parts.joined()` as its 36 characters.
        func make(_ parts: String...) -> String {
            var sha = state
            for part in parts { sha.update(part) }
            return Prefixed(state: sha).string("")
        }

        func string(_ suffix: StaticString) -> String { NameBasedUUID.string(words(suffix)) }
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs, where RFC 9562 prescribes it; never for security.
/// Incremental, so a shared prefix is hashed once (`NameBasedUUID.Prefixed`); its whole state is
/// tuples, so copying it (a shared prefix's) allocates nothing.
struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    /// The unprocessed tail (< 64 bytes) of what was given.
    private var block: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0)
    private var used = 0
    private var length: UInt64 = 0

    static func digest(_ message: [UInt8]) -> [UInt8] {
        var sha = SHA1()
        sha.update(message)
        return sha.finish()
    }

    mutating func update(_ bytes: [UInt8]) {
        bytes.withUnsafeBufferPointer { update($0) }
    }

    mutating func update(_ text: String) {
        var text = text
        text.withUTF8 { update($0) }
    }

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard var source = bytes.baseAddress else { return }
        length &+= UInt64(bytes.count)
        var left = bytes.count
        while left > 0 {
            let take = min(64 - used, left)
            let at = used
            withUnsafeMutableBytes(of: &block) { b in
                (b.baseAddress! + at).copyMemory(from: source, byteCount: take)
            }
            used += take
            source += take
            left -= take
            if used == 64 {
                compress()
                used = 0
            }
        }
    }

    mutating func finish() -> [UInt8] {
        pad()
        let words = [h.0, h.1, h.2, h.3, h.4]
        return words.flatMap { v in (0..<4).map { UInt8(truncatingIfNeeded: v >> (24 - 8 * UInt32($0))) } }
    }

    /// The first 128 bits of the digest, big-endian words (after `pad`).
    var words: (UInt32, UInt32, UInt32, UInt32) { (h.0, h.1, h.2, h.3) }

    /// Ends the message: `0x80`, zeros, the length in bits; processes the last block(s).
    mutating func pad() {
        let bitLength = length &* 8
        let at = used
        withUnsafeMutableBytes(of: &block) { b in
            b[at] = 0x80
            for i in (at + 1)..<64 { b[i] = 0 }
        }
        if at >= 56 {
            compress()
            block = (0, 0, 0, 0, 0, 0, 0, 0)
        }
        block.7 = bitLength.bigEndian
        compress()
        used = 0
    }

    @inline(__always)
    private static func rotl(_ x: UInt32, _ n: UInt32) -> UInt32 { x << n | x >> (32 - n) }

    /// One 64-byte block, all 80 rounds written out: the schedule's 16 words and the five
    /// working variables are locals the compiler keeps in registers, and each round names the
    /// variables in their rotated roles, so no round moves values into new places (round i:
    /// `a…e` rotated by i; schedule word i is `w(i mod 16)`, renewed from words i-3, i-8 and
    /// i-14 from round 16 on). 77 ns a block where a rolling schedule in memory took 132 ns:
    /// two million findings hash four million UUIDs.
    private mutating func compress() {
        @inline(__always) func word(_ i: Int) -> UInt32 {
            withUnsafeBytes(of: block) { UInt32(bigEndian: $0.load(fromByteOffset: i * 4, as: UInt32.self)) }
        }
        var (w0, w1, w2, w3, w4, w5, w6, w7) = (word(0), word(1), word(2), word(3), word(4), word(5), word(6), word(7))
        var (w8, w9, w10, w11, w12, w13, w14, w15) = (word(8), word(9), word(10), word(11), word(12), word(13), word(14), word(15))
        @inline(__always) func next(_ w: inout UInt32, _ w3: UInt32, _ w8: UInt32, _ w14: UInt32) -> UInt32 {
            w = Self.rotl(w3 ^ w8 ^ w14 ^ w, 1)
            return w
        }
        // One round each: `e` takes the new value, `b` is rotated.
        @inline(__always) func choose(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
            e = e &+ Self.rotl(a, 5) &+ (d ^ (b & (c ^ d))) &+ 0x5A82_7999 &+ x
            b = Self.rotl(b, 30)
        }
        @inline(__always) func parity1(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
            e = e &+ Self.rotl(a, 5) &+ (b ^ c ^ d) &+ 0x6ED9_EBA1 &+ x
            b = Self.rotl(b, 30)
        }
        @inline(__always) func majority(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
            e = e &+ Self.rotl(a, 5) &+ ((b & c) | (d & (b | c))) &+ 0x8F1B_BCDC &+ x
            b = Self.rotl(b, 30)
        }
        @inline(__always) func parity2(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
            e = e &+ Self.rotl(a, 5) &+ (b ^ c ^ d) &+ 0xCA62_C1D6 &+ x
            b = Self.rotl(b, 30)
        }
        var (a, b, c, d, e) = h
        choose(a, &b, c, d, &e, w0); choose(e, &a, b, c, &d, w1); choose(d, &e, a, b, &c, w2); choose(c, &d, e, a, &b, w3); choose(b, &c, d, e, &a, w4)
        choose(a, &b, c, d, &e, w5); choose(e, &a, b, c, &d, w6); choose(d, &e, a, b, &c, w7); choose(c, &d, e, a, &b, w8); choose(b, &c, d, e, &a, w9)
        choose(a, &b, c, d, &e, w10); choose(e, &a, b, c, &d, w11); choose(d, &e, a, b, &c, w12); choose(c, &d, e, a, &b, w13); choose(b, &c, d, e, &a, w14)
        choose(a, &b, c, d, &e, w15); choose(e, &a, b, c, &d, next(&w0, w13, w8, w2)); choose(d, &e, a, b, &c, next(&w1, w14, w9, w3)); choose(c, &d, e, a, &b, next(&w2, w15, w10, w4)); choose(b, &c, d, e, &a, next(&w3, w0, w11, w5))
        parity1(a, &b, c, d, &e, next(&w4, w1, w12, w6)); parity1(e, &a, b, c, &d, next(&w5, w2, w13, w7)); parity1(d, &e, a, b, &c, next(&w6, w3, w14, w8)); parity1(c, &d, e, a, &b, next(&w7, w4, w15, w9)); parity1(b, &c, d, e, &a, next(&w8, w5, w0, w10))
        parity1(a, &b, c, d, &e, next(&w9, w6, w1, w11)); parity1(e, &a, b, c, &d, next(&w10, w7, w2, w12)); parity1(d, &e, a, b, &c, next(&w11, w8, w3, w13)); parity1(c, &d, e, a, &b, next(&w12, w9, w4, w14)); parity1(b, &c, d, e, &a, next(&w13, w10, w5, w15))
        parity1(a, &b, c, d, &e, next(&w14, w11, w6, w0)); parity1(e, &a, b, c, &d, next(&w15, w12, w7, w1)); parity1(d, &e, a, b, &c, next(&w0, w13, w8, w2)); parity1(c, &d, e, a, &b, next(&w1, w14, w9, w3)); parity1(b, &c, d, e, &a, next(&w2, w15, w10, w4))
        parity1(a, &b, c, d, &e, next(&w3, w0, w11, w5)); parity1(e, &a, b, c, &d, next(&w4, w1, w12, w6)); parity1(d, &e, a, b, &c, next(&w5, w2, w13, w7)); parity1(c, &d, e, a, &b, next(&w6, w3, w14, w8)); parity1(b, &c, d, e, &a, next(&w7, w4, w15, w9))
        majority(a, &b, c, d, &e, next(&w8, w5, w0, w10)); majority(e, &a, b, c, &d, next(&w9, w6, w1, w11)); majority(d, &e, a, b, &c, next(&w10, w7, w2, w12)); majority(c, &d, e, a, &b, next(&w11, w8, w3, w13)); majority(b, &c, d, e, &a, next(&w12, w9, w4, w14))
        majority(a, &b, c, d, &e, next(&w13, w10, w5, w15)); majority(e, &a, b, c, &d, next(&w14, w11, w6, w0)); majority(d, &e, a, b, &c, next(&w15, w12, w7, w1)); majority(c, &d, e, a, &b, next(&w0, w13, w8, w2)); majority(b, &c, d, e, &a, next(&w1, w14, w9, w3))
        majority(a, &b, c, d, &e, next(&w2, w15, w10, w4)); majority(e, &a, b, c, &d, next(&w3, w0, w11, w5)); majority(d, &e, a, b, &c, next(&w4, w1, w12, w6)); majority(c, &d, e, a, &b, next(&w5, w2, w13, w7)); majority(b, &c, d, e, &a, next(&w6, w3, w14, w8))
        majority(a, &b, c, d, &e, next(&w7, w4, w15, w9)); majority(e, &a, b, c, &d, next(&w8, w5, w0, w10)); majority(d, &e, a, b, &c, next(&w9, w6, w1, w11)); majority(c, &d, e, a, &b, next(&w10, w7, w2, w12)); majority(b, &c, d, e, &a, next(&w11, w8, w3, w13))
        parity2(a, &b, c, d, &e, next(&w12, w9, w4, w14)); parity2(e, &a, b, c, &d, next(&w13, w10, w5, w15)); parity2(d, &e, a, b, &c, next(&w14, w11, w6, w0)); parity2(c, &d, e, a, &b, next(&w15, w12, w7, w1)); parity2(b, &c, d, e, &a, next(&w0, w13, w8, w2))
        parity2(a, &b, c, d, &e, next(&w1, w14, w9, w3)); parity2(e, &a, b, c, &d, next(&w2, w15, w10, w4)); parity2(d, &e, a, b, &c, next(&w3, w0, w11, w5)); parity2(c, &d, e, a, &b, next(&w4, w1, w12, w6)); parity2(b, &c, d, e, &a, next(&w5, w2, w13, w7))
        parity2(a, &b, c, d, &e, next(&w6, w3, w14, w8)); parity2(e, &a, b, c, &d, next(&w7, w4, w15, w9)); parity2(d, &e, a, b, &c, next(&w8, w5, w0, w10)); parity2(c, &d, e, a, &b, next(&w9, w6, w1, w11)); parity2(b, &c, d, e, &a, next(&w10, w7, w2, w12))
        parity2(a, &b, c, d, &e, next(&w11, w8, w3, w13)); parity2(e, &a, b, c, &d, next(&w12, w9, w4, w14)); parity2(d, &e, a, b, &c, next(&w13, w10, w5, w15)); parity2(c, &d, e, a, &b, next(&w14, w11, w6, w0)); parity2(b, &c, d, e, &a, next(&w15, w12, w7, w1))
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
