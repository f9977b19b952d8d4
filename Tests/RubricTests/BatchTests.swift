import Foundation
import Testing
@testable import Rubric

@Suite("Batch")
struct BatchTests {
    let ruleSet = try! RuleSet.load(directory: FixturePaths.path("starter"))

    /// `count` generated profiles as JSONL, with line `bad` (1-based) replaced by malformed JSON.
    func input(count: Int, bad: Int?) throws -> URL {
        var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 3)
        var lines = (1...count).map { generator.nextProfile(index: $0) }
        if let bad { lines[bad - 1] = #"{"client": {"age": 40}, "conditions": ["#  }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func run(_ url: URL, workers: Int) throws -> ([String], BatchRunner.Summary) {
        let runner = try BatchRunner(ruleSet: ruleSet, workers: workers)
        runner.chunk = 7   // several rounds even for a small input
        var out: [String] = []
        let summary = runner.run(.jsonLines(try FileHandle(forReadingFrom: url), name: "in.jsonl", size: nil), write: { out.append($0) })
        return (out, summary)
    }

    @Test("A malformed line in the middle yields one error record with its line number, and every other result")
    func malformedLine() throws {
        let (out, summary) = try run(try input(count: 60, bad: 31), workers: 2)
        #expect(out.count == 60)
        #expect(summary.errors == 1 && summary.profiles == 60)
        #expect(out[30].contains("\"schema\":\"rubric.batch-error/1\"") && out[30].contains("\"line\":31"))
        #expect(out.enumerated().filter { $0.offset != 30 }.allSatisfy { $0.element.contains("\"schema\":\"rubric.recommendation/1\"") })
    }

    @Test("A safety rule that fails gives every profile a fail-closed record, never a ranking, and the run goes on")
    func failClosedRecords() throws {
        let dir = try makeRules(plugins: ["broken/cases/failing_safety.lua", "broken/cases/tie.lua"])
        let runner = try BatchRunner(directory: dir, workers: 2)
        runner.chunk = 3
        var generator = ProfileGenerator(catalog: runner.ruleSet.catalog, seed: 5)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try ((1...20).map { generator.nextProfile(index: $0) }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        var out: [String] = []
        let summary = runner.run(.jsonLines(try FileHandle(forReadingFrom: url), name: "in.jsonl", size: nil), write: { out.append($0) })
        #expect(summary.profiles == 20 && summary.failedClosed == 20 && summary.errors == 0)
        #expect(out.count == 20)
        #expect(out.allSatisfy { $0.contains("\"status\":\"failed_closed\"") && $0.contains("\"ranking\":[]") && $0.contains("safety.broken") })
    }

    @Test("Results come out in input order, the same with one worker or two, and equal to recommend's JSON")
    func orderAndWorkers() throws {
        let url = try input(count: 50, bad: nil)
        let (one, _) = try run(url, workers: 1)
        let (two, _) = try run(url, workers: 2)
        #expect(one == two)
        let lines = try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
        for i in [0, 17, 49] {
            #expect(one[i].contains("\"client_id\":\"gen-\(i + 1)\""))
            let single = try Evaluator(ruleSet: ruleSet).evaluate(try Profile.parse(json: lines[i], source: "in.jsonl:\(i + 1)"))
            #expect(one[i] == single.json.serialized(pretty: false))
        }
    }

    @Test("The generator is seeded: the same seed gives the same profiles, another seed others")
    func generatorSeeded() {
        var a = ProfileGenerator(catalog: ruleSet.catalog, seed: 9), b = ProfileGenerator(catalog: ruleSet.catalog, seed: 9)
        var c = ProfileGenerator(catalog: ruleSet.catalog, seed: 10)
        let x = (1...20).map { a.nextProfile(index: $0) }
        #expect(x == (1...20).map { b.nextProfile(index: $0) })
        #expect(x != (1...20).map { c.nextProfile(index: $0) })
    }

    @Test("The JSON fast path reads a profile exactly as the YAML parser does")
    func jsonFastPath() throws {
        var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 5)
        let ev = try Evaluator(ruleSet: ruleSet)
        for i in 1...40 {
            let line = generator.nextProfile(index: i)
            let fast = ev.evaluate(try Profile.parse(json: line, source: "x")).json.serialized()
            let slow = ev.evaluate(try Profile.parse(line, source: "x")).json.serialized()
            #expect(fast == slow)
        }
    }
}
