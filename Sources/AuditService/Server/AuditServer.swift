public import Foundation
public import HTTPTypes
public import Hummingbird
import HummingbirdTLS
public import Inventory
public import InventoryModel
public import Logging
public import Mustache
public import NIOSSL
public import NIOCore
public import Ranking
public import Reports

/// `ictaudit serve`: the JSON API, the dashboard pages and `/metrics`, over one store.
///
/// Every API call and page needs a token (read-only `viewer` by default); starting a scan needs
/// `auditor`. Pages are rendered from mustache templates, which escape everything they insert,
/// so nothing a host reported can become markup; the Content-Security-Policy allows no script
/// and no asset from elsewhere.
public struct AuditServer: Sendable {
    public let catalog: ScanCatalog
    public let tokens: TokenStore
    public let scheduler: Scheduler?
    public let runs: RunLog
    public let metrics: ServiceMetrics
    let library: MustacheLibrary
    let assets: [String: (type: String, body: String)]
    let openAPI: String
    let sessions = SessionStore()
    let logger: Logger
    /// Served over HTTPS: cookies get `Secure`, answers `Strict-Transport-Security`.
    var secureTransport = false

    /// The policy a browser gets with every answer: nothing but this server's own files.
    public static let contentSecurityPolicy =
        "default-src 'none'; style-src 'self'; img-src 'self' data:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'"

    /// The OpenAPI document served at `/openapi.json`.
    public static var openAPIDocumentPath: String {
        Bundle.module.resourceURL!.appendingPathComponent("Assets/openapi.json").path
    }

    public init(
        catalog: ScanCatalog, tokens: TokenStore, scheduler: Scheduler?, runs: RunLog, metrics: ServiceMetrics,
        logger: Logger, templatesDirectory: String? = nil
    ) async throws {
        self.catalog = catalog
        self.tokens = tokens
        self.scheduler = scheduler
        self.runs = runs
        self.metrics = metrics
        self.logger = logger
        let resources = Bundle.module.resourceURL!
        let templates = templatesDirectory ?? resources.appendingPathComponent("Templates").path
        library = try await MustacheLibrary(directory: templates)
        let assetFolder = resources.appendingPathComponent("Assets")
        var assets: [String: (String, String)] = [:]
        for (name, type) in [("app.css", "text/css; charset=utf-8")] {
            assets[name] = (type, try String(contentsOf: assetFolder.appendingPathComponent(name), encoding: .utf8))
        }
        self.assets = assets
        openAPI = try String(contentsOf: assetFolder.appendingPathComponent("openapi.json"), encoding: .utf8)
    }

    /// The application over plain HTTP, listening on `host:port` (port 0: any free port;
    /// `onRunning` learns which). Keep it on 127.0.0.1 behind a proxy that terminates TLS, or use
    /// the `tls:` variant.
    public func application(
        host: String, port: Int, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) -> some ApplicationProtocol {
        Application(
            router: router(), server: .http1(), configuration: .init(address: .hostname(host, port: port), serverName: "ictaudit"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// The application over HTTPS when `tls` is given (`ServiceTLS.configuration`), else plain HTTP.
    public func application(
        host: String, port: Int, tls: TLSConfiguration?, onRunning: @escaping @Sendable (Int) async -> Void = { _ in }
    ) throws -> some ApplicationProtocol {
        var server = self
        server.secureTransport = tls != nil
        return Application(
            router: server.router(), server: try tls.map { try .tls(.http1(), tlsConfiguration: $0) } ?? .http1(),
            configuration: .init(address: .hostname(host, port: port), serverName: "ictaudit"),
            onServerRunning: { channel in await onRunning(channel.localAddress?.port ?? port) }, logger: logger)
    }

    /// Every route of the service.
    public func router() -> Router<ServiceContext> {
        let router = Router(context: ServiceContext.self)
        router.add(middleware: SecurityHeadersMiddleware(metrics: metrics, secureTransport: secureTransport))
        router.add(middleware: IdentityMiddleware(tokens: tokens, sessions: sessions))

        router.get("/healthz") { _, _ in "ok\n" }
        router.get("/metrics") { _, _ in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: self.metrics.exposition())))
        }
        router.get("/openapi.json") { _, _ in
            Response(status: .ok, headers: [.contentType: "application/json"], body: .init(byteBuffer: ByteBuffer(string: self.openAPI)))
        }
        router.get("/assets/{file}") { _, context in
            guard let asset = self.assets[try context.parameters.require("file")] else { throw HTTPError(.notFound) }
            return Response(
                status: .ok, headers: [.contentType: asset.type, .cacheControl: "max-age=3600"],
                body: .init(byteBuffer: ByteBuffer(string: asset.body)))
        }
        addAPI(to: router)
        addPages(to: router)
        addDiffPage(to: router)
        return router
    }

