import ArgumentParser
import Rubric

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
    var format: OutputFormat = .text

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
            let report = RuleTestRunner(evaluator: evaluator).run(cases, filter: filter)
            switch format {
            case .json: Terminal.write(json(report).serialized() + "\n")
            case .text, .markdown: Terminal.write(text(report))
            }
            if !report.ok { throw ExitCode.failure }
        }
    }

    private func text(_ report: RuleTestRunner.Report) -> String {
        var out = ""
        for r in report.results {
            out += "\(r.passed ? "ok  " : "FAIL") \(r.testCase.name)  (\(r.testCase.location))\n"
            for f in r.failures { out += "       - \(f)\n" }
        }
        for u in report.unexercised { out += "\(u)\n" }
        if report.results.isEmpty { out += "no case matches the filter\n" }
        out += "\(report.passed) passed, \(report.failed) failed\n"
        return out
    }

    private func json(_ report: RuleTestRunner.Report) -> JSONValue {
        .object([
            ("passed", .int(report.passed)), ("failed", .int(report.failed)),
            ("cases", .array(report.results.map { r in
                .object([("name", .string(r.testCase.name)), ("location", .string(r.testCase.location)),
                         ("passed", .bool(r.passed)), ("failures", .array(r.failures.map(JSONValue.string))),
                         ("fired", .array(r.fired.sorted().map(JSONValue.string)))])
            })),
            ("unexercised_rules", .array(report.unexercised.map(JSONValue.string))),
        ])
    }
}
