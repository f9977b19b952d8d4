import ArgumentParser
import LuaSandbox
import Rubric

struct RulesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rules",
        abstract: "Inspect the rule set.",
        subcommands: [List.self])

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List plugins and rules with kind, grade, evidence and file:line.")

        @OptionGroup var ruleOptions: RuleOptions

        @Option(name: .long, help: "Output format: text or json.")
        var format: OutputFormat = .text

        func run() throws {
            try reportingFailures {
                let evaluator = try ruleOptions.evaluator()
                let rules = evaluator.rules.sorted { $0.location < $1.location }
                switch format {
                case .json:
                    let value = JSONValue.object([
                        ("ruleset", .string(evaluator.ruleSet.hash)),
                        ("rules", .array(rules.map { r in
                            .object([("id", .string(r.id)), ("title", .string(r.title)), ("kind", .string(r.kind.rawValue)),
                                     ("grade", .string(r.grade)), ("evidence", .array(r.evidence.map(JSONValue.string))),
                                     ("location", .string(r.location.description))])
                        })),
                    ])
                    Terminal.write(value.serialized() + "\n")
                case .text, .markdown:
                    var out = "\(rules.count) rules in \(evaluator.ruleSet.plugins.count) plugins · \(evaluator.ruleSet.hash.prefix(19))\n"
                    var file = ""
                    for r in rules {
                        if r.location.file != file {
                            file = r.location.file
                            out += "\n\(file)\n"
                        }
                        out += "  \(r.id.padded(30)) \(r.kind.rawValue.padded(17)) \(r.grade.padded(11)) line \(r.location.line ?? 0)\n"
                        out += "    \(r.title)\n    evidence: \(r.evidence.joined(separator: ", "))\n"
                    }
                    Terminal.write(out)
                }
            }
        }
    }
}

extension String {
    func padded(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
}
