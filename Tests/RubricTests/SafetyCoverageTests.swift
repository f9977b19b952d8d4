import Foundation
import Testing
import LuaSandbox
@testable import Rubric
import RubricRendering

/// Keeps `docs/safety-coverage.md` true: every red flag and contraindication row names shipped rules
/// (in the files it says) and test cases that exist (in the files it says), pass, and fire them.
@Suite("Safety coverage")
struct SafetyCoverageTests {
    struct Row {
        var number: Int
        var rules: [(id: String, file: String)]
        var cases: [(name: String, file: String)]
    }

    /// `` `a.b` (file.lua), `c.d` (other.lua) `` → [(a.b, file.lua), (c.d, other.lua)]
    static func parseRules(_ cell: String) -> [(id: String, file: String)] {
        cell.split(separator: ",").compactMap { part in
            let p = part.trimmingCharacters(in: .whitespaces)
            guard let open = p.firstIndex(of: "("), p.hasSuffix(")") else { return nil }
            let id = p[..<open].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "`"))
            let file = String(p[p.index(after: open)..<p.index(before: p.endIndex)])
            return (id, file)
        }
    }

    /// `name (file.yaml); other name (with parentheses) (x.yaml)`: the last parenthesised group is the file.
    static func parseCases(_ cell: String) -> [(name: String, file: String)] {
        cell.split(separator: ";").compactMap { part in
            let p = part.trimmingCharacters(in: .whitespaces)
            guard p.hasSuffix(".yaml)"), let open = p.range(of: " (", options: .backwards) else { return nil }
            let name = String(p[..<open.lowerBound])
            let file = String(p[open.upperBound..<p.index(before: p.endIndex)])
            return (name, file)
        }
    }

    static let rows: [Row] = {
        let url = FixturePaths.packageRoot.appendingPathComponent("docs/safety-coverage.md")
        let text = (try? String(contentsOf: url, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { line -> Row? in
            let cells = line.split(separator: "|", omittingEmptySubsequences: false)
                .map { $0.trimmingCharacters(in: .whitespaces) }
            guard cells.count >= 9, let n = Int(cells[1]) else { return nil }
            return Row(number: n, rules: parseRules(cells[5]), cases: parseCases(cells[6]))
        }
    }()

    let shipped: (Evaluator, [RuleTestCase])

    init() throws {
        let rules = FixturePaths.packageRoot.appendingPathComponent("rules").path
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: rules))
        let cases = try RuleTestRunner.testFiles(in: rules + "/tests").flatMap { try RuleTestCase.load(path: $0, display: $0) }
        shipped = (ev, cases)
    }

    @Test("The table has its rows, numbered 1, 2, 3 … without gaps")
    func numbering() {
        #expect(Self.rows.count >= 40)
        #expect(Self.rows.map(\.number) == Array(1...Self.rows.count))
    }

    @Test("Every row's rules exist in the files named, and its cases exist, pass and fire them",
          arguments: rows.map(\.number))
    func row(number: Int) throws {
        let row = try #require(Self.rows.first { $0.number == number })
        let (ev, cases) = shipped
        #expect(!row.rules.isEmpty, "row \(number): no rule parsed")
        #expect(!row.cases.isEmpty, "row \(number): no test case parsed")
        for r in row.rules {
            let rule = ev.rules.first { $0.id == r.id }
            #expect(rule != nil, "row \(number): no rule '\(r.id)'")
            if let rule {
                #expect(rule.location.file.hasSuffix("rules/" + r.file), "row \(number): '\(r.id)' is in \(rule.location.file), not \(r.file)")
            }
        }
        var firedByRow = Set<String>()
        for c in row.cases {
            let found = try #require(cases.first { $0.name == c.name }, "row \(number): no test case '\(c.name)'")
            #expect(found.location.contains("tests/" + c.file + ":"), "row \(number): '\(c.name)' is at \(found.location), not in \(c.file)")
            let result = RuleTestRunner(evaluator: ev).run(found)
            #expect(result.passed, "row \(number): '\(c.name)' fails: \(result.failures)")
            let hits = row.rules.map(\.id).filter { result.fired.contains($0) }
            #expect(!hits.isEmpty, "row \(number): '\(c.name)' fires none of \(row.rules.map(\.id))")
            firedByRow.formUnion(hits)
        }
        for r in row.rules { #expect(firedByRow.contains(r.id), "row \(number): no listed case fires '\(r.id)'") }
    }

    @Test("Every referral rule appears in the table")
    func everyReferralListed() {
        let listed = Set(Self.rows.flatMap { $0.rules.map(\.id) })
        let (ev, _) = shipped
        for r in ev.rules where r.kind == .referral { #expect(listed.contains(r.id), "referral rule \(r.id) is not in docs/safety-coverage.md") }
    }
}
