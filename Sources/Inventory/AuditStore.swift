public import Foundation
import GRDB
public import InventoryModel

/// The embedded SQLite store of scans, their host results and their evaluations.
///
/// Nothing collected is lost: a scan row is written with its plan before the first host is
/// contacted, and each host's result is committed on its own as it finishes, so a scan cut short
/// (crash, `kill -9`, full disk) keeps every finished host and can be resumed for the rest
/// (`beginScan`, `saveHost`, `completeScan`). A scan counts as complete only once every planned
/// host has its result; readers that want "the latest scan" get the latest complete one.
///
/// History stays compact: evidence outputs, fact groups and findings are content-addressed
/// (`ContentStore`) and counted, so re-scanning and re-judging an unchanged host stores only what
/// differs (when, how long, uptime); `prune(keeping:)` removes old scans and whatever only they used. Host records are
/// JSON beside a few indexed columns: the model grows without a migration per fact.
public final class AuditStore: Sendable {
    public let path: String
    let database: DatabaseQueue

    /// Opens (creating if needed) the store at `path` and brings its schema up to date.
    public init(path: String) throws(StoreError) {
        self.path = path
        do {
            try FileManager.default.createDirectory(
                at: URL(fileURLWithPath: path).deletingLastPathComponent(), withIntermediateDirectories: true)
            var configuration = Configuration()
            configuration.foreignKeysEnabled = true
            configuration.busyMode = .timeout(10)
            // Evidence outputs of 1–4 KB (meminfo, service lists) leave most of a 4 KB page empty
            // when two do not fit; 16 KB pages pack them. Takes effect when the file is created.
            configuration.prepareDatabase { db in try db.execute(sql: "PRAGMA page_size = 16384") }
            database = try DatabaseQueue(path: path, configuration: configuration)
            // A file a newer ictaudit migrated has tables this one does not know how to keep
            // consistent: refuse it rather than misread or damage it.
            let unknown = try database.read { db in
                try Self.migrator.hasBeenSuperseded(db)
                    ? Self.migrator.appliedIdentifiers(db).subtracting(Self.migrator.migrations).sorted() : []
            }
            guard unknown.isEmpty else { throw StoreProblem.newerSchema(unknown: unknown) }
            try Self.migrator.migrate(database)
        } catch let problem as StoreProblem {
            throw StoreError(path: path, problem: problem)
        } catch {
            throw StoreError(path: path, problem: .cannotOpen(SQLiteFailure(error)))
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
        migrator.registerMigration("v3: resumable scans, content-addressed evidence and facts") { db in
            // Scans stored before this were written whole, so they are complete.
            try db.alter(table: "scan") { t in
                t.add(column: "plan_json", .blob)
                t.add(column: "planned_hosts", .integer)
                t.add(column: "complete", .boolean).notNull().defaults(to: true)
            }
            try db.create(index: "scan_inventory", on: "scan", columns: ["inventory_name", "id"])
            try db.alter(table: "host_result") { t in t.add(column: "layout_json", .blob) }
            // A host is recorded once per scan, whoever resumes it.
            try db.create(index: "host_result_scan_position", on: "host_result", columns: ["scan_id", "position"], unique: true)
            try ContentStore.createTables(db)
        }
        migrator.registerMigration("v4: findings as content, in runs of one host") { db in
            try db.create(table: "evaluation_run") { t in
                t.autoIncrementedPrimaryKey("id")
                t.column("evaluation_id", .integer).notNull().indexed().references("evaluation", onDelete: .cascade)
                t.column("sequence", .integer).notNull()
                t.column("endpoint", .text).notNull()
                t.column("unit_id", .text).notNull()
                // JSON array of content ids, one per finding, in order.
                t.column("findings_json", .blob).notNull()
            }
        }
        migrator.registerMigration("v5: large content in chunks; host rows from before v3 compacted") { db in
            try ContentStore.addChunks(db)
            // Here rather than in v3, so the rows are written with the content layout of today.
            try compactLegacyHosts(db)
        }
        migrator.registerMigration("v6: small per-scan summaries (rankings for trends)") { db in
            try db.create(table: "scan_summary") { t in
                t.column("scan_id", .integer).notNull().references("scan", onDelete: .cascade)
                t.column("kind", .text).notNull()
                t.column("data", .blob).notNull()
                t.primaryKey(["scan_id", "kind"])
            }
        }
        migrator.registerMigration("v7: volatile outputs as deltas against the host's previous ones") { db in
            try ContentStore.addDeltas(db)
            // A host's previous row is found by its endpoint when one of its outputs is new.
            try db.create(index: "host_result_endpoint", on: "host_result", columns: ["endpoint", "scan_id"])
        }
        return migrator
    }

    // MARK: Scans

    /// Stores a whole scan atomically and returns its id (a scan collected elsewhere, or a test's);
    /// the pipeline records hosts one by one instead, through `beginScan` and `saveHost`.
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
                try Self.insert(host, position: position, scanID: scanID, in: db)
            }
            return scanID
        }
    }

    /// A stored scan, or `nil` if there is none with that id.
    ///
    /// `evidence: false` leaves each host's raw outputs out (facts, status and times stay): what
    /// scoring and the service's views need, for a fraction of the reads. Content shared by many
    /// hosts (a package list, a fact group) is read once per call.
    public func snapshot(id: Int64, evidence: Bool = true) throws(StoreError) -> InventorySnapshot? {
        try read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM scan WHERE id = ?", arguments: [id]) else { return nil }
            let shared = ContentStore.Memo()
            let hosts = try Row.fetchAll(
                db, sql: "SELECT record_json, layout_json FROM host_result WHERE scan_id = ? ORDER BY position",
                arguments: [id]
            ).map { try Self.loadHost($0, from: db, evidence: evidence, shared: shared) }
            let captures: Data? = row["captures_json"]
            return InventorySnapshot(
                scanID: id, inventoryName: row["inventory_name"], startedAt: row["started_at"],
                finishedAt: row["finished_at"], units: try Self.decode([InventoryModel.Unit].self, row["units_json"]),
                hosts: hosts, captures: try captures.map { try Self.decode([WireCapture].self, $0) } ?? [])
        }
    }

    /// The newest complete scan's id: a scan still missing hosts is not "the latest state".
    public func latestScanID() throws(StoreError) -> Int64? {
        try read { db in try Int64.fetchOne(db, sql: "SELECT MAX(id) FROM scan WHERE complete") }
    }

    /// One line per stored scan, newest first.
    public func scans() throws(StoreError) -> [ScanSummary] {
        try read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT s.id, s.inventory_name, s.started_at, s.finished_at, s.complete, s.planned_hosts,
                           COUNT(h.id) AS hosts, SUM(h.status = 'scanned') AS scanned
                    FROM scan s LEFT JOIN host_result h ON h.scan_id = s.id
                    GROUP BY s.id ORDER BY s.id DESC
                    """
            ).map {
                let hosts: Int = $0["hosts"]
                let planned: Int? = $0["planned_hosts"]
                return ScanSummary(
                    id: $0["id"], inventoryName: $0["inventory_name"], startedAt: $0["started_at"],
                    finishedAt: $0["finished_at"], hosts: hosts, scanned: $0["scanned"] ?? 0,
                    planned: planned ?? hosts, complete: $0["complete"])
            }
        }
    }

    // MARK: Evaluations

    /// Stores the findings of evaluating a scan against a set of policies, atomically.
    ///
    /// Each finding is content (`ContentStore`): a daily evaluation of an unchanged host finds the
    /// same verdicts on the same evidence, so it stores only a list of ids per host. Findings are
    /// kept in runs of one host, in the order given, so they read back in that order.
    @discardableResult
    public func saveEvaluation(
        scanID: Int64, policies: [String], findings: [Finding], at date: Date
    ) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: "INSERT INTO evaluation (scan_id, created_at, policies) VALUES (?, ?, ?)",
                arguments: [scanID, date, policies.joined(separator: ",")])
            let evaluationID = db.lastInsertedRowID
            var start = findings.startIndex
            var sequence = 0
            while start < findings.endIndex {
                let host = findings[start].host
                let unit = findings[start].unit
                var end = start
                while end < findings.endIndex, findings[end].host == host, findings[end].unit == unit { end += 1 }
                let ids = try findings[start..<end].map { try ContentStore.retain(Self.encode($0), in: db) }
                try db.execute(
                    sql: "INSERT INTO evaluation_run (evaluation_id, sequence, endpoint, unit_id, findings_json) VALUES (?, ?, ?, ?, ?)",
                    arguments: [evaluationID, sequence, host, unit, try Self.encode(ids)])
                sequence += 1
                start = end
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
            // Evaluations stored before v4 kept one row per finding.
            var findings = try Data.fetchAll(
                db, sql: "SELECT record_json FROM finding WHERE evaluation_id = ? ORDER BY id", arguments: [id]
            ).map { try Self.decode(Finding.self, $0) }
            for run in try Data.fetchAll(
                db, sql: "SELECT findings_json FROM evaluation_run WHERE evaluation_id = ? ORDER BY sequence", arguments: [id])
            {
                for content in try Self.decode([Int64].self, run) {
                    findings.append(try Self.decode(Finding.self, ContentStore.data(content, in: db)))
                }
            }
            return (id, policies.split(separator: ",").map(String.init), findings)
        }
    }

    // MARK: Plumbing

    /// Inserts one host row, its evidence and facts as shared content; an output that is new is
    /// kept as a delta against the host's output of the same name on its newest earlier row.
    static func insert(_ host: HostScan, position: Int, scanID: Int64, in db: Database) throws {
        let (layout, inline) = try StoredHost.store(host, in: db) {
            try Data.fetchOne(
                db,
                sql: """
                    SELECT layout_json FROM host_result WHERE endpoint = ? AND scan_id < ? AND layout_json IS NOT NULL
                    ORDER BY scan_id DESC LIMIT 1
                    """,
                arguments: [host.target.endpoint, scanID]
            ).map { try decode(StoredHost.self, $0) }
        }
        try db.execute(
            sql: """
                INSERT INTO host_result (scan_id, position, endpoint, unit_id, status, hostname, record_json, layout_json)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                scanID, position, host.target.endpoint, host.target.unit, host.status.rawValue,
                host.facts?.hostname, try encode(inline), try encode(layout),
            ])
    }

    /// A host row as the scan saw it; rows from before v3 hold the whole record inline.
    static func loadHost(_ row: Row, from db: Database, evidence: Bool = true, shared: ContentStore.Memo? = nil) throws -> HostScan {
        var inline = try decode(HostScan.self, row["record_json"])
        guard let layout: Data = row["layout_json"] else {
            if !evidence { inline.evidence = [] }
            return inline
        }
        return try decode(StoredHost.self, layout).load(inline, from: db, evidence: evidence, shared: shared)
    }

    /// Rewrites host rows stored whole (before v3) into the compact layout, so an old store
    /// shares its evidence with new scans and shrinks once vacuumed.
    static func compactLegacyHosts(_ db: Database) throws {
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM host_result WHERE layout_json IS NULL")
        for id in ids {
            guard let record = try Data.fetchOne(db, sql: "SELECT record_json FROM host_result WHERE id = ?", arguments: [id])
            else { continue }
            let (layout, inline) = try StoredHost.store(try decode(HostScan.self, record), in: db)
            try db.execute(
                sql: "UPDATE host_result SET record_json = ?, layout_json = ? WHERE id = ?",
                arguments: [try encode(inline), try encode(layout), id])
        }
    }

    func write<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.write(body)
        } catch let problem as StoreProblem {
            throw StoreError(path: path, problem: problem)
        } catch {
            throw StoreError(path: path, problem: .cannotWrite(SQLiteFailure(error)))
        }
    }

    func read<T>(_ body: (Database) throws -> T) throws(StoreError) -> T {
        do {
            return try database.read(body)
        } catch let problem as StoreProblem {
            throw StoreError(path: path, problem: problem)
        } catch {
            throw StoreError(path: path, problem: .cannotRead(SQLiteFailure(error)))
        }
    }

    static func encode(_ value: some Encodable) throws -> Data { try StoreCoding.encode(value) }

    static func decode<T: Decodable>(_ type: T.Type, _ data: Data) throws -> T { try StoreCoding.decode(type, data) }
}

