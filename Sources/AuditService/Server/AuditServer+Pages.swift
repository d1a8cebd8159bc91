import Foundation
import Hummingbird
import Inventory
import InventoryModel
import Logging
import Mustache
import Ranking

extension AuditServer {
    /// The dashboard: pages from templates, sign-in with a token, forms guarded against
    /// cross-site requests by a per-session form token, SameSite=Strict cookies and an Origin check.
    func addPages(to router: Router<ServiceContext>) {
        router.get("/login") { request, context in
            self.loginPage(context, failed: false)
        }
        router.post("/login") { request, context in
            let form = try await Self.form(request)
            guard self.sameOrigin(request), let csrf = form["csrf"], csrf == request.cookies["ictaudit_login"]?.value else {
                return self.page("message", context, status: .forbidden, values: ["text": "CSRF"])
            }
            guard let token = form["token"], let entry = self.tokens.authenticate(token) else {
                self.logger.notice("dashboard sign-in refused")
                return self.loginPage(context, failed: true, status: .unauthorized)
            }
            let session = self.sessions.open(for: entry)
            var response = Self.redirect("/")
            response.setCookie(
                Cookie(name: "ictaudit_session", value: session, maxAge: Int(self.sessions.lifetime), path: "/", httpOnly: true, sameSite: .strict))
            self.logger.info("dashboard sign-in", metadata: ["token": "\(entry.name)", "role": "\(entry.role.rawValue)"])
            return response
        }
        router.post("/logout") { request, context in
            let form = try await Self.form(request)
            if let identity = context.identity, self.sameOrigin(request), form["csrf"] == identity.csrf,
                let id = request.cookies["ictaudit_session"]?.value
            {
                self.sessions.close(id)
            }
            var response = Self.redirect("/login")
            response.setCookie(Cookie(name: "ictaudit_session", value: "", maxAge: 0, path: "/", httpOnly: true, sameSite: .strict))
            return response
        }

        router.get("/") { _, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            guard let view = try await self.catalog.current() else {
                return self.page("message", context, values: ["text": DashboardKey.noScan.text.text(context.language), "schedules": await self.scheduleValues(context, identity)])
            }
            let trends = try await self.catalog.trends()
            let rows = self.unitRows(view, trends: trends)
            let best = max(rows.map(\.score).max() ?? 1, 1e-9)
            let language = context.language
            let units: [[String: Any]] = rows.enumerated().map { index, row in
                [
                    "id": row.id, "name": language == .vi ? row.name.vi : row.name.en, "score": Self.number(row.score),
                    "rank": row.rank, "tier": row.tier.map { language == .vi ? $0.label.vi : $0.label.en } ?? "—",
                    "tierID": row.tier?.id ?? "none", "trend": row.trend.map { Self.number($0.score) }.joined(separator: " → "),
                    "y": 8 + index * 28, "textY": 22 + index * 28, "width": Self.number(max(row.score / best * 340, 1)),
                    "labelX": Self.number(214 + max(row.score / best * 340, 1)),
                ]
            }
            return self.page(
                "ranking", context,
                values: [
                    "units": units, "chartHeight": 16 + rows.count * 28, "scan": self.scanValues(view),
                    "method": language == .vi ? view.ranking.methodName.vi : view.ranking.methodName.en,
                    "schedules": await self.scheduleValues(context, identity),
                ])
        }

        router.get("/units/{unit}") { _, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            let id = try context.parameters.require("unit")
            guard let view = try await self.catalog.current(), let detail = try await self.unitDetail(id, view: view) else {
                return self.page("message", context, status: .notFound, values: ["text": "404"])
            }
            let language = context.language
            let points = detail.unit.trend
            let top = max(points.map(\.score).max() ?? 1, 1e-9)
            let step = points.count > 1 ? 560.0 / Double(points.count - 1) : 0
            let polyline = points.enumerated().map { index, point in
                "\(Self.number(20 + Double(index) * step)),\(Self.number(130 - point.score / top * 110))"
            }.joined(separator: " ")
            let findings = view.findings(unit: id, severity: nil, verdict: .fail, policy: nil).prefix(500)
            return self.page(
                "unit", context,
                values: [
                    "unit": [
                        "id": detail.unit.id, "name": language == .vi ? detail.unit.name.vi : detail.unit.name.en,
                        "score": Self.number(detail.unit.score), "rank": detail.unit.rank,
                        "tier": detail.unit.tier.map { language == .vi ? $0.label.vi : $0.label.en } ?? "—",
                    ] as [String: Any],
                    "scan": self.scanValues(view),
                    "indicators": detail.indicators.map {
                        [
                            "label": language == .vi ? $0.label.vi : $0.label.en, "raw": Self.number($0.raw),
                            "normalised": Self.number($0.normalised), "weight": Self.number($0.weight),
                            "contribution": Self.number($0.contribution), "source": $0.source.rawValue,
                            "explanation": language == .vi ? $0.explanation.vi : $0.explanation.en,
                        ] as [String: Any]
                    },
                    "explanation": language == .vi ? detail.explanation.vi : detail.explanation.en,
                    "hosts": detail.hosts.map(self.hostValues),
                    "findings": findings.map { self.findingValues($0, language) },
                    "trendPoints": polyline, "hasTrend": points.count > 1,
                    "trendDots": points.enumerated().map { index, point in
                        ["x": Self.number(20 + Double(index) * step), "y": Self.number(130 - point.score / top * 110), "score": Self.number(point.score)]
                    },
                ])
        }

        router.get("/hosts/{host}") { _, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            let endpoint = try context.parameters.require("host")
            guard let view = try await self.catalog.current(), let host = view.host(endpoint) else {
                return self.page("message", context, status: .notFound, values: ["text": "404"])
            }
            let findings = view.findings(unit: nil, severity: nil, verdict: nil, policy: nil, host: endpoint)
            return self.page(
                "host", context,
                values: [
                    "host": self.hostValues(API.Host(host, failed: findings.filter { $0.verdict == .fail }.count)),
                    "scan": self.scanValues(view), "findings": findings.map { self.findingValues($0, context.language) },
                ])
        }

        router.get("/findings") { request, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            guard let view = try await self.catalog.current() else { return Self.redirect("/") }
            let query = request.uri.queryParameters
            func nonEmpty(_ key: String) -> String? { query.get(key).flatMap { $0.isEmpty ? nil : $0 } }
            let matching = view.findings(
                unit: nonEmpty("unit"), severity: nonEmpty("severity").flatMap(Severity.init(rawValue:)),
                verdict: nonEmpty("verdict").flatMap(Verdict.init(rawValue:)), policy: nonEmpty("policy"))
            return self.page(
                "findings", context,
                values: [
                    "scan": self.scanValues(view), "total": matching.count,
                    "findings": matching.prefix(1000).map { self.findingValues($0, context.language) },
                    "severities": Severity.allCases.map { ["value": $0.rawValue, "selected": nonEmpty("severity") == $0.rawValue] },
                    "verdicts": Verdict.allCases.map { ["value": $0.rawValue, "selected": nonEmpty("verdict") == $0.rawValue] },
                    "unitFilter": nonEmpty("unit") ?? "", "policyFilter": nonEmpty("policy") ?? "",
                ])
        }

        router.get("/scans") { _, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            let scans = try await self.catalog.scans()
            return self.page(
                "scans", context,
                values: [
                    "scans": scans.enumerated().map { index, scan in
                        [
                            "id": scan.id, "inventory": scan.inventoryName, "started": Self.time(scan.startedAt),
                            "finished": Self.time(scan.finishedAt), "hosts": scan.hosts, "scanned": scan.scanned,
                            "previous": index + 1 < scans.count ? scans[index + 1].id : 0, "hasPrevious": index + 1 < scans.count,
                        ] as [String: Any]
                    }
                ])
        }

        router.get("/runs") { _, context in
            guard context.identity != nil else { return Self.redirect("/login") }
            let runs = self.runs.all.prefix(50)
            return self.page(
                "runs", context,
                values: [
                    "refresh": runs.contains { $0.finished == nil },
                    "runs": runs.map {
                        [
                            "id": $0.id, "schedule": $0.schedule, "state": $0.state, "started": Self.time($0.started),
                            "finished": $0.finished.map(Self.time) ?? "", "hostsDone": $0.hostsDone, "hostsTotal": $0.hostsTotal,
                            "scanID": $0.scanID.map(String.init) ?? "", "error": $0.error ?? "",
                        ] as [String: Any]
                    },
                ])
        }

        router.post("/schedules/{name}/run") { request, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            let form = try await Self.form(request)
            guard self.sameOrigin(request), form["csrf"] == identity.csrf, identity.csrf != nil else {
                return self.page("message", context, status: .forbidden, values: ["text": "CSRF"])
            }
            guard identity.role >= .auditor else {
                return self.page("message", context, status: .forbidden, values: ["text": DashboardKey.forbidden.text.text(context.language)])
            }
            let result = await self.scheduler?.runNow(try context.parameters.require("name")) ?? .unknownSchedule
            switch result {
            case .started, .alreadyRunning: return Self.redirect("/runs")
            case .unknownSchedule: return self.page("message", context, status: .notFound, values: ["text": "404"])
            }
        }
    }

