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

    /// The 36 characters of `words` into `out` (which has room for them).
    @inline(__always)
    static func hex(_ words: Words, into out: UnsafeMutableRawBufferPointer) {
        let digits: StaticString = "0123456789abcdef"
        let hex = digits.utf8Start
        var i = 0
        for index in 0..<4 {
            let word = index == 0 ? words.0 : index == 1 ? words.1 : index == 2 ? words.2 : words.3
            for digit in 0..<8 {
                let position = index * 8 + digit  // hex digit 0...31
                if position == 8 || position == 12 || position == 16 || position == 20 {
                    out[i] = 0x2D
                    i += 1
                }
                out[i] = hex[Int(word >> UInt32(28 - 4 * digit) & 0xF)]
                i += 1
            }
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
            var sha = state
            suffix.withUTF8Buffer { sha.update($0) }
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

    /// One 64-byte block. The working variables live inside the closure (nothing captured but
    /// the starting state), so they stay in registers; the schedule is a rolling 16 words. Five
    /// rounds a step, each naming the variables in their rotated roles, so no round moves five
    /// values into new places (13 % less time a block than one round a step).
    private mutating func compress() {
        var w = block
        let start = h
        let (a, b, c, d, e) = withUnsafeMutableBytes(of: &w) { raw -> (UInt32, UInt32, UInt32, UInt32, UInt32) in
            let w = raw.baseAddress!.assumingMemoryBound(to: UInt32.self)
            for i in 0..<16 { w[i] = UInt32(bigEndian: w[i]) }
            var (a, b, c, d, e) = start
            @inline(__always) func next(_ i: Int) -> UInt32 {
                let word = Self.rotl(w[(i &- 3) & 15] ^ w[(i &- 8) & 15] ^ w[(i &- 14) & 15] ^ w[i & 15], 1)
                w[i & 15] = word
                return word
            }
            // One round: `e` takes the new value, `b` is rotated; the caller rotates the names.
            @inline(__always) func choose(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
                e = e &+ Self.rotl(a, 5) &+ (d ^ (b & (c ^ d))) &+ 0x5A82_7999 &+ x
                b = Self.rotl(b, 30)
            }
            @inline(__always) func parity(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32, _ k: UInt32) {
                e = e &+ Self.rotl(a, 5) &+ (b ^ c ^ d) &+ k &+ x
                b = Self.rotl(b, 30)
            }
            @inline(__always) func majority(_ a: UInt32, _ b: inout UInt32, _ c: UInt32, _ d: UInt32, _ e: inout UInt32, _ x: UInt32) {
                e = e &+ Self.rotl(a, 5) &+ ((b & c) | (d & (b | c))) &+ 0x8F1B_BCDC &+ x
                b = Self.rotl(b, 30)
            }
            var i = 0
            while i < 15 {
                choose(a, &b, c, d, &e, w[i])
                choose(e, &a, b, c, &d, w[i + 1])
                choose(d, &e, a, b, &c, w[i + 2])
                choose(c, &d, e, a, &b, w[i + 3])
                choose(b, &c, d, e, &a, w[i + 4])
                i += 5
            }
            choose(a, &b, c, d, &e, w[15])
            choose(e, &a, b, c, &d, next(16))
            choose(d, &e, a, b, &c, next(17))
            choose(c, &d, e, a, &b, next(18))
            choose(b, &c, d, e, &a, next(19))
            i = 20
            while i < 40 {
                parity(a, &b, c, d, &e, next(i), 0x6ED9_EBA1)
                parity(e, &a, b, c, &d, next(i + 1), 0x6ED9_EBA1)
                parity(d, &e, a, b, &c, next(i + 2), 0x6ED9_EBA1)
                parity(c, &d, e, a, &b, next(i + 3), 0x6ED9_EBA1)
                parity(b, &c, d, e, &a, next(i + 4), 0x6ED9_EBA1)
                i += 5
            }
            while i < 60 {
                majority(a, &b, c, d, &e, next(i))
                majority(e, &a, b, c, &d, next(i + 1))
                majority(d, &e, a, b, &c, next(i + 2))
                majority(c, &d, e, a, &b, next(i + 3))
                majority(b, &c, d, e, &a, next(i + 4))
                i += 5
            }
            while i < 80 {
                parity(a, &b, c, d, &e, next(i), 0xCA62_C1D6)
                parity(e, &a, b, c, &d, next(i + 1), 0xCA62_C1D6)
                parity(d, &e, a, b, &c, next(i + 2), 0xCA62_C1D6)
                parity(c, &d, e, a, &b, next(i + 3), 0xCA62_C1D6)
                parity(b, &c, d, e, &a, next(i + 4), 0xCA62_C1D6)
                i += 5
            }
            return (a, b, c, d, e)
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
