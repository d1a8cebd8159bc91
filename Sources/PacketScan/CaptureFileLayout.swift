import Foundation

/// Walks a pcap or pcapng file's records without libpcap, to say where a damaged file stopped
/// being readable. Used only after a read fails, so the packet loop pays nothing for it.
enum CaptureFileLayout {
    /// The byte offset just after the `packets`-th packet record (after the file header for 0),
    /// or `nil` when the file cannot be walked that far.
    static func offset(afterPackets packets: Int, path: String) -> Int? {
        guard let handle = FileHandle(forReadingAtPath: path) else { return nil }
        defer { try? handle.close() }
        func read(_ offset: Int, _ count: Int) -> [UInt8]? {
            guard (try? handle.seek(toOffset: UInt64(offset))) != nil,
                let data = try? handle.read(upToCount: count), data.count == count
            else { return nil }
            return [UInt8](data)
        }
        guard let magic = read(0, 4) else { return nil }
        func word(_ b: [UInt8], _ i: Int, littleEndian: Bool) -> Int {
            let v = UInt32(b[i]) | UInt32(b[i + 1]) << 8 | UInt32(b[i + 2]) << 16 | UInt32(b[i + 3]) << 24
            return Int(littleEndian ? v : v.byteSwapped)
        }
        if magic == [0x0A, 0x0D, 0x0D, 0x0A] {
            // pcapng: blocks of (type, total length, body, total length); packets are enhanced (6),
            // simple (3) and obsolete (2) packet blocks.
            guard let shb = read(0, 12) else { return nil }
            let littleEndian = shb[8] == 0x4D
            var offset = 0
            var seen = 0
            while seen < packets {
                guard let header = read(offset, 8) else { return nil }
                let type = word(header, 0, littleEndian: littleEndian)
                let length = word(header, 4, littleEndian: littleEndian)
                guard length >= 12, length % 4 == 0 else { return nil }
                if type == 6 || type == 3 || type == 2 { seen += 1 }
                offset += length
            }
            return offset
        }
        let littleEndian: Bool
        switch magic {
        case [0xD4, 0xC3, 0xB2, 0xA1], [0x4D, 0x3C, 0xB2, 0xA1]: littleEndian = true
        case [0xA1, 0xB2, 0xC3, 0xD4], [0xA1, 0xB2, 0x3C, 0x4D]: littleEndian = false
        default: return nil
        }
        var offset = 24
        for _ in 0..<packets {
            guard let header = read(offset, 16) else { return nil }
            offset += 16 + word(header, 8, littleEndian: littleEndian)
        }
        return offset
    }
}
