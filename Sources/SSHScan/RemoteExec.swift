import CLibSSH2
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
    /// Runs one command over one channel: the scanner's single round trip per host.
    ///
    /// Output beyond `maxOutputBytes` is not kept and ends the command, so a host that floods
    /// cannot exhaust memory; a command that never ends is cut at `deadline`.
    func exec(_ command: String, maxOutputBytes: Int, deadline: Deadline) throws(SSHError) -> ExecResult {
        let channelType = "session"
        let channel: OpaquePointer = try pointer("opening a channel", deadline: deadline) {
            libssh2_channel_open_ex(
                handle, channelType, UInt32(channelType.utf8.count), 2 * 1024 * 1024, 32_768, nil, 0)
        }
        defer { libssh2_channel_free(channel) }
        let request = "exec"
        try call("starting the probe command", deadline: deadline) {
            libssh2_channel_process_startup(
                channel, request, UInt32(request.utf8.count), command, UInt32(command.utf8.count))
        }
        // Nothing is sent on stdin: tell the host at once so no command waits for input.
        _ = try? call("closing stdin", deadline: deadline) { libssh2_channel_send_eof(channel) }

        var result = ExecResult(stdout: Data(), stderr: Data(), exitCode: nil, truncated: false)
        var buffer = [CChar](repeating: 0, count: 64 * 1024)
        let stderrCap = 64 * 1024
        reading: while true {
            var progressed = false
            for stream: Int32 in [0, SSH_EXTENDED_DATA_STDERR] {
                let n = libssh2_channel_read_ex(channel, stream, &buffer, buffer.count)
                if n > 0 {
                    progressed = true
                    let chunk = buffer.withUnsafeBytes { Data($0.prefix(n)) }
                    if stream == 0 {
                        let room = maxOutputBytes - result.stdout.count
                        result.stdout.append(chunk.prefix(room))
                        if chunk.count > room {
                            result.truncated = true
                            break reading
                        }
                    } else if result.stderr.count < stderrCap {
                        result.stderr.append(chunk.prefix(stderrCap - result.stderr.count))
                    }
                } else if n < 0 && n != Int(LIBSSH2_ERROR_EAGAIN) {
                    if n == Int(LIBSSH2_ERROR_CHANNEL_CLOSED) { break reading }
                    throw classify(phase: "reading the probe output", code: Int32(n))
                }
            }
            // At EOF, one more pass drains what is still buffered (trailing stderr) before leaving.
            if libssh2_channel_eof(channel) == 1 && !progressed { break }
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
        _ = try? call("closing the channel", deadline: closeDeadline) { libssh2_channel_close(channel) }
        if !result.truncated {
            _ = try? call("waiting for the exit status", deadline: closeDeadline) {
                libssh2_channel_wait_closed(channel)
            }
            result.exitCode = Int(libssh2_channel_get_exit_status(channel))
        }
        return result
    }
}
