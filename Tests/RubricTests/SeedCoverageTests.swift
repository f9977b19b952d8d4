import Foundation
import Testing
@testable import Rubric

/// Keeps `docs/seed-coverage.md` true: every one of the 36 seed claims maps to shipped
/// rules and to test cases that exist and fire those rules.
@Suite("Seed coverage")
struct SeedCoverageTests {
    struct Row { var number: Int; var rules: [String]; var cases: [String] }

    static let rows: [Row] = {
        let text = (try? String(contentsOf: FixturePaths.packageRoot.appendingPathComponent("docs/seed-coverage.md"), encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 8, let n = Int(cells[1]) else { return nil }
            let rules = cells[5].split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`")) }
            let cases = cells[6].split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return Row(number: n, rules: rules, cases: cases)
        }
    }()

    let shipped: (Evaluator, [RuleTestCase])

    init() throws {
        let rules = FixturePaths.packageRoot.appendingPathComponent("rules").path
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: rules))
        let cases = try RuleTestRunner.testFiles(in: rules + "/tests").flatMap { try RuleTestCase.load(path: $0, display: $0) }
        shipped = (ev, cases)
    }

    @Test("The table accounts for all 36 claims, once each")
    func allClaims() {
        #expect(Self.rows.map(\.number) == Array(1...36))
    }

    @Test("Every claim's rules exist and its test cases exist and fire them", arguments: rows.map(\.number))
    func claim(number: Int) throws {
        let row = try #require(Self.rows.first { $0.number == number })
        let (ev, cases) = shipped
        let ids = Set(ev.rules.map(\.id))
        #expect(!row.rules.isEmpty && !row.cases.isEmpty)
        for r in row.rules { #expect(ids.contains(r), "claim \(number): no rule '\(r)'") }
        for name in row.cases {
            let c = try #require(cases.first { $0.name == name }, "claim \(number): no test case '\(name)'")
            let result = RuleTestRunner(evaluator: ev).run(c)
            #expect(result.passed, "claim \(number): '\(name)' fails: \(result.failures)")
            for r in row.rules { #expect(result.fired.contains(r), "claim \(number): '\(name)' does not fire '\(r)'") }
        }
    }

    @Test("Every shipped rule cites evidence the catalog knows, and unsupported rules add no points")
    func honestRules() throws {
        let (ev, cases) = shipped
        let sources = Set(ev.ruleSet.catalog.sources.map(\.key))
        for r in ev.rules { #expect(!r.evidence.isEmpty && r.evidence.allSatisfy(sources.contains), "\(r.id)") }
        let unsupported = Set(ev.rules.filter { $0.grade == .unsupported }.map(\.id))
        for c in cases {
            let rec = ev.evaluate(c.profile)
            for t in rec.ranking { for k in t.contributions where unsupported.contains(k.rule) { #expect(k.points <= 0, "\(k.rule)") } }
            let text = rec.json.serialized().lowercased()
            #expect(!text.contains("particularly effective"), "\(c.name)")
        }
    }
}
