import Foundation
import GRDB

/// How big a store is, in bytes of its SQLite file.
public struct StoreSize: Sendable, Hashable {
    /// Pages in use or free, times the page size: the file's size.
    public var fileBytes: Int64
    /// Free pages (left by deleted scans) that new scans reuse before the file grows; `vacuum()`
    /// gives them back to the file system.
    public var freeBytes: Int64
    /// What the content table holds (evidence outputs and fact groups, each once).
    public var contentBytes: Int64
    public var contentCount: Int

    public var usedBytes: Int64 { fileBytes - freeBytes }
}

extension AuditStore {
    /// Keeps the newest `count` complete scans of each inventory (or only of `inventory`) and
    /// removes older scans with their hosts, evaluations and findings, then any evidence or facts
    /// that only they used. Scans still running (incomplete and newer than what is kept) stay.
    ///
    /// Returns the removed scan ids. The file keeps its size (freed pages are reused by the next
    /// scans); `vacuum()` shrinks it.
    @discardableResult
    public func prune(keeping count: Int, inventory: String? = nil) throws(StoreError) -> [Int64] {
        guard count >= 1 else { throw StoreError(path: path, problem: .keepAtLeastOne(asked: count)) }
        return try write { db in
            let inventories =
                try inventory.map { [$0] } ?? String.fetchAll(db, sql: "SELECT DISTINCT inventory_name FROM scan")
            var removed: [Int64] = []
            for name in inventories {
                let kept = try Int64.fetchAll(
                    db, sql: "SELECT id FROM scan WHERE inventory_name = ? AND complete ORDER BY id DESC LIMIT ?",
                    arguments: [name, count])
                guard kept.count == count, let oldestKept = kept.last else { continue }
                removed += try Int64.fetchAll(
                    db, sql: "SELECT id FROM scan WHERE inventory_name = ? AND id < ? ORDER BY id",
                    arguments: [name, oldestKept])
            }
            for scanID in removed { try Self.deleteScan(scanID, in: db) }
            return removed
        }
    }

    /// Removes one scan and gives back its hosts' references to shared content.
    static func deleteScan(_ scanID: Int64, in db: Database) throws {
        let layouts = try Data.fetchAll(
            db, sql: "SELECT layout_json FROM host_result WHERE scan_id = ? AND layout_json IS NOT NULL",
            arguments: [scanID])
        let runs = try Data.fetchAll(
            db,
            sql: "SELECT r.findings_json FROM evaluation_run r JOIN evaluation e ON e.id = r.evaluation_id WHERE e.scan_id = ?",
            arguments: [scanID])
        try ContentStore.release(
            try layouts.flatMap { try decode(StoredHost.self, $0).references } + runs.flatMap { try decode([Int64].self, $0) },
            in: db)
        // Evaluations, findings and host rows go with the scan (ON DELETE CASCADE).
        try db.execute(sql: "DELETE FROM scan WHERE id = ?", arguments: [scanID])
    }

    /// Rewrites the file without its free pages (SQLite `VACUUM`); takes as long as copying the store.
    public func vacuum() throws(StoreError) {
        do {
            try database.writeWithoutTransaction { db in try db.execute(sql: "VACUUM") }
        } catch {
            throw StoreError(path: path, problem: .cannotVacuum(SQLiteFailure(error)))
        }
    }

    /// The store's size now.
    public func size() throws(StoreError) -> StoreSize {
        try read { db in
            let pageSize = try Int64.fetchOne(db, sql: "PRAGMA page_size") ?? 0
            let pages = try Int64.fetchOne(db, sql: "PRAGMA page_count") ?? 0
            let free = try Int64.fetchOne(db, sql: "PRAGMA freelist_count") ?? 0
            let content = try Row.fetchOne(db, sql: "SELECT COUNT(*) AS n, COALESCE(SUM(LENGTH(data)), 0) AS bytes FROM content")
            return StoreSize(
                fileBytes: pages * pageSize, freeBytes: free * pageSize, contentBytes: content?["bytes"] ?? 0,
                contentCount: content?["n"] ?? 0)
        }
    }

    /// Checks that every reference count matches the rows that refer to the content (host rows,
    /// findings, chunk lists, deltas), that no content is missing or unreferenced, and that every
    /// delta is made against plain content and reads back as the bytes its hash names; returns one
    /// sentence per problem (none when sound).
    public func checkContent() throws(StoreError) -> [String] {
        try read { db in
            var counted: [Int64: Int] = [:]
            for layout in try Data.fetchAll(db, sql: "SELECT layout_json FROM host_result WHERE layout_json IS NOT NULL") {
                for id in try Self.decode(StoredHost.self, layout).references { counted[id, default: 0] += 1 }
            }
            for run in try Data.fetchAll(db, sql: "SELECT findings_json FROM evaluation_run") {
                for id in try Self.decode([Int64].self, run) { counted[id, default: 0] += 1 }
            }
            for id in try ContentStore.innerReferences(in: db) { counted[id, default: 0] += 1 }
            var problems = try ContentStore.checkDeltas(in: db)
            var stored: [Int64: Int] = [:]
            for row in try Row.fetchAll(
                db, sql: "SELECT c.id, r.refs FROM content c LEFT JOIN content_refs r ON r.id = c.id")
            {
                let id: Int64 = row["id"]
                let refs: Int? = row["refs"]
                stored[id] = refs ?? 0
                if refs == nil { problems.append("content \(id) has no reference count") }
            }
            for (id, count) in counted where stored[id] != count {
                problems.append(
                    stored[id] == nil
                        ? "content \(id) is referred to \(count) times but missing"
                        : "content \(id) counts \(stored[id]!) references, rows hold \(count)")
            }
            for (id, refs) in stored where counted[id] == nil {
                problems.append("content \(id) (\(refs) references counted) is referred to by no row")
            }
            return problems.sorted()
        }
    }
}
