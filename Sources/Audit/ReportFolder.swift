public import Foundation
public import Reports

#if canImport(Glibc)
    import Glibc
#endif

/// The report folder as a `ReportSink`: each file is written through a file descriptor into a
/// temporary name beside it as the renderer makes it, and renamed into place when complete, so a
/// reader never sees half a report and an interrupted run leaves the previous one intact.
public final class ReportFolder: ReportSink {
    public let folder: URL
    /// The files completed so far, full paths, in the order written.
    public private(set) var written: [String] = []
    private let onWritten: (String) -> Void
    private var current: (fd: Int32, temporary: String, final: String)?

    public init(_ folder: URL, onWritten: @escaping (String) -> Void = { _ in }) {
        self.folder = folder
        self.onWritten = onWritten
    }

    deinit {
        if let current {
            close(current.fd)
            unlink(current.temporary)
        }
    }

    public func begin(_ name: String) throws {
        let file = folder.appendingPathComponent(name)
        try ReportWriteError.makeFolder(file.deletingLastPathComponent())
        let temporary = file.deletingLastPathComponent()
            .appendingPathComponent(".\(file.lastPathComponent).\(getpid()).tmp").path
        let fd = open(temporary, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw Self.error(errno, temporary) }
        current = (fd, temporary, file.path)
    }

    public func write(_ bytes: UnsafeRawBufferPointer) throws {
        guard let current, let base = bytes.baseAddress else { return }
        var offset = 0
        while offset < bytes.count {
            let n = Glibc.write(current.fd, base + offset, bytes.count - offset)
            if n < 0 {
                if errno == EINTR { continue }
                throw Self.error(errno, current.final)
            }
            offset += n
        }
    }

    public func finish() throws {
        guard let current else { return }
        self.current = nil
        guard close(current.fd) == 0 else {
            let code = errno
            unlink(current.temporary)
            throw Self.error(code, current.final)
        }
        guard rename(current.temporary, current.final) == 0 else {
            let code = errno
            unlink(current.temporary)
            throw Self.error(code, current.final)
        }
        written.append(current.final)
        onWritten(current.final)
    }

    private static func error(_ code: Int32, _ path: String) -> ReportWriteError {
        ReportWriteError(path: path, code: code)
    }
}
