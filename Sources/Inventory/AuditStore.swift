import Foundation
import GRDB
import InventoryModel

/// The embedded SQLite store of scans, their host results and their evaluations.
///
/// A scan is written in one transaction, so a run that is interrupted (crash, Ctrl-C, full disk)
/// leaves every earlier scan whole and no partial scan behind. Host records are kept as JSON
/// documents beside a few indexed columns: the model grows without a migration per fact.
public final class AuditStore: Sendable {
    public let path: String
    private let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            database = try DatabaseQueue(path: path, configuration: configuration)
            try Self.migrator.migrate(database)
        } catch {
            throw StoreError(path: path, message: "cannot open the store: \(error)")
        }
    }

    /// The default store: `$ICTAUDIT_STORE`, else `$XDG_DATA_HOME/ictaudit/ictaudit.sqlite`,
    /// else `~/.local/share/ictaudit/ictaudit.sqlite`.
    public static func defaultPath(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let explicit = environment["ICTAUDIT_STORE"], !explicit.isEmpty { return explicit }
        let dataHome =
            environment["XDG_DATA_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? FileManager.default.homeDirectoryForCurrentUser.appendingPathComponent(".local/share").path
        return URL(fileURLWithPath: dataHome).appendingPathComponent("ictaudit/ictaudit.sqlite").path
    }

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1: scans, hosts, evaluations, findings") { db in
            try db.create(table: "scan") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("inventory_name", .text).notNull()
                t.column("started_at", .datetime).notNull()
                t.column("finished_at", .datetime).notNull()
                t.column("units_json", .blob).notNull()
            }
            try db.create(table: "host_result") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scan_id", .integer).notNull().indexed().references("scan", onDelete: .cascade)
                t.column("position", .integer).notNull()
                t.column("endpoint", .text).notNull()
                t.column("unit_id", .text).notNull()
                t.column("status", .text).notNull()
                t.column("hostname", .text)
                t.column("record_json", .blob).notNull()
            }
            try db.create(table: "evaluation") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("scan_id", .integer).notNull().indexed().references("scan", onDelete: .cascade)
                t.column("created_at", .datetime).notNull()
                t.column("policies", .text).notNull()
            }
            try db.create(table: "finding") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("evaluation_id", .integer).notNull().indexed().references("evaluation", onDelete: .cascade)
                t.column("policy_id", .text).notNull()
                t.column("rule_id", .text).notNull()
                t.column("endpoint", .text).notNull()
                t.column("unit_id", .text).notNull()
                t.column("verdict", .text).notNull()
                t.column("severity", .text).notNull()
                t.column("record_json", .blob).notNull()
            }
        }
        migrator.registerMigration("v2: passive capture kept with its scan") { db in
            try db.alter(table: "scan") { t in t.add(column: "captures_json", .blob) }
        }
        return migrator
    }

    // MARK: Scans

    /// Stores a scan atomically and returns its id.
    @discardableResult
    public func save(_ snapshot: InventorySnapshot) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO scan (inventory_name, started_at, finished_at, units_json, captures_json)
                    VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [
                    snapshot.inventoryName, snapshot.startedAt, snapshot.finishedAt, try Self.encode(snapshot.units),
                    snapshot.captures.isEmpty ? nil : try Self.encode(snapshot.captures),
                ])
            let scanID = db.lastInsertedRowID
            for (position, host) in snapshot.hosts.enumerated() {
                try db.execute(
                    sql: """
                        INSERT INTO host_result (scan_id, position, endpoint, unit_id, status, hostname, record_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        scanID, position, host.target.endpoint, host.target.unit, host.status.rawValue,
                        host.facts?.hostname, try Self.encode(host),
                    ])
            }
            return scanID
        }
    }

    /// A stored scan, or `nil` if there is none with that id.
    public func snapshot(id: Int64) throws(StoreError) -> InventorySnapshot? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM scan WHERE id = ?", arguments: [id]) else { return nil }
            let hosts = try Data.fetchAll(
                db, sql: "SELECT record_json FROM host_result WHERE scan_id = ? ORDER BY position", arguments: [id]
            ).map { try Self.decode(HostScan.self, $0) }
            let captures: Data? = row["captures_json"]
            return InventorySnapshot(
                scanID: id, inventoryName: row["inventory_name"], startedAt: row["started_at"],
                finishedAt: row["finished_at"], units: try Self.decode([InventoryModel.Unit].self, row["units_json"]),
                hosts: hosts, captures: try captures.map { try Self.decode([WireCapture].self, $0) } ?? [])
        }
    }

    /// The newest scan's id.
    public func latestScanID() throws(StoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM scan") }
    }

    /// One line per stored scan, newest first.
    public func scans() throws(StoreError) -> [ScanSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.inventory_name, s.started_at, s.finished_at,
                           COUNT(h.id) AS hosts, SUM(h.status = 'scanned') AS scanned
                    FROM scan s LEFT JOIN host_result h ON h.scan_id = s.id
                    GROUP BY s.id ORDER BY s.id DESC
                    """
            ).map {
                ScanSummary(
                    id: $0["id"], inventoryName: $0["inventory_name"], startedAt: $0["started_at"],
                    finishedAt: $0["finished_at"], hosts: $0["hosts"], scanned: $0["scanned"] ?? 0)
            }
        }
    }

    // MARK: Evaluations

    /// Stores the findings of evaluating a scan against a set of policies, atomically.
    @discardableResult
    public func saveEvaluation(
        scanID: Int64, policies: [String], findings: [Finding], at date: Date
    ) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO evaluation (scan_id, created_at, policies) VALUES (?, ?, ?)",
                arguments: [scanID, date, policies.joined(separator: ",")])
            let evaluationID = db.lastInsertedRowID
            for finding in findings {
                try db.execute(
                    sql: """
                        INSERT INTO finding (evaluation_id, policy_id, rule_id, endpoint, unit_id, verdict, severity, record_json)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        evaluationID, finding.policyID, finding.ruleID, finding.host, finding.unit,
                        finding.verdict.rawValue, finding.severity.rawValue, try Self.encode(finding),
                    ])
            }
            return evaluationID
        }
    }

    /// The newest evaluation of a scan and its findings.
    public func latestEvaluation(scanID: Int64) throws(StoreError) -> (id: Int64, policies: [String], findings: [Finding])? {
        try read { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT id, policies FROM evaluation WHERE scan_id = ? ORDER BY id DESC LIMIT 1",
                    arguments: [scanID])
            else { return nil }
            let id: Int64 = row["id"]
            let policies: String = row["policies"]
            let findings = try Data.fetchAll(
                db, sql: "SELECT record_json FROM finding WHERE evaluation_id = ? ORDER BY id", arguments: [id]
            ).map { try Self.decode(Finding.self, $0) }
            return (id, policies.split(separator: ",").map(String.init), findings)
        }
    }

    // MARK: Plumbing

    private func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch {
            throw StoreError(path: path, message: "cannot write to the store (nothing of this write was kept): \(error)")
        }
    }

    private func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch {
            throw StoreError(path: path, message: "cannot read the store: \(error)")
        }
    }

    private static func encode(_ value: some Encodable) throws -> Data {
        // Dates as exact seconds: a re-evaluated scan must see the very instants the scan saw.
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .deferredToDate
        encoder.outputFormatting = [.sortedKeys]
        return try encoder.encode(value)
    }

    private static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T {
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .deferredToDate
        return try decoder.decode(type, from: data)
    }
}

/// One stored scan, as `ictaudit scans` lists it.
public struct ScanSummary: Sendable, Hashable {
    public var id: Int64
    public var inventoryName: String
    public var startedAt: Date
    public var finishedAt: Date
    public var hosts: Int
    public var scanned: Int
}

/// A store that could not be opened, read or written.
public struct StoreError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public var description: String { "\(path): \(message)" }
}
