import Foundation
import Hummingbird
import Inventory
import InventoryModel
import NIOCore
import Ranking

extension AuditServer {
    /// `/api/v1/…`: JSON for scripts and other tools; a Bearer token on every call.
    func addAPI(to router: Router<ServiceContext>) {
        let api = router.group("api/v1")

        api.get("units") { _, context in
            try self.require(.viewer, context)
            guard let view = try await self.catalog.current() else { return self.problem(.notFound, "no scan is stored yet") }
            return try await self.cachedJSON(view, key: "units") {
                let trends = try await self.catalog.trends()
                return API.Ranking(
                    scan: self.scanRef(view), method: view.ranking.methodID, methodName: view.ranking.methodName,
                    units: self.unitRows(view, trends: trends))
            }
        }

        api.get("units/{unit}") { _, context in
            try self.require(.viewer, context)
            let id = try context.parameters.require("unit")
            guard let view = try await self.catalog.current() else { return self.problem(.notFound, "no scan is stored yet") }
            guard view.ranking.units.contains(where: { $0.unitID == id }) else { return self.problem(.notFound, "no unit '\(id)'") }
            return try await self.cachedJSON(view, key: "unit\u{1}" + id) { try await self.unitDetail(id, view: view)! }
        }

        api.get("hosts/{host}") { _, context in
            try self.require(.viewer, context)
            let endpoint = try context.parameters.require("host")
            guard let view = try await self.catalog.current() else { return self.problem(.notFound, "no scan is stored yet") }
            guard let host = view.host(endpoint) else {
                return self.problem(.notFound, "no host '\(endpoint)' in scan \(view.scanID)")
            }
            return try await self.cachedJSON(view, key: "host\u{1}" + endpoint) {
                let findings = view.findings(unit: nil, severity: nil, verdict: nil, policy: nil, host: endpoint)
                return API.HostDetail(
                    scan: self.scanRef(view), host: API.Host(host, failed: view.failedByHost[endpoint] ?? 0),
                    findings: findings.map(API.FindingRow.init))
            }
        }

        api.get("findings") { request, context in
            try self.require(.viewer, context)
            let query = request.uri.queryParameters
            var severity: Severity?
            var verdict: Verdict?
            if let text = query.get("severity") {
                guard let value = Severity(rawValue: text) else {
                    return self.problem(.badRequest, "severity must be one of \(Severity.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                severity = value
            }
            if let text = query.get("verdict") {
                guard let value = Verdict(rawValue: text) else {
                    return self.problem(.badRequest, "verdict must be one of \(Verdict.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                verdict = value
            }
            let limit = min(max(query.get("limit").flatMap(Int.init) ?? 500, 1), 10_000)
            let offset = max(query.get("offset").flatMap(Int.init) ?? 0, 0)
            var cursor: Int?
            if let text = query.get("cursor") {
                guard let value = Int(text), value >= 0 else {
                    return self.problem(.badRequest, "cursor must be the nextCursor of a previous page")
                }
                cursor = value
            }
            let scanID = query.get("scan").flatMap(Int64.init)
            let found: ScanView?
            if let scanID { found = try await self.catalog.view(scanID: scanID) } else { found = try await self.catalog.current() }
            guard let view = found else { return self.problem(.notFound, "no such scan") }
            let key = ["findings", query.get("unit") ?? "", severity?.rawValue ?? "", verdict?.rawValue ?? "", query.get("policy") ?? "",
                query.get("host") ?? "", String(limit), cursor.map { "c\($0)" } ?? String(offset)].joined(separator: "\u{1}")
            return try await self.cachedJSON(view, key: key) {
                let matching = view.positions(
                    unit: query.get("unit"), severity: severity, verdict: verdict, policy: query.get("policy"), host: query.get("host"))
                // A cursor names the position after the previous page's last finding: pages stay
                // right however far the reader goes, and each costs a binary search, not a skip.
                var start = min(offset, matching.count)
                if let cursor {
                    var (low, high) = (0, matching.count)
                    while low < high {
                        let middle = (low + high) / 2
                        if matching[middle] < cursor { low = middle + 1 } else { high = middle }
                    }
                    start = low
                }
                let end = min(start + limit, matching.count)
                return API.Findings(
                    scan: self.scanRef(view), total: matching.count, offset: start,
                    findings: matching[start..<end].map { API.FindingRow(view.findings[$0]) },
                    nextCursor: end < matching.count ? String(matching[end]) : nil)
            }
        }

        api.get("scans") { _, context in
            try self.require(.viewer, context)
            let scans = try await self.catalog.scans().map {
                API.ScanRow(
                    id: $0.id, inventory: $0.inventoryName, startedAt: $0.startedAt, finishedAt: $0.finishedAt, hosts: $0.hosts,
                    scanned: $0.scanned)
            }
            return try self.json(API.Scans(scans: scans))
        }

        api.get("scans/{scan}/diff/{to}") { _, context in
            try self.require(.viewer, context)
            let from = try context.parameters.require("scan", as: Int64.self)
            let to = try context.parameters.require("to", as: Int64.self)
            guard let diff = try await self.catalog.diff(from: from, to: to) else {
                return self.problem(.notFound, "both scans must be stored")
            }
            return try self.json(diff)
        }

        api.get("scans/{scan}/reports/{format}") { _, context in
            try self.require(.viewer, context)
            return try await self.report(
                scanID: try context.parameters.require("scan", as: Int64.self), format: try context.parameters.require("format"),
                language: context.language)
        }

        api.get("schedules") { _, context in
            try self.require(.viewer, context)
            return try self.json(API.Schedules(schedules: await self.scheduleRows()))
        }

        api.post("schedules/{name}/run") { request, context in
            try self.requireChange(.auditor, request, context)
            let name = try context.parameters.require("name")
            switch await self.scheduler?.runNow(name) ?? .unknownSchedule {
            case .started: return try self.json(API.RunStarted(schedule: name, started: true), status: .accepted)
            case .alreadyRunning: return self.problem(.conflict, "schedule '\(name)' is already running; it is not started twice")
            case .unknownSchedule: return self.problem(.notFound, "no schedule '\(name)'")
            }
        }

        api.get("runs") { _, context in
            try self.require(.viewer, context)
            return try self.json(API.Runs(runs: self.runs.all.map(API.RunRow.init)))
        }
        addTokens(api: api, pages: router)
    }

    /// Refuses a caller without a token (401) or with too small a role (403).
    func require(_ role: Role, _ context: ServiceContext) throws {
        guard let identity = context.identity else {
            throw HTTPError(.unauthorized, headers: [.wwwAuthenticate: "Bearer realm=\"ictaudit\""], message: "a token is needed: Authorization: Bearer TOKEN")
        }
        guard identity.role >= role else {
            throw HTTPError(.forbidden, message: "the token '\(identity.name)' is \(identity.role.rawValue); this needs \(role.rawValue)")
        }
    }

    func unitDetail(_ id: String, view: ScanView) async throws -> API.UnitDetail? {
        guard let score = view.ranking.units.first(where: { $0.unitID == id }) else { return nil }
        let trends = try await catalog.trends()
        let row = unitRows(view, trends: trends).first { $0.id == id }!
        var byVerdict: [String: Int] = [:]
        for finding in view.findings(unit: id, severity: nil, verdict: nil, policy: nil) {
            byVerdict[finding.verdict.rawValue, default: 0] += 1
        }
        let lines = view.explanations[id]
        return API.UnitDetail(
            scan: scanRef(view), unit: row, staff: view.units.first { $0.id == id }?.staff, indicators: score.indicators,
            explanation: API.LinesDocument(vi: lines?.vi ?? [], en: lines?.en ?? []),
            hosts: view.hosts(unit: id).map { API.Host($0, failed: view.failedByHost[$0.endpoint] ?? 0) },
            findingsByVerdict: byVerdict)
    }

    /// The JSON answer for `key` of this view's scan: encoded once, then served from the cache.
    func cachedJSON<T: Encodable>(_ view: ScanView, key: String, _ make: () async throws -> T) async throws -> Response {
        let body: ByteBuffer
        if let kept = catalog.responses.answer(scanID: view.scanID, key: key) {
            body = kept
        } else {
            body = ByteBuffer(bytes: try Self.encoder.encode(try await make()))
            catalog.responses.keep(body, scanID: view.scanID, key: key)
        }
        return Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8"], body: .init(byteBuffer: body))
    }

    func scheduleRows() async -> [API.ScheduleRow] {
        guard let scheduler else { return [] }
        let running = await scheduler.running
        let now = Date()
        return await scheduler.schedules.map {
            API.ScheduleRow(
                name: $0.name, cron: $0.cron.description, timeZone: $0.cron.timeZone.identifier, inventory: $0.inventory,
                next: $0.cron.fireTimes(after: now, count: 3), running: running.contains($0.name), missed: $0.missed.rawValue)
        }
    }
}
