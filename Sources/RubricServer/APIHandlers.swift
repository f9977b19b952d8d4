import Foundation
import Hummingbird
import Rubric
import RubricDecisionLog

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
                                                        timeout: server.configuration.requestTimeout) { evaluator -> Result<(String, String, DecisionRecord?), any Error> in
                do {
                    let rec = evaluator.evaluate(try input.profile())
                    return .success((rec.serializedJSON(pretty: pretty) + "\n", rec.status.rawValue, decision(rec, input, origin: "recommend")))
                } catch {
                    return .failure(error)
                }
            }
            let (text, status, record) = try outcome.get()
            server.metrics.evaluation(status: status)
            return await logged(json(text, generation: generation), record)
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
                                                        timeout: server.configuration.requestTimeout) { evaluator -> Result<(String, String, DecisionRecord?), any Error> in
                do {
                    let rec = evaluator.evaluate(try input.profile(), tracingReads: true)
                    let explanation = try Explanation(recommendation: rec, technique: technique, versus: versus,
                                                      catalog: evaluator.ruleSet.catalog)
                    return .success((explanation.json.serialized() + "\n", rec.status.rawValue, decision(rec, input, origin: "explain")))
                } catch let error as Explanation.UnknownTechnique {
                    return .failure(ServerError.badInput(InputError(
                        file: "<request>", field: error.role == .technique ? "technique" : "versus", message: error.message)))
                } catch {
                    return .failure(error)
                }
            }
            let (text, status, record) = try outcome.get()
            server.metrics.evaluation(status: status)
            return await logged(json(text, generation: generation), record)
        }
    }

    /// The decision to record for `rec`, when the server keeps a decision log (made on the worker).
    private func decision(_ rec: Recommendation, _ input: ProfileBody, origin: String) -> DecisionRecord? {
        server.decisions.map { log in
            DecisionRecord(recommendation: rec, input: input.data, format: input.json ? "json" : "yaml", origin: origin,
                           keepInput: log.keepInputs, asOf: input.asOf)
        }
    }

    /// Records `record` and says in the response whether it was: `Rubric-Decision-Id`, or
    /// `Rubric-Decision-Logged: false` when the write failed (the answer itself is unchanged).
    func logged(_ response: Response, _ record: DecisionRecord?) async -> Response {
        guard let record, let log = server.decisions else { return response }
        var response = response
        if await log.record(record, logger: server.logger) {
            response.headers[.rubricDecisionID] = record.id
        } else {
            response.headers[.rubricDecisionLogged] = "false"
        }
        return response
    }

    /// `GET /v1/decisions/{id}`: one recorded decision (`rubric.decision/1`, as `rubric log show`
    /// prints it), for the web page's explanation link from a CDS card.
    func decisionDocument(_ id: String) async throws -> Response {
        guard let log = server.decisions else { throw ServerError.notFound("/v1/decisions/\(id) (this server keeps no decision log)") }
        guard id.count <= 64, id.allSatisfy({ $0.isHexDigit || $0 == "-" }) else {
            throw ServerError.badInput(InputError(file: "<request>", field: "id", message: "a decision id is a UUID"))
        }
        let found: DecisionRecord?
        do { found = try await log.find(id) } catch { throw ServerError.internal }
        guard let found else { throw ServerError.notFound("/v1/decisions/\(id)") }
        return json(found.json + "\n", generation: server.rules.current)
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
    func readiness() async -> Response {
        if let log = server.decisions, !log.healthy { _ = await log.retryPending() }
        let generation = server.rules.current
        let reload: JSONValue = server.rules.lastReload.map { r in
            .object([("ok", .bool(r.ok)), ("at", .string(ISO8601DateFormatter().string(from: r.at))),
                     ("hash", .optional(r.hash)), ("file", .optional(r.file)), ("line", .optional(r.line)),
                     ("message", .optional(r.message))])
        } ?? .null
        let body = JSONValue.object([
            ("status", .string(server.decisions?.healthy == false ? "decision_log_failing" : "ready")), ("ruleset", generation.provenance),
            ("workers", .int(generation.pool.workers)), ("queued", .int(generation.pool.queued)),
            ("last_reload", reload),
            ("decision_log", server.decisions?.status ?? .null),
        ])
        var response = json(body.serialized() + "\n", generation: generation)
        // a log that cannot be written: this replica cannot keep its promise, so it is not ready
        if let log = server.decisions, !log.healthy { response.status = .serviceUnavailable }
        return response
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
