public import Foundation
public import InventoryModel

/// Where ictaudit finds its data (policies, capture catalogues, ranking methods) from any
/// directory, in one documented order, so the installed tool, the service and a checkout behave
/// alike and every "not found" says where it looked.
///
/// A data directory holds a `policies/` folder laid out as the checkout's: policy files at its
/// top, `catalogues/` and `ranking/` inside. The first of these that has one wins:
///
/// 1. the explicit flag (`--data DIR`);
/// 2. `$ICTAUDIT_DATA` (a data directory), or the older `$ICTAUDIT_POLICIES` (the policies folder itself);
/// 3. the configuration directory `/etc/ictaudit`;
/// 4. the install prefix beside the binary, `<bin>/../share/ictaudit` (for a binary in
///    `<prefix>/lib/ictaudit/`, where scripts/install.sh puts it beside its resource bundles,
///    `<prefix>/share/ictaudit`);
/// 5. the checkout: the nearest folder with `Package.swift` above the binary, then above the
///    current directory.
///
/// A choice the user made (flag or variable) that names no folder is an error, never skipped.
public struct DataSearch: Sendable {
    /// The flag's value, if given.
    public var explicit: String?
    public var environment: [String: String]
    /// `/etc/ictaudit` outside tests.
    public var configurationDirectory: String
    /// The running binary, absolute.
    public var executablePath: String?
    public var currentDirectory: String

    public init(
        explicit: String? = nil,
        environment: [String: String] = ProcessInfo.processInfo.environment,
        configurationDirectory: String = "/etc/ictaudit",
        executablePath: String? = DataSearch.runningExecutable(),
        currentDirectory: String = FileManager.default.currentDirectoryPath
    ) {
        self.explicit = explicit
        self.environment = environment
        self.configurationDirectory = configurationDirectory
        self.executablePath = executablePath
        self.currentDirectory = currentDirectory
    }

    /// The order as `--help` prints it.
    public static let helpText = """
        Data (policies, catalogues, ranking methods) is looked up in this order: --data DIR, \
        $ICTAUDIT_DATA (or $ICTAUDIT_POLICIES, the policies folder itself), /etc/ictaudit, \
        <bin>/../share/ictaudit beside the installed binary, then the checkout above the binary \
        or the current directory. Each holds policies/ with catalogues/ and ranking/ inside.
        """

    /// One place tried, for error messages.
    public struct Place: Sendable, CustomStringConvertible {
        /// Why this place was tried: `--data`, `$ICTAUDIT_DATA`, `configuration directory`, …
        public var origin: String
        /// The policies folder tried; nil when the origin was not set or found nothing to try.
        public var path: String?
        /// Set by the user: missing is an error rather than a reason to try the next place.
        var chosen: Bool
        /// Said instead of a path when there is none.
        var absent = "not set"

        public var description: String { "\(origin): \(path ?? absent)" }
    }

    /// The places in order, before looking at the disk (except to find a checkout).
    public func places() -> [Place] {
        var places: [Place] = [
            Place(origin: "--data", path: explicit.map { policies(in: $0) }, chosen: explicit != nil)
        ]
        if let data = nonEmpty("ICTAUDIT_DATA") {
            places.append(Place(origin: "$ICTAUDIT_DATA", path: policies(in: data), chosen: true))
        } else if let folder = nonEmpty("ICTAUDIT_POLICIES") {
            places.append(Place(origin: "$ICTAUDIT_POLICIES", path: absolute(folder), chosen: true))
        } else {
            places.append(Place(origin: "$ICTAUDIT_DATA", path: nil, chosen: false))
        }
        places.append(
            Place(origin: "configuration directory", path: policies(in: configurationDirectory), chosen: false))
        let binFolder = executablePath.map { URL(fileURLWithPath: $0).deletingLastPathComponent() }
        places.append(
            Place(
                origin: "install prefix",
                path: binFolder.map { policies(in: Self.prefix(ofBinaryIn: $0).appendingPathComponent("share/ictaudit").path) },
                chosen: false))
        places.append(
            Place(
                origin: "checkout above the binary", path: binFolder.flatMap { checkout(above: $0.path) },
                chosen: false, absent: "none"))
        places.append(
            Place(
                origin: "checkout above \(currentDirectory)", path: checkout(above: currentDirectory), chosen: false,
                absent: "none"))
        return places
    }

