import ArgumentParser
import Rubric
import RubricRendering

struct RecommendCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "recommend",
        abstract: "Rank techniques for one or more profiles (YAML or JSON, or FHIR R4 resources).")

    @Argument(help: "Profile files; - reads one from standard input.")
    var profiles: [String]

    @OptionGroup var ruleOptions: RuleOptions

    @OptionGroup var fhir: FHIROptions

    @Option(name: .long, help: "Output format: text, json or markdown.")
    var format: OutputFormat = .text

    func validate() throws {
        if profiles.isEmpty { throw ValidationError("give at least one profile file (or - for standard input)") }
        if profiles.filter({ $0 == "-" }).count > 1 { throw ValidationError("standard input (-) can be given once") }
    }

    func run() throws {
        try reportingFailures {
            let evaluator = try ruleOptions.evaluator()
            var failed = false
            var outputs: [String] = []
            var recommendations: [Recommendation] = []
            for path in profiles {
                let profile: Profile
                do { profile = try ProfileInput.load(path, asOf: fhir.asOf) } catch {
                    Terminal.error("\(error)")
                    failed = true
                    continue
                }
                let rec = evaluator.evaluate(profile)
                if rec.status == .failedClosed { failed = true }
                switch format {
                case .text: outputs.append(rec.text(style: Terminal.style))
                case .markdown: outputs.append(rec.markdown)
                case .json: recommendations.append(rec)
                }
            }
            switch format {
            case .json:
                // One profile: an object. Several: an array (of those that could be read), whatever failed.
                if profiles.count == 1, let only = recommendations.first { Terminal.write(only.serializedJSON() + "\n") }
                if profiles.count > 1 {
                    var writer = JSONWriter(pretty: true, capacity: 16_384 * recommendations.count)
                    writer.array { w in for rec in recommendations { rec.write(to: &w) } }
                    Terminal.write(writer.text + "\n")
                }
            case .text: Terminal.write(outputs.joined(separator: "\n" + String(repeating: "─", count: 80) + "\n\n"))
            case .markdown: Terminal.write(outputs.joined(separator: "\n---\n\n"))
            }
            if failed { throw ExitCode.failure }
        }
    }
}
