public import Crypto
public import Foundation

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
public final class TokenStore: Sendable {
    public struct Entry: Codable, Sendable, Hashable {
        public var name: String
        public var role: Role
        /// Lower-case hex SHA-256 of the token text.
        public var sha256: String
        public var created: Date
    }

    public let path: String
    private let entries: Mutex<[Entry]>

    /// Opens the token file (an absent file is no tokens yet).
    public init(path: String) throws {
        self.path = path
        if let data = FileManager.default.contents(atPath: path) {
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            entries = Mutex(try decoder.decode([Entry].self, from: data))
        } else {
            entries = Mutex([])
        }
    }

    public var all: [Entry] { entries.withLock { $0 } }

    /// Makes a token, stores its hash and returns the token text: the only time it is seen.
    public func issue(name: String, role: Role = .viewer) throws -> String {
        var bytes = [UInt8](repeating: 0, count: 32)
        var generator = SystemRandomNumberGenerator()
        for index in bytes.indices { bytes[index] = generator.next() }
        let token = "ict_" + Data(bytes).base64EncodedString()
            .replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
        let entry = Entry(name: name, role: role, sha256: Self.hash(token), created: Date())
        try entries.withLock { list in
            list.removeAll { $0.name == name }
            list.append(entry)
            try save(list)
        }
        return token
    }

    /// Removes the token called `name`; returns whether there was one.
    @discardableResult
    public func revoke(name: String) throws -> Bool {
        try entries.withLock { list in
            let before = list.count
            list.removeAll { $0.name == name }
            try save(list)
            return list.count != before
        }
    }

    /// The entry a presented token belongs to, compared in constant time.
    public func authenticate(_ token: String) -> Entry? {
        let presented = Array(Self.hash(token).utf8)
        return entries.withLock { list in
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
