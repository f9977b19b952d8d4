import Foundation
import LuaSandbox
import Testing

@testable import Rubric
import RubricRendering

/// What the engine does not recognise or cannot judge is said first (issue 10 §1): no profile
/// with an unknown term, an uncovered term or an implausible value comes out as plain
/// `recommended`.
@Suite("Review before treating")
struct ReviewTests {
    /// An evaluator on the shipped rules; each test makes its own (evaluators are not shared across threads).
    let shipped: Evaluator

    init() throws {
        shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
    }

    func evaluate(_ name: String) throws -> Recommendation {
        shipped.evaluate(try Profile.load(path: FixturePaths.path("review/\(name).yaml")))
    }

    @Test("Two terms not understood make the result 'check before treating', naming both in the headline, with field and line")
    func unknownTerms() throws {
        let rec = try evaluate("unknown-terms")
        #expect(rec.status == .reviewRequired)
        #expect(rec.summary.hasPrefix("Check before treating: 2 terms not understood: 'glorbic twinges', 'zandering ache'."), "\(rec.summary)")
        #expect(rec.review.map(\.code) == [.notUnderstood, .notUnderstood])
        #expect(rec.review.map(\.field) == ["symptoms[1]", "symptoms[2]"])
        #expect(rec.review.allSatisfy { $0.line == 4 })
        #expect(!rec.ranking.isEmpty, "the ranking stays, as provisional")
        #expect(rec.text().contains("Ranking (provisional, once the items above are checked)"))
    }

    @Test("A recognised symptom no rule names is reported by name: the ranking does not account for it")
    func uncoveredTerm() throws {
        let rec = try evaluate("uncovered")
        #expect(rec.status == .reviewRequired)
        let item = try #require(rec.review.first)
        #expect(item.code == .uncovered && item.term == "Fatigue" && item.field == "symptoms[1]")
        #expect(item.message == "Fatigue: no rule covers this symptom; the ranking does not account for it")
    }

    @Test("An age of 0 and an age of 125 are implausible; a child of 9 is out of scope: none is plain 'recommended'",
          arguments: [("infant", ReviewItem.Code.implausible), ("very-old", .implausible), ("child", .outOfScope)])
    func implausibleAndOutOfScope(name: String, code: ReviewItem.Code) throws {
        let rec = try evaluate(name)
        #expect(rec.status == .reviewRequired, "\(rec.summary)")
        #expect(rec.review.contains { $0.code == code && $0.field == "client.age" }, "\(rec.review)")
    }

    @Test("A profile the engine understood in full is plain 'recommended', with nothing to check")
    func understood() throws {
        let rec = try evaluate("understood")
        #expect(rec.status == .recommended, "\(rec.review)")
        #expect(rec.review.isEmpty)
    }

    @Test("A referral stays more serious than a review: the items are still listed, the status is the referral")
    func referralOutranksReview() throws {
        let yaml = "client: {age: 50}\nsymptoms: [saddle numbness, back pain, glorbic twinges]\n"
        let rec = shipped.evaluate(try Profile.parse(yaml, source: "r.yaml"))
        #expect(rec.status == .referral)
        #expect(rec.review.contains { $0.term == "glorbic twinges" })
        #expect(rec.text().contains("Check before treating"))
    }

    @Test("The JSON carries the status and the items; a test case can assert both")
    func jsonAndTestCases() throws {
        let json = try evaluate("unknown-terms").serializedJSON(pretty: false)
        #expect(json.contains(#""status":"review_required","summary":"Check before treating"#))
        #expect(json.contains(#""review":[{"code":"not_understood","field":"symptoms[1]","line":4,"term":"glorbic twinges""#))
        let cases = try RuleTestCase.load(path: FixturePaths.path("review/cases.yaml"), display: "cases.yaml")
        let report = RuleTestRunner(evaluator: shipped).run(cases)
        #expect(report.results.count == 2)
        #expect(report.results.first?.failures == [], "\(report.results.first?.failures ?? [])")
        let wrong = try #require(report.results.last)
        #expect(wrong.failures.contains { $0.hasPrefix("expected a review item 'uncovered'") }, "\(wrong.failures)")
    }

    @Test("A safety rule that cannot judge a sign asks: the question comes first, with its rule and line, and the status is 'check before treating'")
    func ruleQuestion() throws {
        let yaml = "client: {age: 72, sex: female}\nconditions: [{name: low back pain, course: chronic}]\nsymptoms: [urinary incontinence]\n"
        let rec = shipped.evaluate(try Profile.parse(yaml, source: "q.yaml"))
        #expect(rec.status == .reviewRequired)
        let q = try #require(rec.review.first)
        #expect(q.code == .question && q.rule == "red_flag.cauda_equina")
        #expect(q.location?.file.hasSuffix("rules/red_flags.lua") == true && q.location?.line != nil)
        #expect(!q.message.contains("new bladder"), "the rule must not assert the sign is new: \(q.message)")
        #expect(rec.summary.hasPrefix("Check before treating: 1 question to ask"))
    }
}

