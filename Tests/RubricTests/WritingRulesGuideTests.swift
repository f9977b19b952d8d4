import Foundation
import Testing
@testable import Rubric

/// `docs/writing-rules.md` shows real files; this keeps them equal and passing.
@Suite("Writing-rules guide")
struct WritingRulesGuideTests {
    let root = FixturePaths.packageRoot
    var guide: String { (try? String(contentsOf: root.appendingPathComponent("docs/writing-rules.md"), encoding: .utf8)) ?? "" }

    /// Fenced blocks whose first line names a file under docs/examples/.
    func namedBlocks() -> [(path: String, body: String)] {
        var out: [(String, String)] = []
        let parts = guide.components(separatedBy: "```")
        for (i, part) in parts.enumerated() where i % 2 == 1 {
            let lines = part.split(separator: "\n", omittingEmptySubsequences: false).dropFirst()   // the info string
            guard let first = lines.first else { continue }
            let marker = first.hasPrefix("-- ") ? first.dropFirst(3) : first.hasPrefix("# ") ? first.dropFirst(2) : ""
            if marker.hasPrefix("docs/examples/") { out.append((String(marker), lines.joined(separator: "\n"))) }
        }
        return out
    }

    @Test("Every example file the guide shows is shown exactly as it is on disk")
    func examplesMatch() throws {
        let blocks = namedBlocks()
        #expect(blocks.count == 2)
        for (path, body) in blocks {
            let file = try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8)
            #expect(file == body, "\(path) differs from its block in docs/writing-rules.md")
        }
    }

    @Test("The guide's example plugin loads beside the shipped rules, passes check and its test cases")
    func examplesPass() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-guide-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("rules").path, toPath: dir)
        try FileManager.default.removeItem(atPath: "\(dir)/tests")
        try FileManager.default.createDirectory(atPath: "\(dir)/tests", withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("docs/examples/writing-rules/neck_pain.lua").path,
                                         toPath: "\(dir)/neck_pain.lua")
        try FileManager.default.copyItem(atPath: root.appendingPathComponent("docs/examples/writing-rules/tests/neck_pain.yaml").path,
                                         toPath: "\(dir)/tests/neck_pain.yaml")
        let ruleSet = try RuleSet.load(directory: dir)
        let ev = try Evaluator(ruleSet: ruleSet)
        let cases = try RuleTestCase.load(path: "\(dir)/tests/neck_pain.yaml", display: "neck_pain.yaml")
        let report = RuleTestRunner(evaluator: ev).run(cases, filter: "guide -")
        #expect(report.failed == 0, "\(report.results.flatMap(\.failures))")
        #expect(report.passed == 2)
        let errors = RuleChecker(ruleSet: ruleSet).check().filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }
}
