import Foundation
import LuaSandbox
import Testing

@_spi(Benchmarks) @testable import Rubric
import RubricRendering

/// Rules run without counting instructions when the clock proves they stayed within their
/// budget (`Evaluator.provesRuns`): the results must be the bytes counted rules give.
@Suite("Proven evaluations")
struct ProvenEvaluationTests {
    @Test("The shipped rules give byte-identical results and explanations, run proven or counted")
    func provenEqualsCounted() throws {
        let ruleSet = try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path)
        let proven = try Evaluator(ruleSet: ruleSet), counted = try Evaluator(ruleSet: ruleSet)
        counted.provesRuns = false
        var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 17)
        for index in 1...300 {
            let profile = try Profile.parse(json: generator.nextProfile(index: index), source: "p\(index)")
            let tracing = index % 3 == 0                  // explain's form, with reads, for a third
            let a = proven.evaluate(profile, tracingReads: tracing).json.serialized(pretty: false)
            let b = counted.evaluate(profile, tracingReads: tracing).json.serialized(pretty: false)
            #expect(a == b, "profile \(index) differs")
        }
        // the comparison is worth something only if the proven evaluator did run proven
        #expect(proven.provenEvaluations > 0)
        #expect(counted.provenEvaluations == 0)
    }

    @Test("A rule that never ends is stopped, its evaluation counted again, and it fails at its line")
    func endlessRuleIsCountedAgain() throws {
        let folder = try HostileHarness.rulesFolder(["infinite_loop.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: folder.path))
        let run = try #require(try HostileHarness.evaluate(evaluator, HostileHarness.attackProfile, source: "attack.yaml"),
                               "the endless rule did not end")
        #expect(evaluator.countedAgain >= 1)
        let failure = try #require(run.recommendation.failures.first)
        #expect(failure.error.kind == .instructions)
        #expect(failure.error.location?.line == 11)
        #expect(run.recommendation.status == .failedClosed)
    }
}