/// One stored scan, as `ictaudit scans` lists it.
public struct ScanSummary: Sendable, Hashable {
    public var id: Int64
    public var inventoryName: String
    public var startedAt: Date
    public var finishedAt: Date
    /// Hosts recorded so far.
    public var hosts: Int
    public var scanned: Int
    /// Hosts the scan's plan names; `hosts` reaches it when the scan is complete.
    public var planned: Int
    /// Whether every planned host has its result.
    public var complete: Bool

    public init(
        id: Int64, inventoryName: String, startedAt: Date, finishedAt: Date, hosts: Int, scanned: Int, planned: Int,
        complete: Bool
    ) {
        self.id = id
        self.inventoryName = inventoryName
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.hosts = hosts
        self.scanned = scanned
        self.planned = planned
        self.complete = complete
    }
}

/// A store that could not be opened, read or written: the store's path and the typed reason.
public struct StoreError: WordedError, Sendable, CustomStringConvertible {
    public var path: String
    public var problem: StoreProblem

    public init(path: String, problem: StoreProblem) {
        self.path = path
        self.problem = problem
    }

    /// The reason in English (logs, the service).
    public var message: String { problem.text(.en) }

    /// `path: sentence` in `language`, as the CLI prints it after `lỗi:` / `error:`.
    public func text(_ language: Language) -> String { "\(path): \(problem.text(language))" }

    public var description: String { text(.en) }
}

extension SQLiteFailure {
    /// The failure GRDB (or Foundation, creating the folder) reported, by SQLite's result code.
    init(_ error: any Error) {
        let kind: Kind
        if let database = error as? DatabaseError {
            switch database.resultCode {
            case .SQLITE_BUSY, .SQLITE_LOCKED: kind = .locked
            case .SQLITE_NOTADB: kind = .notADatabase
            case .SQLITE_CORRUPT: kind = .corrupt
            case .SQLITE_CANTOPEN: kind = .cannotOpenFile
            case .SQLITE_READONLY: kind = .readOnly
            case .SQLITE_FULL: kind = .diskFull
            default: kind = .other
            }
        } else if (error as NSError).domain == NSCocoaErrorDomain {
            kind = .cannotOpenFile
        } else {
            kind = .other
        }
        self.init(kind: kind, detail: "\(error)")
    }
}
