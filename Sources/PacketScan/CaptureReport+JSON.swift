public import Foundation
public import InventoryModel

extension CaptureReport {
    /// The report as JSON, written in chunks of about `chunkSize` bytes as it goes, byte for byte
    /// what `JSONEncoder` with `[.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]` and
    /// ISO 8601 dates with milliseconds gives for this type.
    ///
    /// Why not `JSONEncoder`: on a million-packet capture (13,553 links, 30,000 dates) it built
    /// a tree of boxed values as large as the analysis itself (26 MiB) and took a third of the
    /// command's time, a tenth of it in the date style. Here nothing but one chunk is held, and
    /// dates are formatted from their integer seconds. `CaptureJSONTests` compares every byte
    /// with `JSONEncoder` on real captures and on a report with every optional field set.
    public func writeJSON(chunkSize: Int = 1 << 16, to write: ([UInt8]) throws -> Void) rethrows {
        var out = CaptureJSONWriter(chunkSize: chunkSize)
        try out.object { out throws in
            out.key("bandwidth"); try bandwidth.writeJSON(&out, write)
            out.key("bytes"); out.integer(bytes)
            out.key("complete"); out.bool(complete)
            out.key("counts"); counts.writeJSON(&out)
            if let firstPacket { out.key("firstPacket"); out.date(firstPacket) }
            out.key("hosts"); try out.array(hosts, write) { out, host in host.writeJSON(&out) }
            if let lastPacket { out.key("lastPacket"); out.date(lastPacket) }
            out.key("linkType"); out.string(linkType)
            out.key("links"); try out.array(links, write) { out, link in link.writeJSON(&out) }
            if let live {
                out.key("live")
                out.object { out in
                    out.key("droppedByInterface"); out.integer(live.droppedByInterface)
                    out.key("droppedByKernel"); out.integer(live.droppedByKernel)
                    out.key("received"); out.integer(live.received)
                }
            }
            out.key("malformed")
            out.object { out in
                for (layer, count) in malformed.sorted(by: { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }) {
                    out.key(layer); out.integer(count)
                }
            }
            out.key("observations"); try out.array(observations, write) { out, observation in observation.writeJSON(&out) }
            out.key("packets"); out.integer(packets)
            out.key("source"); out.string(source)
            out.key("stations"); try out.array(stations, write) { out, station in station.writeJSON(&out) }
            if let stoppedAt {
                out.key("stoppedAt")
                out.object { out in
                    out.key("byteOffset"); out.integer(stoppedAt.byteOffset)
                    out.key("packetIndex"); out.integer(stoppedAt.packetIndex)
                    out.key("reason"); out.string(stoppedAt.reason)
                }
            }
        }
        try out.flush(write, force: true)
    }

    /// ``writeJSON(chunkSize:to:)`` into one buffer.
    public func jsonBytes() -> [UInt8] {
        var all: [UInt8] = []
        writeJSON { all += $0 }
        return all
    }
}

extension BandwidthReport {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter, _ write: ([UInt8]) throws -> Void) rethrows {
        try out.object { out throws in
            out.key("intervalSeconds"); out.double(intervalSeconds)
            out.key("intervals"); out.integer(intervals)
            if let start { out.key("start"); out.date(start) }
            out.key("total"); total.writeJSON(&out)
            out.key("totalBytes"); out.integers(totalBytes)
            out.key("units"); try out.array(units, write) { out, unit in unit.writeJSON(&out) }
        }
    }
}

extension UnitBandwidth {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("addressesSeen"); out.integer(addressesSeen)
            out.key("bytes"); out.integers(bytes)
            if let contractedMbps { out.key("contractedMbps"); out.double(contractedMbps) }
            out.key("internet"); internet.writeJSON(&out)
            out.key("internetBytes"); out.integers(internetBytes)
            out.key("internetIn"); out.integers(internetIn)
            out.key("internetOut"); out.integers(internetOut)
            if let p95Utilisation { out.key("p95Utilisation"); out.double(p95Utilisation) }
            out.key("subnets"); out.strings(subnets)
            out.key("throughput"); throughput.writeJSON(&out)
            out.key("unit"); out.string(unit)
            out.key("wanIn"); out.integers(wanIn)
            out.key("wanOut"); out.integers(wanOut)
            out.key("wanPeers"); out.strings(wanPeers)
        }
    }
}

