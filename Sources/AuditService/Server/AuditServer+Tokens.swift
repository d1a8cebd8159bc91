import Foundation
import HTTPTypes
import Hummingbird
import InventoryModel
import Logging
import NIOCore

extension AuditServer {
    /// Token management for administrators: `/api/v1/tokens` and the dashboard's `/tokens` page.
    ///
    /// A token is shown once, in the answer (or the page) that made it; lists show names, roles and
    /// dates only. Changes made with a dashboard session need the session's form token (a form
    /// field on pages, an `X-CSRF-Token` header on the API), so another site cannot make a signed-in
    /// administrator's browser create or revoke one.
    func addTokens(api: RouterGroup<ServiceContext>, pages router: Router<ServiceContext>) {
        api.get("tokens") { _, context in
            try self.require(.admin, context)
            return try self.json(API.Tokens(tokens: self.tokens.all.sorted { $0.name < $1.name }.map(API.TokenRow.init)))
        }

        api.post("tokens") { request, context in
            try self.requireChange(.admin, request, context)
            var request = request
            let body = try await request.collectBody(upTo: 16 * 1024)
            guard let asked = try? JSONDecoder().decode(API.NewTokenRequest.self, from: Data(body.readableBytesView)) else {
                return self.problem(.badRequest, "the body must be JSON: {\"name\": NAME, \"role\": \"viewer\" | \"auditor\" | \"admin\"}")
            }
            guard let role = Role(rawValue: asked.role ?? "viewer") else {
                return self.problem(.badRequest, "role must be one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            switch self.createToken(name: asked.name, role: role, by: context) {
            case .success(let made):
                return try self.json(
                    API.NewToken(name: made.entry.name, role: role.rawValue, created: made.entry.created, token: made.token), status: .created)
            case .failure(.exists(let name)):
                return self.problem(.conflict, TokenStore.Refusal.exists(name).description)
            case .failure(let refusal):
                return self.problem(.badRequest, refusal.description)
            }
        }

        api.delete("tokens/{name}") { request, context in
            try self.requireChange(.admin, request, context)
            let name = try context.parameters.require("name")
            guard try self.revokeToken(name, by: context) else { return self.problem(.notFound, "no token '\(name)'") }
            return Response(status: .noContent)
        }

        router.get("/tokens") { _, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            guard identity.role >= .admin else { return self.forbiddenPage(context) }
            return self.tokensPage(context)
        }

        router.post("/tokens") { request, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            let form = try await Self.form(request)
            guard self.sameOrigin(request), identity.csrf != nil, form["csrf"] == identity.csrf else { return self.csrfPage(context) }
            guard identity.role >= .admin else { return self.forbiddenPage(context) }
            let role = Role(rawValue: form["role"] ?? "") ?? .viewer
            switch self.createToken(name: form["name"] ?? "", role: role, by: context) {
            case .success(let made):
                return self.tokensPage(context, status: .created, made: (made.entry.name, role, made.token))
            case .failure(.exists):
                return self.tokensPage(context, status: .conflict, problem: DashboardKey.tokenExists.text.text(context.language))
            case .failure:
                return self.tokensPage(context, status: .badRequest, problem: DashboardKey.tokenNameHelp.text.text(context.language))
            }
        }

        router.post("/tokens/{name}/revoke") { request, context in
            guard let identity = context.identity else { return Self.redirect("/login") }
            let form = try await Self.form(request)
            guard self.sameOrigin(request), identity.csrf != nil, form["csrf"] == identity.csrf else { return self.csrfPage(context) }
            guard identity.role >= .admin else { return self.forbiddenPage(context) }
            let name = try context.parameters.require("name")
            guard try self.revokeToken(name, by: context) else { return self.page("message", context, status: .notFound, values: ["text": "404"]) }
            // Revoking the token this session was opened with ends the session: the next page asks to sign in.
            return Self.redirect("/tokens")
        }
    }

    /// Refuses a change (401/403 as `require`), and one made with a dashboard session unless it
    /// carries the session's form token in `X-CSRF-Token` from this server's own origin.
    func requireChange(_ role: Role, _ request: Request, _ context: ServiceContext) throws {
        try require(role, context)
        if let csrf = context.identity?.csrf {
            guard sameOrigin(request), request.headers[.csrfToken] == csrf else {
                throw HTTPError(.forbidden, message: "a change made with a dashboard session needs its form token in X-CSRF-Token")
            }
        }
    }

    private func createToken(name: String, role: Role, by context: ServiceContext) -> Result<(token: String, entry: TokenStore.Entry), TokenStore.Refusal> {
        do {
            let made = try tokens.create(name: name, role: role)
            logger.notice(
                "token created", metadata: ["token": "\(name)", "role": "\(role.rawValue)", "by": "\(context.identity?.name ?? "?")"])
            return .success(made)
        } catch let refusal as TokenStore.Refusal {
            return .failure(refusal)
        } catch {
            logger.error("token file not written", metadata: ["error": "\(error)"])
            return .failure(.badName(name))
        }
    }

    private func revokeToken(_ name: String, by context: ServiceContext) throws -> Bool {
        let revoked = try tokens.revoke(name: name)
        if revoked { logger.notice("token revoked", metadata: ["token": "\(name)", "by": "\(context.identity?.name ?? "?")"]) }
        return revoked
    }

    private func tokensPage(
        _ context: ServiceContext, status: HTTPResponse.Status = .ok, made: (name: String, role: Role, token: String)? = nil,
        problem: String? = nil
    ) -> Response {
        var values: [String: Any] = [
            "tokens": tokens.all.sorted { $0.name < $1.name }.map {
                ["name": $0.name, "role": $0.role.rawValue, "created": Self.time($0.created)] as [String: Any]
            },
            "roles": Role.allCases.map { ["value": $0.rawValue, "label": DashboardKey.role($0).text.text(context.language)] },
        ]
        if let made { values["made"] = ["name": made.name, "role": made.role.rawValue, "token": made.token] }
        if let problem { values["problem"] = problem }
        return page("tokens", context, status: status, values: values)
    }

    private func forbiddenPage(_ context: ServiceContext) -> Response {
        page("message", context, status: .forbidden, values: ["text": DashboardKey.forbidden.text.text(context.language)])
    }

    private func csrfPage(_ context: ServiceContext) -> Response {
        page("message", context, status: .forbidden, values: ["text": "CSRF"])
    }
}

extension HTTPField.Name {
    static let csrfToken = Self("X-CSRF-Token")!
}
