import Audit
import Foundation
import ICTAuditTesting
import InventoryModel
import PolicyEngine
import Testing

/// Files are read from disk in Audit and handed to the core's loaders as text; the file's path
/// still names every error.
struct SourceFileTests {
    @Test("load(contentsOf:) reads a file and reports its path in errors")
    func loadFromFile() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent(
            "ictaudit-policy-\(UUID().uuidString).yaml")
        try PolicyText.oneRule(tail: "    check: host.prot == 22").write(
            to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        #expect(throws: PolicyError.self) { try Policy.load(contentsOf: url) }
        let error = Self.loadError(try String(contentsOf: url, encoding: .utf8), file: url.path)
        #expect(
            error?.description
                == "\(url.path):11:17: unknown field 'prot' on Host; did you mean 'port'?")
        do {
            _ = try Policy.load(contentsOf: url)
        } catch {
            #expect(error.file == url.path)
            #expect(error.line == 11)
        }
        let missing = url.deletingLastPathComponent().appendingPathComponent(
            "does-not-exist-\(UUID().uuidString).yaml")
        #expect(throws: PolicyError.self) { try Policy.load(contentsOf: missing) }
    }

    static func loadError(_ text: String, file: String) -> PolicyError? {
        do {
            _ = try Policy.parse(text: text, file: file)
            return nil
        } catch {
            return error
        }
    }
}
