import ArgumentParser
import Rubric

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
    var format: OutputFormat = .text

    func run() throws {
        try reportingFailures {
            func evaluator(_ dir: String) throws -> Evaluator {
                do { return try Evaluator(ruleSet: try RuleSet.load(directory: dir)) } catch let e as InputError {
                    throw Failure(message: e.description)
                } catch let e as RuleError { throw Failure(message: e.description) }
            }
            let a = try evaluator(from), b = try evaluator(to)
            let list: [Profile]
            do { list = try RuleDiff.profiles(at: profiles) } catch { throw Failure(message: "\(error)") }
            let diff = RuleDiff(from: a, to: b)
            let changes = list.map(diff.compare)
            switch format {
            case .json: Terminal.write(RuleDiff.json(changes, from: a.ruleSet, to: b.ruleSet).serialized() + "\n")
            case .text, .markdown: Terminal.write(RuleDiff.text(changes, from: a.ruleSet, to: b.ruleSet))
            }
        }
    }
}
