import Foundation
import Rubric
import Testing
@testable import RubricServer

@Suite("The server's API", .serialized)
struct ServerAPITests {
    let example = LiveServer.packageRoot.appendingPathComponent("examples/profiles/c-0412.yaml").path

    @Test("A recommendation over HTTP is byte for byte the command line's JSON, with the rule set's hash in a header")
    func recommendMatchesCLI() async throws {
        let live = try await LiveServer()
        let reply = try await live.post("/v1/recommend?source=examples/profiles/c-0412.yaml", file: example)
        #expect(reply.status == 200)
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: LiveServer.packageRoot.appendingPathComponent("rules").path))
        let profile = try Profile.load(data: try Data(contentsOf: URL(fileURLWithPath: example)), source: "examples/profiles/c-0412.yaml")
        #expect(reply.text == evaluator.evaluate(profile).serializedJSON() + "\n")
        #expect(reply.header("Rubric-Ruleset") == evaluator.ruleSet.hash)
        #expect(reply.header("X-Request-Id")?.isEmpty == false)
        let compact = try await live.post("/v1/recommend?source=examples/profiles/c-0412.yaml&compact=true", file: example)
        #expect(compact.text == evaluator.evaluate(profile).serializedJSON(pretty: false) + "\n")
        #expect(try await live.post("/v1/recommend?compact=yes", file: example).status == 400)
        await live.stop()
    }

    @Test("JSON profiles give the command line's bytes too, warnings' lines and all", arguments: [
        "examples/profiles/c-0739.json", "examples/profiles/edge/codes-and-terms.json",
    ])
    func jsonMatchesCLI(path: String) async throws {
        let live = try await LiveServer()
        let file = LiveServer.packageRoot.appendingPathComponent(path).path
        let reply = try await live.post("/v1/recommend?source=\(path)", file: file, type: "application/json")
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: LiveServer.packageRoot.appendingPathComponent("rules").path))
        let profile = try Profile.load(data: try Data(contentsOf: URL(fileURLWithPath: file)), source: path, json: true)
        #expect(reply.status == 200)
        #expect(reply.text == evaluator.evaluate(profile).serializedJSON() + "\n")
        await live.stop()
    }

    @Test("A malformed JSON body is named by line and column, as the command line names it")
    func malformedJSON() async throws {
        let live = try await LiveServer()
        let reply = try await live.send("POST", "/v1/recommend", body: Data("{\n  \"client\": {\"age\": 40]\n}\n".utf8),
                                        headers: ["Content-Type": "application/json"])
        #expect(reply.status == 400)
        #expect(reply.json["line"] as? Int == 2)
        #expect(reply.json["column"] != nil)
        await live.stop()
    }

    @Test("A bad profile gets 400 with the field, line and column the command line names")
    func badProfile() async throws {
        let live = try await LiveServer()
        let reply = try await live.post("/v1/recommend", file: LiveServer.fixture("bad-age.yaml"))
        #expect(reply.status == 400)
        #expect(reply.json["schema"] as? String == "rubric.error/1")
        #expect(reply.json["field"] as? String == "client.age")
        #expect(reply.json["line"] as? Int == 2)
        #expect(reply.json["request_id"] as? String == reply.header("X-Request-Id"))
        await live.stop()
    }

    @Test("Explain names the technique it does not know as the field at fault")
    func explainUnknownTechnique() async throws {
        let live = try await LiveServer()
        let good = try await live.post("/v1/explain?technique=swedish&versus=deep%20tissue", file: example)
        #expect(good.status == 200)
        #expect(good.json["schema"] as? String == "rubric.explanation/2")
        let bad = try await live.post("/v1/explain?technique=swedsh", file: example)
        #expect(bad.status == 400)
        #expect(bad.json["field"] as? String == "technique")
        let missing = try await live.post("/v1/explain", file: example)
        #expect(missing.status == 400)
        await live.stop()
    }

    @Test("Wrong paths, methods, media types and sizes get 404, 405, 415 and 413 as rubric.error/1")
    func requestErrors() async throws {
        let live = try await LiveServer { $0.maxBodyBytes = 64 }
        let notFound = try await live.send("GET", "/v1/nothing")
        #expect(notFound.status == 404)
        #expect(notFound.json["schema"] as? String == "rubric.error/1")
        let method = try await live.send("GET", "/v1/recommend")
        #expect(method.status == 405)
        #expect(method.header("Allow") == "POST")
        let media = try await live.send("POST", "/v1/recommend", body: Data("{}".utf8), headers: ["Content-Type": "image/png"])
        #expect(media.status == 415)
        #expect(media.json["field"] as? String == "Content-Type")
        let large = try await live.post("/v1/recommend", file: example)
        #expect(large.status == 413)
        await live.stop()
    }

    @Test("With a token, everything but /healthz and the page needs it")
    func bearerToken() async throws {
        let live = try await LiveServer { $0.token = "0123456789abcdef-test" }
        #expect(try await live.send("GET", "/v1/rules").status == 401)
        #expect(try await live.send("GET", "/v1/rules", headers: ["Authorization": "Bearer wrong-token-0000000"]).status == 401)
        #expect(try await live.send("GET", "/metrics").status == 401)
        #expect(try await live.send("GET", "/v1/rules", headers: ["Authorization": "Bearer 0123456789abcdef-test"]).status == 200)
        #expect(try await live.send("GET", "/healthz").status == 200)
        #expect(try await live.send("GET", "/").status == 200)
        await live.stop()
    }

    @Test("The read-only endpoints give the rules, the catalog, readiness and Prometheus metrics")
    func readOnlyEndpoints() async throws {
        let live = try await LiveServer()
        let rules = try await live.send("GET", "/v1/rules")
        #expect(rules.json["schema"] as? String == "rubric.rules/1")
        let catalog = try await live.send("GET", "/v1/catalog")
        let conditions = catalog.json["conditions"] as? [[String: Any]] ?? []
        #expect(conditions.contains { ($0["icd10"] as? [String])?.isEmpty == false })
        let ready = try await live.send("GET", "/readyz")
        #expect(ready.json["status"] as? String == "ready")
        _ = try await live.post("/v1/recommend", file: example)
        let metrics = try await live.send("GET", "/metrics")
        #expect(metrics.text.contains("rubric_ruleset_info{hash=\"\(live.server.rules.current.hash)\"} 1"))
        #expect(metrics.text.contains("rubric_http_requests_total{method=\"POST\",route=\"/v1/recommend\",status=\"200\"} 1"))
        #expect(metrics.text.contains("rubric_evaluations_total{status=\"recommended\"} 1"))
        #expect(metrics.text.contains("rubric_http_request_duration_seconds_bucket"))
        await live.stop()
    }
}
