import Foundation
public import LuaSandbox

/// `rubric rules check`: compiles every plugin in the sandbox and lints the rule
/// set against the catalog and the test cases, collecting every finding.
public struct RuleChecker {
    /// The rule set to check: its plugins, catalog and folder.
    public let ruleSet: RuleSet
    /// The sandbox limits the plugins are compiled and the test cases run under.
    public let limits: SandboxLimits

    /// A checker for `ruleSet` that runs its plugins under `limits`.
    public init(ruleSet: RuleSet, limits: SandboxLimits = SandboxLimits()) {
        self.ruleSet = ruleSet
        self.limits = limits
    }

    /// A literal term a plugin passes to the API, found by a static scan.
    typealias TermUse = TermReferences.Use

    /// The ids a term of `name` may take, and the catalog file that lists them; for client fields,
    /// `clientNames` (the host's own list of the client view's fields and methods).
    func vocabulary(_ name: String, clientNames: [String] = []) -> (ids: [String], file: String) {
        let c = ruleSet.catalog
        switch name {
        case "technique": return (c.techniques.map(\.id), "techniques.yaml")
        case "condition": return (c.conditions.map(\.id), "conditions.yaml")
        case "symptom": return (c.symptoms.map(\.id), "symptoms.yaml")
        case "flag": return (c.flags.map(\.id), "flags.yaml")
        case "medication class": return (c.medicationClasses.map(\.id), "medications.yaml")
        case "goal": return (c.goals.map(\.id), "goals.yaml")
        case "procedure": return (c.procedures.map(\.id), "procedures.yaml")
        case "region": return (c.regions.map(\.id), "regions.yaml")
        default: return (clientNames, "")
        }
    }

    /// Every literal API term in the plugins, with its position.
    func termUses() -> [TermUse] { TermReferences(ruleSet: ruleSet).uses }

    /// Runs every check. `tests` is the folder of test cases (default `<rules>/tests`).
    public func check(tests: String? = nil) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let evaluator: Evaluator
        do {
            let (ev, loadErrors) = try Evaluator.lenient(ruleSet: ruleSet, limits: limits)
            evaluator = ev
            for e in loadErrors { out.append(diagnostic(loadError: e)) }
            for w in ev.loadWarnings {
                out.append(Diagnostic(.warning, "no-rules", w.error.message, file: w.location?.file ?? ruleSet.directory))
            }
        } catch {
            return [Diagnostic(.error, "load-error", error.error.message, file: ruleSet.directory)]
        }

        let uses = termUses()
        let clientNames: [String]
        do {
            let names = try evaluator.hostNames()
            clientNames = names.clientFields + names.clientMethods
        } catch {
            return [Diagnostic(.error, "load-error", error.message, file: ruleSet.directory)]
        }
        for use in uses {
            let (ids, _) = vocabulary(use.vocabulary, clientNames: clientNames)
            guard !ids.contains(use.term) else { continue }
            let hint = Terms.suggestion(for: use.term, among: ids.map { ($0, $0) }).map { " (did you mean '\($0)'?)" } ?? ""
            let code = use.vocabulary == "client field" ? "unknown-client-field" : "unknown-term"
            let what = use.vocabulary == "client field" ? "the client has no field or method" : "unknown \(use.vocabulary)"
            out.append(Diagnostic(.error, code, "\(what) '\(use.term)'\(hint)", file: use.file, line: use.line, column: use.column))
        }
        out += unusedCatalogEntries(uses)

        let dir = tests ?? "\(ruleSet.directory)/tests"
        var cases: [RuleTestCase] = []
        for file in RuleTestRunner.testFiles(in: dir) {
            do { cases += try RuleTestCase.load(path: file, display: file) } catch {
                out.append(Diagnostic(.error, "load-error", error.message, file: error.file, line: error.line, column: error.column))
            }
        }
        if cases.isEmpty {
            out.append(Diagnostic(.warning, "no-tests", "no test cases found in \(dir)", file: dir))
        } else {
            let report = RuleTestRunner(evaluator: evaluator).run(cases)
            var seen = Set<String>()
            for result in report.results {
                for e in result.ruleErrors where seen.insert("\(e)").inserted {
                    let code = e.error.message.contains("has no field or method") ? "unknown-client-field" : "rule-error"
                    out.append(Diagnostic(.error, code, "rule '\(e.ruleID ?? "?")': \(e.error.message) (while running test case '\(result.testCase.name)', \(result.testCase.location))",
                                          file: e.location?.file ?? ruleSet.directory, line: e.location?.line))
                }
            }
            let fired = report.results.reduce(into: Set<String>()) { $0.formUnion($1.fired) }
            for rule in evaluator.rules where !fired.contains(rule.id) {
                out.append(Diagnostic(.warning, "untested-rule", "rule '\(rule.id)' is fired by no test case",
                                      file: rule.location.file, line: rule.location.line))
            }
        }
        out += triggerDiagnostics(evaluator, cases: cases)
        return out.sorted()
    }

    private func diagnostic(loadError e: RuleError) -> Diagnostic {
        let file = e.location?.file ?? ruleSet.directory
        var column: Int?
        if e.error.kind == .syntax, let line = e.location?.line,
           let source = ruleSet.plugins.first(where: { $0.path == file })?.source {
            column = Self.syntaxColumn(message: e.error.message, line: line, source: source)
        }
        return Diagnostic(.error, e.error.kind == .syntax ? "syntax-error" : "load-error", e.error.message,
                          file: file, line: e.location?.line, column: column)
    }

    /// Lua reports `near 'token'`: the column of that token on the line, when it is there.
    static func syntaxColumn(message: String, line: Int, source: String) -> Int? {
        let lines = source.split(separator: "\n", omittingEmptySubsequences: false)
        guard line >= 1, line <= lines.count, let near = message.range(of: "near '") else { return nil }
        let token = message[near.upperBound...].prefix { $0 != "'" }
        let text = String(lines[line - 1])
        if let r = text.range(of: token) { return text.distance(from: text.startIndex, to: r.lowerBound) + 1 }
        return nil
    }

    private func unusedCatalogEntries(_ uses: [TermUse]) -> [Diagnostic] {
        var out: [Diagnostic] = []
        let used = Set(uses.map { "\($0.vocabulary)/\($0.term)" })
        // entries the catalog says no rule covers on purpose (`uncovered: why`)
        let c = ruleSet.catalog
        let uncovered = Set(c.conditions.filter { $0.uncovered != nil }.map { "condition/\($0.id)" }
            + c.symptoms.filter { $0.uncovered != nil }.map { "symptom/\($0.id)" }
            + c.flags.filter { $0.uncovered != nil }.map { "flag/\($0.id)" }
            + c.goals.filter { $0.uncovered != nil }.map { "goal/\($0.id)" }
            + c.medicationClasses.filter { $0.uncovered != nil }.map { "medication class/\($0.id)" })
        for vocab in ["technique", "condition", "symptom", "flag", "medication class", "goal"] {
            let (ids, file) = vocabulary(vocab)
            let path = "\(ruleSet.directory)/catalog/\(file)"
            let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
            let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
            for id in ids where !used.contains("\(vocab)/\(id)") && !uncovered.contains("\(vocab)/\(id)") {
                let line = lines.firstIndex { $0.contains("id: \(id)") }.map { $0 + 1 }
                out.append(Diagnostic(.warning, "unused-catalog-entry", "\(vocab) '\(id)' is used by no rule", file: path, line: line))
            }
        }
        return out
    }
}
