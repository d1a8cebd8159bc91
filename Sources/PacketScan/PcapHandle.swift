import CPcap

#if canImport(Glibc)
    import Glibc
#endif

/// One libpcap capture: a file or a live interface. It owns the `pcap_t` and closes it in
/// `deinit`; no libpcap type leaves this module.
///
/// Packets are handed out as borrowed bytes that are valid only during the callback, because
/// libpcap reuses its buffer on the next read: whoever keeps anything copies it.
public final class PcapHandle {
    private let pcap: OpaquePointer
    let linkType: LinkType
    /// Whether this is a live capture, which has drop statistics and no end of file.
    public let isLive: Bool
    /// What was opened, for reports: the file path or the interface name.
    public let source: String

    /// How long a live read waits for the kernel before looking at the clock again.
    private let pollMilliseconds: Int32

    /// The read buffer given to a file's stream; freed after `pcap_close` has closed the stream.
    private let streamBuffer: UnsafeMutablePointer<CChar>?

    private init(
        pcap: OpaquePointer, source: String, isLive: Bool, pollMilliseconds: Int32 = 100,
        streamBuffer: UnsafeMutablePointer<CChar>? = nil
    ) throws(CaptureError) {
        let dlt = pcap_datalink(pcap)
        guard let linkType = LinkType(dlt: dlt) else {
            let name = pcap_datalink_val_to_name(dlt).map { String(cString: $0) } ?? "unknown"
            pcap_close(pcap)
            throw .unsupportedLinkType(code: dlt, name: name)
        }
        self.pcap = pcap
        self.linkType = linkType
        self.isLive = isLive
        self.source = source
        self.pollMilliseconds = pollMilliseconds
        self.streamBuffer = streamBuffer
    }

    deinit {
        pcap_close(pcap)
        streamBuffer?.deallocate()
    }

