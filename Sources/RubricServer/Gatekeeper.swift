import Foundation
import HTTPTypes
import Hummingbird
import Logging
import Rubric
import Synchronization

/// The middleware every request passes: bearer auth, errors turned into `rubric.error/1`
/// bodies, the request id and rule-set hash headers, one access-log line and the metrics.
///
/// The access log names the method, the route, the status and the time, never the query or the
/// body (they may carry a client's data); with `--log-profiles` it adds the error message.
struct Gatekeeper: RouterMiddleware {
    typealias Context = BasicRequestContext
    let server: RubricServer

    /// The routes, by path, with their methods: what a wrong method or path is told.
    static let routes: [String: [HTTPRequest.Method]] = {
        var routes: [String: [HTTPRequest.Method]] = [
            "/v1/recommend": [.post], "/v1/explain": [.post], "/v1/rules": [.get], "/v1/catalog": [.get],
            "/healthz": [.get], "/readyz": [.get], "/metrics": [.get], "/openapi.json": [.get],
        ]
        for page in WebPage.files { routes[page.path] = [.get] }
        routes["/cds-services"] = [.get]
        for service in CDSService.all {
            routes["/cds-services/\(service.id)"] = [.post]
            routes["/cds-services/\(service.id)/feedback"] = [.post]
        }
        return routes
    }()

    /// Paths open without a token: liveness, and the page's static files (they hold no data; the
    /// page then asks for the token the API needs).
    static let open: Set<String> = Set(["/healthz"] + WebPage.files.map(\.path))

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws -> Response {
        let start = ContinuousClock.now
        // Hummingbird's id, which every log line about the request carries (a log handler that
        // keeps no metadata, as in tests, gets one of ours)
        let requestID = context.logger[metadataKey: "hb.request.id"]?.description ?? Self.nextID()
        let path = request.uri.path
        var failure: ServerError?
        var response: Response
        do {
            // with a CDS JWKS, CDS Hooks calls carry the EHR's JWT instead (checked by the service) and discovery is open
            let cdsPath = server.configuration.cdsJWKS != nil && (path == "/cds-services" || path.hasPrefix("/cds-services/"))
            if let token = server.configuration.token, !Self.open.contains(path), !cdsPath, !Self.authorized(request, token: token) {
                throw ServerError.unauthorized
            }
            response = try await next(request, context)
        } catch let error as ServerError {
            failure = error
            response = errorResponse(error, requestID: requestID)
        } catch let error as any HTTPResponseError {
            let mapped: ServerError = switch error.status {
            case .notFound: Self.routes[path].map { .methodNotAllowed(allowed: $0) } ?? .notFound(path)
            case .methodNotAllowed: .methodNotAllowed(allowed: Self.routes[path] ?? [])
            case .contentTooLarge: .tooLarge(limit: server.configuration.maxBodyBytes)
            default: .badInput(InputError(file: "<request>", message: "the request could not be read"))
            }
            failure = mapped
            response = errorResponse(mapped, requestID: requestID)
        } catch {
            context.logger.error("unexpected error", metadata: ["type": .string("\(type(of: error))")])
            failure = .internal
            response = errorResponse(.internal, requestID: requestID)
        }
        response.headers[.requestID] = requestID
        if response.headers[.rubricRuleset] == nil { response.headers[.rubricRuleset] = server.rules.current.hash }
        let nanoseconds = (ContinuousClock.now - start).nanoseconds
        let route = Self.routes[path] == nil ? "other" : path
        server.metrics.request(method: request.method.rawValue, route: route, status: Int(response.status.code),
                               nanoseconds: nanoseconds)
        var metadata: Logger.Metadata = [
            "method": .string(request.method.rawValue), "route": .string(route),
            "status": .stringConvertible(response.status.code),
            "ms": .string(Self.milliseconds(nanoseconds)),
            "ruleset": .string(response.headers[.rubricRuleset] ?? ""),
        ]
        if let failure {
            metadata["problem"] = .string(failure.label)
            if let field = failure.inputError.field { metadata["field"] = .string(field) }
            if server.configuration.logProfiles { metadata["error"] = .string(failure.inputError.message) }
        }
        context.logger.info("request", metadata: metadata)
        return response
    }

    private func errorResponse(_ error: ServerError, requestID: String) -> Response {
        let generation = server.rules.current
        var headers: HTTPFields = [.contentType: "application/json; charset=utf-8", .rubricRuleset: generation.hash]
        switch error {
        case .queueFull, .timeout, .stopping: headers[.retryAfter] = "1"
        case .unauthorized: headers[.wwwAuthenticate] = "Bearer realm=\"rubric\""
        case .methodNotAllowed(let allowed): headers[.allow] = allowed.map(\.rawValue).joined(separator: ", ")
        default: break
        }
        return Response(status: error.status, headers: headers,
                        body: ResponseBody(byteBuffer: ByteBuffer(string: error.body(requestID: requestID, ruleset: generation.provenance))))
    }

    /// `nanoseconds` as milliseconds to the microsecond, `12.345` (what `%.3f` wrote, without
    /// Foundation's formatter on every request).
    static func milliseconds(_ nanoseconds: Int64) -> String {
        let microseconds = (max(0, nanoseconds) + 500) / 1000
        let fraction = microseconds % 1000
        return "\(microseconds / 1000)." + (fraction < 10 ? "00" : fraction < 100 ? "0" : "") + "\(fraction)"
    }

    private static let counter = Mutex(0)
    private static func nextID() -> String { "r" + String(counter.withLock { $0 += 1; return $0 }) }

    /// Whether the request carries `Authorization: Bearer <token>`, compared in constant time.
    static func authorized(_ request: Request, token: String) -> Bool {
        guard let value = request.headers[.authorization], value.lowercased().hasPrefix("bearer ") else { return false }
        let given = Array(value.dropFirst(7).trimmingCharacters(in: .whitespaces).utf8), expected = Array(token.utf8)
        var difference = given.count == expected.count ? 0 : 1
        for i in 0..<max(given.count, expected.count) {
            difference |= Int((i < given.count ? given[i] : 0) ^ (i < expected.count ? expected[i] : 0))
        }
        return difference == 0
    }
}

extension HTTPField.Name {
    /// The rule set that answered: `Rubric-Ruleset: sha256:…`.
    static let rubricRuleset = HTTPField.Name("Rubric-Ruleset")!
    static let rubricDecisionID = HTTPField.Name("Rubric-Decision-Id")!
    static let rubricDecisionLogged = HTTPField.Name("Rubric-Decision-Logged")!
    /// The request's id, as every log line about it gives it.
    static let requestID = HTTPField.Name("X-Request-Id")!
}
