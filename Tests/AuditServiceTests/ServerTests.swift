import Audit
import Foundation
import Hummingbird
import HummingbirdTesting
import ICTAuditTesting
import InventoryModel
import Logging
import Testing

@testable import AuditService

/// The API and pages over a real server on 127.0.0.1: tokens and roles, escaping, security
/// headers, forms guarded against cross-site posts, metrics.
struct ServerTests {
    static func bearer(_ token: String) -> HTTPFields { [.authorization: "Bearer \(token)"] }

    static func object(_ body: ByteBuffer) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(String(buffer: body).utf8)) as! [String: Any]
    }

    @Test("the API refuses callers without a token, ranks units for a viewer, and leaves starting scans to auditors")
    func apiRoles() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let server = try await fixture.server()
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await client.execute(uri: "/api/v1/units", method: .get) { response in
                #expect(response.status == .unauthorized)
                #expect(response.headers[.wwwAuthenticate] == "Bearer realm=\"ictaudit\"")
                let problem = try Self.object(response.body)
                #expect(problem["error"] != nil)
            }
            try await client.execute(uri: "/api/v1/units", method: .get, headers: Self.bearer("ict_wrong")) { response in
                #expect(response.status == .unauthorized)
            }
            try await client.execute(uri: "/api/v1/units", method: .get, headers: Self.bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                let body = try Self.object(response.body)
                let units = body["units"] as! [[String: Any]]
                #expect(units.count == 4)
                #expect(units.map { $0["rank"] as! Int } == units.map { $0["rank"] as! Int }.sorted())
                // Three stored scans: each unit's trend has three points, oldest first.
                let trend = units[0]["trend"] as! [[String: Any]]
                #expect(trend.map { $0["scanID"] as! Int } == [1, 2, 3])
                #expect((body["scan"] as! [String: Any])["id"] as? Int == 3)
            }
            try await client.execute(uri: "/api/v1/schedules/daily/run", method: .post, headers: Self.bearer(fixture.viewer)) { response in
                #expect(response.status == .forbidden)
            }
            try await client.execute(uri: "/api/v1/schedules/daily/run", method: .post, headers: Self.bearer(fixture.auditor)) { response in
                #expect(response.status == .notFound)  // no scheduler in this test: the role passed
            }
        }
    }

    @Test("findings filter by unit, severity, verdict and policy; a wrong filter value is a 400 that says what is allowed")
    func findingFilters() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let server = try await fixture.server()
        let view = try #require(try await server.catalog.current())
        let expected = view.findings.filter { $0.unit == "unit-1" && $0.severity == .high && $0.verdict == .fail && $0.policyID == "ssh-hardening" }
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await client.execute(
                uri: "/api/v1/findings?unit=unit-1&severity=high&verdict=fail&policy=ssh-hardening", method: .get,
                headers: Self.bearer(fixture.viewer)
            ) { response in
                let body = try Self.object(response.body)
                #expect(body["total"] as? Int == expected.count)
                let rows = body["findings"] as! [[String: Any]]
                #expect(!rows.isEmpty)
                #expect(rows.allSatisfy { $0["unit"] as? String == "unit-1" && $0["verdict"] as? String == "fail" })
            }
            try await client.execute(uri: "/api/v1/findings?severity=urgent", method: .get, headers: Self.bearer(fixture.viewer)) { response in
                #expect(response.status == .badRequest)
                let problem = try Self.object(response.body)
                #expect((problem["error"] as? String)?.contains("critical") == true)
            }
            try await client.execute(uri: "/api/v1/scans/2/reports/html?lang=en", method: .get, headers: Self.bearer(fixture.viewer)) { response in
                #expect(response.status == .ok)
                #expect(response.headers[.contentDisposition]?.contains("scan-2-report.html") == true)
                #expect(String(buffer: response.body).contains("<html"))
            }
        }
    }

    @Test("an older scan's findings, paged by cursor, come from one build of its view, equal to the view built from the store; pages stay in order; cursor paging of the newest scan agrees with offsets")
    func olderScanPages() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let server = try await fixture.server()
        let expected = try #require(try ScanCatalog.build(scanID: 1, store: fixture.store, method: server.catalog.method))
        let failing = expected.findings.filter { $0.verdict == .fail }
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            for scan in ["&scan=1", ""] {
                var cursor: String?
                var seen: [[String: Any]] = []
                repeat {
                    let uri = "/api/v1/findings?verdict=fail&limit=7\(scan)" + (cursor.map { "&cursor=\($0)" } ?? "")
                    let body = try Self.object(try await client.execute(uri: uri, method: .get, headers: Self.bearer(fixture.viewer)).body)
                    seen += body["findings"] as! [[String: Any]]
                    cursor = body["nextCursor"] as? String
                } while cursor != nil && seen.count < 10_000
                let view = scan.isEmpty ? try #require(try await server.catalog.current()) : expected
                let wanted = view.findings.filter { $0.verdict == .fail }
                #expect(seen.count == wanted.count && seen.count > 7)
                #expect(seen.map { "\($0["host"]!) \($0["rule"]!)" } == wanted.map { "\($0.host) \($0.ruleID)" })
                let byOffset = try Self.object(
                    try await client.execute(uri: "/api/v1/findings?verdict=fail&limit=7&offset=7\(scan)", method: .get, headers: Self.bearer(fixture.viewer)).body)
                #expect((byOffset["findings"] as! [[String: Any]]).map { "\($0["host"]!)" } == seen[7..<min(14, seen.count)].map { "\($0["host"]!)" })
            }
            #expect(!failing.isEmpty)
        }
        #expect(await server.catalog.olderBuilds == 1)
    }

    @Test("pages need a session; sign-in needs the form token and same origin; a host's markup is shown as text under a strict CSP")
    func pagesAndEscaping() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let server = try await fixture.server()
        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            try await client.execute(uri: "/", method: .get) { response in
                #expect(response.status == .seeOther)
                #expect(response.headers[.location] == "/login")
                #expect(response.headers[.contentSecurityPolicy] == AuditServer.contentSecurityPolicy)
            }
            let loginCookie = try await client.execute(uri: "/login", method: .get) { response in
                #expect(response.status == .ok)
                let html = String(buffer: response.body)
                #expect(html.contains("Đăng nhập"))
                return try #require(Self.cookie("ictaudit_login", in: response.headers))
            }
            func post(_ path: String, _ form: String, cookies: String, origin: String? = nil) async throws -> TestResponse {
                var headers: HTTPFields = [.contentType: "application/x-www-form-urlencoded", .cookie: cookies]
                if let origin { headers[.origin] = origin }
                return try await client.execute(uri: path, method: .post, headers: headers, body: ByteBuffer(string: form))
            }
            let token = fixture.viewer.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!
            #expect(try await post("/login", "csrf=forged&token=\(token)", cookies: "ictaudit_login=\(loginCookie)").status == .forbidden)
            #expect(
                try await post("/login", "csrf=\(loginCookie)&token=\(token)", cookies: "ictaudit_login=\(loginCookie)", origin: "http://evil.example").status
                    == .forbidden)
            #expect(try await post("/login", "csrf=\(loginCookie)&token=nope", cookies: "ictaudit_login=\(loginCookie)").status == .unauthorized)
            let signedIn = try await post("/login", "csrf=\(loginCookie)&token=\(token)", cookies: "ictaudit_login=\(loginCookie)", origin: "http://localhost")
            #expect(signedIn.status == .seeOther)
            let session = try #require(Self.cookie("ictaudit_session", in: signedIn.headers))
            #expect(signedIn.headers[values: .setCookie].contains { $0.contains("HttpOnly") && $0.contains("SameSite=Strict") })

            let page = try await client.execute(uri: "/?lang=en", method: .get, headers: [.cookie: "ictaudit_session=\(session)"])
            #expect(page.status == .ok)
            let ranking = String(buffer: page.body)
            #expect(ranking.contains("Unit ranking"))
            #expect(ranking.contains("id=\"ranking-chart\""))
            #expect(ranking.contains("Information Department 0"))

            // Host 3 reports a hostname with markup and a finding message with an event handler.
            let host = try await client.execute(uri: "/hosts/10.0.0.3:22", method: .get, headers: [.cookie: "ictaudit_session=\(session)"])
            let html = String(buffer: host.body)
            #expect(html.contains("&lt;script&gt;alert(&#39;h3&#39;)&lt;/script&gt;"))
            #expect(!html.contains("<script"))
            #expect(!html.contains("<img src=x"))

            // A viewer's session may not start scans, even with a valid form token.
            let csrf = try #require(html.firstMatch(of: /name="csrf" value="([0-9a-f]+)"/)?.1)
            let refused = try await post("/schedules/daily/run", "csrf=\(csrf)", cookies: "ictaudit_session=\(session)")
            #expect(refused.status == .forbidden)

            let metrics = try await client.execute(uri: "/metrics", method: .get)
            let text = String(buffer: metrics.body)
            #expect(text.contains("ictaudit_http_request_duration_seconds"))
            #expect(text.contains("route=\"/hosts/{host}\""))
        }
    }

    @Test("the API's and the dashboard's scan diff is the core's ScanDiff: findings, hosts, packages and ports that drifted, ranks")
    func diffIsTheCoreDiff() async throws {
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let server = try await fixture.server()
        var pipeline = AuditPipeline(logger: Logger(label: "test"))
        pipeline.rankingMethod = server.catalog.method
        let core = try pipeline.diff(from: 1, to: 3, store: fixture.store)
        // What drifted, read from the synthetic fleet itself: hosts answering both times whose
        // openssl version or open ports differ.
        let fleet = SyntheticFleet(units: 4, hosts: 40)
        let start = Date(timeIntervalSince1970: 1_796_000_000)
        let first = fleet.snapshot(scan: 0, start: start).0.hosts
        let third = fleet.snapshot(scan: 2, start: start.addingTimeInterval(2 * 86_400)).0.hosts
        var upgraded: Set<String> = []
        var portsMoved: Set<String> = []
        for (old, new) in zip(first, third) {
            guard let was = old.facts, let now = new.facts else { continue }
            if was.packages?.first(where: { $0.name == "openssl" })?.version != now.packages?.first(where: { $0.name == "openssl" })?.version {
                upgraded.insert(new.target.endpoint)
            }
            if Set(was.listening) != Set(now.listening) { portsMoved.insert(new.target.endpoint) }
        }
        #expect(!upgraded.isEmpty && !portsMoved.isEmpty)
        #expect(Set(core.hostChanges.filter { !$0.packages.isEmpty }.map(\.host.endpoint)) == upgraded)
        #expect(Set(core.hostChanges.filter { !($0.portsOpened + $0.portsClosed).isEmpty }.map(\.host.endpoint)) == portsMoved)
        #expect(core.findingsCompared && core.rankingCompared && !core.newFindings.isEmpty && !core.resolvedFindings.isEmpty)

        try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            let answer = try await client.execute(uri: "/api/v1/scans/1/diff/3", method: .get, headers: Self.bearer(fixture.viewer))
            #expect(answer.status == .ok)
            let decoder = JSONDecoder()
            decoder.dateDecodingStrategy = .iso8601
            let served = try decoder.decode(ScanDiff.self, from: Data(String(buffer: answer.body).utf8))
            #expect(served == core)
            #expect(try await client.execute(uri: "/api/v1/scans/1/diff/99", method: .get, headers: Self.bearer(fixture.viewer)).status == .notFound)

            let session = try await Self.signIn(client, token: fixture.viewer)
            let page = try await client.execute(uri: "/scans/1/diff/3?lang=en", method: .get, headers: [.cookie: "ictaudit_session=\(session)"])
            #expect(page.status == .ok)
            let html = String(buffer: page.body)
            #expect(html.contains("Comparison of two scans: #1 → #3"))
            #expect(html.contains("Resolved findings") && html.contains("Ports opened"))
            let upgrade = try #require(core.hostChanges.first { !$0.packages.isEmpty })
            let package = try #require(upgrade.packages.first)
            #expect(html.contains("~ openssl:amd64 \(package.before ?? "") → \(package.after ?? "")"))
            #expect(!html.contains("<script"))
            let vietnamese = try await client.execute(uri: "/scans/1/diff/3?lang=vi", method: .get, headers: [.cookie: "ictaudit_session=\(session)"])
            #expect(String(buffer: vietnamese.body).contains("Lỗi đã khắc phục"))
        }
    }

    /// Signs in through the login form, as a browser does; returns the session cookie.
    static func signIn(_ client: some TestClientProtocol, token: String) async throws -> String {
        let login = try await client.execute(uri: "/login", method: .get)
        let csrf = try #require(cookie("ictaudit_login", in: login.headers))
        let form = "csrf=\(csrf)&token=\(token.addingPercentEncoding(withAllowedCharacters: .alphanumerics)!)"
        let response = try await client.execute(
            uri: "/login", method: .post,
            headers: [.contentType: "application/x-www-form-urlencoded", .cookie: "ictaudit_login=\(csrf)"], body: ByteBuffer(string: form))
        return try #require(cookie("ictaudit_session", in: response.headers))
    }

    static func cookie(_ name: String, in headers: HTTPFields) -> String? {
        for value in headers[values: .setCookie] where value.hasPrefix(name + "=") {
            return String(value.dropFirst(name.count + 1).prefix { $0 != ";" })
        }
        return nil
    }
}
