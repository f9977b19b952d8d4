import ArgumentParser
import Rubric
import RubricRendering

struct ExplainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explain",
        abstract: "Show how a technique's score was made: each rule, file:line, reason, evidence and what it read.")

    @Argument(help: "A profile file; - reads it from standard input.")
    var profile: String

    @Argument(help: "A technique id or name, e.g. swedish or \"deep tissue\".")
    var technique: String

    @Option(name: .long, help: "A second technique: show the rules that separate the two.")
    var versus: String?

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var fhir: FHIROptions

    @Option(name: .long, help: "Output format: text or json.")
    var format: ReportFormat = .text

    func run() throws {
        try reportingFailures {
            let evaluator = try ruleOptions.evaluator()
            let explanation: Explanation
            do {
                let rec = evaluator.evaluate(try ProfileInput.load(profile, asOf: fhir.asOf), tracingReads: true)
                explanation = try Explanation(recommendation: rec, technique: technique, versus: versus,
                                              catalog: evaluator.ruleSet.catalog)
            } catch let error as InputError {
                throw Failure(message: error.description)
            } catch let error as Explanation.UnknownTechnique {
                let argument = error.role == .technique ? "TECHNIQUE" : "--versus"
                throw Failure(message: InputError(file: "<command line>", field: argument, message: error.message).description)
            }
            switch format {
            case .json: Terminal.write(explanation.json.serialized() + "\n")
            case .text: Terminal.write(explanation.text(style: Terminal.style))
            }
            if explanation.recommendation.status == .failedClosed { throw ExitCode.failure }
        }
    }
}
