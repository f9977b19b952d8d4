import Foundation
import Rubric
import RubricDecisionLog
import Testing

/// The shipped rules and examples, from the package root.
enum Package {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static func path(_ relative: String) -> String { root.appendingPathComponent(relative).path }
}

/// A temporary folder, removed at the end.
final class Scratch {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-log-\(UUID().uuidString)")
    init() throws { try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true) }
    deinit { try? FileManager.default.removeItem(at: url) }
}

/// The stores under test: SQLite always; PostgreSQL when RUBRIC_TEST_POSTGRES names one (`make test` does).
enum Stores {
    static let postgres = ProcessInfo.processInfo.environment["RUBRIC_TEST_POSTGRES"]
}

@Suite("The decision log", .serialized)
struct DecisionLogTests {
    let evaluator: Evaluator
    let profilePath = Package.path("examples/profiles/c-0412.yaml")

    init() throws {
        evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: Package.path("rules")))
    }

    func decision(keepInput: Bool, origin: String = "recommend") throws -> DecisionRecord {
        let data = try Data(contentsOf: URL(fileURLWithPath: profilePath))
        let rec = evaluator.evaluate(try Profile.load(data: data, source: "c-0412.yaml"))
        return DecisionRecord(recommendation: rec, input: data, format: "yaml", origin: origin, keepInput: keepInput, asOf: nil)
    }

    func exercise(_ store: any DecisionStore) async throws {
        let before = try await store.count()
        let a = try decision(keepInput: false), b = try decision(keepInput: true, origin: "cds:rubric-massage")
        try await store.record(a)
        try await store.record(b)
        #expect(try await store.count() == before + 2)
        let found = try #require(try await store.decision(id: b.id))
        #expect(found == b)
        let plain = try await store.decision(id: a.id)
        #expect(found.input != nil && plain != nil && plain?.input == nil)
        #expect(found.status == "recommended" && found.topTechnique == "swedish" && found.inputHash.hasPrefix("sha256:"))
        let recent = try await store.decisions(since: a.time, limit: nil).map(\.id)
        #expect(recent.suffix(2) == [a.id, b.id] || recent.contains(a.id) && recent.contains(b.id))
        // the same decision recorded again (a retry) stays one row
        try await store.record(a)
        #expect(try await store.count() == before + 2)
    }

    @Test("SQLite keeps every field of a decision, the input only when asked, and each decision once, in a file only its owner reads")
    func sqlite() async throws {
        let scratch = try Scratch()
        let path = scratch.url.appendingPathComponent("log.db").path
        let store = try await DecisionLog.open("sqlite:" + path)
        try await exercise(store)
        let mode = try FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int
        #expect(mode == 0o600)
        await store.shutdown()
    }

    @Test("Two writers on one SQLite file record every decision exactly once")
    func sqliteSharedFile() async throws {
        let scratch = try Scratch()
        let url = "sqlite:" + scratch.url.appendingPathComponent("shared.db").path
        let one = try await DecisionLog.open(url), two = try await DecisionLog.open(url)
        let records = try (0..<40).map { _ in try decision(keepInput: false) }
        try await withThrowingTaskGroup(of: Void.self) { group in
            for (i, r) in records.enumerated() { group.addTask { try await (i % 2 == 0 ? one : two).record(r) } }
            try await group.waitForAll()
        }
        #expect(try await one.count() == 40)
        #expect(Set(try await two.decisions(since: nil, limit: nil).map(\.id)) == Set(records.map(\.id)))
        await one.shutdown()
        await two.shutdown()
    }

    @Test("PostgreSQL keeps every field of a decision, the input only when asked, and each decision once",
          .enabled(if: Stores.postgres != nil, "set RUBRIC_TEST_POSTGRES (make test does)"))
    func postgres() async throws {
        let store = try await DecisionLog.open(Stores.postgres!)
        try await exercise(store)
        await store.shutdown()
    }

    @Test("A log URL of another kind, or a database that is not there, is a clear error")
    func badURLs() async throws {
        await #expect(throws: DecisionLogError.self) { _ = try await DecisionLog.open("mysql://x") }
        await #expect(throws: DecisionLogError.self) { _ = try await DecisionLog.open("sqlite:/nonexistent-dir/x/log.db") }
        await #expect(throws: DecisionLogError.self) { _ = try await DecisionLog.open("postgres://nobody@127.0.0.1:1/none") }
        #expect(DecisionLog.redacted("postgres://rubric:secret@db/log") == "postgres://rubric:***@db/log")
    }

    @Test("Replay with other rules reports the ranking moves with the rule behind each, and skips decisions logged without input")
    func replay() throws {
        let scratch = try Scratch()
        let rules = scratch.url.appendingPathComponent("rules")
        try FileManager.default.copyItem(at: Package.root.appendingPathComponent("rules"), to: rules)
        let file = rules.appendingPathComponent("stenosis.lua")
        let text = try String(contentsOf: file, encoding: .utf8)
        try text.replacingOccurrences(of: "points(\"swedish\", 2, \"Gentle strokes", with: "points(\"swedish\", 5, \"Gentle strokes")
            .write(to: file, atomically: true, encoding: .utf8)
        let changed = try Evaluator(ruleSet: try RuleSet.load(directory: rules.path))
        let logged = try decision(keepInput: true)
        let profile = try DecisionReplay.profile(of: logged).get()
        let change = DecisionReplay.compare(logged, now: changed.evaluate(profile))
        #expect(change.changed && change.statusBefore == change.statusAfter)
        let swedish = try #require(change.moves.first { $0.technique == "swedish" })
        #expect(swedish.rules.map(\.rule) == ["stenosis.swedish"] && swedish.rules[0].delta == 3)
        #expect(!DecisionReplay.compare(logged, now: evaluator.evaluate(profile)).changed)
        #expect(DecisionReplay.profile(of: try decision(keepInput: false)).map { _ in true } == .failure(.noInput))
    }

    @Test("Ids are UUID version 7 and sort in the order they were made")
    func ids() {
        let a = DecisionID.make(now: Date(timeIntervalSince1970: 1_800_000_000)), b = DecisionID.make(now: Date(timeIntervalSince1970: 1_800_000_001))
        #expect(a.count == 36 && Array(a)[14] == "7" && a < b)
        #expect(DecisionRecord.timestamp(Date(timeIntervalSince1970: 1_800_000_000.123)) == "2027-01-15T08:00:00.123Z")
    }
}
