import Foundation
internal import LuaSandbox

/// Runs rule test cases against an ``Evaluator`` and checks that every rule is
/// exercised (fired) by at least one case.
public struct RuleTestRunner {
    /// The evaluator the cases run on: its rules and catalog.
    public let evaluator: Evaluator

    /// A runner for cases against `evaluator`.
    public init(evaluator: Evaluator) { self.evaluator = evaluator }

    /// The outcome of one case.
    public struct CaseResult: Sendable {
        /// The case that ran.
        public var testCase: RuleTestCase
        /// Empty when the case passed.
        public var failures: [String]
        /// The ids of the rules that fired (made a verb call) for the case's profile.
        public var fired: Set<String>
        /// Rules that failed while this case ran (with the rule's own file:line).
        public var ruleErrors: [RuleError] = []
        /// Whether the case passed: every expectation held and no rule failed.
        public var passed: Bool { failures.isEmpty }
    }

    /// The outcome of a run.
    public struct Report: Sendable {
        /// Each selected case's outcome, in the order the cases were given.
        public var results: [CaseResult]
        /// Rules no case fired, as `file:line: rule id`.
        public var unexercised: [String]
        /// Line coverage, when it was asked for.
        public var coverage: CoverageReport?
        /// How many cases passed.
        public var passed: Int { results.filter(\.passed).count }
        /// How many cases failed.
        public var failed: Int { results.count - passed }
        /// Whether the run succeeded: at least one case ran, none failed, and no rule went unfired (checked only without a filter).
        public var ok: Bool { failed == 0 && unexercised.isEmpty && !results.isEmpty }
    }

