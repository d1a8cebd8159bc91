public import Foundation

/// Writes small pcap or pcapng files for tests, so capture fixtures are made in code and never
/// downloaded. Little-endian, as most capture tools write them.
public struct PcapFixtureWriter {
    public enum Format: Sendable {
        /// Classic pcap with microsecond or nanosecond timestamps.
        case pcap(nanoseconds: Bool)
        /// pcapng: a section header, one interface (nanosecond resolution), enhanced packet blocks.
        case pcapng
    }

    /// libpcap's LINKTYPE values the tests use.
    public enum LinkType: UInt32, Sendable {
        case ethernet = 1
        case raw = 101
        case linuxSLL = 113
        case linuxSLL2 = 276
        case ipv4 = 228
        case ipv6 = 229
        /// IEEE 802.11, which the decoders do not read: for the "unsupported link type" error.
        case ieee80211 = 105
    }

    public let format: Format
    public let linkType: LinkType
    public private(set) var data = Data()
    /// Byte offset just after each packet record, for truncation tests.
    public private(set) var recordEnds: [Int] = []

    public init(
        format: Format = .pcap(nanoseconds: true), linkType: LinkType = .ethernet, snapshotLength: UInt32 = 262_144
    ) {
        self.format = format
        self.linkType = linkType
        switch format {
        case .pcap(let nanoseconds):
            append32(nanoseconds ? 0xA1B2_3C4D : 0xA1B2_C3D4)
            append16(2)
            append16(4)
            append32(0)  // thiszone
            append32(0)  // sigfigs
            append32(snapshotLength)
            append32(linkType.rawValue)
        case .pcapng:
            // Section header block: type, length, byte-order magic, version 1.0, section length -1.
            append32(0x0A0D_0D0A)
            append32(28)
            append32(0x1A2B_3C4D)
            append16(1)
            append16(0)
            append32(0xFFFF_FFFF)
            append32(0xFFFF_FFFF)
            append32(28)
            // Interface description block with if_tsresol = 9 (nanoseconds).
            append32(1)
            append32(32)
            append16(UInt16(linkType.rawValue))
            append16(0)
            append32(snapshotLength)
            append16(9)  // if_tsresol
            append16(1)
            data.append(contentsOf: [9, 0, 0, 0])
            append32(0)  // opt_endofopt
            append32(32)
        }
    }

    /// Appends one packet. `wireLength` is the length on the wire (defaults to the bytes given);
    /// `capturedLength` cuts the stored bytes as a short snaplen would.
    public mutating func add(
        _ frame: [UInt8], seconds: Int, nanoseconds: Int = 0, wireLength: Int? = nil, capturedLength: Int? = nil
    ) {
        let stored = Array(frame.prefix(capturedLength ?? frame.count))
        let original = UInt32(wireLength ?? frame.count)
        switch format {
        case .pcap(let nano):
            append32(UInt32(seconds))
            append32(UInt32(nano ? nanoseconds : nanoseconds / 1000))
            append32(UInt32(stored.count))
            append32(original)
            data.append(contentsOf: stored)
        case .pcapng:
            let padded = (stored.count + 3) & ~3
            let length = UInt32(32 + padded)
            let stamp = UInt64(seconds) * 1_000_000_000 + UInt64(nanoseconds)
            append32(6)
            append32(length)
            append32(0)  // interface
            append32(UInt32(stamp >> 32))
            append32(UInt32(stamp & 0xFFFF_FFFF))
            append32(UInt32(stored.count))
            append32(original)
            data.append(contentsOf: stored)
            data.append(contentsOf: [UInt8](repeating: 0, count: padded - stored.count))
            append32(length)
        }
        recordEnds.append(data.count)
    }

    /// Writes the file and returns its path.
    @discardableResult
    public func write(to path: String) throws -> String {
        try data.write(to: URL(fileURLWithPath: path))
        return path
    }

    private mutating func append16(_ v: UInt16) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }

    private mutating func append32(_ v: UInt32) {
        withUnsafeBytes(of: v.littleEndian) { data.append(contentsOf: $0) }
    }
}