extension Throughput {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("p95BitsPerSecond"); out.double(p95BitsPerSecond)
            out.key("peakBitsPerSecond"); out.double(peakBitsPerSecond)
        }
    }
}

extension PacketCounts {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("arp"); out.integer(arp)
            out.key("dhcp"); out.integer(dhcp)
            out.key("dns"); out.integer(dns)
            out.key("fragments"); out.integer(fragments)
            out.key("httpRequests"); out.integer(httpRequests)
            out.key("icmp"); out.integer(icmp)
            out.key("icmpv6"); out.integer(icmpv6)
            out.key("ipv4"); out.integer(ipv4)
            out.key("ipv6"); out.integer(ipv6)
            out.key("mdns"); out.integer(mdns)
            out.key("netbios"); out.integer(netbios)
            out.key("otherNetwork"); out.integer(otherNetwork)
            out.key("tcp"); out.integer(tcp)
            out.key("tlsClientHellos"); out.integer(tlsClientHellos)
            out.key("udp"); out.integer(udp)
        }
    }
}

extension HostReport {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("bytesReceived"); out.integer(bytesReceived)
            out.key("bytesSent"); out.integer(bytesSent)
            if let dhcpParameters { out.key("dhcpParameters"); out.string(dhcpParameters) }
            if let dhcpVendorClass { out.key("dhcpVendorClass"); out.string(dhcpVendorClass) }
            out.key("firstSeen"); out.date(firstSeen)
            if let initialTTL { out.key("initialTTL"); out.integer(initialTTL) }
            out.key("internetBytes"); out.integer(internetBytes)
            out.key("ip"); out.string(ip)
            out.key("lastSeen"); out.date(lastSeen)
            if let mac { out.key("mac"); out.string(mac) }
            out.key("names")
            out.array(names) { out, name in
                out.object { out in
                    out.key("name"); out.string(name.name)
                    out.key("source"); out.string(name.source)
                }
            }
            if let os {
                out.key("os")
                out.object { out in
                    out.key("basis"); out.strings(os.basis)
                    out.key("name"); out.string(os.name)
                    out.key("score"); out.integer(os.score)
                }
            }
            out.key("packetsReceived"); out.integer(packetsReceived)
            out.key("packetsSent"); out.integer(packetsSent)
            out.key("scope"); out.string(scope)
            if let synOptions { out.key("synOptions"); out.string(synOptions) }
            out.key("throughput"); throughput.writeJSON(&out)
            if let unit { out.key("unit"); out.string(unit) }
            if let vendor { out.key("vendor"); out.string(vendor) }
        }
    }
}

extension StationReport {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("bytesReceived"); out.integer(bytesReceived)
            out.key("bytesSent"); out.integer(bytesSent)
            if let dhcpHostname { out.key("dhcpHostname"); out.string(dhcpHostname) }
            out.key("firstSeen"); out.date(firstSeen)
            out.key("ips"); out.strings(ips)
            out.key("lastSeen"); out.date(lastSeen)
            out.key("mac"); out.string(mac)
            out.key("packetsReceived"); out.integer(packetsReceived)
            out.key("packetsSent"); out.integer(packetsSent)
            if let vendor { out.key("vendor"); out.string(vendor) }
        }
    }
}

extension LinkReport {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            out.key("a"); out.string(a)
            out.key("b"); out.string(b)
            out.key("bytesAToB"); out.integer(bytesAToB)
            out.key("bytesBToA"); out.integer(bytesBToA)
            out.key("firstSeen"); out.date(firstSeen)
            out.key("lastSeen"); out.date(lastSeen)
            out.key("packetsAToB"); out.integer(packetsAToB)
            out.key("packetsBToA"); out.integer(packetsBToA)
        }
    }
}

