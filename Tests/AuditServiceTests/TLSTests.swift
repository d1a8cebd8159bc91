import Foundation
import Hummingbird
import ICTAuditTesting
import SourceYAML
import Testing

@testable import AuditService

/// HTTPS from the certificate and key that service.yaml names, checked with a certificate made
/// at test time by the openssl command and real requests by curl (an independent TLS client).
struct TLSTests {
    /// A self-signed certificate for 127.0.0.1 and localhost (P-256, one day), made by `openssl req`.
    static func certificate(in folder: URL, name: String) async throws -> (certificate: String, key: String) {
        let certificate = folder.appendingPathComponent("\(name).pem").path
        let key = folder.appendingPathComponent("\(name)-key.pem").path
        let made = try await CommandRunner.run(
            "/usr/bin/openssl",
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-days", "1",
             "-subj", "/CN=ictaudit test", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost", "-keyout", key, "-out", certificate],
            timeout: .seconds(60))
        try #require(made.status == 0, "openssl req: \(made.standardError)")
        return (certificate, key)
    }

    static var toolsMissing: String? {
        ["/usr/bin/openssl", "/usr/bin/curl"].first { !FileManager.default.isExecutableFile(atPath: $0) }.map {
            "\($0) is not installed (apt-get install openssl curl)"
        }
    }

    @Test("service.yaml's tls_certificate and tls_key serve HTTPS: curl --cacert gets /healthz, the API with a token and the login page (cookie Secure, HSTS); curl without the CA refuses the certificate; plain HTTP gets no page")
    func servesHTTPS() async throws {
        if let reason = Self.toolsMissing { try Test.cancel(Comment(rawValue: reason)) }
        let fixture = try ServiceFixture(scans: 1, units: 2, hosts: 4)
        defer { fixture.remove() }
        let tlsFolder = fixture.folder.appendingPathComponent("tls")
        try FileManager.default.createDirectory(at: tlsFolder, withIntermediateDirectories: true)
        let made = try await Self.certificate(in: tlsFolder, name: "cert")

        // Relative paths are from the configuration file's folder, as for every other path.
        let configuration = try ServiceConfiguration(stateDirectory: fixture.folder.path).applying(
            text: "listen: 127.0.0.1:0\ntls_certificate: tls/cert.pem\ntls_key: tls/cert-key.pem\n",
            file: fixture.folder.appendingPathComponent("service.yaml").path)
        #expect(configuration.tlsCertificate == made.certificate && configuration.tlsKey == made.key)
        let tls = try ServiceTLS.configuration(certificate: try #require(configuration.tlsCertificate), key: try #require(configuration.tlsKey))

        let port = PortBox()
        let app = try await fixture.server().application(host: "127.0.0.1", port: 0, tls: tls) { port.set($0) }
        let serving = Task { try await app.runService() }
        defer { serving.cancel() }
        let deadline = ContinuousClock.now + .seconds(30)
        while port.value == nil, ContinuousClock.now < deadline { try await Task.sleep(for: .milliseconds(20)) }
        let base = "https://127.0.0.1:\(try #require(port.value))"

        func curl(_ arguments: [String]) async throws -> CommandRunner.Result {
            try await CommandRunner.run("/usr/bin/curl", ["-sS", "--max-time", "20"] + arguments, timeout: .seconds(30))
        }
        let health = try await curl(["--cacert", made.certificate, base + "/healthz"])
        #expect(health.status == 0, "\(health.standardError)")
        #expect(health.standardOutputText == "ok\n")
        let units = try await curl(["--cacert", made.certificate, "-H", "Authorization: Bearer \(fixture.viewer)", "-w", "\n%{http_code}", base + "/api/v1/units"])
        #expect(units.standardOutputText.hasSuffix("\n200") && units.standardOutputText.contains("\"units\""))
        let login = try await curl(["--cacert", made.certificate, "-D", "-", "-o", "/dev/null", base + "/login"])
        let headers = login.standardOutputText.lowercased()
        #expect(headers.contains("strict-transport-security: max-age=31536000"))
        #expect(headers.contains("set-cookie: ictaudit_login=") && headers.split(separator: "\n").filter { $0.hasPrefix("set-cookie") }.allSatisfy { $0.contains("; secure") })

        let untrusted = try await curl([base + "/healthz"])
        #expect(untrusted.status == 60, "curl trusts no certificate it was not given: \(untrusted.status) \(untrusted.standardError)")
        let plain = try await curl(["http://127.0.0.1:\(port.value!)/healthz"])
        #expect(plain.status != 0 && plain.standardOutputText.isEmpty)
    }

    @Test("a TLS key without its certificate is a service.yaml error at its line; a missing file, a file that is not PEM and a key of another certificate each stop the start naming the file")
    func badConfigurationsNameTheProblem() async throws {
        #expect {
            _ = try ServiceConfiguration(stateDirectory: "/tmp/x").applying(text: "listen: 127.0.0.1:8470\ntls_key: /etc/k.pem\n", file: "/etc/ictaudit/service.yaml")
        } throws: { error in
            "\(error)".hasPrefix("/etc/ictaudit/service.yaml:2:") && "\(error)".contains("'tls_certificate' and 'tls_key' go together")
        }
        if let reason = Self.toolsMissing { try Test.cancel(Comment(rawValue: reason)) }
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("ictaudit-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let one = try await Self.certificate(in: folder, name: "one")
        let two = try await Self.certificate(in: folder, name: "two")
        #expect(throws: Never.self) { try ServiceTLS.configuration(certificate: one.certificate, key: one.key) }
        func problem(_ certificate: String, _ key: String) -> String {
            do {
                _ = try ServiceTLS.configuration(certificate: certificate, key: key)
                return "accepted"
            } catch {
                return error.description
            }
        }
        let missing = folder.appendingPathComponent("absent.pem").path
        #expect(problem(missing, one.key) == "\(missing): the TLS certificate does not exist")
        #expect(problem(one.certificate, missing) == "\(missing): the TLS private key does not exist")
        let text = folder.appendingPathComponent("not.pem").path
        try "hello\n".write(toFile: text, atomically: true, encoding: .utf8)
        #expect(problem(text, one.key).hasPrefix("\(text): "))
        #expect(problem(one.certificate, text).hasPrefix("\(text): not an unencrypted PEM private key"))
        #expect(problem(one.certificate, two.key).hasPrefix("\(two.key) does not go with \(one.certificate)"))
    }
}

/// The port a server chose, learnt from its start callback.
final class PortBox: @unchecked Sendable {
    private let lock = NSLock()
    private var port: Int?
    func set(_ value: Int) { lock.withLock { port = value } }
    var value: Int? { lock.withLock { port } }
}
