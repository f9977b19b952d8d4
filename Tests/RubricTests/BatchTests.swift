import Foundation
import Testing
@testable import Rubric
import RubricRendering

@Suite("Batch")
struct BatchTests {
    let ruleSet: RuleSet

    init() throws {
        ruleSet = try RuleSet.load(directory: FixturePaths.path("starter"))
    }

    /// `count` generated profiles as JSONL, with line `bad` (1-based) replaced by malformed JSON.
    func input(count: Int, bad: Int?) throws -> URL {
        var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 3)
        var lines = (1...count).map { generator.nextProfile(index: $0) }
        if let bad { lines[bad - 1] = #"{"client": {"age": 40}, "conditions": ["#  }
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try (lines.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        return url
    }

    func run(_ url: URL, workers: Int, detail: BatchRunner.Detail = .full) throws -> ([String], BatchRunner.Summary) {
        let runner = try BatchRunner(ruleSet: ruleSet, workers: workers)
        runner.detail = detail
        runner.chunk = 7   // several rounds even for a small input
        var out: [String] = []
        let summary = runner.run(.jsonLines(try FileHandle(forReadingFrom: url), name: "in.jsonl", size: nil), write: { out.append($0) })
        return (out, summary)
    }

    @Test("A malformed line in the middle yields one error record with its line number, and every other result")
    func malformedLine() throws {
        let url = try input(count: 60, bad: 31)
        defer { try? FileManager.default.removeItem(at: url) }
        let (out, summary) = try run(url, workers: 2)
        #expect(out.count == 60)
        #expect(summary.errors == 1 && summary.profiles == 60)
        #expect(out[30].contains("\"schema\":\"rubric.batch-error/1\"") && out[30].contains("\"line\":31"))
        #expect(out.enumerated().filter { $0.offset != 30 }.allSatisfy { $0.element.contains("\"schema\":\"rubric.recommendation/2\"") })
    }

    @Test("A safety rule that fails gives every profile a fail-closed record, never a ranking, and the run goes on")
    func failClosedRecords() throws {
        let dir = try makeRules(plugins: ["broken/cases/failing_safety.lua", "broken/cases/tie.lua"])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let runner = try BatchRunner(directory: dir, workers: 2)
        runner.chunk = 3
        var generator = ProfileGenerator(catalog: runner.ruleSet.catalog, seed: 5)
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try ((1...20).map { generator.nextProfile(index: $0) }.joined(separator: "\n") + "\n").write(to: url, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: url) }
        var out: [String] = []
        let summary = runner.run(.jsonLines(try FileHandle(forReadingFrom: url), name: "in.jsonl", size: nil), write: { out.append($0) })
        #expect(summary.profiles == 20 && summary.failedClosed == 20 && summary.errors == 0)
        #expect(out.count == 20)
        #expect(out.allSatisfy { $0.contains("\"status\":\"failed_closed\"") && $0.contains("\"ranking\":[]") && $0.contains("safety.broken") })
    }

