import ArgumentParser
import Foundation
import Rubric
import RubricRendering

struct TestCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "test",
        abstract: "Run the rule test cases (YAML) and check that every rule is fired by some case.")

    @Argument(help: "The folder of test cases (default: <rules>/tests).")
    var directory: String?

    @OptionGroup var ruleOptions: RuleOptions

    @Option(name: .long, help: "Run only the cases whose name contains this text (skips the coverage check).")
    var filter: String?

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    @Flag(name: .long, help: "Measure per-rule and per-line coverage (a line hook, on for this test run only).")
    var coverage = false

    @Option(name: .long, help: "Fail when line coverage is below this percentage (implies --coverage).")
    var minCoverage: Double?

    @Option(name: .long, help: "Also write a JUnit XML report to this file.")
    var junit: String?

    @Flag(name: [.short, .long], help: "List every case, not only the failures.")
    var verbose = false

    func run() throws {
        try reportingFailures {
            let evaluator = try ruleOptions.evaluator()
            let dir = directory ?? (ruleOptions.rules.hasSuffix("/") ? ruleOptions.rules + "tests" : ruleOptions.rules + "/tests")
            var cases: [RuleTestCase] = []
            for file in RuleTestRunner.testFiles(in: dir) {
                do { cases += try RuleTestCase.load(path: file, display: file) } catch {
                    throw Failure(message: "\(error)")
                }
            }
            if cases.isEmpty { throw Failure(message: "\(dir): error: no test cases found (*.yaml with a 'cases:' list)") }
            let report = RuleTestRunner(evaluator: evaluator).run(cases, filter: filter, coverage: coverage || minCoverage != nil)
            switch format {
            case .json: Terminal.write(json(report, evaluator.ruleSet).serialized() + "\n")
            case .text: Terminal.write(report.coverageText + text(report, evaluator.ruleSet))
            }
            if let junit {
                do { try report.junit.write(toFile: junit, atomically: true, encoding: .utf8) } catch {
                    throw Failure(message: "\(junit): error: cannot write the JUnit report: \(error)")
                }
            }
            var ok = report.ok
            if let min = minCoverage, let measured = report.coverage, measured.percent < min {
                Terminal.error(String(format: "coverage %.1f%% is below the minimum of %.1f%%", measured.percent, min))
                ok = false
            }
            if !ok { throw ExitCode.failure }
        }
    }

    private func text(_ report: RuleTestRunner.Report, _ ruleSet: RuleSet) -> String {
        var out = ""
        // failures always; passing cases only with -v (a clean run is two lines)
        for r in report.results where verbose || !r.passed {
            out += "\(r.passed ? "ok  " : "FAIL") \(r.testCase.name)  (\(r.testCase.location))\n"
            for f in r.failures { out += "       - \(f)\n" }
        }
        for u in report.unexercised { out += "\(u)\n" }
        if report.results.isEmpty { out += "no case matches the filter\n" }
        out += "rules \(ruleSet.provenanceLine) · \(report.results.count) cases\n"
        out += "\(report.passed) passed, \(report.failed) failed\n"
        return out
    }

    private func json(_ report: RuleTestRunner.Report, _ ruleSet: RuleSet) -> JSONValue {
        .object([
            ("schema", .string("rubric.test-report/1")),
            ("ruleset", ruleSet.provenance),
            ("passed", .int(report.passed)), ("failed", .int(report.failed)),
            ("cases", .array(report.results.map { r in
                .object([("name", .string(r.testCase.name)), ("location", .string(r.testCase.location)),
                         ("passed", .bool(r.passed)), ("failures", .array(r.failures.map(JSONValue.string))),
                         ("fired", .array(r.fired.sorted().map(JSONValue.string)))])
            })),
            ("unexercised_rules", .array(report.unexercised.map(JSONValue.string))),
            ("coverage", report.coverage.map { c in
                .object([
                    ("percent", .double((c.percent * 10).rounded() / 10)), ("lines", .int(c.totalLines)), ("covered", .int(c.coveredLines)),
                    ("rules", .array(c.rules.map { r in
                        .object([("rule", .string(r.id)), ("file", .string(r.file)), ("lines", .array(r.lines.map(JSONValue.int))),
                                 ("uncovered", .array(r.uncovered.map(JSONValue.int)))])
                    })),
                ])
            } ?? .null),
        ])
    }
}
