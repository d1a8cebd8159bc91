public import Foundation
import Inventory
public import InventoryModel
public import SSHScan
public import SourceYAML
public import Yams

/// How `ictaudit serve` runs: where it listens, its store, tokens, schedules and data.
///
/// Read from `/etc/ictaudit/service.yaml` (the installed, commented file) or `--config`;
/// command-line flags override single values. Read like every source file: a mistake is
/// `file:line:column: …`.
public struct ServiceConfiguration: Sendable, Hashable {
    public var host = "127.0.0.1"
    public var port = 8470
    public var store: String
    public var tokens: String
    public var schedules: String?
    /// Where policies, catalogues and ranking methods are (a folder holding `policies/`); `nil`:
    /// found as the CLI finds them (`/etc/ictaudit`, `share/ictaudit` beside the binary, …).
    public var data: String?
    /// Policies used by schedules that name none; empty: the data folder's.
    public var policies: [String]
    public var catalogues: String?
    /// Ranking method file for the dashboard and API; `nil`: the basic method.
    public var method: String?
    public var knownHosts: String?
    /// Where the scheduler remembers its last decisions.
    public var state: String
    public var logFormat: LogFormat = .text
    /// Hosts scanned at once by a scheduled audit (and by the resume of an interrupted one).
    public var scanConcurrency = 16
    /// Seconds one host may take before it is recorded as timed out.
    public var hostTimeout: Double = 30
    /// HTTPS: the certificate chain (PEM, server certificate first) and its private key; both or
    /// neither. Without them the service speaks plain HTTP.
    public var tlsCertificate: String?
    public var tlsKey: String?

    public enum LogFormat: String, Sendable, Hashable, CaseIterable {
        case text, json
    }

    /// Defaults that keep everything the service writes (store, tokens, scheduler state) in one
    /// state folder; the data it reads (policies, catalogues, methods) is `data`, apart.
    public init(stateDirectory: String, policies: [String] = [], catalogues: String? = nil) {
        store = stateDirectory + "/ictaudit.sqlite"
        tokens = stateDirectory + "/tokens.json"
        state = stateDirectory + "/scheduler-state.json"
        self.policies = policies
        self.catalogues = catalogues
    }

    static let keys = [
        "listen", "data", "store", "tokens", "schedules", "policies", "catalogues", "method", "known_hosts", "state", "log_format",
        "scan_concurrency", "host_timeout", "tls_certificate", "tls_key",
    ]

    /// Applies a configuration file's values over `self`; relative paths are from the file's folder.
    public func applying(text: String, file: String) throws(SourceError) -> ServiceConfiguration {
        var result = self
        let document = YAMLDocument(text: text, file: file)
        let root = try document.root(expecting: .vi("các thiết lập như 'listen:' và 'store:'", en: "settings such as 'listen:' and 'store:'"))
        let fields = try document.fields(of: root, in: .vi("cấu hình dịch vụ", en: "the service configuration"), allowed: Self.keys, required: [])
        let base = (file as NSString).deletingLastPathComponent
        func path(_ key: String) throws(SourceError) -> String? {
            guard let node = fields[key] else { return nil }
            let value = try document.string(node, key: key)
            return value.hasPrefix("/") || base.isEmpty ? value : (base as NSString).appendingPathComponent(value)
        }
        if let node = fields["listen"] {
            let value = try document.string(node, key: "listen")
            guard let colon = value.lastIndex(of: ":"), let port = Int(value[value.index(after: colon)...]), (0...65535).contains(port)
            else { throw document.error(ScheduleProblem.listen(value), at: node) }
            result.host = String(value[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]"))
            result.port = port
        }
        if let value = try path("data") { result.data = value }
        if let value = try path("store") { result.store = value }
        if let value = try path("tokens") { result.tokens = value }
        if let value = try path("schedules") { result.schedules = value }
        if let value = try path("catalogues") { result.catalogues = value }
        if let value = try path("method") { result.method = value }
        if let value = try path("known_hosts") { result.knownHosts = value }
        if let value = try path("state") { result.state = value }
        if let value = try path("tls_certificate") { result.tlsCertificate = value }
        if let value = try path("tls_key") { result.tlsKey = value }
        if (fields["tls_certificate"] == nil) != (fields["tls_key"] == nil), let node = fields["tls_certificate"] ?? fields["tls_key"] {
            throw document.error(ScheduleProblem.tlsPair, at: node)
        }
        if let node = fields["policies"] {
            var list: [String] = []
            switch node {
            case .sequence(let items):
                for item in items { list.append(try document.string(item, key: "policies")) }
            default: list = [try document.string(node, key: "policies")]
            }
            result.policies = list.map { $0.hasPrefix("/") || base.isEmpty ? $0 : (base as NSString).appendingPathComponent($0) }
        }
        if let node = fields["log_format"] {
            let value = try document.string(node, key: "log_format")
            guard let format = LogFormat(rawValue: value) else {
                throw document.error(ScheduleProblem.logFormat(value, suggestion: NameSuggestion.nearest(to: value, among: ["text", "json"])), at: node)
            }
            result.logFormat = format
        }
        if let node = fields["scan_concurrency"] {
            result.scanConcurrency = try document.integer(node, .key("scan_concurrency"), in: 1...1024)
        }
        if let node = fields["host_timeout"] {
            let value = try document.number(node, .key("host_timeout"))
            guard value > 0 else { throw document.error(ScheduleProblem.hostTimeout(value), at: node) }
            result.hostTimeout = value
        }
        return result
    }

    /// The scan options every audit of the service starts from: the same for a scheduled run
    /// and for the resume of one a crash interrupted.
    public var scanOptions: ScanOptions {
        ScanOptions(hostTimeout: hostTimeout, concurrency: scanConcurrency)
    }

    /// Applies the file at `path`.
    public func applying(file path: String) throws(SourceError) -> ServiceConfiguration {
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw SourceError(file: path, line: 1, column: 1, problem: FileProblem.reading(path, error))
        }
        return try applying(text: text, file: path)
    }
}