    @Test("--detail ids writes the rules table, then per profile the full record's status, scores and [rule, points] pairs")
    func compactDetail() throws {
        let url = try input(count: 30, bad: 12)
        defer { try? FileManager.default.removeItem(at: url) }
        let (full, _) = try run(url, workers: 2)
        let (ids, summary) = try run(url, workers: 2, detail: .ids)
        #expect(ids.count == full.count + 1 && summary.profiles == 30 && summary.errors == 1)
        func object(_ line: String) throws -> [String: Any] {
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])
        }
        let table = try object(ids[0])
        #expect(table["schema"] as? String == "rubric.batch-rules/1")
        let known = Set((table["rules"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? String })
        #expect(known.count == (try Evaluator(ruleSet: ruleSet)).rules.count)
        for (f, c) in zip(full, ids.dropFirst()) {
            let (a, b) = (try object(f), try object(c))
            if a["schema"] as? String == "rubric.batch-error/1" { #expect(f == c); continue }
            #expect(b["schema"] as? String == "rubric.batch-ids/1" && a["status"] as? String == b["status"] as? String)
            let fullRanking = (a["ranking"] as? [[String: Any]] ?? []).map { r in
                "\(r["technique"]!) \(r["score"]!) " + ((r["contributions"] as? [[String: Any]]) ?? []).map { "\($0["rule"]!)=\($0["points"]!)" }.joined(separator: ",")
            }
            let compactRanking = (b["ranking"] as? [[String: Any]] ?? []).map { r in
                "\(r["technique"]!) \(r["score"]!) " + ((r["contributions"] as? [[Any]]) ?? []).map { "\($0[0])=\($0[1])" }.joined(separator: ",")
            }
            #expect(fullRanking == compactRanking)
            for r in b["ranking"] as? [[String: Any]] ?? [] {
                for pair in r["contributions"] as? [[Any]] ?? [] { #expect(known.contains(pair[0] as? String ?? "")) }
            }
        }
    }

    @Test("Results come out in input order, the same with one worker or two, and equal to recommend's JSON")
    func orderAndWorkers() throws {
        let url = try input(count: 50, bad: nil)
        defer { try? FileManager.default.removeItem(at: url) }
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

    @Test("A JSONL line that repeats a key is an error record naming the line, the key and the object; the other lines run")
    func repeatedKeys() throws {
        let out = try BatchHarness.run(file: FixturePaths.path("json/duplicate-keys.jsonl"))
        #expect(out.count == 4)
        #expect(out[0] == #"{"schema":"rubric.batch-error/1","source":"in.jsonl:1","line":1,"column":27,"field":null,"error":"duplicate key 'medications' in a mapping"}"#)
        #expect(out[1] == #"{"schema":"rubric.batch-error/1","source":"in.jsonl:2","line":2,"column":26,"field":"client","error":"duplicate key 'age' in a mapping"}"#)
        #expect(out[2].contains(#""field":"conditions[1]","error":"duplicate key 'side' in a mapping""#), "\(out[2])")
        #expect(out[3].contains(#""client_id":"d-4""#))
    }

    @Test("A JSONL line that is not UTF-8 is an error record with its line, column and byte offset, never repaired")
    func invalidUTF8() throws {
        let out = try BatchHarness.run(file: FixturePaths.path("json/invalid-utf8.jsonl"))
        #expect(out.count == 3)
        #expect(out[1] == #"{"schema":"rubric.batch-error/1","source":"in.jsonl:2","line":2,"column":25,"field":null,"error":"the line is not UTF-8 text (an invalid byte at byte offset 25)"}"#)
        #expect(!out.joined().contains("\u{FFFD}"))
        #expect(out[0].contains(#""client_id":"u-1""#) && out[2].contains(#""client_id":"u-3""#))
    }

    @Test("A line over 1 MiB is an error record naming its line, read without keeping it, and the batch goes on")
    func oversizedLine() throws {
        var data = Data(#"{"client": {"id": "a"}}"#.utf8 + [0x0A])
        data.append(Data(#"{"client": {"id": ""#.utf8))
        data.append(Data(repeating: UInt8(ascii: "x"), count: 3 << 20))
        data.append(Data(#""}}"#.utf8 + [0x0D, 0x0A]))
        data.append(Data(#"{"client": {"id": "c"}}"#.utf8 + [0x0A]))
        let out = try BatchHarness.run(data: data)
        #expect(out.count == 3)
        #expect(out[1] == #"{"schema":"rubric.batch-error/1","source":"in.jsonl:2","line":2,"column":null,"field":null,"error":"the line is 3145750 bytes long, more than the 1048576 bytes (1 MiB) a profile may have; it was skipped"}"#)
        #expect(out[0].contains(#""client_id":"a""#) && out[2].contains(#""client_id":"c""#))
    }

    @Test("The line reader reads a 48 MiB line in one pass (a quadratic reader would not finish)")
    func linearLineReader() throws {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("long-\(UUID().uuidString).jsonl")
        var data = Data(repeating: UInt8(ascii: "x"), count: 48 << 20)
        data.append(contentsOf: [0x0A] + Array("next".utf8))
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let reader = LineReader(handle: try FileHandle(forReadingFrom: url), maximumBytes: 64 << 20)
        guard case .text(let line) = reader.next() else { Issue.record("not text"); return }
        #expect(line.utf8.count == 48 << 20 && reader.next() == .text("next") && reader.next() == nil)
    }
}
