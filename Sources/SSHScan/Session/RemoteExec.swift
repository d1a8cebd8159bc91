import Foundation

/// What one exec round trip returned.
struct ExecResult: Sendable {
    var stdout: Data
    var stderr: Data
    var exitCode: Int?
    /// Whether stdout was cut at the cap; the command was then stopped.
    var truncated: Bool
}

extension SSHSession {
    /// Runs one command over one channel, with `input` as its standard input: the scanner's single
    /// round trip per host.
    ///
    /// The probe batch travels as `input`, not in the command line: an exec request is one SSH
    /// packet (libssh2 refuses one past its packet size, error -34, and cmd.exe cuts a Windows
    /// command line at 8,191 characters), while standard input has no limit. Input is written as
    /// the channel's window allows while output is read, so neither side waits on the other, and
    /// EOF follows the last byte so nothing on the host waits for more. Output beyond
    /// `maxOutputBytes` is not kept and ends the command, so a host that floods cannot exhaust
    /// memory; a command that never ends is cut at `deadline`.
    func exec(
        _ command: String, input: Data = Data(), maxOutputBytes: Int, deadline: Deadline
    ) throws(SSHError) -> ExecResult {
        let channel = try SSHChannel.session(on: self, deadline: deadline)
        try channel.exec(command, deadline: deadline)

        var result = ExecResult(stdout: Data(), stderr: Data(), exitCode: nil, truncated: false)
        var pending = input[...]
        var inputClosed = false
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        let stderrCap = 64 * 1024
        var ended: Set<SSHChannel.Stream> = []
        reading: while true {
            var progressed = false
            if !pending.isEmpty {
                // A host that stopped reading (a command that ignores its input and ended) takes no
                // more: what it printed is still read below.
                switch pending.prefix(32_768).withUnsafeBytes({ channel.write($0) }) {
                case .bytes(let n):
                    pending = pending.dropFirst(n)
                    progressed = true
                case .wouldBlock: break
                case .ended: pending = pending.suffix(0)
                case .failed(let code):
                    if channel.receivedEOF {
                        pending = pending.suffix(0)
                    } else {
                        throw classify(phase: "sending the probe script", code: code)
                    }
                }
            }
            if pending.isEmpty && !inputClosed {
                inputClosed = channel.trySendEOF()
            }
            for stream in [SSHChannel.Stream.output, .errors] where !ended.contains(stream) {
                let transfer = buffer.withUnsafeMutableBytes { channel.read(stream, into: $0) }
                switch transfer {
                case .bytes(let n):
                    progressed = true
                    let chunk = buffer.prefix(n)
                    if stream == .output {
                        let room = maxOutputBytes - result.stdout.count
                        result.stdout.append(contentsOf: chunk.prefix(room))
                        if n > room {
                            result.truncated = true
                            break reading
                        }
                    } else if result.stderr.count < stderrCap {
                        result.stderr.append(contentsOf: chunk.prefix(stderrCap - result.stderr.count))
                    }
                case .wouldBlock: break
                case .ended: ended.insert(stream)
                case .failed(let code): throw classify(phase: "reading the probe output", code: code)
                }
            }
            if ended.count == 2 { break }
            // At EOF, one more pass drains what is still buffered (trailing stderr) before leaving.
            if channel.receivedEOF && !progressed { break }
            if !progressed {
                sendKeepaliveIfDue()
                do {
                    try waitForSocket("the probe command", deadline: deadline)
                } catch {
                    throw .timedOut(
                        "the probe command did not finish in time (\(result.stdout.count) bytes received)")
                }
            }
        }
        // Close politely but briefly: a host that will not close must not hold the scan.
        let closeDeadline = deadline.capped(atSecondsFromNow: 2)
        if result.truncated {
            channel.abandon(deadline: closeDeadline)
        } else {
            result.exitCode = channel.close(deadline: closeDeadline)
        }
        return result
    }
}