extension Observation {
    fileprivate func writeJSON(_ out: inout CaptureJSONWriter) {
        out.object { out in
            if let detail { out.key("detail"); out.string(detail) }
            out.key("firstSeen"); out.date(firstSeen)
            out.key("host"); out.string(host)
            out.key("kind"); out.string(kind.rawValue)
            out.key("lastSeen"); out.date(lastSeen)
            if let mac { out.key("mac"); out.string(mac) }
            out.key("packets"); out.integer(packets)
            out.key("peer"); out.string(peer)
            out.key("proto"); out.string(proto)
        }
    }
}

/// Pretty-printed JSON into a byte buffer that the caller drains between array elements.
///
/// The layout is Foundation's: two spaces a level, `"key" : value`, an empty container as its
/// brackets around a blank line, doubles as Swift prints them without a trailing `.0`.
struct CaptureJSONWriter {
    private(set) var buffer: [UInt8] = []
    private let chunkSize: Int
    private var depth = 0
    /// Whether the innermost open container has a member yet.
    private var hasMember: [Bool] = []
    private var afterKey = false

    init(chunkSize: Int) {
        self.chunkSize = max(1, chunkSize)
        buffer.reserveCapacity(self.chunkSize + 4096)
    }

    mutating func flush(_ write: ([UInt8]) throws -> Void, force: Bool = false) rethrows {
        guard !buffer.isEmpty, force || buffer.count >= chunkSize else { return }
        try write(buffer)
        buffer.removeAll(keepingCapacity: true)
    }

    private mutating func newline() {
        buffer.append(0x0A)
        var spaces = 2 * depth
        while spaces > 0 {
            let n = min(spaces, Self.spaces.count)
            buffer.append(contentsOf: Self.spaces[..<n])
            spaces -= n
        }
    }

    private static let spaces = [UInt8](repeating: 0x20, count: 64)

    /// Comma and indentation before a value, unless it follows its key.
    private mutating func beginValue() {
        if afterKey {
            afterKey = false
            return
        }
        guard let last = hasMember.indices.last else { return }
        if hasMember[last] { buffer.append(0x2C) }
        hasMember[last] = true
        newline()
    }

    private mutating func open(_ bracket: UInt8) {
        beginValue()
        buffer.append(bracket)
        hasMember.append(false)
        depth += 1
    }

    private mutating func close(_ bracket: UInt8) {
        let had = hasMember.removeLast()
        depth -= 1
        if !had { buffer.append(0x0A) }  // Foundation's empty container: a blank line inside
        newline()
        buffer.append(bracket)
    }

    mutating func object(_ body: (inout CaptureJSONWriter) throws -> Void) rethrows {
        open(0x7B)
        try body(&self)
        close(0x7D)
    }

    mutating func array<C: Collection>(_ items: C, _ element: (inout CaptureJSONWriter, C.Element) throws -> Void) rethrows {
        open(0x5B)
        for item in items { try element(&self, item) }
        close(0x5D)
    }

    /// An array drained to `write` as it grows.
    mutating func array<C: Collection>(
        _ items: C, _ write: ([UInt8]) throws -> Void, _ element: (inout CaptureJSONWriter, C.Element) -> Void
    ) rethrows {
        open(0x5B)
        for item in items {
            element(&self, item)
            try flush(write)
        }
        close(0x5D)
    }

    mutating func key(_ name: String) {
        beginValue()
        string(name, isKey: true)
        buffer.append(contentsOf: [0x20, 0x3A, 0x20])
        afterKey = true
    }

    mutating func integer<T: BinaryInteger>(_ value: T) {
        beginValue()
        if value == 0 {
            buffer.append(0x30)
            return
        }
        var magnitude = value.magnitude
        if value < 0 { buffer.append(0x2D) }
        var digits: (UInt64, UInt64, UInt64) = (0, 0, 0)  // up to 24 digits, least significant first
        var count = 0
        withUnsafeMutableBytes(of: &digits) { raw in
            while magnitude > 0 {
                raw[count] = 0x30 + UInt8(magnitude % 10)
                magnitude /= 10
                count += 1
            }
            for index in stride(from: count - 1, through: 0, by: -1) { buffer.append(raw[index]) }
        }
    }

