import CLibSSH2

/// libssh2's global state, initialised once before any session exists.
///
/// `libssh2_init` is not thread-safe, so it runs inside a `static let`, which Swift initialises
/// exactly once, before the first worker thread touches a session.
enum LibSSH2 {
    static let initialised: Bool = libssh2_init(0) == 0

    /// The linked library's version, for `--version` and bug reports.
    static var version: String {
        libssh2_version(0).map { String(cString: $0) } ?? "unknown"
    }
}
