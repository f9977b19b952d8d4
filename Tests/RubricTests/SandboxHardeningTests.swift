import Foundation
import LuaSandbox
import Testing

@testable import Rubric
import RubricRendering

/// Hostile plugins from the attacker's review (issue 11): what a plugin keeps, shared budgets,
/// C calls no hook can stop, addresses, and arguments read twice. Each fails on the code before
/// the fix and passes after it.
@Suite("Hostile plugins: hardening")
struct SandboxHardeningTests {
    /// Loads `benign.lua` plus `cases` under `limits`; the caller removes nothing (temporary folder).
    static func evaluator(_ cases: [String], limits: SandboxLimits = SandboxLimits()) throws -> Evaluator {
        try Evaluator(ruleSet: try RuleSet.load(directory: try HostileHarness.rulesFolder(cases).path), limits: limits)
    }

    /// Loading `file` fails with a load error at `line` whose message contains `phrase`.
    static func expectRefusedAtLoad(_ file: String, line: Int?, phrase: String,
                                    sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        let folder = try HostileHarness.rulesFolder([file])
        defer { try? FileManager.default.removeItem(at: folder) }
        let ruleSet = try RuleSet.load(directory: folder.path)
        #expect(sourceLocation: sourceLocation) {
            _ = try Evaluator(ruleSet: ruleSet)
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.location?.file.hasSuffix("/" + file) == true && (line == nil || e.location?.line == line)
                && e.error.message.contains(phrase)
        }
    }

    // MARK: - what a plugin keeps between clients

    @Test("A table used as a key of a kept table is refused at load: it would stay writable behind the read-only view")
    func tableKeyRefused() throws {
        try Self.expectRefusedAtLoad("plugin_table_key.lua", line: 12, phrase: "'box' has a table as a key")
    }

    @Test("A table key in a table a plugin global reaches is refused at load too")
    func globalTableKeyRefused() throws {
        try Self.expectRefusedAtLoad("plugin_global_key.lua", line: nil, phrase: "has a table as a key")
    }

    @Test("The same profiles give the same bytes in two orders and with one worker or two, whatever a plugin tries to keep")
    func noCarryOver() throws {
        let folder = try HostileHarness.rulesFolder(["leak_attempts.lua", "plugin_counter.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let ruleSet = try RuleSet.load(directory: folder.path)
        let lines = (1...40).map { i in
            #"{"client": {"id": "p-\#(i)", "age": \#(20 + i)}, "flags": [\#(i % 3 == 0 ? #""frail""# : "")]}"#
        }
        func run(_ input: [String], workers: Int) throws -> [String: String] {
            let url = FileManager.default.temporaryDirectory.appendingPathComponent("order-\(UUID().uuidString).jsonl")
            defer { try? FileManager.default.removeItem(at: url) }
            try (input.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
            let runner = try BatchRunner(ruleSet: ruleSet, workers: workers)
            runner.chunk = 3
            var out: [String] = []
            _ = runner.run(.jsonLines(try FileHandle(forReadingFrom: url), name: "in.jsonl", size: nil), write: { out.append($0) })
            // keyed by client: the source line differs with the order, nothing else may
            var byClient: [String: String] = [:]
            for line in out {
                let id = try #require(line.firstMatch(of: /"client_id":"(p-\d+)"/)?.1)
                byClient[String(id)] = line.replacing(/"source":"[^"]*"/, with: "")
            }
            return byClient
        }
        let forward = try run(lines, workers: 1)
        let backward = try run(lines.reversed(), workers: 1)
        let two = try run(lines, workers: 2)
        #expect(forward.count == 40)
        #expect(forward == backward)
        #expect(forward == two)
        #expect(forward.values.allSatisfy { $0.contains("nothing carried over") }, "\(forward.values.first ?? "")")
    }

    @Test("A safety rule that fills memory from a kept local fails alone, at the allocating line; the next client starts clean")
    func memoryDoesNotCarry() throws {
        let rec = try HostileHarness.check(["memory_carry.lua"], rule: "hostile.memory_carry", kind: .contraindication,
                                           phrases: ["memory"], errorKind: .memory)
        #expect(rec != nil)
        // and many clients later the state is no larger than after the first
        let evaluator = try Self.evaluator(["memory_carry.lua"])
        let attack = try Profile.parse(HostileHarness.attackProfile, source: "a.yaml")
        let benign = try Profile.parse(HostileHarness.benignProfile, source: "b.yaml")
        _ = evaluator.evaluate(benign)
        evaluator.sandbox.collectGarbage()
        let baseline = evaluator.sandbox.memoryUsed
        for _ in 0..<5 {
            #expect(evaluator.evaluate(attack).status == .failedClosed)
            let next = evaluator.evaluate(benign)
            #expect(next.status == .recommended && next.failures.isEmpty, "\(next.failures)")
        }
        evaluator.sandbox.collectGarbage()
        #expect(evaluator.sandbox.memoryUsed < baseline + 256 << 10, "\(baseline) -> \(evaluator.sandbox.memoryUsed)")
    }

    // MARK: - the message handler

    @Test("An error object's __tostring runs under the memory limit: it cannot allocate without end in the handler")
    func tostringUnderLimit() throws {
        try HostileHarness.check(["error_tostring_alloc.lua"], rule: "hostile.error_tostring_alloc", kind: .caution,
                                 phrases: ["__tostring failed"])
    }

    @Test("A 1 MB error message is cut to a bounded length that says it was cut")
    func longMessageCut() throws {
        let rec = try #require(try HostileHarness.check(["long_message.lua"], rule: "hostile.long_message", kind: .caution,
                                                        phrases: ["message cut at 2000 bytes"]))
        #expect(try #require(rec.failures.first).error.message.utf8.count < 2100)
    }

    // MARK: - C calls no hook can stop

    @Test("(\"\"):rep(math.maxinteger) fails fast: the repetition count is bounded, not only the bytes")
    func repEmpty() throws {
        try HostileHarness.check(["rep_empty.lua"], rule: "hostile.rep_empty", kind: .indication,
                                 phrases: ["string.rep", "repetitions exceed the limit"], errorKind: .runtime)
    }

    @Test("%b() over a 200 kB subject is refused up front as too costly")
    func balancePattern() throws {
        try HostileHarness.check(["balance_pattern.lua"], rule: "hostile.balance_pattern", kind: .indication,
                                 phrases: ["too costly"], errorKind: .runtime)
    }

    @Test("A 50,000-byte literal pattern over 1 MB is refused up front: its cost counts the pattern's length")
    func literalPattern() throws {
        try HostileHarness.check(["literal_pattern.lua"], rule: "hostile.literal_pattern", kind: .indication,
                                 phrases: ["too costly"], errorKind: .runtime)
    }

    @Test("The same needle as a plain find is refused too")
    func plainFind() throws {
        try HostileHarness.check(["plain_find.lua"], rule: "hostile.plain_find", kind: .indication,
                                 phrases: ["plain search", "too costly"], errorKind: .runtime)
    }

    // MARK: - shared budgets

    /// Evaluates the attack profile on `evaluator` within the hang deadline.
    static func attack(_ evaluator: Evaluator, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws -> HostileHarness.Run {
        try #require(try HostileHarness.evaluate(evaluator, HostileHarness.attackProfile, source: "attack.yaml"),
                     "the evaluation hung", sourceLocation: sourceLocation)
    }

    @Test("200 rules writing 3 GB of notes fail the evaluation closed with a named output error, in bounded memory")
    func outputFlood() throws {
        let evaluator = try Self.evaluator(["output_flood.lua"])
        let run = try Self.attack(evaluator)
        let rec = run.recommendation
        #expect(rec.status == .failedClosed)
        #expect(rec.ranking.isEmpty)
        let engine = try #require(rec.failures.first { $0.ruleID == nil }, "\(rec.failures.prefix(3))")
        #expect(engine.error.kind == .output)
        #expect(engine.error.message.contains("output limit"))
        #expect(engine.location?.file.hasSuffix("/output_flood.lua") == true)
        #expect(run.elapsed < .seconds(10))
        let benign = try #require(try HostileHarness.evaluate(evaluator, HostileHarness.benignProfile, source: "b.yaml"))
        #expect(benign.recommendation.status == .recommended && benign.recommendation.failures.isEmpty)
    }

    @Test("A plugin's rules that together return more than its output budget fail the evaluation closed, naming the plugin")
    func pluginOutputBudget() throws {
        var limits = SandboxLimits()
        limits.outputBytes = 64_000
        limits.groupOutputBytes = 100_000
        limits.totalOutputBytes = 1_000_000
        let rec = try Self.attack(try Self.evaluator(["output_share_1.lua"], limits: limits)).recommendation
        #expect(rec.status == .failedClosed)
        let engine = try #require(rec.failures.first { $0.ruleID == nil })
        #expect(engine.error.scope == .group)
        #expect(engine.error.message.contains("output_share_1.lua together"), "\(engine.error.message)")
        #expect(rec.failures.filter { $0.ruleID != nil }.map(\.ruleID) == ["share1.note_3"])
    }

    @Test("All rules together that return more than the evaluation's output budget fail it closed")
    func totalOutputBudget() throws {
        var limits = SandboxLimits()
        limits.outputBytes = 64_000
        limits.groupOutputBytes = 200_000
        limits.totalOutputBytes = 300_000
        let cases = ["output_share_1.lua", "output_share_2.lua", "output_share_3.lua"]
        let rec = try Self.attack(try Self.evaluator(cases, limits: limits)).recommendation
        #expect(rec.status == .failedClosed)
        let engine = try #require(rec.failures.first { $0.ruleID == nil })
        #expect(engine.error.scope == .all)
        #expect(engine.error.message.contains("all rules together"), "\(engine.error.message)")
    }

    @Test("A plugin whose rules each stay within their own time limit still has a time budget per evaluation")
    func pluginTimeBudget() throws {
        var limits = SandboxLimits()
        limits.instructions = 0
        limits.seconds = 0.2
        limits.groupSeconds = 0.3
        limits.totalSeconds = 10
        let run = try Self.attack(try Self.evaluator(["slow_1.lua"], limits: limits))
        let rec = run.recommendation
        #expect(rec.status == .failedClosed)
        let rules = rec.failures.filter { $0.ruleID != nil }
        #expect(rules.map(\.error.scope) == [.call, .group, .group], "\(rules)")
        #expect(rules.allSatisfy { $0.error.kind == .time })
        #expect(rec.failures.first { $0.ruleID == nil }?.error.scope == .group)
        #expect(run.elapsed < .seconds(1), "\(run.elapsed)")
    }

    @Test("All rules together have a time budget per evaluation: once it is spent the rest do not run, and it fails closed")
    func totalTimeBudget() throws {
        var limits = SandboxLimits()
        limits.instructions = 0
        limits.seconds = 0.15
        limits.groupSeconds = 10
        limits.totalSeconds = 0.4
        let run = try Self.attack(try Self.evaluator(["slow_1.lua", "slow_2.lua"], limits: limits))
        let rec = run.recommendation
        #expect(rec.status == .failedClosed)
        let scopes = rec.failures.filter { $0.ruleID != nil }.map(\.error.scope)
        #expect(scopes.count == 6)
        #expect(scopes.prefix(2) == [.call, .call] && scopes.suffix(3).allSatisfy { $0 == .all }, "\(scopes)")
        #expect(rec.failures.first { $0.ruleID == nil }?.error.message.contains("all rules together") == true)
        #expect(run.elapsed < .seconds(1), "\(run.elapsed)")
    }
}
