import Foundation
import Hummingbird
import HummingbirdTesting
import ICTAuditTesting
import Logging
import Testing

@testable import AuditService

/// The OpenAPI document against the running server: every documented operation is called and
/// every answer's status, content type and JSON body must be what the document says.
struct OpenAPITests {
    @Test("every documented operation answers as the OpenAPI document says (checked by jsonschema and openapi-spec-validator)")
    func documentMatchesServer() async throws {
        guard let python = Self.python else {
            try Test.cancel("python3 with jsonschema and openapi-spec-validator is not installed")
        }
        let fixture = try ServiceFixture()
        defer { fixture.remove() }
        let clock = ManualClock(Date())
        let scheduler = Scheduler(
            schedules: [try ScheduleTests.schedule("daily", "0 2 * * *")], clock: clock, runner: HeldRunner(), stateFile: nil,
            logger: .init(label: "test"))
        let server = try await fixture.server(scheduler: scheduler)
        let calls: [(template: String, method: HTTPRequest.Method, uri: String, token: String?, body: String?)] = [
            ("/api/v1/units", .get, "/api/v1/units", fixture.viewer, nil),
            ("/api/v1/units", .get, "/api/v1/units", nil, nil),
            ("/api/v1/units/{unit}", .get, "/api/v1/units/unit-2", fixture.viewer, nil),
            ("/api/v1/units/{unit}", .get, "/api/v1/units/nope", fixture.viewer, nil),
            ("/api/v1/hosts/{host}", .get, "/api/v1/hosts/10.0.0.3:22", fixture.viewer, nil),
            ("/api/v1/findings", .get, "/api/v1/findings?verdict=fail&limit=5", fixture.viewer, nil),
            ("/api/v1/findings", .get, "/api/v1/findings?verdict=maybe", fixture.viewer, nil),
            ("/api/v1/scans", .get, "/api/v1/scans", fixture.viewer, nil),
            ("/api/v1/scans/{scan}/diff/{to}", .get, "/api/v1/scans/1/diff/2", fixture.viewer, nil),
            ("/api/v1/scans/{scan}/reports/{format}", .get, "/api/v1/scans/1/reports/json", fixture.viewer, nil),
            ("/api/v1/schedules", .get, "/api/v1/schedules", fixture.viewer, nil),
            ("/api/v1/schedules/{name}/run", .post, "/api/v1/schedules/daily/run", fixture.viewer, nil),
            ("/api/v1/schedules/{name}/run", .post, "/api/v1/schedules/daily/run", fixture.auditor, nil),
            ("/api/v1/schedules/{name}/run", .post, "/api/v1/schedules/daily/run", fixture.auditor, nil),
            ("/api/v1/runs", .get, "/api/v1/runs", fixture.viewer, nil),
            ("/metrics", .get, "/metrics", nil, nil),
            ("/healthz", .get, "/healthz", nil, nil),
            ("/openapi.json", .get, "/openapi.json", nil, nil),
            ("/api/v1/tokens", .get, "/api/v1/tokens", fixture.admin, nil),
            ("/api/v1/tokens", .get, "/api/v1/tokens", fixture.auditor, nil),
            ("/api/v1/tokens", .post, "/api/v1/tokens", fixture.admin, #"{"name": "robot", "role": "viewer"}"#),
            ("/api/v1/tokens", .post, "/api/v1/tokens", fixture.admin, #"{"name": "robot"}"#),
            ("/api/v1/tokens", .post, "/api/v1/tokens", fixture.admin, #"{"name": "no spaces"}"#),
            ("/api/v1/tokens", .post, "/api/v1/tokens", nil, #"{"name": "x"}"#),
            ("/api/v1/tokens", .post, "/api/v1/tokens", fixture.viewer, #"{"name": "x"}"#),
            ("/api/v1/tokens/{name}", .delete, "/api/v1/tokens/robot", fixture.admin, nil),
            ("/api/v1/tokens/{name}", .delete, "/api/v1/tokens/robot", fixture.admin, nil),
            ("/api/v1/tokens/{name}", .delete, "/api/v1/tokens/robot", nil, nil),
            ("/api/v1/tokens/{name}", .delete, "/api/v1/tokens/robot", fixture.viewer, nil),
        ]
        let (lines, statuses) = try await server.application(host: "127.0.0.1", port: 0).test(.live) { client in
            var lines: [String] = []
            var statuses: [Int] = []
            for call in calls {
                var headers: HTTPFields = call.token.map { [.authorization: "Bearer \($0)"] } ?? [:]
                if call.body != nil { headers[.contentType] = "application/json" }
                let response = try await client.execute(
                    uri: call.uri, method: call.method, headers: headers, body: call.body.map { ByteBuffer(string: $0) })
                statuses.append(Int(response.status.code))
                let answer: [String: Any] = [
                    "path": call.template, "method": call.method.rawValue.lowercased(), "status": Int(response.status.code),
                    "contentType": response.headers[.contentType] ?? "", "body": String(buffer: response.body),
                ]
                lines.append(String(decoding: try JSONSerialization.data(withJSONObject: answer), as: UTF8.self))
            }
            return (lines, statuses)
        }
        // The second start by an auditor finds the first still running (the runner holds it).
        #expect(statuses[11...13] == [403, 202, 409])
        #expect(statuses[18...] == [200, 403, 201, 409, 400, 401, 403, 204, 404, 401, 403])
        let file = fixture.folder.appendingPathComponent("answers.jsonl")
        try Data(lines.joined(separator: "\n").utf8).write(to: file)
        let result = try await CommandRunner.run(
            python, [Self.script, AuditServer.openAPIDocumentPath, file.path], timeout: .seconds(120))
        print(result.standardOutputText)
        #expect(result.status == 0, "\(result.standardOutputText)\(result.standardError)")
    }

    static var script: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Oracles/openapi_check.py").path
    }

    static let python: String? = {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", "-c", "import jsonschema, openapi_spec_validator, sys; print(sys.executable)"]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = FileHandle.nullDevice
        guard (try? process.run()) != nil else { return nil }
        process.waitUntilExit()
        let path = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
            .trimmingCharacters(in: .whitespacesAndNewlines)
        return process.terminationStatus == 0 && !path.isEmpty ? path : nil
    }()
}
