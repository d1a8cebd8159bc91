public import Foundation

/// Where a command's results go: the CLI hands the terminal, a test or the service hands its
/// own collector, and the command writes the same bytes to either. What a command prints is
/// decided in `Audit`, so the executable only maps flags.
public struct CommandOutput: Sendable {
    /// Standard output, written as it is made (a capture's JSON streams in 64 KiB chunks).
    public var write: @Sendable (Data) -> Void
    /// Standard error: one warning or problem a call, without its line end.
    public var warn: @Sendable (String) -> Void

    public init(write: @escaping @Sendable (Data) -> Void, warn: @escaping @Sendable (String) -> Void) {
        self.write = write
        self.warn = warn
    }

    /// This process's standard output and standard error.
    public static let terminal = CommandOutput(
        write: { FileHandle.standardOutput.write($0) },
        warn: { FileHandle.standardError.write(Data(($0 + "\n").utf8)) })

    public func print(_ text: String, terminator: String = "\n") {
        write(Data((text + terminator).utf8))
    }

    /// Lines in one write, each ended by a line feed.
    public func print(_ lines: [String]) {
        if !lines.isEmpty { write(Data(lines.map { $0 + "\n" }.joined().utf8)) }
    }
}

/// A command that wrote its results and still ends with a status other than 0, because the
/// results say something went wrong: a capture cut short (3), policy examples that fail (1).
/// The output already says why, so the CLI prints no further message.
public struct CommandStatus: Error, Sendable, Hashable {
    public var code: Int32

    public init(_ code: Int32) {
        self.code = code
    }
}
