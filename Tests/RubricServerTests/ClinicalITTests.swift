import Foundation
import Rubric
import Testing
@testable import RubricServer

@Suite("FHIR bodies and CDS Hooks", .serialized)
struct ClinicalITTests {
    static func example(_ path: String) -> String { LiveServer.packageRoot.appendingPathComponent(path).path }

    @Test("A FHIR Bundle posted as application/fhir+json gives the command line's bytes for the same as-of date")
    func fhirBodyMatchesCLI() async throws {
        let live = try await LiveServer()
        let file = Self.example("examples/fhir/pregnancy-bundle.json")
        let reply = try await live.post("/v1/recommend?source=bundle.json&as_of=2026-12-07", file: file, type: "application/fhir+json")
        #expect(reply.status == 200)
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: LiveServer.packageRoot.appendingPathComponent("rules").path))
        let profile = try Profile.load(data: try Data(contentsOf: URL(fileURLWithPath: file)), source: "bundle.json", json: true,
                                       asOf: CalendarDate("2026-12-07"))
        #expect(profile.pregnancy?.weeks == 27)
        #expect(reply.text == evaluator.evaluate(profile).serializedJSON() + "\n")
        #expect(try await live.post("/v1/recommend?as_of=7-12-2026", file: file, type: "application/fhir+json").status == 400)
        await live.stop()
    }

    @Test("A patient-view call with a referral answers critical cards only, the same ones every time")
    func referralCards() async throws {
        let live = try await LiveServer()
        let body = try Data(contentsOf: URL(fileURLWithPath: Self.example("examples/cds-hooks/patient-view-referral.json")))
        let headers = ["Content-Type": "application/json", "Date": "Mon, 30 Nov 2026 09:00:00 GMT"]
        let first = try await live.send("POST", "/cds-services/rubric-massage", body: body, headers: headers)
        let second = try await live.send("POST", "/cds-services/rubric-massage", body: body, headers: headers)
        #expect(first.status == 200 && first.text == second.text)
        let cards = try #require(first.json["cards"] as? [[String: Any]])
        #expect(!cards.isEmpty && cards.allSatisfy { $0["indicator"] as? String == "critical" })
        for card in cards {
            let uuid = try #require(card["uuid"] as? String)
            #expect(uuid.count == 36 && Array(uuid)[14] == "8")
            #expect((card["summary"] as? String ?? "").count < 140)
        }
        await live.stop()
    }

    @Test("A call without its prefetch is 412, and a wrong hook is 400")
    func missingPrefetch() async throws {
        let live = try await LiveServer()
        let call: [String: Any] = ["hook": "patient-view", "hookInstance": "d1577c69-dfbe-44ad-ba6d-3e05e953b2ea",
                                   "context": ["userId": "Practitioner/1", "patientId": "123"]]
        let body = try JSONSerialization.data(withJSONObject: call)
        #expect(try await live.send("POST", "/cds-services/rubric-massage", body: body, headers: ["Content-Type": "application/json"]).status == 412)
        #expect(try await live.send("POST", "/cds-services/rubric-massage-order", body: body, headers: ["Content-Type": "application/json"]).status == 400)
        #expect(try await live.send("GET", "/cds-services/rubric-massage", body: nil, headers: [:]).status == 405)
        await live.stop()
    }

    @Test("An HTTP Date header gives the day the record is read at")
    func httpDate() {
        #expect(CDSHandlers.httpDate("Mon, 30 Nov 2026 09:00:00 GMT") == CalendarDate("2026-11-30"))
        #expect(CDSHandlers.httpDate("Tue, 01 Dec 2026 00:00:00 GMT") == CalendarDate("2026-12-01"))
        #expect(CDSHandlers.httpDate("yesterday") == nil)
    }

    @Test("Summaries are cut under 140 characters at a word")
    func summaries() {
        let long = String(repeating: "word ", count: 60)
        let cut = CDSCards.summary(long)
        #expect(cut.count < 140 && cut.hasSuffix("…"))
        #expect(CDSCards.summary("short") == "short")
    }
}
