public import Foundation

extension ServiceConfiguration {
    /// The installed configuration file, read when `--config` names none and it exists.
    public static let systemFile = "/etc/ictaudit/service.yaml"
    /// The installed state folder (store, tokens, scheduler state), used when it is writable.
    public static let systemStateDirectory = "/var/lib/ictaudit"

    /// The service's configuration as `ictaudit serve` resolves it, so every caller resolves it the
    /// same way: the state folder (what the service writes) from `--state-dir`, else
    /// `$ICTAUDIT_STATE_DIR`, else `$STATE_DIRECTORY` (systemd sets it from `StateDirectory=`), else
    /// the system folder when writable, else `.ictaudit`; then the configuration file (`--config`,
    /// else the system file when it exists); then the single-value flags over both. `--data` is
    /// the data folder holding `policies/`, as for every other command: not given here or in the
    /// file, the workspace finds it through `DataSearch` (`$ICTAUDIT_DATA`, `/etc/ictaudit`, …).
    /// A mistake in the file or a flag is a `SourceError` naming it. Each choice is the command
    /// line's (`nil`: not given).
    public static func resolve(
        config: String? = nil, data: String? = nil, stateDirectory: String? = nil, store: String? = nil,
        schedules: String? = nil, listen: String? = nil, logFormat: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        systemFile: String = Self.systemFile, systemStateDirectory: String = Self.systemStateDirectory
    ) throws -> ServiceConfiguration {
        let files = FileManager.default
        func variable(_ name: String) -> String? {
            // systemd joins several StateDirectory= folders with ':'; the first is the service's own.
            environment[name].flatMap { $0.split(separator: ":").first.map(String.init) }
        }
        let stateDirectory =
            stateDirectory ?? variable("ICTAUDIT_STATE_DIR") ?? variable("STATE_DIRECTORY")
            ?? (files.isWritableFile(atPath: systemStateDirectory) ? systemStateDirectory : ".ictaudit")
        var configuration = ServiceConfiguration(stateDirectory: stateDirectory)
        if let file = config ?? (files.fileExists(atPath: systemFile) ? systemFile : nil) {
            configuration = try configuration.applying(file: file)
        }
        if let data { configuration.data = data }
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