    /// Opens a pcap or pcapng file with nanosecond timestamps (microsecond files are scaled).
    ///
    /// The file is read through a stream with a 64 KiB buffer that this handle owns: libpcap
    /// reads each record with `fread`, and the C library's default buffer (the file system's 4 KiB
    /// block) makes that one `read` system call per 4 KiB — 150,000 calls for a 600 MB capture,
    /// which cost more CPU than copying the bytes. 64 KiB stays in the L2 cache; larger buffers
    /// measured slower. `-` reads standard input, as in libpcap.
    public static func open(file path: String) throws(CaptureError) -> PcapHandle {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        if path == "-" {
            guard
                let p = pcap_open_offline_with_tstamp_precision(
                    path, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
            else {
                throw .cannotOpenFile(path: path, reason: Self.text(errorBuffer))
            }
            return try PcapHandle(pcap: p, source: path, isLive: false)
        }
        guard let stream = fopen(path, "rb") else {
            // The words libpcap uses for the same failure: "path: reason".
            throw .cannotOpenFile(path: path, reason: "\(path): " + String(cString: strerror(errno)))
        }
        let buffer = UnsafeMutablePointer<CChar>.allocate(capacity: Self.fileBufferSize)
        setvbuf(stream, buffer, _IOFBF, Self.fileBufferSize)
        // Once opened, libpcap owns the stream and closes it in `pcap_close`; a failed open leaves
        // it to us, as `pcap_open_offline` does.
        guard
            let p = pcap_fopen_offline_with_tstamp_precision(
                stream, UInt32(PCAP_TSTAMP_PRECISION_NANO), &errorBuffer)
        else {
            fclose(stream)
            buffer.deallocate()
            throw .cannotOpenFile(path: path, reason: Self.text(errorBuffer))
        }
        do {
            return try PcapHandle(pcap: p, source: path, isLive: false, streamBuffer: buffer)
        } catch {
            buffer.deallocate()
            throw error
        }
    }

    /// Size of the read buffer of a capture file's stream.
    static let fileBufferSize = 64 * 1024

    /// Opens a live interface. Never transmits: the handle is only read from.
    ///
    /// - Parameters:
    ///   - snapshotLength: bytes kept of each packet; byte counts still use the length on the wire.
    ///   - readTimeoutMilliseconds: how long a read waits for a batch, which bounds how late a
    ///     duration limit is noticed on a quiet interface.
    public static func open(
        interface name: String, snapshotLength: Int = 262_144, promiscuous: Bool = true,
        readTimeoutMilliseconds: Int = 100
    ) throws(CaptureError) -> PcapHandle {
        var errorBuffer = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        guard let p = pcap_create(name, &errorBuffer) else {
            throw .cannotOpenInterface(name: name, reason: Self.text(errorBuffer))
        }
        _ = pcap_set_snaplen(p, Int32(clamping: snapshotLength))
        _ = pcap_set_promisc(p, promiscuous ? 1 : 0)
        _ = pcap_set_timeout(p, Int32(clamping: readTimeoutMilliseconds))
        _ = pcap_set_buffer_size(p, 16 << 20)
        // Nanosecond stamps where the kernel offers them; microseconds otherwise (not an error).
        _ = pcap_set_tstamp_precision(p, Int32(PCAP_TSTAMP_PRECISION_NANO))
        let status = pcap_activate(p)
        if status < 0 {
            var reason = String(cString: pcap_statustostr(status))
            let detail = String(cString: pcap_geterr(p))
            if !detail.isEmpty { reason += ": " + detail }
            pcap_close(p)
            throw .cannotOpenInterface(name: name, reason: reason)
        }
        // Non-blocking reads with our own poll: on Linux (TPACKET_V3) a blocking read on a quiet
        // interface can wait forever, since the kernel's block timeout only runs once a packet came.
        var nonblockError = [CChar](repeating: 0, count: Int(PCAP_ERRBUF_SIZE))
        if pcap_setnonblock(p, 1, &nonblockError) != 0 {
            let reason = Self.text(nonblockError)
            pcap_close(p)
            throw .cannotOpenInterface(name: name, reason: reason)
        }
        return try PcapHandle(
            pcap: p, source: name, isLive: true, pollMilliseconds: Int32(clamping: readTimeoutMilliseconds))
    }

    /// Installs a BPF filter (tcpdump syntax) so the kernel or libpcap drops what is not wanted.
    public func setFilter(_ expression: String) throws(CaptureError) {
        var program = bpf_program()
        guard pcap_compile(pcap, &program, expression, 1, PCAP_NETMASK_UNKNOWN) == 0 else {
            throw .invalidFilter(expression: expression, reason: String(cString: pcap_geterr(pcap)))
        }
        defer { pcap_freecode(&program) }
        guard pcap_setfilter(pcap, &program) == 0 else {
            throw .invalidFilter(expression: expression, reason: String(cString: pcap_geterr(pcap)))
        }
    }

    /// The link type's libpcap name, e.g. `EN10MB`.
    public var linkTypeName: String { linkType.name }

    /// Kernel counters of a live capture; `nil` for files.
    public func statistics() -> LiveStatistics? {
        guard isLive else { return nil }
        var stats = pcap_stat()
        guard pcap_stats(pcap, &stats) == 0 else { return nil }
        return LiveStatistics(
            received: Int(stats.ps_recv), droppedByKernel: Int(stats.ps_drop),
            droppedByInterface: Int(stats.ps_ifdrop))
    }

    /// Why a read loop ended.
    enum ReadEnd: Equatable {
        case endOfFile
        case stoppedByCaller
        case deadlineReached
        /// A `StopRequest` asked for it.
        case interrupted
        /// libpcap reported an error: a truncated or corrupt file, or a failing interface.
        case failed(String)
    }

    /// Reads packets with `pcap_next_ex` until the file ends, the deadline passes, `stop` is
    /// requested, or `body` returns `false`. `body` gets the timestamp in nanoseconds since 1970, the length on the
    /// wire and the captured bytes, which are only valid during the call.
    func read(
        deadline: Double? = nil, stop: StopRequest? = nil,
        _ body: (_ timeNanoseconds: Int64, _ wireLength: Int, _ bytes: UnsafeRawBufferPointer) -> Bool
    ) -> ReadEnd {
        var header: UnsafeMutablePointer<pcap_pkthdr>?
        var data: UnsafePointer<UInt8>?
        let deadlineNanoseconds = deadline.map { Self.monotonicNanoseconds() + Int64($0 * 1e9) }
        var sinceCheck = 0
        while true {
            let rc = pcap_next_ex(pcap, &header, &data)
            if let stop {
                sinceCheck += 1
                if rc != 1 || sinceCheck >= 4096 {
                    sinceCheck = 0
                    if stop.isRequested { return .interrupted }
                }
            }
            if rc == 1, let h = header, let d = data {
                let ts = h.pointee.ts
                let time = Int64(ts.tv_sec) &* 1_000_000_000 &+ Int64(ts.tv_usec)
                let bytes = UnsafeRawBufferPointer(start: d, count: Int(h.pointee.caplen))
                if !body(time, Int(h.pointee.len), bytes) { return .stoppedByCaller }
            } else if rc == PCAP_ERROR_BREAK {
                return .endOfFile
            } else if rc == 0 {
                // Live and nothing ready: wait for the descriptor, at most one poll interval.
                var descriptor = pollfd(fd: pcap_get_selectable_fd(pcap), events: Int16(POLLIN), revents: 0)
                if descriptor.fd >= 0 { _ = poll(&descriptor, 1, pollMilliseconds) }
            } else {
                return .failed(String(cString: pcap_geterr(pcap)))
            }
            if let limit = deadlineNanoseconds, Self.monotonicNanoseconds() >= limit {
                return .deadlineReached
            }
        }
    }

    /// libpcap's message from an error buffer.
    private static func text(_ buffer: [CChar]) -> String {
        String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    private static func monotonicNanoseconds() -> Int64 {
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        return Int64(now.tv_sec) * 1_000_000_000 + Int64(now.tv_nsec)
    }
}

/// What the kernel says about a live capture: packets it handed over and packets it lost.
public struct LiveStatistics: Codable, Sendable, Hashable {
    public var received: Int
    /// Dropped because the capture buffer was full: the reader was too slow.
    public var droppedByKernel: Int
    /// Dropped by the network interface or its driver, where it reports them.
    public var droppedByInterface: Int
}