    mutating func integers(_ values: [UInt64]) {
        array(values) { out, value in out.integer(value) }
    }

    mutating func strings(_ values: [String]) {
        array(values) { out, value in out.string(value) }
    }

    mutating func bool(_ value: Bool) {
        beginValue()
        buffer.append(contentsOf: value ? Array("true".utf8) : Array("false".utf8))
    }

    /// Swift's shortest round-trip form, `.0` dropped as Foundation does (`-0.0` is `-0`).
    mutating func double(_ value: Double) {
        beginValue()
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        buffer.append(contentsOf: text.utf8)
    }

    mutating func string(_ value: String) {
        beginValue()
        string(value, isKey: false)
    }

    /// Runs of bytes that need no escape (nearly every string) are copied whole.
    private mutating func string(_ value: String, isKey: Bool) {
        buffer.append(0x22)
        var value = value
        value.withUTF8 { bytes in
            var start = 0
            for (i, byte) in bytes.enumerated() where byte < 0x20 || byte == 0x22 || byte == 0x5C {
                buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start..<i]))
                escape(byte)
                start = i + 1
            }
            buffer.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[start...]))
        }
        buffer.append(0x22)
    }

    private mutating func escape(_ byte: UInt8) {
        switch byte {
        case 0x22: buffer.append(0x5C); buffer.append(0x22)
        case 0x5C: buffer.append(0x5C); buffer.append(0x5C)
        case 0x0A: buffer.append(0x5C); buffer.append(0x6E)
        case 0x0D: buffer.append(0x5C); buffer.append(0x72)
        case 0x09: buffer.append(0x5C); buffer.append(0x74)
        case 0x08: buffer.append(0x5C); buffer.append(0x62)
        case 0x0C: buffer.append(0x5C); buffer.append(0x66)
        default:
            let hex: [UInt8] = Array("0123456789abcdef".utf8)
            buffer.append(contentsOf: [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 0xF)]])
        }
    }

    /// `2024-06-01T00:00:00.037Z`, as `Date.ISO8601FormatStyle(includingFractionalSeconds: true)`
    /// formats it: the fraction of the reference-date seconds to the nearest nanosecond, then
    /// truncated to milliseconds.
    mutating func date(_ value: Date) {
        beginValue()
        let t = value.timeIntervalSinceReferenceDate
        let whole = t.rounded(.down)
        // Foundation truncates the fraction to whole nanoseconds, then to milliseconds (a fraction stored as
        // 0.281999999657 prints .281): rounding first disagreed with it about twice in 200,000 dates.
        let nanoseconds = Int((t - whole) * 1e9)
        let seconds = Int64(whole) + 978_307_200
        let milliseconds = nanoseconds / 1_000_000
        var days = seconds / 86_400
        var secondOfDay = seconds % 86_400
        if secondOfDay < 0 {
            secondOfDay += 86_400
            days -= 1
        }
        let civil = CivilDate(daysSinceEpoch: Int(days))
        let (year, month, day) = (civil.year, civil.month, civil.day)
        buffer.append(0x22)
        digits(Int(year), 4)
        buffer.append(0x2D)
        digits(Int(month), 2)
        buffer.append(0x2D)
        digits(Int(day), 2)
        buffer.append(0x54)
        digits(Int(secondOfDay / 3_600), 2)
        buffer.append(0x3A)
        digits(Int(secondOfDay / 60 % 60), 2)
        buffer.append(0x3A)
        digits(Int(secondOfDay % 60), 2)
        buffer.append(0x2E)
        digits(milliseconds, 3)
        buffer.append(0x5A)
        buffer.append(0x22)
    }

    private mutating func digits(_ value: Int, _ width: Int) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        var rest = value
        if rest >= divisor * 10 {  // a year past 9999: all its digits
            buffer.append(contentsOf: String(rest).utf8)
            return
        }
        while divisor > 0 {
            buffer.append(0x30 + UInt8(rest / divisor))
            rest %= divisor
            divisor /= 10
        }
    }
}
