public import Foundation
import GRDB
public import InventoryModel

/// A scan that was started and not finished: its plan and which hosts already have a result.
public struct PendingScan: Sendable {
    public var id: Int64
    public var plan: AuditPlan
    public var startedAt: Date
    /// Positions in `plan.targets` that have a stored result.
    public var done: Set<Int>

    public init(id: Int64, plan: AuditPlan, startedAt: Date, done: Set<Int>) {
        self.id = id
        self.plan = plan
        self.startedAt = startedAt
        self.done = done
    }

    /// The targets still to scan, with their positions in the plan.
    public var remaining: [(position: Int, target: SSHTarget)] {
        plan.targets.enumerated().filter { !done.contains($0.offset) }.map { ($0.offset, $0.element) }
    }
}

extension AuditStore {
    /// Records that a scan of `plan` has started and returns its id; hosts follow one by one.
    ///
    /// The plan is kept with the scan (it holds credential references, never secrets), so the
    /// scan can be resumed after a crash from the store alone.
    public func beginScan(_ plan: AuditPlan, at date: Date) throws(StoreError) -> Int64 {
        try write { db in
            try db.execute(
                sql: """
                    INSERT INTO scan (inventory_name, started_at, finished_at, units_json, plan_json, planned_hosts, complete)
                    VALUES (?, ?, ?, ?, ?, ?, 0)
                    """,
                arguments: [
                    plan.name, date, date, try Self.encode(plan.units), try Self.encode(plan), plan.targets.count,
                ])
            return db.lastInsertedRowID
        }
    }

    /// Commits one host's result to a started scan, at its position in the plan.
    ///
    /// Each host is its own transaction: whatever happens to the process afterwards, this host is
    /// kept. A host already recorded at that position is an error (two processes resuming the
    /// same scan), so no host is ever stored twice.
    public func saveHost(_ host: HostScan, position: Int, scanID: Int64) throws(StoreError) {
        try write { db in
            guard let complete = try Bool.fetchOne(db, sql: "SELECT complete FROM scan WHERE id = ?", arguments: [scanID])
            else { throw StoreProblem.noScan(scanID) }
            guard !complete else { throw StoreProblem.scanComplete(scanID) }
            try Self.insert(host, position: position, scanID: scanID, in: db)
        }
    }

    /// Marks the scan complete if every planned host has its result, storing what passive capture
    /// saw; returns whether it is complete now.
    @discardableResult
    public func completeScan(_ scanID: Int64, captures: [WireCapture] = [], at date: Date) throws(StoreError) -> Bool {
        try write { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT s.complete, s.planned_hosts, (SELECT COUNT(*) FROM host_result h WHERE h.scan_id = s.id) AS done
                        FROM scan s WHERE s.id = ?
                        """, arguments: [scanID])
            else { throw StoreProblem.noScan(scanID) }
            if row["complete"] as Bool { return true }
            let planned: Int = row["planned_hosts"] ?? 0
            let done: Int = row["done"]
            guard done >= planned else { return false }
            try db.execute(
                sql: "UPDATE scan SET complete = 1, finished_at = ?, captures_json = ? WHERE id = ?",
                arguments: [date, captures.isEmpty ? nil : try Self.encode(captures), scanID])
            return true
        }
    }

    /// Scans started and not complete, oldest first: what the service resumes on restart.
    public func pendingScans() throws(StoreError) -> [PendingScan] {
        try read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM scan WHERE NOT complete AND plan_json IS NOT NULL ORDER BY id")
                .compactMap { try Self.pendingScan($0, in: db) }
        }
    }

    /// The scan `id` if it was started and is not complete; `nil` if it is complete.
    public func pendingScan(id: Int64) throws(StoreError) -> PendingScan? {
        try read { db in
            guard let complete = try Bool.fetchOne(db, sql: "SELECT complete FROM scan WHERE id = ?", arguments: [id]) else {
                throw StoreProblem.noScan(id)
            }
            return complete ? nil : try Self.pendingScan(id, in: db)
        }
    }

    private static func pendingScan(_ id: Int64, in db: Database) throws -> PendingScan? {
        guard let row = try Row.fetchOne(db, sql: "SELECT plan_json, started_at FROM scan WHERE id = ?", arguments: [id]),
            let planJSON: Data = row["plan_json"]
        else { throw StoreProblem.scanWithoutPlan(id) }
        let done = try Int.fetchAll(db, sql: "SELECT position FROM host_result WHERE scan_id = ?", arguments: [id])
        return PendingScan(
            id: id, plan: try decode(AuditPlan.self, planJSON), startedAt: row["started_at"], done: Set(done))
    }

    /// Whether the scan has every host; `nil` if there is no such scan.
    public func isComplete(scanID: Int64) throws(StoreError) -> Bool? {
        try read { db in try Bool.fetchOne(db, sql: "SELECT complete FROM scan WHERE id = ?", arguments: [scanID]) }
    }
}
