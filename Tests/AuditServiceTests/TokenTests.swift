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

    @Test("SHA-256 of a known text matches the standard test vector")
    func hashVector() {
        #expect(TokenStore.hash("abc") == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
