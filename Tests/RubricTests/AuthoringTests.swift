import Foundation
import Testing
@testable import Rubric
import RubricRendering

@Suite("Authoring tools")
struct AuthoringTests {
    func copyStarter() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-auth-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: FixturePaths.path("starter"), toPath: dir)
        return dir
    }

    func edit(_ file: String, _ from: String, _ to: String) throws {
        let text = try String(contentsOfFile: file, encoding: .utf8)
        #expect(text.contains(from))
        try text.replacingOccurrences(of: from, with: to).write(toFile: file, atomically: true, encoding: .utf8)
    }

    let profile = FixturePaths.packageRoot.appendingPathComponent("examples/profiles/c-0412.yaml").path

    @Test("watch shows the ranking, keeps the last good rules on a broken edit, and shows the new ranking once fixed")
    func watch() throws {
        let dir = try copyStarter()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watcher = RuleWatcher(rulesDirectory: dir, profiles: [profile])
        let first = try #require(watcher.poll()).text
        #expect(first.contains("1. swedish +4"))
        #expect(watcher.poll() == nil)
        let goodHash = watcher.activeHash

        try edit("\(dir)/stenosis.lua", "points(\"myofascial_release\", 2,", "points(\"myofascial_release\", 2")
        let broken = try #require(watcher.poll()).text
        #expect(broken.contains("\(dir)/stenosis.lua:14: error:"), "\(broken)")
        #expect(broken.contains("still running the last good rules") && broken.contains("1. swedish +4"))
        #expect(watcher.activeHash == goodHash)

        try edit("\(dir)/stenosis.lua", "points(\"myofascial_release\", 2\n", "points(\"myofascial_release\", 5,\n")
        let fixed = try #require(watcher.poll()).text
        #expect(fixed.contains("1. myofascial_release +6"))
        #expect(fixed.contains("moved: myofascial_release 2 → 1 (score +3 → +6)"))
        #expect(watcher.activeHash != goodHash)
    }

    @Test("watch treats a rule that fails at run time as a broken edit")
    func watchRuntimeFailure() throws {
        let dir = try copyStarter()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let watcher = RuleWatcher(rulesDirectory: dir, profiles: [profile])
        _ = watcher.poll()
        try edit("\(dir)/sciatica.lua", "points(\"swedish\", 1,", "points(\"swedsh\", 1,")
        let report = try #require(watcher.poll()).text
        #expect(report.contains("sciatica.lua:13: error: rule 'sciatica.swedish': unknown technique 'swedsh'"))
        #expect(report.contains("still running the last good rules"))
    }

    @Test("diff between two rule versions reports exactly the profiles whose ranking changed, and the rule responsible")
    func diff() throws {
        let dir = try copyStarter()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try edit("\(dir)/stenosis.lua", "points(\"myofascial_release\", 2,", "points(\"myofascial_release\", 3,")
        let a = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter")))
        let b = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let profiles = try RuleDiff.profiles(at: FixturePaths.packageRoot.appendingPathComponent("examples/profiles").path)
        let changes = profiles.map(RuleDiff(from: a, to: b).compare)
        let expected = profiles.filter { p in a.evaluate(p).ranking.map(\.technique) != b.evaluate(p).ranking.map(\.technique) }.map(\.source)
        #expect(changes.filter(\.rankingChanged).map(\.source) == expected)
        #expect(!expected.isEmpty)
        let c0412 = try #require(changes.first { $0.clientID == "c-0412" })
        #expect(c0412.top1Changed)
        #expect(c0412.moves.first?.rules.first?.rule == "stenosis.myofascial_release")
        #expect(c0412.moves.first?.rules.first?.delta == 1)
    }

    @Test("rules new writes a plugin that loads and a test case that fails until the rule fires")
    func scaffold() throws {
        let dir = try copyStarter()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        _ = try Scaffold(name: "neck_pain", kind: .indication, evidence: "NCCIH").write(rulesDirectory: dir)
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        #expect(ev.rules.contains { $0.id == "neck_pain.todo" })
        let cases = try RuleTestCase.load(path: "\(dir)/tests/neck_pain.yaml", display: "neck_pain.yaml")
        let report = RuleTestRunner(evaluator: ev).run(cases, filter: "neck_pain")
        #expect(report.failed == 1)
        #expect(throws: InputError.self) { try Scaffold(name: "neck_pain", kind: .indication, evidence: "NCCIH").write(rulesDirectory: dir) }
    }

    @Test("check reports a syntax error, an unknown technique and a duplicate id with file and line")
    func check() throws {
        let dir = try copyStarter()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try edit("\(dir)/sciatica.lua", "points(\"swedish\", 1,", "points(\"swedsh\", 1,")
        try edit("\(dir)/bone.lua", "id = \"bone.fragile_light_pressure\"", "id = \"stenosis.swedish\"")
        try "rule {\n  id = \"x\",\n  title = \"t\"\n  kind = \"indication\",\n}\n".write(toFile: "\(dir)/broken.lua", atomically: true, encoding: .utf8)
        let d = RuleChecker(ruleSet: try RuleSet.load(directory: dir)).check()
        let errors = d.filter { $0.severity == .error }
        #expect(errors.contains { $0.code == "syntax-error" && $0.file == "\(dir)/broken.lua" && $0.line == 4 && $0.column == 3 }, "\(errors)")
        #expect(errors.contains { $0.code == "unknown-term" && $0.file == "\(dir)/sciatica.lua" && $0.line == 13 && $0.message.contains("did you mean 'swedish'") })
        #expect(errors.contains { $0.code == "load-error" && $0.file == "\(dir)/stenosis.lua" && $0.line == 19
            && $0.message.contains("duplicate id 'stenosis.swedish' (first declared at \(dir)/bone.lua:3)") }, "\(errors)")
        let sarif = Diagnostic.sarif(d, ruleSet: try RuleSet.load(directory: dir)).serialized()
        #expect(sarif.contains("\"version\": \"2.1.0\"") && sarif.contains("\"startLine\": 13"))
    }

    @Test("test --coverage measures each rule's lines and names the uncovered ones; evaluation outside tests records nothing")
    func coverage() throws {
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter")))
        let cases = [RuleTestCase(name: "stenosis", location: "inline", profile: try Profile.parse("conditions: [lumbar spinal stenosis]", source: "p"),
                                  expectations: [.fired(["stenosis.swedish"])])]
        let report = RuleTestRunner(evaluator: ev).run(cases, coverage: true)
        let c = try #require(report.coverage)
        let cauda = try #require(c.rules.first { $0.id == "red_flag.cauda_equina" })
        #expect(!cauda.uncovered.isEmpty && cauda.covered.count + cauda.uncovered.count == cauda.lines.count)
        #expect(report.coverageText.contains("uncovered: \(cauda.file):\(cauda.uncovered[0])"))
        let swedish = try #require(c.rules.first { $0.id == "stenosis.swedish" })
        #expect(swedish.covered.count >= 3 && swedish.percent > cauda.percent)
        _ = ev.evaluate(cases[0].profile)
        #expect(try ev.coverage().rules.allSatisfy { $0.covered.isEmpty })
    }
}
