import ArgumentParser
import Rubric
import RubricRendering

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Inspect the rule set.",
        subcommands: [List.self, Check.self, New.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plugins and rules with kind, grade, evidence and file:line.")

        @OptionGroup var ruleOptions: RuleOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: ReportFormat = .text

        func run() throws {
            try reportingFailures {
                let evaluator = try ruleOptions.evaluator()
                let rules = evaluator.rules.sorted { $0.location < $1.location }
                switch format {
                case .json:
                    let value = RuleInfo.listing(rules, ruleSet: evaluator.ruleSet)
                    Terminal.write(value.serialized() + "\n")
                case .text:
                    var out = "\(rules.count) rules in \(evaluator.ruleSet.plugins.count) plugins · \(evaluator.ruleSet.provenanceLine)\n"
                    var file = ""
                    for r in rules {
                        if r.file != file {
                            file = r.file
                            out += "\n\(file)\n"
                        }
                        out += "  \(r.id.padded(to: 30)) \(r.kind.rawValue.padded(to: 17)) \(r.grade.rawValue.padded(to: 11)) line \(r.line ?? 0)\n"
                        out += "    \(r.title)\n    evidence: \(r.evidence.joined(separator: ", "))\n"
                        if let trigger = r.trigger {
                            let terms = RuleTrigger.Section.allCases.compactMap { s in
                                trigger.terms[s].map { "\(s.rawValue) \($0.joined(separator: ", "))" }
                            }
                            out += "    when: \(terms.joined(separator: "; "))\n"
                        }
                    }
                    Terminal.write(out)
                }
            }
        }
    }
}

extension RulesCommand {
    struct Check: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compile every plugin and lint the rule set: syntax, ids, unknown terms, unused catalog entries, untested rules.",
            discussion: "Exit 0 when there is no error (and, with --strict, no warning); 1 otherwise.")

        @OptionGroup var ruleOptions: RuleOptions

        @Option(name: .long, help: "The folder of test cases (default: <rules>/tests).")
        var tests: String?

        @Option(name: .long, help: "Output format: text, json or sarif.")
        var format: CheckFormat = .text

        @Flag(name: .long, help: "Fail on warnings too.")
        var strict = false

        func run() throws {
            try reportingFailures {
                let ruleSet: RuleSet
                do { ruleSet = try RuleSet.load(directory: ruleOptions.rules) } catch {
                    throw Failure(message: "\(error)")
                }
                let diagnostics = RuleChecker(ruleSet: ruleSet, limits: ruleOptions.limits).check(tests: tests)
                let errors = diagnostics.filter { $0.severity == .error }.count
                let warnings = diagnostics.count - errors
                switch format {
                case .text:
                    var out = diagnostics.map(\.description).joined(separator: "\n")
                    if !out.isEmpty { out += "\n" }
                    out += "\(errors) error\(errors == 1 ? "" : "s"), \(warnings) warning\(warnings == 1 ? "" : "s") in \(ruleSet.plugins.count) plugins · \(ruleSet.provenanceLine)\n"
                    Terminal.write(out)
                case .json:
                    Terminal.write(JSONValue.object([
                        ("schema", .string("rubric.check/1")),
                        ("ruleset", ruleSet.provenance), ("errors", .int(errors)), ("warnings", .int(warnings)),
                        ("diagnostics", .array(diagnostics.map(\.json))),
                    ]).serialized() + "\n")
                case .sarif:
                    Terminal.write(Diagnostic.sarif(diagnostics, ruleSet: ruleSet).serialized() + "\n")
                }
                if errors > 0 || (strict && warnings > 0) { throw ExitCode.failure }
            }
        }
    }
}

extension RulesCommand {
    struct New: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Scaffold a documented plugin and a test case that fails until the rule fires.")

        @Argument(help: "The plugin's name (lowercase snake_case), e.g. neck_pain.")
        var name: String

        @Option(name: .long, help: "The rule's kind: referral, contraindication, caution, indication or preference.")
        var kind: String

        @Option(name: .long, help: "The rules folder.")
        var rules: String = "rules"

        func validate() throws {
            guard Scaffold.isValid(name: name) else { throw ValidationError("the name must be lowercase snake_case, e.g. neck_pain") }
            guard RuleInfo.Kind(rawValue: kind) != nil else {
                throw ValidationError("--kind must be one of \(RuleInfo.Kind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
        }

        func run() throws {
            try reportingFailures {
                let evidence: String
                do {
                    let catalog = try RuleSet.load(directory: rules).catalog
                    evidence = catalog.sources.first { $0.kind != "seed" }?.key ?? catalog.sources.first?.key ?? "TODO"
                    let written = try Scaffold(name: name, kind: RuleInfo.Kind(rawValue: kind)!, evidence: evidence).write(rulesDirectory: rules)
                    Terminal.write(written.map { "created \($0)\n" }.joined()
                        + "next: fill in the TODOs, then run `rubric rules check --rules \(rules)` and `rubric test --rules \(rules) --filter \(name)`\n")
                } catch let error as InputError {
                    throw Failure(message: error.description)
                }
            }
        }
    }
}

enum CheckFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, sarif
}
