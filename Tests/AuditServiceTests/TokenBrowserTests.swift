import Foundation
import Hummingbird
import HummingbirdTesting
import ICTAuditTesting
import Testing

@testable import AuditService

/// Token management in a real headless Chromium (Debian's `chromium`) over a real server on
/// 127.0.0.1, the new token then used and refused over plain HTTP.
struct TokenBrowserTests {
    @Test("an admin makes a token on the Tokens page (shown once, in the yellow notice), it works over HTTP, a reload no longer shows it, and its Revoke button makes the API refuse it")
    func manageTokensInTheBrowser() async throws {
        guard FileManager.default.isExecutableFile(atPath: "/usr/bin/chromium") else {
            try Test.cancel("chromium is not installed (apt-get install chromium)")
        }
        let fixture = try ServiceFixture(scans: 1, units: 2, hosts: 6)
        defer { fixture.remove() }
        let server = try await fixture.server()
        let shots = fixture.folder.appendingPathComponent("shots")
        try FileManager.default.createDirectory(at: shots, withIntermediateDirectories: true)
        let report = try await DashboardBrowserTests.walk("token_walk.py", server: server, [fixture.admin, shots.path], timeout: .seconds(180))
        #expect(report["error"] == nil, "\(report["error"] ?? "") \(report["error_page"] ?? "")")
        #expect(report["tokens_path"] as? String == "/tokens")
        #expect(report["heading"] as? String == "API tokens")
        #expect(report["names_before"] as? [String] == ["kiem-toan", "quan-tri", "reader"])
        #expect(report["shown_once"] as? Bool == true)
        #expect(report["new_token_name"] as? String == "ci-bot")
        #expect(report["names_after_create"] as? [String] == ["ci-bot", "kiem-toan", "quan-tri", "reader"])
        #expect((report["notice_pixels"] as? Int ?? 0) > 2000, "the new token's notice is on the screenshot")
        #expect(report["api_with_new_token"] as? Int == 200)
        #expect(report["token_on_reload"] as? Bool == false)
        #expect(report["after_revoke_path"] as? String == "/tokens")
        #expect(report["names_after_revoke"] as? [String] == ["kiem-toan", "quan-tri", "reader"])
        #expect(report["api_after_revoke"] as? Int == 401)
        #expect((report["csp_violations"] as? [String])?.isEmpty == true, "\(report["csp_violations"] ?? "")")
        #expect(fixture.tokens.all.map(\.name).sorted() == ["kiem-toan", "quan-tri", "reader"])
        let keep = DashboardBrowserTests.root.appendingPathComponent(".build/token-screenshots")
        try? FileManager.default.removeItem(at: keep)
        try? FileManager.default.copyItem(at: shots, to: keep)
    }
}
