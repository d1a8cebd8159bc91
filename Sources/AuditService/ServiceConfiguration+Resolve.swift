public import Foundation

extension ServiceConfiguration {
    /// The installed configuration file, read when `--config` names none and it exists.
    public static let systemFile = "/etc/ictaudit/service.yaml"
    /// The installed data folder (store, tokens, scheduler state), used when it is writable.
    public static let systemDataDirectory = "/var/lib/ictaudit"

    /// The service's configuration as `ictaudit serve` resolves it, so every caller resolves it the
    /// same way: the data folder from `--data`, else `$ICTAUDIT_DATA`, else the system folder when
    /// writable, else `.ictaudit`; then the configuration file (`--config`, else the system file
    /// when it exists); then the single-value flags over both. A mistake in the file or a flag is a
    /// `SourceError` naming it. Each choice is the command line's (`nil`: not given).
    public static func resolve(
        config: String? = nil, data: String? = nil, store: String? = nil, schedules: String? = nil,
        listen: String? = nil, logFormat: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemFile: String = Self.systemFile, systemDataDirectory: String = Self.systemDataDirectory
    ) throws -> ServiceConfiguration {
        let files = FileManager.default
        let dataDirectory =
            data ?? environment["ICTAUDIT_DATA"]
            ?? (files.isWritableFile(atPath: systemDataDirectory) ? systemDataDirectory : ".ictaudit")
        var configuration = ServiceConfiguration(dataDirectory: dataDirectory)
        if let file = config ?? (files.fileExists(atPath: systemFile) ? systemFile : nil) {
            configuration = try configuration.applying(file: file)
        }
        if let store { configuration.store = store }
        if let schedules { configuration.schedules = schedules }
        if let listen {
            configuration = try configuration.applying(text: "listen: \"\(listen)\"", file: "--listen")
        }
        if let logFormat {
            configuration = try configuration.applying(text: "log_format: \(logFormat)", file: "--log-format")
        }
        return configuration
    }
}
