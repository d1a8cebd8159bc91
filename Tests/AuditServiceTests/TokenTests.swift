import Foundation
import Testing

@testable import AuditService

/// API tokens: shown once, kept only as a hash, roles ordered.
struct TokenTests {
    @Test("a token is returned once; the file keeps only its SHA-256 and it authenticates with its role")
    func issueAndAuthenticate() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let store = try TokenStore(path: path)
        let token = try store.issue(name: "ci", role: .auditor)
        #expect(token.hasPrefix("ict_") && token.count > 40)
        let file = try String(contentsOfFile: path, encoding: .utf8)
        #expect(!file.contains(token))
        #expect(!file.contains(String(token.dropFirst(4))))
        #expect(file.contains(TokenStore.hash(token)))
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        #expect((attributes[.posixPermissions] as? Int) == 0o600)

        let reopened = try TokenStore(path: path)
        #expect(reopened.authenticate(token)?.role == .auditor)
        #expect(reopened.authenticate(token + "x") == nil)
        #expect(reopened.authenticate("") == nil)
        #expect(try reopened.revoke(name: "ci"))
        #expect(reopened.authenticate(token) == nil)
        #expect(Role.viewer < Role.auditor && Role.auditor < Role.admin)
    }

    @Test("the API's create refuses a name in use and a name outside A-Z a-z 0-9 . _ -; the CLI's issue replaces; a revoke by another process is seen without a restart")
    func createRefusesAndFileChangesAreSeen() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tokens-\(UUID()).json").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        let service = try TokenStore(path: path, recheck: 0)
        let made = try service.create(name: "ci.bot_1", role: .viewer)
        #expect(made.entry.name == "ci.bot_1" && made.entry.role == .viewer && service.authenticate(made.token) == made.entry)
        #expect(throws: TokenStore.Refusal.exists("ci.bot_1")) { try service.create(name: "ci.bot_1", role: .admin) }
        for bad in ["", "a b", "../x", "tên", String(repeating: "x", count: 65), "a/b", "<b>"] {
            #expect(throws: TokenStore.Refusal.badName(bad)) { try service.create(name: bad, role: .viewer) }
        }
        #expect(service.all.map(\.name) == ["ci.bot_1"])
        let replaced = try service.issue(name: "ci.bot_1", role: .auditor)
        #expect(service.authenticate(made.token) == nil && service.authenticate(replaced)?.role == .auditor)

        // `ictaudit serve token revoke` is another process writing the same file.
        let command = try TokenStore(path: path)
        #expect(try command.revoke(name: "ci.bot_1"))
        #expect(service.authenticate(replaced) == nil)
        let other = try command.issue(name: "second", role: .viewer)
        #expect(service.authenticate(other)?.name == "second")
        // And the service's own change keeps what the other process wrote.
        _ = try service.create(name: "third", role: .viewer)
        #expect(Set(try TokenStore(path: path).all.map(\.name)) == ["second", "third"])
    }

    @Test("SHA-256 of a known text matches the standard test vector")
    func hashVector() {
        #expect(TokenStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