    // MARK: Rendering

    func page(_ template: String, _ context: ServiceContext, status: HTTPResponse.Status = .ok, values: [String: Any]) -> Response {
        var object = values
        object["t"] = DashboardKey.table(context.language)
        object["lang"] = context.language.rawValue
        object["otherLang"] = context.language == .vi ? "en" : "vi"
        object["hasSchedules"] = !((values["schedules"] as? [[String: Any]]) ?? []).isEmpty
        if let identity = context.identity {
            object["signedIn"] = true
            object["who"] = identity.name
            object["role"] = identity.role.rawValue
            object["isAdmin"] = identity.role >= .admin
            object["csrf"] = identity.csrf ?? ""
        }
        let html = library.render(object, withTemplate: template) ?? "template \(template) is missing"
        return Response(status: status, headers: [.contentType: "text/html; charset=utf-8"], body: .init(byteBuffer: ByteBuffer(string: html)))
    }

    func loginPage(_ context: ServiceContext, failed: Bool, status: HTTPResponse.Status = .ok) -> Response {
        let csrf = SessionStore.randomToken()
        var response = page("login", context, status: status, values: ["failed": failed, "loginCSRF": csrf])
        response.setCookie(Cookie(name: "ictaudit_login", value: csrf, maxAge: 3600, path: "/login", httpOnly: true, sameSite: .strict))
        return response
    }

