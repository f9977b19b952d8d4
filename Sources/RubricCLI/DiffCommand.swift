import ArgumentParser
import Rubric
import RubricRendering

struct DiffCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "diff",
        abstract: "Show the impact of a rule change over a set of profiles: rank changes and the rules responsible.")

    @Option(name: .long, help: "The rules before the change.")
    var from: String

    @Option(name: .long, help: "The rules after the change.")
    var to: String

    @Option(name: .long, help: "Profiles: a folder of YAML/JSON files, one file, or a JSONL file.")
    var profiles: String

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        try reportingFailures {
            let a = try RuleOptions.evaluator(directory: from, limits: RuleLimits())
            let b = try RuleOptions.evaluator(directory: to, limits: RuleLimits())
            let list: [Profile]
            do { list = try RuleDiff.profiles(at: profiles) } catch { throw Failure(message: "\(error)") }
            let diff = RuleDiff(from: a, to: b)
            let changes = list.map(diff.compare)
            switch format {
            case .json: Terminal.write(RuleDiff.json(changes, from: a.ruleSet, to: b.ruleSet).serialized() + "\n")
            case .text: Terminal.write(RuleDiff.text(changes, from: a.ruleSet, to: b.ruleSet))
            }
        }
    }
}
