public import Crypto
public import Foundation

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self) || (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self)
            || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
    }
}

/// What a token may do. Each role can do everything the one before it can.
public enum Role: String, Codable, Sendable, CaseIterable, Comparable {
    /// Reads rankings, units, hosts, findings, scans and reports.
    case viewer
    /// Also starts scans.
    case auditor
    /// Also manages tokens.
    case admin

    public static func < (a: Role, b: Role) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// API tokens, kept only as SHA-256 hashes in a JSON file (mode 0600).
///
/// A token is shown once, when it is made; the file holds nothing that lets anyone sign in, so a
/// leaked backup of the store does not leak access. Tokens are 32 random bytes, so an unsalted
/// fast hash is enough: there is no dictionary to try.
///
/// The file is read again when it changes on disk (looked at no more than once a second), so a
/// token revoked with `ictaudit serve token revoke` while the service runs stops working without a
/// restart.
public final class TokenStore: Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var name: String
        public var role: Role
        /// Lower-case hex SHA-256 of the token text.
        public var sha256: String
        public var created: Date
    }

    /// Why a token could not be made.
    public enum Refusal: Error, Sendable, Hashable, CustomStringConvertible {
        case badName(String)
        case exists(String)

        public var description: String {
            switch self {
            case .badName(let name):
                "token name '\(name)' must be 1 to 64 letters, digits, '.', '_' or '-'"
            case .exists(let name):
                "a token named '\(name)' exists; revoke it first to replace it"
            }
        }
    }

    private struct State {
        var list: [Entry]
        /// The file's modification time and size when it was last read or written.
        var stamp: [Double]?
        var checked: Date
    }

    public let path: String
    private let state: Mutex<State>
    /// How long the file is trusted before its time stamp is looked at again.
    let recheck: TimeInterval

    /// Opens the token file (an absent file is no tokens yet).
    public init(path: String, recheck: TimeInterval = 1) throws {
        self.path = path
        self.recheck = recheck
        state = Mutex(State(list: try Self.read(path), stamp: Self.stamp(path), checked: Date()))
    }

    /// Every token's name, role and creation time (never the token itself).
    public var all: [Entry] { current { $0 } }

    /// Whether a name can name a token: 1–64 of `A–Z a–z 0–9 . _ -`, so it is safe in a path, a
    /// log line and a page without escaping tricks.
    public static func isValidName(_ name: String) -> Bool {
        (1...64).contains(name.utf8.count)
            && name.utf8.allSatisfy { $0.isASCIIAlphanumeric || $0 == UInt8(ascii: ".") || $0 == UInt8(ascii: "_") || $0 == UInt8(ascii: "-") }
    }

    /// Makes a token, stores its hash and returns the token text: the only time it is seen.
    /// A token of the same name is replaced (the CLI's `token add`).
    public func issue(name: String, role: Role = .viewer) throws -> String {
        try make(name: name, role: role, replacing: true).token
    }

    /// Makes a token under a new name (the API's and the dashboard's): refuses a name in use, so
    /// a second administrator's click never silently replaces someone's token.
    public func create(name: String, role: Role) throws -> (token: String, entry: Entry) {
        try make(name: name, role: role, replacing: false)
    }

    private func make(name: String, role: Role, replacing: Bool) throws -> (token: String, entry: Entry) {
        guard Self.isValidName(name) else { throw Refusal.badName(name) }
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = "ict_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let entry = Entry(name: name, role: role, sha256: Self.hash(token), created: Date())
        try change { list in
            if !replacing, list.contains(where: { $0.name == name }) { throw Refusal.exists(name) }
            list.removeAll { $0.name == name }
            list.append(entry)
        }
        return (token, entry)
    }

    /// Removes the token called `name`; returns whether there was one.
    @discardableResult
    public func revoke(name: String) throws -> Bool {
        try change { list in
            let before = list.count
            list.removeAll { $0.name == name }
            return list.count != before
        }
    }

    /// The entry whose token hashes to `sha256`, if it is still there (a dashboard session asks on
    /// every page, so a revoked token ends its sessions too).
    func entry(sha256: String) -> Entry? { current { list in list.first { $0.sha256 == sha256 } } }

    /// The entry a presented token belongs to, compared in constant time.
    public func authenticate(_ token: String) -> Entry? {
        let presented = Array(Self.hash(token).utf8)
        return current { list in
            var found: Entry?
            for entry in list {
                let stored = Array(entry.sha256.utf8)
                guard stored.count == presented.count else { continue }
                var difference: UInt8 = 0
                for index in stored.indices { difference |= stored[index] ^ presented[index] }
                if difference == 0 { found = entry }
            }
            return found
        }
    }

    static func hash(_ token: String) -> String {
        SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
    }

    /// Reads the list, first reading the file again if it changed since.
    private func current<T>(_ body: ([Entry]) -> T) -> T {
        state.withLock { state in
            let now = Date()
            if now.timeIntervalSince(state.checked) >= recheck {
                state.checked = now
                let stamp = Self.stamp(path)
                if stamp != state.stamp, let list = try? Self.read(path) {
                    (state.list, state.stamp) = (list, stamp)
                }
            }
            return body(state.list)
        }
    }

    /// Changes the list as it is in the file now (another process may have changed it) and
    /// writes it back.
    private func change<T>(_ body: (inout [Entry]) throws -> T) throws -> T {
        try state.withLock { state in
            if Self.stamp(path) != state.stamp { state.list = try Self.read(path) }
            var list = state.list
            let result = try body(&list)
            try save(list)
            (state.list, state.stamp, state.checked) = (list, Self.stamp(path), Date())
            return result
        }
    }

    private static func read(_ path: String) throws -> [Entry] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .iso8601
        return try decoder.decode([Entry].self, from: data)
    }

    private static func stamp(_ path: String) -> [Double]? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: path) else { return nil }
        return [
            (attributes[.modificationDate] as? Date)?.timeIntervalSince1970 ?? 0, Double((attributes[.size] as? Int) ?? 0),
            Double((attributes[.systemFileNumber] as? Int) ?? 0),
        ]
    }

    private func save(_ list: [Entry]) throws {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys]
        let url = URL(fileURLWithPath: path)
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try encoder.encode(list).write(to: url, options: .atomic)
        try FileManager.default.setAttributes([.posixPermissions: 0o600], ofItemAtPath: path)
    }
}

/// A lock around a value (Synchronization's `Mutex` needs newer platforms than the package names).
final class Mutex<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var value: Value
    init(_ value: Value) { self.value = value }
    func withLock<T>(_ body: (inout Value) throws -> T) rethrows -> T {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }
}
