public import Foundation
public import Hummingbird
public import InventoryModel

/// Who is asking: the token's name and role, from an `Authorization: Bearer` header (API) or a
/// dashboard session cookie.
public struct Identity: Sendable, Hashable {
    public var name: String
    public var role: Role
    /// The session's form token, for pages; `nil` for API calls (they carry no cookie to forge).
    public var csrf: String?
}

/// The request context of `ictaudit serve`: Hummingbird's core plus the caller and the language.
public struct ServiceContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    public var identity: Identity?
    public var language: Language = .vi

    public init(source: ApplicationRequestContextSource) {
        coreContext = .init(source: source)
    }
}

/// Dashboard sessions: a random id in an HttpOnly, SameSite=Strict cookie, mapped in memory to
/// the token's identity and a per-session form token. A restart signs everyone out, which is
/// the safe side; so does revoking the token a session was opened with (each page asks the token
/// store, which also gives the token's role as it is now).
final class SessionStore: Sendable {
    struct Session: Sendable {
        var identity: Identity
        /// The SHA-256 of the token the session was opened with.
        var token: String
        var expires: Date
    }

    private let sessions = Mutex<[String: Session]>([:])
    let lifetime: TimeInterval

    init(lifetime: TimeInterval = 8 * 3600) { self.lifetime = lifetime }

    func open(for entry: TokenStore.Entry) -> String {
        let id = Self.randomToken()
        let identity = Identity(name: entry.name, role: entry.role, csrf: Self.randomToken())
        sessions.withLock { all in
            let now = Date()
            all = all.filter { $0.value.expires > now }
            all[id] = Session(identity: identity, token: entry.sha256, expires: now.addingTimeInterval(lifetime))
        }
        return id
    }

    /// The session's identity while its token is still valid; a session whose token was revoked
    /// is closed.
    func identity(for id: String, tokens: TokenStore) -> Identity? {
        guard let session = sessions.withLock({ all in all[id].flatMap { $0.expires > Date() ? $0 : nil } }) else { return nil }
        guard let entry = tokens.entry(sha256: session.token) else {
            close(id)
            return nil
        }
        var identity = session.identity
        identity.role = entry.role
        return identity
    }

    func close(_ id: String) { sessions.withLock { _ = $0.removeValue(forKey: id) } }

    static func randomToken() -> String {
        var generator = SystemRandomNumberGenerator()
        return (0..<4).map { _ in String(generator.next() as UInt64, radix: 16) }.joined()
    }
}
