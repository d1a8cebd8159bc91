import Crypto
import Foundation
import GRDB

/// Content-addressed byte strings inside the store: evidence outputs, fact groups and findings
/// that several scans share are kept once.
///
/// A daily scan of an unchanged host produces the same package list, the same `sshd -T` output,
/// the same os-release; keeping each of them again would grow the store by the whole host every
/// day. Content is found by its SHA-256 and counted: every row that refers to it holds one
/// reference, and the last release deletes it. The count lives in a narrow table of its own, so
/// counting a reference never rewrites a large row.
///
/// Large content (a package list, a service listing) is cut into chunks at record boundaries
/// chosen by the records' own bytes (`ContentChunks`), and stored as a list of chunk ids: when one
/// line of a 100 KB dpkg status changes, only its chunk and the list are new. The list holds one
/// reference to each chunk for as long as it exists.
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

    /// The v5 migration: content may be a list of chunks.
    static func addChunks(_ db: Database) throws {
        try db.alter(table: "content") { t in t.add(column: "chunked", .boolean).notNull().defaults(to: false) }
    }

    /// The id of `data` in the store, stored now if it is new; takes one reference.
    static func retain(_ data: Data, in db: Database) throws -> Int64 {
        let pieces = ContentChunks.split(data)
        guard pieces.count > 1 else { return try retain(plain: data, hash: Data(SHA256.hash(data: data)), in: db) }
        // A chunk list is named by its chunks' hashes, in a namespace of its own, so it never meets
        // plain content whose bytes happen to read like a list.
        var hasher = SHA256()
        hasher.update(data: Data("ictaudit chunks\0".utf8))
        let hashes = pieces.map { Data(SHA256.hash(data: $0)) }
        for hash in hashes { hasher.update(data: hash) }
        let hash = Data(hasher.finalize())
        if let id = try existing(hash, in: db) { return id }
        let ids = try zip(pieces, hashes).map { piece, pieceHash in try retain(plain: piece, hash: pieceHash, in: db) }
        return try insert(StoreCoding.encode(ids), hash: hash, chunked: true, in: db)
    }

    private static func retain(plain data: Data, hash: Data, in db: Database) throws -> Int64 {
        if let id = try existing(hash, in: db) { return id }
        return try insert(data, hash: hash, chunked: false, in: db)
    }

    /// Takes a reference to the content with this hash, if it is stored.
    private static func existing(_ hash: Data, in db: Database) throws -> Int64? {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM content WHERE hash = ?", arguments: [hash]) else { return nil }
        try db.execute(sql: "UPDATE content_refs SET refs = refs + 1 WHERE id = ?", arguments: [id])
        return id
    }

    private static func insert(_ data: Data, hash: Data, chunked: Bool, in db: Database) throws -> Int64 {
        try db.execute(
            sql: "INSERT INTO content (hash, data, chunked) VALUES (?, ?, ?)", arguments: [hash, data, chunked])
        let id = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO content_refs (id, refs) VALUES (?, 1)", arguments: [id])
        return id
    }

    /// Gives back one reference to each id (an id listed twice gives back two); content nobody
    /// refers to any more is deleted, and a deleted chunk list gives back its chunks.
    static func release(_ ids: [Int64], in db: Database) throws {
        var pending = ids
        while !pending.isEmpty {
            for id in pending {
                try db.execute(sql: "UPDATE content_refs SET refs = refs - 1 WHERE id = ?", arguments: [id])
            }
            pending = []
            let dead = try Row.fetchAll(
                db,
                sql: "SELECT c.id, c.chunked, c.data FROM content c JOIN content_refs r ON r.id = c.id WHERE r.refs <= 0")
            for row in dead where row["chunked"] as Bool {
                pending += try StoreCoding.decode([Int64].self, row["data"])
            }
            try db.execute(sql: "DELETE FROM content WHERE id IN (SELECT id FROM content_refs WHERE refs <= 0)")
        }
    }

    /// The bytes of a stored content id (a chunk list read back whole).
    /// Content read once within one long read (a whole scan): hosts share their package lists
    /// and fact groups, so most of them are found here instead of in the database.
    final class Memo {
        private var known: [Int64: Data] = [:]
        private var bytes = 0

        func data(_ id: Int64, in db: Database) throws -> Data {
            if let data = known[id] { return data }
            let data = try ContentStore.data(id, in: db)
            // Bounded: a scan of unique contents should not be held twice in memory.
            if bytes < 64 << 20 {
                known[id] = data
                bytes += data.count
            }
            return data
        }
    }

    static func data(_ id: Int64, in db: Database) throws -> Data {
        guard let row = try Row.fetchOne(db, sql: "SELECT data, chunked FROM content WHERE id = ?", arguments: [id]) else {
            throw DatabaseError(message: "content \(id) is referred to but missing from the store")
        }
        let data: Data = row["data"]
        guard row["chunked"] as Bool else { return data }
        var whole = Data()
        for chunk in try StoreCoding.decode([Int64].self, data) {
            guard let piece = try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ?", arguments: [chunk]) else {
                throw DatabaseError(message: "chunk \(chunk) of content \(id) is missing from the store")
            }
            whole.append(piece)
        }
        return whole
    }

    /// The chunks each chunk list refers to, for counting references.
    static func chunkReferences(in db: Database) throws -> [Int64] {
        try Data.fetchAll(db, sql: "SELECT data FROM content WHERE chunked").flatMap { try StoreCoding.decode([Int64].self, $0) }
    }
}

/// Cuts bytes into chunks at record boundaries (a line end, or `},` between JSON objects) chosen
/// by the record's own bytes, so an edit moves only the boundaries next to it and every other
/// chunk stays byte-identical from one scan to the next.
enum ContentChunks {
    /// Content up to this size is one piece.
    static let smallest = 4_096
    /// A record whose hash has these bits clear ends a chunk: one record in 32 on average.
    static let mask: UInt32 = 0x1F
    static let minimum = 512
    static let maximum = 16_384

    static func split(_ data: Data) -> [Data] {
        guard data.count > smallest else { return [data] }
        var pieces: [Data] = []
        data.withUnsafeBytes { raw in
            let bytes = raw.bindMemory(to: UInt8.self)
            var start = 0
            var hash: UInt32 = 2_166_136_261
            for index in 0..<bytes.count {
                let byte = bytes[index]
                hash = (hash ^ UInt32(byte)) &* 16_777_619
                let length = index + 1 - start
                let boundary = byte == 0x0A || (byte == 0x2C && index > 0 && bytes[index - 1] == 0x7D)
                if boundary {
                    if (hash & mask == 0 && length >= minimum) || length >= maximum {
                        pieces.append(Data(bytes[start...index]))
                        start = index + 1
                    }
                    hash = 2_166_136_261
                } else if length >= 4 * maximum {
                    // No record boundary for this long (binary output): a plain cut.
                    pieces.append(Data(bytes[start...index]))
                    start = index + 1
                }
            }
            if start < bytes.count { pieces.append(Data(bytes[start..<bytes.count])) }
        }
        return pieces
    }
}