    /// Finds the `*.yaml` test files under `directory`, sorted by path.
    public static func testFiles(in directory: String) -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: directory) else { return [] }
        var files: [String] = []
        while let rel = walker.nextObject() as? String {
            if rel.hasSuffix(".yaml") || rel.hasSuffix(".yml") { files.append(rel) }
        }
        return files.sorted().map { directory.hasSuffix("/") ? directory + $0 : directory + "/" + $0 }
    }

    /// Runs every case; `filter` keeps the cases whose name contains it.
    /// Rule coverage is only checked when no filter is given.
    public func run(_ cases: [RuleTestCase], filter: String? = nil, coverage: Bool = false) -> Report {
        let selected = cases.filter { filter == nil || $0.name.localizedCaseInsensitiveContains(filter!) }
        if coverage {
            evaluator.setLineCoverage(true)
            _ = try? evaluator.coverage()   // start from nothing
        }
        let results = selected.map(run)
        var measured: CoverageReport?
        if coverage {
            measured = try? evaluator.coverage()
            evaluator.setLineCoverage(false)
        }
        var unexercised: [String] = []
        if filter == nil {
            let fired = results.reduce(into: Set<String>()) { $0.formUnion($1.fired) }
            unexercised = evaluator.rules.filter { !fired.contains($0.id) }
                .sorted { $0.location < $1.location }
                .map { "\($0.location): rule '\($0.id)' is fired by no test case" }
        }
        return Report(results: results, unexercised: unexercised, coverage: measured)
    }

    /// Evaluates one case's profile and checks each of its expectations.
    public func run(_ testCase: RuleTestCase) -> CaseResult {
        let rec = evaluator.evaluate(testCase.profile)
        let fired = Set(rec.traces.filter { $0.actions > 0 }.map(\.rule.id))
        var failures: [String] = []
        for f in rec.failures { failures.append("rule error: \(f)") }
        let ruleIDs = Set(evaluator.rules.map(\.id))
        let techniques = Set(evaluator.ruleSet.catalog.techniques.map(\.id))
        let ranks = Dictionary(uniqueKeysWithValues: rec.ranking.map { ($0.technique, $0.rank) })
        let excluded = Set(rec.excluded.map(\.technique))
        lazy var text = rec.serializedJSON().lowercased()

        func checkTechniques(_ ids: [String]) {
            for id in ids where !techniques.contains(id) && id != "general" { failures.append("unknown technique '\(id)' in the expectation") }
        }
        func checkRules(_ ids: [String]) {
            for id in ids where !ruleIDs.contains(id) { failures.append("unknown rule '\(id)' in the expectation") }
        }
        func ranking() -> String { rec.ranking.map { "\($0.technique) \($0.score)" }.joined(separator: ", ") }
        /// The contributions behind the techniques a failed expectation names.
        func ledger(_ ids: [String]) -> String {
            ids.uniqued().map { id in
                if let r = rec.ranking.first(where: { $0.technique == id }) {
                    let parts = r.contributions.map { "\($0.points.signedText) \($0.rule) (\($0.location))" }
                    return "\n         \(id) = \(r.score)" + (parts.isEmpty ? " (no contributions)" : ": " + parts.joined(separator: ", "))
                }
                if let e = rec.excluded.first(where: { $0.technique == id }) {
                    return "\n         \(id) excluded by " + e.reasons.map { "\($0.rule) (\($0.location?.description ?? ""))" }.joined(separator: ", ")
                }
                return "\n         \(id) not ranked (status \(rec.status.rawValue))"
            }.joined()
        }

        for e in testCase.expectations {
            switch e {
            case .review(let wanted):
                for w in wanted where !rec.review.contains(where: { $0.code.rawValue == w || $0.term?.lowercased() == w.lowercased() }) {
                    failures.append("expected a review item '\(w)'; review: \(rec.review.map { "\($0.code.rawValue) \($0.term ?? "")" })")
                }
            case .status(let s) where s != rec.status.rawValue:
                failures.append("expected status \(s), got \(rec.status.rawValue) (\(rec.summary))")
            case .referral(let u) where rec.referralUrgency?.rawValue != u:
                failures.append("expected a referral (\(u)), got \(rec.referralUrgency?.rawValue ?? "no referral")")
            case .clearance(let want) where want == rec.clearances.isEmpty:
                failures.append(want ? "expected a clearance, got none" : "expected no clearance, got \(rec.clearances.map(\.rule))")
            case .excluded(let ids):
                checkTechniques(ids)
                for id in ids where !excluded.contains(id) { failures.append("expected \(id) to be excluded; excluded: \(excluded.sorted())" + ledger([id])) }
            case .notExcluded(let ids):
                checkTechniques(ids)
                for id in ids where excluded.contains(id) {
                    let why = rec.excluded.first { $0.technique == id }?.reasons.map(\.rule) ?? []
                    failures.append("expected \(id) not to be excluded; it is, by \(why)")
                }
            case .cautioned(let ids):
                checkTechniques(ids)
                for id in ids {
                    let has = id == "general" ? !rec.cautions.isEmpty : rec.ranking.contains { $0.technique == id && !$0.cautions.isEmpty }
                    if !has { failures.append("expected a caution on \(id)") }
                }
            case .top(let id):
                checkTechniques([id])
                if let first = rec.ranking.first?.technique, first == id {} else {
                    failures.append("expected \(id) first; ranking: \(ranking())" + ledger([id] + (rec.ranking.first.map { [$0.technique] } ?? [])))
                }
            case .topK(let k, let ids):
                checkTechniques(ids)
                for id in ids where (ranks[id] ?? Int.max) > k {
                    failures.append("expected \(id) in the top \(k); ranking: \(ranking())" + ledger([id] + rec.ranking.prefix(k).map(\.technique)))
                }
            case .rankedAbove(let pairs):
                for p in pairs {
                    checkTechniques(p)
                    guard let a = ranks[p[0]], let b = ranks[p[1]] else {
                        failures.append("expected \(p[0]) above \(p[1]), but not both are ranked; ranking: \(ranking())" + ledger(p))
                        continue
                    }
                    if a >= b { failures.append("expected \(p[0]) above \(p[1]); ranking: \(ranking())" + ledger(p)) }
                }
            case .pressureLimit(let level) where rec.pressureLimit?.level.rawValue != level:
                failures.append("expected pressure limit \(level), got \(rec.pressureLimit?.level.rawValue ?? "none")")
            case .mentions(let words):
                for w in words where !text.contains(w.lowercased()) { failures.append("expected the output to mention '\(w)'") }
            case .notMentions(let words):
                for w in words where text.contains(w.lowercased()) { failures.append("expected the output not to mention '\(w)'") }
            case .warnings(let codes):
                let have = Set(rec.profile.warnings.map(\.code))
                for c in codes where !have.contains(c) { failures.append("expected a warning '\(c)'; warnings: \(have.sorted())") }
            case .fired(let ids):
                checkRules(ids)
                for id in ids where !fired.contains(id) { failures.append("expected rule \(id) to fire") }
            case .notFired(let ids):
                checkRules(ids)
                for id in ids where fired.contains(id) { failures.append("expected rule \(id) not to fire") }
            default: continue
            }
        }
        return CaseResult(testCase: testCase, failures: failures, fired: fired, ruleErrors: rec.failures)
    }
}
