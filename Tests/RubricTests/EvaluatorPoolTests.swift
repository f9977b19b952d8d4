import Foundation
import LuaSandbox
import Testing

@testable import Rubric

/// `EvaluatorPool`: one evaluator per worker thread, Sendable with no unchecked parts. `make test`
/// also runs this suite under ThreadSanitizer.
@Suite("Evaluator pool")
struct EvaluatorPoolTests {
    let ruleSet: RuleSet
    let profiles: [Profile]

    init() throws {
        ruleSet = try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path)
        var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 11)
        profiles = try (0..<60).map { i in try Profile.parse(json: generator.nextProfile(index: i), source: "gen:\(i + 1)") }
    }

    @Test("Recommendations from many concurrent tasks on a pool of two equal one evaluator's, byte for byte")
    func concurrentEqualsSerial() async throws {
        let serial = try Evaluator(ruleSet: ruleSet)
        let expected = profiles.map { serial.evaluate($0).serializedJSON(pretty: false) }
        let pool = try EvaluatorPool(ruleSet: ruleSet, workers: 2)
        defer { pool.shutdown() }
        let got = try await withThrowingTaskGroup(of: (Int, String).self) { group in
            for (i, p) in profiles.enumerated() {
                group.addTask { (i, try await pool.evaluate(p).serializedJSON(pretty: false)) }
            }
            var out = [String](repeating: "", count: profiles.count)
            for try await (i, json) in group { out[i] = json }
            return out
        }
        #expect(got == expected)
    }

    @Test("Each worker loads the rules folder itself, and all run the same rule set")
    func perWorkerRuleSets() async throws {
        let pool = try EvaluatorPool(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path, workers: 2)
        defer { pool.shutdown() }
        #expect(pool.workers == 2 && pool.ruleSet.hash == ruleSet.hash)
        let rec = try await pool.evaluate(profiles[0])
        #expect(rec.ruleSetHash == ruleSet.hash)
    }

    @Test("Rules that do not load stop the pool from starting, with the plugin's file and line")
    func brokenRulesThrow() throws {
        let fm = FileManager.default
        let dir = fm.temporaryDirectory.appendingPathComponent("rubric-pool-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: dir) }
        try fm.createDirectory(at: dir, withIntermediateDirectories: true)
        try fm.copyItem(at: FixturePaths.root.appendingPathComponent("starter/catalog"), to: dir.appendingPathComponent("catalog"))
        try fm.copyItem(at: FixturePaths.root.appendingPathComponent("pool/bad_syntax.lua"), to: dir.appendingPathComponent("bad_syntax.lua"))
        let error = #expect(throws: RuleError.self) { try EvaluatorPool(ruleSet: try RuleSet.load(directory: dir.path), workers: 2) }
        #expect(error?.location?.file.hasSuffix("bad_syntax.lua") == true && error?.location?.line != nil, "\(String(describing: error))")
    }

    @Test("After shutdown a pool refuses work instead of hanging; shutting down twice is harmless")
    func shutdownRefuses() async throws {
        let pool = try EvaluatorPool(ruleSet: ruleSet, workers: 1)
        _ = try await pool.evaluate(profiles[0])
        pool.shutdown()
        pool.shutdown()
        await #expect(throws: CancellationError.self) { try await pool.evaluate(profiles[1]) }
        #expect(pool.submit { _ in } == false)
    }
}
