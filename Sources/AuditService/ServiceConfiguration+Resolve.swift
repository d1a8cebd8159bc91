public import Foundation

extension ServiceConfiguration {
    /// What the command line chose (`ictaudit serve`, `serve token`, `schedule list`); `nil`: not given.
    public struct Choices: Sendable, Hashable {
        public var config: String?
        public var data: String?
        public var store: String?
        public var schedules: String?
        public var listen: String?
        public var logFormat: String?

        public init(
            config: String? = nil, data: String? = nil, store: String? = nil, schedules: String? = nil,
            listen: String? = nil, logFormat: String? = nil
        ) {
            self.config = config
            self.data = data
            self.store = store
            self.schedules = schedules
            self.listen = listen
            self.logFormat = logFormat
        }
    }

    /// The installed configuration file, read when `--config` names none and it exists.
    public static let systemFile = "/etc/ictaudit/service.yaml"
    /// The installed data folder (store, tokens, scheduler state), used when it is writable.
    public static let systemDataDirectory = "/var/lib/ictaudit"

    /// The service's configuration as `ictaudit serve` resolves it, so every caller resolves it the
    /// same way: the data folder from `--data`, else `$ICTAUDIT_DATA`, else the system folder when
    /// writable, else `.ictaudit`; then the configuration file (`--config`, else the system file
    /// when it exists); then the single-value flags over both. A mistake in the file or a flag is a
    /// `SourceError` naming it.
    public static func resolve(
        _ choices: Choices, environment: [String: String] = ProcessInfo.processInfo.environment,
        systemFile: String = Self.systemFile, systemDataDirectory: String = Self.systemDataDirectory
    ) throws -> ServiceConfiguration {
        let files = FileManager.default
        let dataDirectory =
            choices.data ?? environment["ICTAUDIT_DATA"]
            ?? (files.isWritableFile(atPath: systemDataDirectory) ? systemDataDirectory : ".ictaudit")
        var configuration = ServiceConfiguration(dataDirectory: dataDirectory)
        if let file = choices.config ?? (files.fileExists(atPath: systemFile) ? systemFile : nil) {
            configuration = try configuration.applying(file: file)
        }
        if let store = choices.store { configuration.store = store }
        if let schedules = choices.schedules { configuration.schedules = schedules }
        if let listen = choices.listen {
            configuration = try configuration.applying(text: "listen: \"\(listen)\"", file: "--listen")
        }
        if let logFormat = choices.logFormat {
            configuration = try configuration.applying(text: "log_format: \(logFormat)", file: "--log-format")
        }
        return configuration
    }
}