    // MARK: Helpers shared by API and pages

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.dateEncodingStrategy = .iso8601
        encoder.outputFormatting = [.sortedKeys]
        return encoder
    }()

    func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try Self.encoder.encode(value))))
    }

    func problem(_ status: HTTPResponse.Status, _ message: String) -> Response {
        (try? json(API.Problem(error: message), status: status)) ?? Response(status: status)
    }

    func scanRef(_ view: ScanView) -> API.ScanRef {
        API.ScanRef(id: view.scanID, inventory: view.inventoryName, startedAt: view.startedAt, finishedAt: view.finishedAt)
    }

    func unitRows(_ view: ScanView, trends: [String: [TrendPoint]]) -> [API.UnitRow] {
        view.ranking.units.sorted { ($0.rank, $0.unitID) < ($1.rank, $1.unitID) }.map { unit in
            API.UnitRow(
                id: unit.unitID, name: unit.unitName, score: unit.score * view.ranking.scale, rank: unit.rank,
                tier: unit.tier.map { API.TierRef(id: $0.id, label: $0.label) }, group: unit.group,
                trend: trends[unit.unitID] ?? [])
        }
    }

    /// A stored scan's report in one format, rendered now from the store (the main file of
    /// formats that write several, such as the HTML report's unit pages).
    func report(scanID: Int64, format name: String, language: Language) async throws -> Response {
        guard let format = ReportFormat(rawValue: name) else {
            return problem(.notFound, "no report format '\(name)' (\(ReportFormat.allCases.map(\.rawValue).joined(separator: ", ")))")
        }
        guard let snapshot = try catalog.store.snapshot(id: scanID) else { return problem(.notFound, "no scan \(scanID)") }
        let evaluation = try catalog.store.latestEvaluation(scanID: scanID)
        let findings = evaluation?.findings ?? []
        let input = ReportInput(
            snapshot: snapshot, findings: findings, ranking: catalog.method.score(snapshot, findings: findings), generatedAt: Date(),
            language: language, policies: (evaluation?.policies ?? []).map { PolicyName(id: $0, title: LocalizedText(vi: $0, en: $0)) },
            toolVersion: "ictaudit serve")
        let files = try ReportRenderers.renderer(for: format).files(for: input)
        guard let file = files.first(where: { !$0.name.contains("/") }) ?? files.first else {
            return problem(.notFound, "the \(name) report of scan \(scanID) is empty")
        }
        let types = [
            "html": "text/html; charset=utf-8", "json": "application/json; charset=utf-8", "md": "text/markdown; charset=utf-8",
            "csv": "text/csv; charset=utf-8", "xml": "application/xml",
            "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ]
        let fileName = (file.name as NSString).lastPathComponent
        return Response(
            status: .ok,
            headers: [
                .contentType: types[(fileName as NSString).pathExtension] ?? "application/octet-stream",
                .contentDisposition: "attachment; filename=\"scan-\(scanID)-\(fileName)\"",
            ],
            body: .init(byteBuffer: ByteBuffer(bytes: file.data)))
    }
}

/// Security headers on every answer, and each request's time in the metrics.
struct SecurityHeadersMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let metrics: ServiceMetrics
    /// Over HTTPS every cookie is `Secure` (never sent over plain HTTP) and browsers are told to
    /// keep to HTTPS for this host.
    var secureTransport = false

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        var response: Response
        do {
            response = try await next(request, context)
        } catch let error as HTTPError {
            let message = error.body ?? error.status.reasonPhrase
            var headers = error.headers
            if request.uri.path.hasPrefix("/api/") {
                headers[.contentType] = "application/json; charset=utf-8"
                let body = (try? AuditServer.encoder.encode(API.Problem(error: message))) ?? Data()
                response = Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(bytes: body)))
            } else {
                headers[.contentType] = "text/plain; charset=utf-8"
                response = Response(status: error.status, headers: headers, body: .init(byteBuffer: ByteBuffer(string: message + "\n")))
            }
        }
        response.headers[.contentSecurityPolicy] = AuditServer.contentSecurityPolicy
        response.headers[.xContentTypeOptions] = "nosniff"
        response.headers[.xFrameOptions] = "DENY"
        // same-origin, not no-referrer: with no-referrer browsers send `Origin: null` on form posts,
        // which the cross-site check must refuse.
        response.headers[.referrerPolicy] = "same-origin"
        if response.headers[.cacheControl] == nil { response.headers[.cacheControl] = "no-store" }
        if secureTransport {
            response.headers[.strictTransportSecurity] = "max-age=31536000"
            let cookies = response.headers[values: .setCookie]
            if !cookies.isEmpty {
                response.headers[.setCookie] = nil
                for cookie in cookies {
                    response.headers.append(.init(name: .setCookie, value: cookie.contains("; Secure") ? cookie : cookie + "; Secure"))
                }
            }
        }
        let elapsed = ContinuousClock.now - start
        metrics.request(
            route: context.endpointPath ?? "unmatched", status: Int(response.status.code),
            seconds: Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
        return response
    }
}

/// Reads the caller's identity (Bearer token, or session cookie for pages) and language.
struct IdentityMiddleware: RouterMiddleware {
    typealias Context = ServiceContext
    let tokens: TokenStore
    let sessions: SessionStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        var context = context
        if let header = request.headers[.authorization], header.lowercased().hasPrefix("bearer ") {
            let token = String(header.dropFirst(7)).trimmingCharacters(in: .whitespaces)
            if let entry = tokens.authenticate(token) { context.identity = Identity(name: entry.name, role: entry.role, csrf: nil) }
        } else if let session = request.cookies["ictaudit_session"]?.value {
            context.identity = sessions.identity(for: session, tokens: tokens)
        }
        let chosen = request.uri.queryParameters.get("lang") ?? request.cookies["ictaudit_lang"]?.value
        context.language = chosen.flatMap(Language.init(rawValue:)) ?? .vi
        var response = try await next(request, context)
        if let asked = request.uri.queryParameters.get("lang"), Language(rawValue: asked) != nil {
            response.setCookie(Cookie(name: "ictaudit_lang", value: asked, maxAge: 365 * 86400, path: "/", httpOnly: true, sameSite: .strict))
        }
        return response
    }
}

extension HTTPField.Name {
    static let xContentTypeOptions = Self("X-Content-Type-Options")!
    static let xFrameOptions = Self("X-Frame-Options")!
    static let referrerPolicy = Self("Referrer-Policy")!
    static let strictTransportSecurity = Self("Strict-Transport-Security")!
}
