import Foundation
public import PacketScan

#if canImport(Glibc)
    import Glibc
#endif

extension StopRequest {
    /// A request that Ctrl-C (SIGINT) sets, so a live capture ends early and still reports what it
    /// saw. The signal handler only writes a byte to a pipe (which is safe in a handler), and a
    /// thread waiting on the pipe asks the capture to stop.
    public static func onControlC() -> StopRequest {
        let stop = StopRequest()
        let ends = ControlC.pipeEnds
        guard ends.read >= 0 else { return stop }
        Thread.detachNewThread {
            var byte: UInt8 = 0
            if read(ends.read, &byte, 1) == 1 { stop.stop() }
        }
        signal(SIGINT) { _ in
            var byte: UInt8 = 1
            _ = write(ControlC.pipeEnds.write, &byte, 1)
        }
        return stop
    }
}

private enum ControlC {
    static let pipeEnds: (read: Int32, write: Int32) = {
        var fds: [Int32] = [-1, -1]
        _ = pipe(&fds)
        return (fds[0], fds[1])
    }()
}
