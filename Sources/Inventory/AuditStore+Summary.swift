public import Foundation
import GRDB

extension AuditStore {
    /// Keeps a small figure computed from a stored scan (such as its ranking under one method),
    /// so a reader needs one row instead of decoding the scan's hosts again. Stored scans never
    /// change, so a summary never goes stale; it goes with its scan (retention, ON DELETE CASCADE).
    ///
    /// `kind` names what the summary is and what it was computed with (`ranking:basic:…`).
    public func saveSummary(scanID: Int64, kind: String, data: Data) throws(StoreError) {
        try write { db in
            try db.execute(
                sql: "INSERT OR REPLACE INTO scan_summary (scan_id, kind, data) VALUES (?, ?, ?)", arguments: [scanID, kind, data])
        }
    }

    /// The summary `kind` of scan `scanID`, if one was saved.
    public func summary(scanID: Int64, kind: String) throws(StoreError) -> Data? {
        try read { db in try Data.fetchOne(db, sql: "SELECT data FROM scan_summary WHERE scan_id = ? AND kind = ?", arguments: [scanID, kind]) }
    }

    /// The summaries `kind` of many scans in one query, by scan id.
    public func summaries(kind: String, scanIDs: [Int64]) throws(StoreError) -> [Int64: Data] {
        guard !scanIDs.isEmpty else { return [:] }
        return try read { db in
            let marks = Array(repeating: "?", count: scanIDs.count).joined(separator: ",")
            var values: [any DatabaseValueConvertible] = [kind]
            values += scanIDs.map { $0 as any DatabaseValueConvertible }
            var result: [Int64: Data] = [:]
            let rows = try Row.fetchAll(
                db, sql: "SELECT scan_id, data FROM scan_summary WHERE kind = ? AND scan_id IN (\(marks))",
                arguments: StatementArguments(values))
            for row in rows { result[row["scan_id"]] = row["data"] }
            return result
        }
    }
}
