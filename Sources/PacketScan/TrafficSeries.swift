/// Bytes per time interval, stored sparsely: only intervals with traffic take memory, so a
/// quiet host costs a few entries however long the capture runs.
struct TrafficSeries: Sendable {
    private(set) var bins: [UInt32] = []
    private(set) var bytes: [UInt64] = []

    @inline(__always)
    mutating func add(bin: UInt32, bytes count: UInt64) {
        if let last = bins.last {
            if last == bin {
                bytes[bytes.count - 1] &+= count
                return
            }
            if last > bin {
                insertOutOfOrder(bin: bin, bytes: count)
                return
            }
        }
        bins.append(bin)
        bytes.append(count)
    }

    /// Packets are in time order in almost every capture; the rare late one searches back.
    private mutating func insertOutOfOrder(bin: UInt32, bytes count: UInt64) {
        var i = bins.count - 1
        while i > 0 && bins[i - 1] >= bin { i -= 1 }
        if bins[i] == bin {
            bytes[i] &+= count
        } else {
            bins.insert(bin, at: i)
            bytes.insert(count, at: i)
        }
    }

    var totalBytes: UInt64 { bytes.reduce(0, &+) }

    /// Both series added interval by interval (the two directions of a link).
    static func + (a: TrafficSeries, b: TrafficSeries) -> TrafficSeries {
        var out = TrafficSeries()
        var i = 0
        var j = 0
        while i < a.bins.count || j < b.bins.count {
            if j == b.bins.count || (i < a.bins.count && a.bins[i] < b.bins[j]) {
                out.add(bin: a.bins[i], bytes: a.bytes[i])
                i += 1
            } else if i == a.bins.count || b.bins[j] < a.bins[i] {
                out.add(bin: b.bins[j], bytes: b.bytes[j])
                j += 1
            } else {
                out.add(bin: a.bins[i], bytes: a.bytes[i] &+ b.bytes[j])
                i += 1
                j += 1
            }
        }
        return out
    }

    /// Peak and 95th-percentile throughput over `binCount` intervals of `interval` seconds
    /// (intervals without traffic count as zero).
    ///
    /// The 95th percentile is the nearest-rank one used for burstable billing: sort the
    /// intervals, drop the top 5 %, take the highest left.
    func throughput(binCount: Int, interval: Double) -> Throughput {
        guard binCount > 0, !bytes.isEmpty else { return Throughput(peakBitsPerSecond: 0, p95BitsPerSecond: 0) }
        let sorted = bytes.sorted()
        let rank = Int((0.95 * Double(max(binCount, bytes.count))).rounded(.up))  // 1-based
        let zeros = max(binCount, bytes.count) - bytes.count
        let p95 = rank <= zeros ? 0 : sorted[rank - zeros - 1]
        let scale = 8 / interval
        return Throughput(peakBitsPerSecond: Double(sorted.last!) * scale, p95BitsPerSecond: Double(p95) * scale)
    }

    /// Dense bytes per interval for `binCount` intervals.
    func dense(binCount: Int) -> [UInt64] {
        var out = [UInt64](repeating: 0, count: binCount)
        for (bin, count) in zip(bins, bytes) where Int(bin) < binCount { out[Int(bin)] = count }
        return out
    }
}

/// Peak and 95th-percentile throughput of a series.
public struct Throughput: Codable, Sendable, Hashable {
    public var peakBitsPerSecond: Double
    public var p95BitsPerSecond: Double
}