    /// The first policies folder that exists, or an error that lists every place tried.
    public func policiesFolder() throws(WorkspaceError) -> URL {
        let tried = places()
        for place in tried {
            guard let path = place.path else { continue }
            if Self.isFolder(path) { return URL(fileURLWithPath: path, isDirectory: true) }
            if place.chosen {
                var error = WorkspaceError(
                    vi: "\(place.origin) chỉ tới \(path), đó không phải là thư mục", en: "\(place.origin) names \(path), which is not a folder")
                error.looked = Array(tried.prefix { $0.origin != place.origin }) + [place]
                throw error
            }
        }
        var error = WorkspaceError(
            vi: "không tìm thấy dữ liệu ictaudit (một thư mục policies/)", en: "no ictaudit data (a policies/ folder) found")
        error.looked = tried
        throw error
    }

    /// The install prefix of a binary in `<prefix>/bin` or `<prefix>/lib/ictaudit`.
    static func prefix(ofBinaryIn folder: URL) -> URL {
        let parent = folder.deletingLastPathComponent()
        let installed = folder.lastPathComponent == "ictaudit" && parent.lastPathComponent == "lib"
        return (installed ? parent.deletingLastPathComponent() : parent).standardized
    }

    static func isFolder(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// The running binary with links resolved, so `/usr/bin/ictaudit -> /opt/ictaudit/bin/ictaudit`
    /// finds `/opt/ictaudit/share/ictaudit`.
    public static func runningExecutable() -> String? {
        guard let path = Bundle.main.executablePath ?? CommandLine.arguments.first else { return nil }
        return URL(fileURLWithPath: path).resolvingSymlinksInPath().path
    }

    private func nonEmpty(_ name: String) -> String? {
        environment[name].flatMap { $0.isEmpty ? nil : $0 }
    }

    private func absolute(_ path: String) -> String {
        URL(fileURLWithPath: path, relativeTo: URL(fileURLWithPath: currentDirectory, isDirectory: true))
            .standardized.path
    }

    private func policies(in data: String) -> String {
        URL(fileURLWithPath: absolute(data)).appendingPathComponent("policies").path
    }

    /// The nearest folder at or above `start` holding `Package.swift` and `policies/`.
    private func checkout(above start: String) -> String? {
        var folder = URL(fileURLWithPath: absolute(start), isDirectory: true)
        while true {
            let candidate = folder.appendingPathComponent("policies").path
            if FileManager.default.fileExists(atPath: folder.appendingPathComponent("Package.swift").path),
                Self.isFolder(candidate)
            {
                return candidate
            }
            let parent = folder.deletingLastPathComponent()
            if parent.path == folder.path { return nil }
            folder = parent
        }
    }
}

/// A file or folder the workspace could not find or use, saying where it looked.
///
/// Not a `file:line:column` error: nothing was read, so there is no position to point at.
public struct WorkspaceError: WordedError, Sendable, CustomStringConvertible, LocalizedError {
    public var message: String
    /// The message in Vietnamese, for errors a user meets in daily use; nil: `message` in both.
    public var vietnamese: String?
    public var looked: [DataSearch.Place]

    public init(_ message: String, looked: [DataSearch.Place] = []) {
        self.message = message
        self.looked = looked
    }

    /// An error worded in both languages.
    public init(vi: String, en: String) {
        self.init(en)
        vietnamese = vi
    }

    public var description: String { text(.en) }

    /// The message as the CLI prints it after "lỗi:" / "error:".
    public func text(_ language: Language) -> String {
        let head = language == .vi ? vietnamese ?? message : message
        guard !looked.isEmpty else { return head }
        let intro = language == .vi ? "; đã tìm, theo thứ tự:\n" : "; looked in, in this order:\n"
        return head + intro + looked.map { "  \($0)" }.joined(separator: "\n")
    }

    public var errorDescription: String? { description }
}
