import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdTesting
import NIOCore
import Testing

@testable import AuditService

/// Token management over the API and the dashboard: admin only, the token shown once, lists
/// without secrets, revocation that ends the token's sessions, and changes a cross-site page
/// cannot make.
struct TokenManagementTests {
    private func json(_ response: TestResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.body.readableBytesView)) as? [String: Any])
    }

    @Test("an admin makes a token over the API (201, shown once), lists names and roles only, and revokes it (204); other roles get 403; a taken name 409; a bad name or role 400")
    func apiLifecycle() async throws {
        let fixture = try ServiceFixture(scans: 1, units: 2, hosts: 4)
        defer { fixture.remove() }
        let server = try await fixture.server()
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            func call(_ method: HTTPRequest.Method, _ uri: String, token: String?, body: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/json"]
                if let token { headers[.authorization] = "Bearer \(token)" }
                return try await client.execute(uri: uri, method: method, headers: headers, body: body.map { ByteBuffer(string: $0) })
            }
            #expect(try await call(.get, "/api/v1/tokens", token: nil).status == .unauthorized)
            #expect(try await call(.get, "/api/v1/tokens", token: fixture.viewer).status == .forbidden)
            #expect(try await call(.post, "/api/v1/tokens", token: fixture.auditor, body: #"{"name":"x"}"#).status == .forbidden)
            #expect(try await call(.delete, "/api/v1/tokens/reader", token: fixture.auditor).status == .forbidden)

            let created = try await call(.post, "/api/v1/tokens", token: fixture.admin, body: #"{"name":"ci-bot","role":"auditor"}"#)
            #expect(created.status == .created)
            #expect(created.headers[.cacheControl] == "no-store")
            let answer = try json(created)
            let token = try #require(answer["token"] as? String)
            #expect(answer["name"] as? String == "ci-bot" && answer["role"] as? String == "auditor")
            #expect(fixture.tokens.authenticate(token)?.role == .auditor)
            #expect(try await call(.get, "/api/v1/units", token: token).status == .ok)
            // Stored hashed: neither the token nor anything that signs in is in the file.
            let file = try String(contentsOf: fixture.folder.appendingPathComponent("tokens.json"), encoding: .utf8)
            #expect(!file.contains(token) && file.contains(TokenStore.hash(token)))

            let listed = try await call(.get, "/api/v1/tokens", token: fixture.admin)
            let body = String(buffer: listed.body)
            #expect(listed.status == .ok)
            #expect(!body.contains(token) && !body.contains(TokenStore.hash(token)) && !body.contains("sha256"))
            let rows = try #require(try json(listed)["tokens"] as? [[String: Any]])
            #expect(rows.map { $0["name"] as? String } == ["ci-bot", "kiem-toan", "quan-tri", "reader"])
            #expect(rows.allSatisfy { Set($0.keys) == ["name", "role", "created"] })

            #expect(try await call(.post, "/api/v1/tokens", token: fixture.admin, body: #"{"name":"ci-bot"}"#).status == .conflict)
            #expect(try await call(.post, "/api/v1/tokens", token: fixture.admin, body: #"{"name":"a b"}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/tokens", token: fixture.admin, body: #"{"name":"ok","role":"root"}"#).status == .badRequest)
            #expect(try await call(.post, "/api/v1/tokens", token: fixture.admin, body: "name=ok").status == .badRequest)

            #expect(try await call(.delete, "/api/v1/tokens/ci-bot", token: fixture.admin).status == .noContent)
            #expect(try await call(.get, "/api/v1/units", token: token).status == .unauthorized)
            #expect(try await call(.delete, "/api/v1/tokens/ci-bot", token: fixture.admin).status == .notFound)
        }
    }

    @Test("with a dashboard session: the page lists tokens and shows a new one once; forms need the session's form token and same origin; API changes need X-CSRF-Token; revoking a token ends its sessions; viewers get 403")
    func dashboardAndCrossSite() async throws {
        let fixture = try ServiceFixture(scans: 1, units: 2, hosts: 4)
        defer { fixture.remove() }
        let server = try await fixture.server()
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let session = try await ServerTests.signIn(client, token: fixture.admin)
            let cookie: HTTPFields = [.cookie: "ictaudit_session=\(session)"]
            let page = try await client.execute(uri: "/tokens?lang=en", method: .get, headers: cookie)
            let html = String(buffer: page.body)
            #expect(page.status == .ok)
            #expect(html.contains("API tokens") && html.contains("quan-tri") && html.contains("kiem-toan"))
            #expect(!html.contains(fixture.admin) && !html.contains(TokenStore.hash(fixture.admin)))
            let csrf = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)

            func post(_ path: String, _ form: String, origin: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: "ictaudit_session=\(session)"]
                if let origin { headers[.origin] = origin }
                return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: form))
            }
            #expect(try await post("/tokens", "name=forged&role=admin").status == .forbidden)
            #expect(try await post("/tokens", "csrf=\(csrf)&name=forged&role=admin", origin: "http://evil.example").status == .forbidden)
            #expect(fixture.tokens.all.allSatisfy { $0.name != "forged" })

            let made = try await post("/tokens?lang=vi", "csrf=\(csrf)&name=bao-cao&role=viewer")
            let madeHTML = String(buffer: made.body)
            #expect(made.status == .created)
            let shown = try #require(madeHTML.firstMatch(of: /id="new-token-value">(ict_[A-Za-z0-9_-]+)</)?.1)
            #expect(fixture.tokens.authenticate(String(shown))?.name == "bao-cao")
            #expect(madeHTML.contains("chỉ hiện một lần"))
            let again = String(buffer: try await client.execute(uri: "/tokens", method: .get, headers: cookie).body)
            #expect(!again.contains(String(shown)) && again.contains("bao-cao"))
            #expect(try await post("/tokens", "csrf=\(csrf)&name=bao-cao&role=viewer").status == .conflict)

            // The API with the session cookie instead of a Bearer token: only with the form token.
            var apiHeaders: HTTPFields = cookie
            apiHeaders[.contentType] = "application/json"
            let withoutCSRF = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: apiHeaders, body: ByteBuffer(string: #"{"name":"via-cookie"}"#))
            #expect(withoutCSRF.status == .forbidden)
            #expect(try await client.execute(uri: "/api/v1/tokens/bao-cao", method: .delete, headers: apiHeaders).status == .forbidden)
            apiHeaders[.csrfToken] = String(csrf)
            let withCSRF = try await client.execute(
                uri: "/api/v1/tokens", method: .post, headers: apiHeaders, body: ByteBuffer(string: #"{"name":"via-cookie"}"#))
            #expect(withCSRF.status == .created)

            // A viewer's session: no tokens page, no link to it.
            let viewerSession = try await ServerTests.signIn(client, token: String(shown))
            let viewerCookie: HTTPFields = [.cookie: "ictaudit_session=\(viewerSession)"]
            #expect(try await client.execute(uri: "/tokens", method: .get, headers: viewerCookie).status == .forbidden)
            #expect(!String(buffer: try await client.execute(uri: "/scans", method: .get, headers: viewerCookie).body).contains("/tokens"))
            #expect(String(buffer: try await client.execute(uri: "/scans", method: .get, headers: cookie).body).contains("href=\"/tokens\""))

            // Revoked from the admin's page: the viewer's session ends with its token.
            let revoked = try await post("/tokens/bao-cao/revoke", "csrf=\(csrf)")
            #expect(revoked.status == .seeOther && revoked.headers[.location] == "/tokens")
            #expect(fixture.tokens.authenticate(String(shown)) == nil)
            let after = try await client.execute(uri: "/scans", method: .get, headers: viewerCookie)
            #expect(after.status == .seeOther && after.headers[.location] == "/login")
            #expect(try await post("/tokens/bao-cao/revoke", "csrf=\(csrf)").status == .notFound)
        }
    }
}
