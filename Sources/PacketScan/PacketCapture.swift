public import InventoryModel

/// Limits and settings of one capture run.
public struct CaptureOptions: Sendable {
    /// BPF filter in tcpdump syntax.
    public var filter: String?
    /// Seconds to capture: wall-clock time live, capture time (from the first packet) in a file.
    public var duration: Double?
    /// Packets to read at most.
    public var count: Int?
    /// Bandwidth interval in seconds.
    public var intervalSeconds: Double
    /// Ends the capture early from another thread (Ctrl-C); the report covers what was read.
    public var stopRequest: StopRequest?

    public init(
        filter: String? = nil, duration: Double? = nil, count: Int? = nil, intervalSeconds: Double = 60,
        stopRequest: StopRequest? = nil
    ) {
        self.filter = filter
        self.duration = duration
        self.count = count
        self.intervalSeconds = intervalSeconds
        self.stopRequest = stopRequest
    }
}

/// Runs a capture from a file or an interface through the decoders and tables into a report.
public enum PacketCapture {
    /// Reads a pcap or pcapng file. A truncated or corrupt file is not an error: the report keeps
    /// everything read before the bad record and says where that was (`stoppedAt`).
    public static func analyse(
        file path: String, units: [InventoryModel.Unit] = [], catalogues: CaptureCatalogues = CaptureCatalogues(),
        options: CaptureOptions = CaptureOptions()
    ) throws(CaptureError) -> CaptureReport {
        let handle = try PcapHandle.open(file: path)
        return try run(handle, units: units, catalogues: catalogues, options: options)
    }

    /// Captures live from an interface until the duration or packet count is reached.
    public static func capture(
        interface name: String, units: [InventoryModel.Unit] = [], catalogues: CaptureCatalogues = CaptureCatalogues(),
        options: CaptureOptions
    ) throws(CaptureError) -> CaptureReport {
        let handle = try PcapHandle.open(interface: name)
        return try run(handle, units: units, catalogues: catalogues, options: options)
    }

    /// Reads from a handle already opened (e.g. inside another network namespace).
    public static func run(
        _ handle: PcapHandle, units: [InventoryModel.Unit] = [], catalogues: CaptureCatalogues = CaptureCatalogues(),
        options: CaptureOptions
    ) throws(CaptureError) -> CaptureReport {
        if let filter = options.filter { try handle.setFilter(filter) }
        var tables = CaptureTables(
            link: handle.linkType, catalogues: catalogues, subnets: try SubnetMap(units: units),
            intervalSeconds: options.intervalSeconds)
        let limit = options.count ?? .max
        let span = handle.isLive ? nil : options.duration.map { Int64($0 * 1e9) }
        var read = 0
        var end = PcapHandle.ReadEnd.endOfFile
        if limit > 0 {
            end = handle.read(deadline: handle.isLive ? options.duration : nil, stop: options.stopRequest) {
                time, wireLength, bytes in
                if let span, read > 0, time - tables.origin >= span { return false }
                tables.ingest(bytes, wireLength: wireLength, time: time)
                read += 1
                return read < limit
            }
        }
        var stop: CaptureStop?
        if case .failed(let reason) = end {
            let offset = handle.isLive ? 0 : CaptureFileLayout.offset(afterPackets: read, path: handle.source) ?? 0
            stop = CaptureStop(packetIndex: read, byteOffset: offset, reason: reason)
        }
        return tables.report(source: handle.source, units: units, stop: stop, live: handle.statistics())
    }
}
