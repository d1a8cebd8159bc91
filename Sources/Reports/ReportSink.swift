public import Foundation

/// Where a renderer puts its files, byte chunk by byte chunk as it writes them.
///
/// A ministry's audit makes reports of several gigabytes (OSCAL alone is ~1.7 KB per judged
/// finding); built whole in memory first, they would need several times that. Renderers write
/// through a `ReportWriter`, which hands the sink chunks of about 64 KB, so memory stays near the
/// input's size whatever the output's. The core still does no I/O: the caller's sink decides where
/// bytes go (a folder, an HTTP response, memory in a test). Files are written one at a time:
/// `begin`, any number of `write`s, `finish`.
public protocol ReportSink: AnyObject {
    /// Starts the file `name`, relative to the report folder (`report.html`, `units/vp.html`).
    func begin(_ name: String) throws
    /// The next bytes of the file begun last.
    func write(_ bytes: UnsafeRawBufferPointer) throws
    /// The file begun last is complete.
    func finish() throws
}

/// A sink that keeps every file in memory: for tests, the service's downloads and `files(for:)`.
public final class ReportMemorySink: ReportSink {
    public private(set) var files: [ReportFile] = []
    private var current: (name: String, data: Data)?

    public init() {}

    public func begin(_ name: String) throws {
        current = (name, Data())
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        current?.data.append(contentsOf: bytes)
    }

    public func finish() throws {
        guard let current else { return }
        files.append(ReportFile(name: current.name, data: current.data))
        self.current = nil
    }
}

/// A sink that keeps nothing but each file's name and size: for benchmarks of the renderers
/// alone, without a disk or the memory of the output.
public final class ReportCountingSink: ReportSink {
    public private(set) var sizes: [(name: String, bytes: Int)] = []

    public init() {}

    public func begin(_ name: String) throws { sizes.append((name, 0)) }
    public func write(_ bytes: UnsafeRawBufferPointer) throws { sizes[sizes.count - 1].bytes += bytes.count }
    public func finish() throws {}
}
