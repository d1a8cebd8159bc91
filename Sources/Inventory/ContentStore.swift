import Crypto
import Foundation
import GRDB

/// Content-addressed byte strings inside the store: evidence outputs and fact groups that several
/// scans share are kept once.
///
/// A daily scan of an unchanged host produces the same package list, the same `sshd -T` output,
/// the same os-release; keeping each of them again would grow the store by the whole host every
/// day. Content is found by its SHA-256 and counted: every row that refers to it holds one
/// reference, and the last release deletes it. The count lives in a narrow table of its own, so
/// counting a reference never rewrites a large row.
enum ContentStore {
    /// Tables of the v3 migration.
    static func createTables(_ db: Database) throws {
        try db.create(table: "content") { t in
            t.primaryKey("id", .integer)
            t.column("hash", .blob).notNull().unique()
            t.column("data", .blob).notNull()
        }
        try db.create(table: "content_refs") { t in
            t.primaryKey("id", .integer).references("content", onDelete: .cascade)
            t.column("refs", .integer).notNull()
        }
    }

    /// The id of `data` in the store, stored now if it is new; takes one reference.
    static func retain(_ data: Data, in db: Database) throws -> Int64 {
        let hash = Data(SHA256.hash(data: data))
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM content WHERE hash = ?", arguments: [hash]) {
            try db.execute(sql: "UPDATE content_refs SET refs = refs + 1 WHERE id = ?", arguments: [id])
            return id
        }
        try db.execute(sql: "INSERT INTO content (hash, data) VALUES (?, ?)", arguments: [hash, data])
        let id = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO content_refs (id, refs) VALUES (?, 1)", arguments: [id])
        return id
    }

    /// Gives back one reference to each id (an id listed twice gives back two); content nobody
    /// refers to any more is deleted.
    static func release(_ ids: [Int64], in db: Database) throws {
        for id in ids {
            try db.execute(sql: "UPDATE content_refs SET refs = refs - 1 WHERE id = ?", arguments: [id])
        }
        try db.execute(sql: "DELETE FROM content WHERE id IN (SELECT id FROM content_refs WHERE refs <= 0)")
    }

    /// The bytes of a stored content id.
    static func data(_ id: Int64, in db: Database) throws -> Data {
        guard let data = try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ?", arguments: [id]) else {
            throw DatabaseError(message: "content \(id) is referred to but missing from the store")
        }
        return data
    }
}
