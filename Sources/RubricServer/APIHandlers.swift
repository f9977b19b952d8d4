import Foundation
import Hummingbird
import Rubric

/// The `/v1` endpoints and the health, readiness and metrics ones.
struct APIHandlers: Sendable {
    let server: RubricServer

    /// `POST /v1/recommend[?compact=true]`: the same document as `rubric recommend --format json`
    /// (compact: on one line, as `rubric batch` writes it).
    func recommend(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let pretty: Bool
        switch request.uri.queryParameters.get("compact") {
        case nil, "false": pretty = true
        case "true": pretty = false
        default: throw ServerError.badInput(InputError(file: "<request>", field: "compact", message: "compact is true or false"))
        }
        let input = try await ProfileBody(request, server: server)
        return try await server.rules.withGeneration { generation in
            let outcome = try await generation.evaluate(queueLimit: server.configuration.maxQueue,
                                                        timeout: server.configuration.requestTimeout) { evaluator -> Result<(String, String), any Error> in
                do {
                    let rec = evaluator.evaluate(try input.profile())
                    return .success((rec.serializedJSON(pretty: pretty) + "\n", rec.status.rawValue))
                } catch {
                    return .failure(error)
                }
            }
            let (text, status) = try outcome.get()
            server.metrics.evaluation(status: status)
            return json(text, generation: generation)
        }
    }

    /// `POST /v1/explain?technique=…[&versus=…]`: the same document as `rubric explain --format json`.
    func explain(_ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let query = request.uri.queryParameters
        guard let technique = query.get("technique"), !technique.isEmpty else {
            throw ServerError.badInput(InputError(file: "<request>", field: "technique", message: "give the technique to explain, e.g. ?technique=swedish"))
        }
        let versus = query.get("versus").flatMap { $0.isEmpty ? nil : $0 }
        let input = try await ProfileBody(request, server: server)
        return try await server.rules.withGeneration { generation in
            let outcome = try await generation.evaluate(queueLimit: server.configuration.maxQueue,
                                                        timeout: server.configuration.requestTimeout) { evaluator -> Result<(String, String), any Error> in
                do {
                    let rec = evaluator.evaluate(try input.profile(), tracingReads: true)
                    let explanation = try Explanation(recommendation: rec, technique: technique, versus: versus,
                                                      catalog: evaluator.ruleSet.catalog)
                    return .success((explanation.json.serialized() + "\n", rec.status.rawValue))
                } catch let error as Explanation.UnknownTechnique {
                    return .failure(ServerError.badInput(InputError(
                        file: "<request>", field: error.role == .technique ? "technique" : "versus", message: error.message)))
                } catch {
                    return .failure(error)
                }
            }
            let (text, status) = try outcome.get()
            server.metrics.evaluation(status: status)
            return json(text, generation: generation)
        }
    }

    /// `GET /v1/rules`: the same document as `rubric rules list --format json`.
    func rulesDocument() -> Response {
        let generation = server.rules.current
        return json(generation.rulesDocument, generation: generation)
    }

    /// `GET /v1/catalog`: the catalog's terms, aliases and codes, for autocomplete.
    func catalogDocument() -> Response {
        let generation = server.rules.current
        return json(generation.catalogDocument, generation: generation)
    }

    /// `GET /openapi.json`: the API's document, with the rule set's techniques.
    func openapi() -> Response {
        let generation = server.rules.current
        return json(generation.openapiDocument, generation: generation)
    }

    /// `GET /healthz`: the process answers.
    func health() -> Response {
        json(JSONValue.object([("status", .string("ok"))]).serialized() + "\n", generation: server.rules.current)
    }

    /// `GET /readyz`: the rule set serving, the workers, and what the last reload did.
    func readiness() -> Response {
        let generation = server.rules.current
        let reload: JSONValue = server.rules.lastReload.map { r in
            .object([("ok", .bool(r.ok)), ("at", .string(ISO8601DateFormatter().string(from: r.at))),
                     ("hash", .optional(r.hash)), ("file", .optional(r.file)), ("line", .optional(r.line)),
                     ("message", .optional(r.message))])
        } ?? .null
        let body = JSONValue.object([
            ("status", .string("ready")), ("ruleset", generation.provenance),
            ("workers", .int(generation.pool.workers)), ("queued", .int(generation.pool.queued)),
            ("last_reload", reload),
        ])
        return json(body.serialized() + "\n", generation: generation)
    }

    /// `GET /metrics`: Prometheus' text format.
    func metricsText() -> Response {
        let generation = server.rules.current
        let text = server.metrics.text(queued: generation.pool.queued)
        return Response(status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8",
                                               .rubricRuleset: generation.hash],
                        body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }

    private func json(_ text: String, generation: RuleGeneration) -> Response {
        Response(status: .ok, headers: [.contentType: "application/json; charset=utf-8", .rubricRuleset: generation.hash],
                 body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
    }
}
