import Foundation

/// RFC 9562 version-5 (SHA-1, name-based) UUIDs, so OSCAL documents of the same input carry
/// the same identifiers: golden files compare byte for byte and a finding keeps its UUID from
/// one rendering to the next.
enum NameBasedUUID {
    /// The namespace for ictaudit's names (itself a v5 UUID of "ictaudit" in the URL namespace).
    static let namespace: [UInt8] = uuidBytes(
        namespace: [0x6b, 0xa7, 0xb8, 0x11, 0x9d, 0xad, 0x11, 0xd1, 0x80, 0xb4, 0x00, 0xc0, 0x4f, 0xd4, 0x30, 0xc8],
        name: "https://ictaudit/oscal")

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

    /// `8-4-4-4-12` lower-case hex, written byte by byte (a million UUIDs a second matter here).
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

    /// UUIDs of names that share a long prefix (the scan's key): the SHA-1 state after the
    /// namespace and the prefix is computed once, so each UUID hashes only its own suffix.
    struct Prefixed {
        private let start: SHA1

        init(prefix: String) {
            var sha = SHA1()
            sha.update(NameBasedUUID.namespace)
            sha.update(Array(prefix.utf8))
            start = sha
        }

        /// The UUID of `prefix + parts.joined()` as its 36 characters.
        func make(_ parts: String...) -> String {
            var sha = start
            for part in parts {
                var part = part
                part.withUTF8 { sha.update($0) }
            }
            sha.pad()
            let (h0, h1, h2, h3) = sha.words
            // Version 5 in the high nibble of byte 6, variant 10 in the top bits of byte 8.
            let words = (h0, h1 & 0xFFFF_0FFF | 0x0000_5000, h2 & 0x3FFF_FFFF | 0x8000_0000, h3)
            return String(unsafeUninitializedCapacity: 36) { out in
                let digits: StaticString = "0123456789abcdef"
                let hex = digits.utf8Start
                var i = 0
                for index in 0..<4 {
                    let word = index == 0 ? words.0 : index == 1 ? words.1 : index == 2 ? words.2 : words.3
                    for shift in stride(from: 28, through: 0, by: -4) {
                        let position = index * 8 + (28 - shift) / 4  // hex digit 0...31
                        if position == 8 || position == 12 || position == 16 || position == 20 {
                            out[i] = 0x2D
                            i += 1
                        }
                        out[i] = hex[Int(word >> UInt32(shift) & 0xF)]
                        i += 1
                    }
                }
                return i
            }
        }
    }
}

/// SHA-1 (FIPS 180-4), only for name-based UUIDs, where RFC 9562 prescribes it; never for security.
/// Incremental, so a shared prefix is hashed once (`NameBasedUUID.Prefixed`).
struct SHA1 {
    private var h: (UInt32, UInt32, UInt32, UInt32, UInt32) = (0x6745_2301, 0xEFCD_AB89, 0x98BA_DCFE, 0x1032_5476, 0xC3D2_E1F0)
    /// The unprocessed tail (< 64 bytes) of what was given; a tuple, so copying the state (a
    /// shared prefix's) allocates nothing.
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

    mutating func update(_ bytes: UnsafeBufferPointer<UInt8>) {
        length &+= UInt64(bytes.count)
        var offset = 0
        while offset < bytes.count {
            let take = min(64 - used, bytes.count - offset)
            let at = used
            withUnsafeMutableBytes(of: &block) { b in
                for i in 0..<take { b[at + i] = bytes[offset + i] }
            }
            used += take
            offset += take
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
        var tail: (UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0, 0, 0, 0, 0)
        let zeros = used < 56 ? 55 - used : 119 - used
        let count = 1 + zeros + 8
        withUnsafeMutableBytes(of: &tail) { raw in
            raw[0] = 0x80
            for i in 0..<8 { raw[count - 1 - i] = UInt8(truncatingIfNeeded: bitLength >> UInt64(8 * i)) }
            update(UnsafeBufferPointer(start: raw.baseAddress!.assumingMemoryBound(to: UInt8.self), count: count))
        }
    }

    private mutating func compress() {
        var w = (
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0),
            UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0), UInt32(0)
        )
        var (a, b, c, d, e) = h
        let copy = block
        withUnsafeBytes(of: copy) { data in
            withUnsafeMutableBytes(of: &w) { raw in
                let w = raw.bindMemory(to: UInt32.self)
                for i in 0..<16 {
                    let j = i * 4
                    w[i] = UInt32(data[j]) << 24 | UInt32(data[j + 1]) << 16 | UInt32(data[j + 2]) << 8 | UInt32(data[j + 3])
                }
                for i in 0..<80 {
                    let word: UInt32
                    if i < 16 {
                        word = w[i]
                    } else {
                        let x = w[(i - 3) & 15] ^ w[(i - 8) & 15] ^ w[(i - 14) & 15] ^ w[i & 15]
                        word = x << 1 | x >> 31
                        w[i & 15] = word
                    }
                    let f: UInt32, k: UInt32
                    switch i {
                    case 0..<20: (f, k) = ((b & c) | (~b & d), 0x5A82_7999)
                    case 20..<40: (f, k) = (b ^ c ^ d, 0x6ED9_EBA1)
                    case 40..<60: (f, k) = ((b & c) | (b & d) | (c & d), 0x8F1B_BCDC)
                    default: (f, k) = (b ^ c ^ d, 0xCA62_C1D6)
                    }
                    let t = (a << 5 | a >> 27) &+ f &+ e &+ k &+ word
                    (e, d, c, b, a) = (d, c, b << 30 | b >> 2, a, t)
                }
            }
        }
        h = (h.0 &+ a, h.1 &+ b, h.2 &+ c, h.3 &+ d, h.4 &+ e)
    }
}