    func scheduleValues(_ context: ServiceContext, _ identity: Identity) async -> [[String: Any]] {
        await scheduleRows().map {
            [
                "name": $0.name, "cron": $0.cron, "timeZone": $0.timeZone, "running": $0.running,
                "next": $0.next.map(Self.time).joined(separator: ", "), "canRun": identity.role >= .auditor,
            ] as [String: Any]
        }
    }

    func scanValues(_ view: ScanView) -> [String: Any] {
        ["id": view.scanID, "inventory": view.inventoryName, "started": Self.time(view.startedAt), "finished": Self.time(view.finishedAt)]
    }

    func hostValues(_ host: API.Host) -> [String: Any] {
        [
            "endpoint": host.endpoint, "unit": host.unit, "status": host.status, "message": host.message ?? "",
            "hostname": host.hostname ?? "", "os": host.operatingSystem ?? "", "kernel": host.kernel ?? "",
            "antivirus": host.antivirus.joined(separator: ", "), "ports": host.listeningPorts.map(String.init).joined(separator: " "),
            "packages": host.packages.map(String.init) ?? "", "failed": host.failed, "duration": Self.number(host.durationSeconds),
            "path": host.endpoint.addingPercentEncoding(withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? "",
        ]
    }

    func findingValues(_ finding: Finding, _ language: Language) -> [String: Any] {
        [
            "policy": finding.policyID, "rule": finding.ruleID, "title": finding.title.text(language),
            "severity": finding.severity.rawValue, "verdict": finding.verdict.rawValue, "host": finding.host, "unit": finding.unit,
            "message": finding.message ?? "",
        ]
    }

    static func number(_ value: Double) -> String {
        let rounded = (value * 100).rounded() / 100
        return rounded == rounded.rounded() ? String(Int(rounded)) : String(rounded)
    }

    static func time(_ date: Date) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: ScheduleFile.defaultTimeZone)
        formatter.dateFormat = "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }

    static func redirect(_ location: String) -> Response {
        Response(status: .seeOther, headers: [.location: location])
    }

    /// A form posted by a page of this server: its Origin (when the browser sends one) is this host.
    func sameOrigin(_ request: Request) -> Bool {
        guard let origin = request.headers[.origin] else { return true }
        guard let host = request.head.authority else { return false }
        return origin == "http://\(host)" || origin == "https://\(host)"
    }

    /// An `application/x-www-form-urlencoded` body (at most 16 KB).
    static func form(_ request: Request) async throws -> [String: String] {
        var request = request
        let buffer = try await request.collectBody(upTo: 16 * 1024)
        let text = String(buffer: buffer).replacingOccurrences(of: "+", with: " ")
        var result: [String: String] = [:]
        for pair in text.split(separator: "&") {
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            guard let key = parts.first?.removingPercentEncoding else { continue }
            result[key] = parts.count > 1 ? String(parts[1]).removingPercentEncoding ?? "" : ""
        }
        return result
    }
}
