import Foundation
import Hummingbird
import Logging
import Rubric
import RubricDecisionLog

/// `GET /cds-services`, `POST /cds-services/{id}` and `POST /cds-services/{id}/feedback`
/// (CDS Hooks 2.0; `docs/cds-hooks.md`).
struct CDSHandlers: Sendable {
    let server: RubricServer

    /// With a JWKS configured, the call must carry a valid CDS Hooks JWT for its path (the issuer is logged).
    func authenticate(_ request: Request, _ context: BasicRequestContext) async throws {
        guard let auth = server.cdsAuth else { return }
        let issuer = try await auth.verify(request, path: request.uri.path)
        context.logger.info("cds client", metadata: ["iss": .string(issuer)])
    }

    func discovery() -> Response {
        Response(status: .ok, headers: [.contentType: "application/json"],
                 body: .init(byteBuffer: ByteBuffer(string: CDSService.discovery.serialized() + "\n")))
    }

    /// Answers one hook call from its prefetch, with cards.
    func call(_ service: CDSService, _ request: Request) async throws -> Response {
        var data = try await body(request)
        let call = try CDSRequest(data, service: service, allowLoopback: server.configuration.cdsFetchFromLoopback)
        if !call.relevant {   // an order that is not massage: no advice, and nothing to fetch
            return json(JSONValue.object([("cards", .array([]))]).serialized() + "\n", ruleset: server.rules.current.hash)
        }
        try call.requireData()
        if !call.missing.isEmpty { data = try await CDSFetcher.complete(data, call, timeout: server.configuration.requestTimeout) }
        let complete = data
        let asOf = try Self.asOf(request)
        let source = "<cds:\(service.id)>"
        // card links: the public URL when the server knows it (behind a TLS proxy the Host is not
        // what the clinician's browser reaches), else http and the request's Host
        let base = server.configuration.publicURL ?? request.head.authority.flatMap { host in
            host.allSatisfy { $0.isLetter || $0.isNumber || ".-:[]".contains($0) } ? "http://\(host)" : nil
        }
        return try await server.rules.withGeneration { generation in
            let outcome = try await generation.evaluate(queueLimit: server.configuration.maxQueue,
                                                        timeout: server.configuration.requestTimeout) { evaluator -> Result<(String, String, DecisionRecord?), any Error> in
                do {
                    let profile: Profile
                    do { profile = try Profile.load(fhirMembersOf: "prefetch", in: complete, source: source, asOf: asOf) }
                    catch let error as InputError { throw ServerError.badInput(error) }
                    if let id = profile.clientID, id != call.patientID {
                        throw ServerError.badInput(InputError(file: source, field: "prefetch.patient.id",
                                                              message: "the prefetched Patient is not context.patientId"))
                    }
                    let rec = evaluator.evaluate(profile)
                    let record = server.decisions.map { log in
                        // the EHR's access token is a credential, never kept with the input
                        let kept = CDSRequest.withoutAuthorization(complete)
                        return DecisionRecord(recommendation: rec, input: kept ?? complete, format: "cds", origin: "cds:\(service.id)",
                                              keepInput: log.keepInputs && kept != nil, asOf: asOf)
                    }
                    let cards = CDSCards(recommendation: rec, patientReference: "Patient/\(call.patientID)",
                                         decisionID: record?.id, baseURL: base)
                    return .success((cards.json.serialized() + "\n", rec.status.rawValue, record))
                } catch {
                    return .failure(error)
                }
            }
            let (text, status, record) = try outcome.get()
            server.metrics.evaluation(status: status)
            return await APIHandlers(server: server).logged(json(text, ruleset: generation.hash), record)
        }
    }

    /// Takes the EHR's feedback on cards; logs the card, the outcome and the override reason's
    /// code (never the user's comment, which may carry a client's details, unless --log-profiles).
    func feedback(_ service: CDSService, _ request: Request, _ context: BasicRequestContext) async throws -> Response {
        let data = try await body(request)
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any],
              let items = object["feedback"] as? [[String: Any]], !items.isEmpty else {
            throw ServerError.badInput(InputError(file: "<request>", field: "feedback", message: "expected {\"feedback\": [{\"card\", \"outcome\", …}]}"))
        }
        for (i, item) in items.enumerated() {
            guard let card = item["card"] as? String, let outcome = item["outcome"] as? String, ["accepted", "overridden"].contains(outcome) else {
                throw ServerError.badInput(InputError(file: "<request>", field: "feedback[\(i)]",
                                                      message: "each feedback needs a card (its uuid) and an outcome (accepted or overridden)"))
            }
            var metadata: Logger.Metadata = ["service": .string(service.id), "card": .string(card), "outcome": .string(outcome)]
            let reason = item["overrideReason"] as? [String: Any]
            if let code = (reason?["reason"] as? [String: Any])?["code"] as? String { metadata["override_reason"] = .string(code) }
            if server.configuration.logProfiles, let comment = reason?["userComment"] as? String { metadata["comment"] = .string(comment) }
            context.logger.info("cds feedback", metadata: metadata)
        }
        return json("{}\n", ruleset: server.rules.current.hash)
    }

    private func body(_ request: Request) async throws -> Data {
        let limit = server.configuration.maxBodyBytes
        if let length = request.headers[.contentLength].flatMap(Int.init), length > limit { throw ServerError.tooLarge(limit: limit) }
        var buffer: ByteBuffer
        do { buffer = try await request.body.collect(upTo: limit) } catch { throw ServerError.tooLarge(limit: limit) }
        return Data(buffer.readBytes(length: buffer.readableBytes) ?? [])
    }

    private func json(_ text: String, ruleset: String) -> Response {
        var headers: HTTPFields = [.contentType: "application/json"]
        headers[.rubricRuleset] = ruleset
        return Response(status: .ok, headers: headers, body: .init(byteBuffer: ByteBuffer(string: text)))
    }

    /// The date the record is read at: `?as_of=`, else the request's `Date` header (never the
    /// server's clock: the same request gives the same cards).
    static func asOf(_ request: Request) throws -> CalendarDate? {
        if let text = request.uri.queryParameters.get("as_of") {
            guard let date = CalendarDate(String(text)), date.isDay else {
                throw ServerError.badInput(InputError(file: "<request>", field: "as_of", message: "as_of is a date, YYYY-MM-DD"))
            }
            return date
        }
        guard let header = request.headers[.date] else { return nil }
        return httpDate(header)
    }

    /// The day of an HTTP-date (`Thu, 03 Dec 2026 07:50:00 GMT`, RFC 9110 §5.6.7).
    static func httpDate(_ text: String) -> CalendarDate? {
        let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
        let parts = text.split(separator: " ")
        guard parts.count == 6, let day = Int(parts[1]), let m = months.firstIndex(of: String(parts[2])), let year = Int(parts[3]) else { return nil }
        return CalendarDate("\(year)-\(m + 1 < 10 ? "0" : "")\(m + 1)-\(day < 10 ? "0" : "")\(day)")
    }
}
