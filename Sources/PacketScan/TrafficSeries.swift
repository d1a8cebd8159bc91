/// Bytes per time interval, stored sparsely: only intervals with traffic take memory, so a
/// quiet host costs a few entries however long the capture runs.
struct TrafficSeries: Sendable {
    /// Intervals before the open one, in order.
    private var closedBins: [UInt32] = []
    private var closedBytes: [UInt64] = []
    /// The latest interval with traffic, held out of the arrays: nearly every packet of a host
    /// adds to it, and two counters in the record cost less than an array element behind a
    /// uniqueness check (three series per packet). `UInt32.max` until the first packet.
    private var openBin = UInt32.max
    private var openBytes: UInt64 = 0

    @inline(__always)
    mutating func add(bin: UInt32, bytes count: UInt64) {
        if bin == openBin {
            openBytes &+= count
        } else {
            addToAnother(bin: bin, bytes: count)
        }
    }

    /// A packet in a later interval closes the open one; a late packet (packets are in time
    /// order in almost every capture) searches back among the closed ones.
    private mutating func addToAnother(bin: UInt32, bytes count: UInt64) {
        if openBin == .max || bin > openBin {
            if openBin != .max {
                closedBins.append(openBin)
                closedBytes.append(openBytes)
            }
            openBin = bin
            openBytes = count
            return
        }
        var i = closedBins.count
        while i > 0 && closedBins[i - 1] > bin { i -= 1 }
        if i > 0 && closedBins[i - 1] == bin {
            closedBytes[i - 1] &+= count
        } else {
            closedBins.insert(bin, at: i)
            closedBytes.insert(count, at: i)
        }
    }

    /// Every interval with traffic, in order, with its bytes.
    var bins: [UInt32] { openBin == .max ? closedBins : closedBins + [openBin] }
    var bytes: [UInt64] { openBin == .max ? closedBytes : closedBytes + [openBytes] }

    var totalBytes: UInt64 { closedBytes.reduce(openBytes, &+) }

    /// Both series added interval by interval (the two directions of a link).
    static func + (a: TrafficSeries, b: TrafficSeries) -> TrafficSeries {
        let (aBins, aBytes, bBins, bBytes) = (a.bins, a.bytes, b.bins, b.bytes)
        var out = TrafficSeries()
        var i = 0
        var j = 0
        while i < aBins.count || j < bBins.count {
            if j == bBins.count || (i < aBins.count && aBins[i] < bBins[j]) {
                out.add(bin: aBins[i], bytes: aBytes[i])
                i += 1
            } else if i == aBins.count || bBins[j] < aBins[i] {
                out.add(bin: bBins[j], bytes: bBytes[j])
                j += 1
            } else {
                out.add(bin: aBins[i], bytes: aBytes[i] &+ bBytes[j])
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
        let bytes = self.bytes
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
