import Foundation
import LuaSandbox
import Testing
@testable import Rubric
import RubricRendering

/// Builds a rules folder in a temporary directory from the fixture catalog and plugins.
func makeRules(catalog: String = "broken/catalog", plugins: [String]) throws -> String {
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    try FileManager.default.copyItem(atPath: FixturePaths.path(catalog), toPath: dir.appendingPathComponent("catalog").path)
    for p in plugins {
        try FileManager.default.copyItem(atPath: FixturePaths.path(p),
                                         toPath: dir.appendingPathComponent(URL(fileURLWithPath: p).lastPathComponent).path)
    }
    return dir.path
}

@Suite("Engine")
struct EngineTests {
    let starter: Evaluator

    init() throws {
        starter = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter")))
    }

    func profile(_ yaml: String) throws -> Profile { try Profile.parse(yaml, source: "inline.yaml") }

    static let examples: [String] = {
        let dir = FixturePaths.packageRoot.appendingPathComponent("examples/profiles").path
        return ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? [])
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { "\(dir)/\($0)" }
    }()

    @Test("Ranks run 1, 2, 3 … and equal scores share one (1, 1, 3): a tie is shown as a tie", arguments: examples)
    func ranksShareTies(path: String) throws {
        let rec = starter.evaluate(try Profile.load(path: path))
        for (i, r) in rec.ranking.enumerated() {
            let expected = i > 0 && rec.ranking[i - 1].score == r.score ? rec.ranking[i - 1].rank : i + 1
            #expect(r.rank == expected, "\(rec.ranking.map { ($0.technique, $0.score, $0.rank) })")
        }
    }

    @Test("The same profile and rules give byte-identical output, in one state and in a new one")
    func deterministic() throws {
        let path = FixturePaths.packageRoot.appendingPathComponent("examples/profiles/c-0412.yaml").path
        let p = try Profile.load(path: path)
        let first = starter.evaluate(p).json.serialized()
        #expect(starter.evaluate(p).json.serialized() == first)
        let fresh = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter")))
        #expect(fresh.evaluate(p).json.serialized() == first)
        #expect(starter.evaluate(p).text() == fresh.evaluate(p).text())
    }

    @Test("pairs iterates in key order, so reasons built from tables are stable across states")
    func pairsIsSorted() throws {
        let dir = try makeRules(plugins: ["broken/cases/pairs_order.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        for _ in 0..<3 {
            let ev = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
            let rec = ev.evaluate(try profile("{}"))
            #expect(rec.ranking.first { $0.technique == "swedish" }?.contributions.first?.reason == "alpha,beta,kappa,mid,omega,zeta")
        }
    }

    @Test("A safety rule that fails makes the recommendation fail closed and names the rule")
    func failClosed() throws {
        let dir = try makeRules(plugins: ["broken/cases/failing_safety.lua", "broken/cases/tie.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rec = try Evaluator(ruleSet: try RuleSet.load(directory: dir)).evaluate(try profile("{}"))
        #expect(rec.status == .failedClosed)
        #expect(rec.ranking.isEmpty)
        let f = try #require(rec.failedSafetyRules.first)
        #expect(f.ruleID == "safety.broken")
        #expect(f.location == SourceLocation(file: "\(dir)/failing_safety.lua", line: 9))
        #expect(rec.summary.contains("safety.broken") && rec.summary.contains("failing_safety.lua:9"))
        #expect(rec.json.serialized().contains("\"status\": \"failed_closed\""))
    }

    @Test("An indication rule that fails is reported and the rest of the ranking stands")
    func failingIndication() throws {
        let dir = try makeRules(plugins: ["broken/cases/failing_indication.lua", "broken/cases/tie.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rec = try Evaluator(ruleSet: try RuleSet.load(directory: dir)).evaluate(try profile("{}"))
        #expect(rec.status == .reviewRequired, "not failed closed: only the missing age is to check")
        #expect(rec.failures.count == 1)
        #expect(rec.failures[0].location?.line == 8)
        #expect(rec.failures[0].error.message.contains("arithmetic"))
        #expect(rec.ranking.first?.score == 2)
    }

    @Test("Ties are broken by technique id")
    func ties() throws {
        let dir = try makeRules(plugins: ["broken/cases/tie.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rec = try Evaluator(ruleSet: try RuleSet.load(directory: dir)).evaluate(try profile("{}"))
        #expect(rec.ranking.prefix(2).map(\.technique) == ["acupressure", "trigger_point"])
        #expect(rec.ranking.dropFirst(2).map(\.technique) == ["craniosacral", "deep_tissue", "myofascial_release", "swedish"])
    }

    @Test("A syntax error names the file and line")
    func syntaxError() throws {
        let dir = try makeRules(plugins: ["broken/cases/syntax.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.error.kind == .syntax && e.location == SourceLocation(file: "\(dir)/syntax.lua", line: 4)
                && e.description.hasPrefix("\(dir)/syntax.lua:4: error:")
        }
    }

    @Test("A plugin that does not load (duplicate id, unknown source) names the file and line", arguments: [
        ("broken/cases/duplicate.lua", 4, "first declared at"),
        ("broken/cases/unknown_evidence.lua", 1, "did you mean 'NCCIH'"),
    ])
    func loadErrors(file: String, line: Int, phrase: String) throws {
        let dir = try makeRules(plugins: [file])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.location?.line == line && e.error.message.contains(phrase)
        }
    }

    @Test("Runtime misuse of the API fails the rule at the calling line with a clear message", arguments: [
        ("broken/cases/unknown_technique.lua", "typo.technique", 8, "unknown technique 'deep_tisue' (did you mean 'deep_tissue'?)"),
        ("broken/cases/verb_kind.lua", "pref.excludes", 8, "exclude() is not allowed in a preference rule"),
        ("broken/cases/unsupported_points.lua", "claim.unsupported", 8, "graded 'unsupported' may not add positive points"),
        ("broken/cases/unknown_field.lua", "typo.field", 8, "no field or method 'agee' (did you mean 'age'?)"),
        ("broken/cases/unknown_option.lua", "typo.option", 8, "unknown option 'sdie' (did you mean 'side'?)"),
        ("broken/cases/caution_one_arg.lua", "caution.no_text", 8, "caution('swedish') needs a text"),
        ("broken/cases/mutate_global_table.lua", "state.counter", 10, "plugin global 'seen' is read-only"),
    ])
    func apiMisuse(file: String, rule: String, line: Int, phrase: String) throws {
        let dir = try makeRules(plugins: [file])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rec = try Evaluator(ruleSet: try RuleSet.load(directory: dir)).evaluate(try profile("{client: {age: 40}, conditions: [sciatica]}"))
        let f = try #require(rec.failures.first)
        #expect(f.ruleID == rule)
        #expect(f.location?.line == line)
        #expect(f.error.message.contains(phrase), "\(f.error.message)")
    }

    @Test("A request or a preference never overrides a safety rule, and the output says so")
    func preferenceNeverOverrides() throws {
        let rec = starter.evaluate(try profile("""
            medications: [Eliquis 5 mg]
            flags: [osteoporosis]
            preferences: {pressure: firm, requested: deep tissue}
            """))
        #expect(rec.excluded.map(\.technique).contains("deep_tissue"))
        #expect(!rec.ranking.contains { $0.technique == "deep_tissue" })
        #expect(rec.pressureLimit?.level == .light)
        #expect(rec.notes.contains { $0.text.contains("asked for Deep tissue massage") && $0.text.contains("never overrides") })
        #expect(rec.notes.contains { $0.text.contains("prefers firm pressure") })
    }

    @Test("With several referrals the summary gives the most urgent one's reason")
    func mostUrgentReferral() throws {
        let shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
        let rec = shipped.evaluate(try profile("""
            conditions: [sciatica]
            symptoms: [saddle anaesthesia, unexplained weight loss]
            flags: [cancer history]
            """))
        #expect(rec.referrals.count >= 2)
        #expect(rec.referralUrgency == .emergency)
        let emergency = try #require(rec.referrals.first { $0.urgency == .emergency })
        #expect(rec.summary.contains("(emergency). \(emergency.text)"))
    }

    @Test("A referral means no technique is recommended, with the urgency and what to do")
    func referral() throws {
        let rec = starter.evaluate(try profile("symptoms: [saddle anaesthesia, new bladder problems]"))
        #expect(rec.status == .referral)
        #expect(rec.ranking.isEmpty)
        #expect(rec.referralUrgency == .emergency)
        #expect(rec.referrals.first?.advice?.contains("emergency department") == true)
        #expect(rec.summary.hasPrefix("Do not treat"))
    }

    @Test("An empty profile yields a valid result that lists what is missing")
    func emptyProfile() throws {
        let rec = starter.evaluate(try profile(""))
        #expect(rec.status == .reviewRequired, "no age: the child and fracture rules cannot apply")
        #expect(rec.review.map(\.code) == [.missing])
        #expect(!rec.profile.missing.isEmpty)
        #expect(rec.json.serialized().contains("\"missing\": ["))
    }

    @Test("Explain reads back the rules' profile reads with their values")
    func explainReads() throws {
        let path = FixturePaths.packageRoot.appendingPathComponent("examples/profiles/c-0412.yaml").path
        let rec = starter.evaluate(try Profile.load(path: path), tracingReads: true)
        let e = try Explanation(recommendation: rec, technique: "Swedish", versus: "myofascial release", catalog: starter.ruleSet.catalog)
        let text = e.text()
        #expect(text.contains("conditions.lumbar_spinal_stenosis = yes"))
        #expect(text.contains("= score"))
        #expect(e.separating.contains { $0.rule == "stenosis.myofascial_release" && $0.first == 0 && $0.second == 2 })
        #expect(throws: Explanation.UnknownTechnique.self) { try Explanation(recommendation: rec, technique: "sweedish massage", versus: nil, catalog: starter.ruleSet.catalog) }
    }

    @Test("Tracing reads changes no output, and reads are kept only when traced", arguments: [
        "examples/profiles/c-0101.yaml", "examples/profiles/c-0412.yaml", "examples/profiles/c-0739.json", "examples/profiles/c-0845.yaml",
    ])
    func tracingReadsKeepsOutput(_ file: String) throws {
        let shipped = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path))
        let profile = try Profile.load(path: FixturePaths.packageRoot.appendingPathComponent(file).path)
        let plain = shipped.evaluate(profile), traced = shipped.evaluate(profile, tracingReads: true)
        #expect(plain.json.serialized() == traced.json.serialized())
        #expect(plain.text() == traced.text())
        #expect(plain.traces.map(\.rule.id) == traced.traces.map(\.rule.id))
        #expect(plain.traces.allSatisfy { $0.reads.isEmpty })
        #expect(traced.traces.contains { !$0.reads.isEmpty })
    }
}
