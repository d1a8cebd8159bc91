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
///
/// Content that is new but close to what the same host sent last time for the same evidence
/// (meminfo, a service listing, firewall counters: new bytes on every scan) is kept as a
/// `LineDelta` against that earlier content, its base. A base is always plain content (depth 1:
/// the delta of a delta is made against the first one's base), so reading never follows a chain,
/// and a delta holds one reference to its base, so retention keeps the base as long as a delta
/// needs it. A delta is kept only when it is at most half the text; otherwise the text is stored
/// whole and becomes the base of the next ones.
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

    /// The v7 migration: content may be a delta against a base.
    static func addDeltas(_ db: Database) throws {
        // No foreign key: the base's reference count keeps it, and a key would make every delete
        // search this column.
        try db.alter(table: "content") { t in t.add(column: "base", .integer) }
    }

    /// Content shorter than this is stored whole: what a delta saves would not pay for reading
    /// its base back.
    static let smallestForDelta = 256

    /// The id of `data` in the store, stored now if it is new; takes one reference.
    ///
    /// `previous` names the content this one replaces (the same host's output of the same evidence
    /// on its previous scan); it is asked only when `data`, or one of its chunks, is new, and new
    /// bytes are then kept as a delta against it when that is at most half their size.
    static func retain(_ data: Data, previous: () throws -> Int64? = { nil }, in db: Database) throws -> Int64 {
        let pieces = ContentChunks.split(data)
        guard pieces.count > 1 else {
            let hash = Data(SHA256.hash(data: data))
            if let id = try existing(hash, in: db) { return id }
            return try insert(piece: data, hash: hash, base: try previous().flatMap { try deltaBase($0, in: db) }, in: db)
        }
        // A chunk list is named by its chunks' hashes, in a namespace of its own, so it never meets
        // plain content whose bytes happen to read like a list.
        var hasher = SHA256()
        hasher.update(data: Data("ictaudit chunks\0".utf8))
        let hashes = pieces.map { Data(SHA256.hash(data: $0)) }
        for hash in hashes { hasher.update(data: hash) }
        let hash = Data(hasher.finalize())
        if let id = try existing(hash, in: db) { return id }
        var replaced: ReplacedChunks?
        var ids: [Int64] = []
        for (index, (piece, pieceHash)) in zip(pieces, hashes).enumerated() {
            if let id = try existing(pieceHash, in: db) {
                ids.append(id)
                continue
            }
            if replaced == nil { replaced = try ReplacedChunks(previous: previous(), new: hashes, in: db) }
            let base = try replaced?.base(of: index).flatMap { try deltaBase($0, in: db) }
            ids.append(try insert(piece: piece, hash: pieceHash, base: base, in: db))
        }
        return try insert(StoreCoding.encode(ids), hash: hash, chunked: true, base: nil, in: db)
    }

    /// The plain content a delta against `id` is made from: `id` itself, or its own base when it is
    /// a delta (depth 1); none for a chunk list (its chunks are matched one by one instead).
    private static func deltaBase(_ id: Int64, in db: Database) throws -> Int64? {
        guard let row = try Row.fetchOne(db, sql: "SELECT chunked, base FROM content WHERE id = ?", arguments: [id]) else { return nil }
        if let base: Int64 = row["base"] { return base }
        return row["chunked"] as Bool ? nil : id
    }

    /// Stores a new piece of content, as a delta against `base` when that is at most half its size.
    private static func insert(piece data: Data, hash: Data, base: Int64?, in db: Database) throws -> Int64 {
        if let base, data.count >= smallestForDelta,
            let baseData = try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ?", arguments: [base])
        {
            let delta = LineDelta.encode(data, against: baseData)
            if delta.count * 2 <= data.count {
                try db.execute(sql: "UPDATE content_refs SET refs = refs + 1 WHERE id = ?", arguments: [base])
                return try insert(delta, hash: hash, chunked: false, base: base, in: db)
            }
        }
        return try insert(data, hash: hash, chunked: false, base: nil, in: db)
    }

    /// Takes a reference to the content with this hash, if it is stored.
    private static func existing(_ hash: Data, in db: Database) throws -> Int64? {
        guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM content WHERE hash = ?", arguments: [hash]) else { return nil }
        try db.execute(sql: "UPDATE content_refs SET refs = refs + 1 WHERE id = ?", arguments: [id])
        return id
    }

    private static func insert(_ data: Data, hash: Data, chunked: Bool, base: Int64?, in db: Database) throws -> Int64 {
        if let base {
            try db.execute(
                sql: "INSERT INTO content (hash, data, chunked, base) VALUES (?, ?, ?, ?)", arguments: [hash, data, chunked, base])
        } else {
            // Without the column: the v5 migration stores content before v7 adds it.
            try db.execute(sql: "INSERT INTO content (hash, data, chunked) VALUES (?, ?, ?)", arguments: [hash, data, chunked])
        }
        let id = db.lastInsertedRowID
        try db.execute(sql: "INSERT INTO content_refs (id, refs) VALUES (?, 1)", arguments: [id])
        return id
    }

    /// Gives back one reference to each id (an id listed twice gives back two); content nobody
    /// refers to any more is deleted, a deleted chunk list gives back its chunks and a deleted
    /// delta its base.
    static func release(_ ids: [Int64], in db: Database) throws {
        var pending = ids
        while !pending.isEmpty {
            for id in pending {
                try db.execute(sql: "UPDATE content_refs SET refs = refs - 1 WHERE id = ?", arguments: [id])
            }
            pending = []
            let dead = try Row.fetchAll(
                db,
                sql: "SELECT c.id, c.chunked, c.data, c.base FROM content c JOIN content_refs r ON r.id = c.id WHERE r.refs <= 0")
            for row in dead {
                if row["chunked"] as Bool { pending += try StoreCoding.decode([Int64].self, row["data"]) }
                if let base: Int64 = row["base"] { pending.append(base) }
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
        guard let row = try Row.fetchOne(db, sql: "SELECT data, chunked, base FROM content WHERE id = ?", arguments: [id]) else {
            throw StoreProblem.damaged("content \(id) is referred to but missing from the store")
        }
        guard row["chunked"] as Bool else { return try piece(id, row, in: db) }
        var whole = Data()
        for chunk in try StoreCoding.decode([Int64].self, row["data"] as Data) {
            guard let piece = try Row.fetchOne(db, sql: "SELECT data, base FROM content WHERE id = ?", arguments: [chunk]) else {
                throw StoreProblem.damaged("chunk \(chunk) of content \(id) is missing from the store")
            }
            whole.append(try self.piece(chunk, piece, in: db))
        }
        return whole
    }

    /// The bytes of plain content or of a delta, from its row (`data`, `base`).
    private static func piece(_ id: Int64, _ row: Row, in db: Database) throws -> Data {
        let data: Data = row["data"]
        guard let base: Int64 = row["base"] else { return data }
        guard let baseData = try Data.fetchOne(db, sql: "SELECT data FROM content WHERE id = ? AND base IS NULL", arguments: [base]) else {
            throw StoreProblem.damaged("content \(id) is a delta of content \(base), which is missing or not plain")
        }
        do {
            return try LineDelta.apply(data, to: baseData)
        } catch {
            throw StoreProblem.damaged("content \(id) is damaged: \(error) (base \(base))")
        }
    }

    /// What content holds references to other content (a chunk list to its chunks, a delta to its
    /// base), each reference once, for counting references.
    static func innerReferences(in db: Database) throws -> [Int64] {
        try Data.fetchAll(db, sql: "SELECT data FROM content WHERE chunked").flatMap { try StoreCoding.decode([Int64].self, $0) }
            + Int64.fetchAll(db, sql: "SELECT base FROM content WHERE base IS NOT NULL")
    }

    /// Deltas whose base is not plain content, or whose bytes are not what their hash names:
    /// one sentence each.
    static func checkDeltas(in db: Database) throws -> [String] {
        var problems: [String] = []
        for row in try Row.fetchAll(
            db,
            sql: "SELECT d.id, d.hash, d.base, b.base AS baseBase, b.chunked AS baseChunked FROM content d LEFT JOIN content b ON b.id = d.base WHERE d.base IS NOT NULL")
        {
            let id: Int64 = row["id"]
            let base: Int64 = row["base"]
            if (row["baseBase"] as Int64?) != nil || (row["baseChunked"] as Bool?) == true {
                problems.append("content \(id) is a delta of content \(base), which is not plain content")
                continue
            }
            guard (row["baseChunked"] as Bool?) != nil else { continue }  // missing: counted with the references
            do {
                let bytes = try data(id, in: db)
                if Data(SHA256.hash(data: bytes)) != row["hash"] as Data {
                    problems.append("content \(id) (a delta of content \(base)) reads back as bytes other than those it was stored for")
                }
            } catch {
                problems.append("\(error)")
            }
        }
        return problems
    }
}

/// Which chunk of a host's previous output each new chunk most likely replaced: the chunk in the
/// same place after the nearest chunk both lists share. Content-defined boundaries keep most
/// chunks equal, so the chunk between two shared ones is the one that changed.
private struct ReplacedChunks {
    private var previous: [Int64] = []
    private var previousHashes: [Data] = []
    private var positionInPrevious: [Data: Int] = [:]
    private var newHashes: [Data] = []
    private var newSet: Set<Data> = []

    init(previous id: Int64?, new hashes: [Data], in db: Database) throws {
        guard let id,
            let row = try Row.fetchOne(db, sql: "SELECT data, chunked FROM content WHERE id = ?", arguments: [id]),
            row["chunked"] as Bool
        else { return }
        previous = try StoreCoding.decode([Int64].self, row["data"] as Data)
        var hashOf: [Int64: Data] = [:]
        for chunk in try Row.fetchAll(
            db, sql: "SELECT id, hash FROM content WHERE id IN (\(previous.map(String.init).joined(separator: ",")))")
        {
            hashOf[chunk["id"]] = chunk["hash"]
        }
        previousHashes = previous.map { hashOf[$0] ?? Data() }
        for (index, hash) in previousHashes.enumerated() where positionInPrevious[hash] == nil { positionInPrevious[hash] = index }
        newHashes = hashes
        newSet = Set(hashes)
    }

    /// The previous chunk new chunk `index` replaced, if one did.
    func base(of index: Int) -> Int64? {
        guard !previous.isEmpty else { return nil }
        var anchor = index - 1
        while anchor >= 0, positionInPrevious[newHashes[anchor]] == nil { anchor -= 1 }
        let candidate = anchor >= 0 ? positionInPrevious[newHashes[anchor]]! + (index - anchor) : index
        guard candidate < previous.count, !newSet.contains(previousHashes[candidate]) else { return nil }
        return previous[candidate]
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
