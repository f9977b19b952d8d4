import ArgumentParser
import Rubric
import RubricRendering

/// `rubric fhir convert FILE`: the profile Rubric derives from a FHIR R4 record, as YAML.
struct FHIRCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fhir",
        abstract: "Work with FHIR R4 input (US Core 6.1).",
        subcommands: [Convert.self])

    struct Convert: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "convert",
            abstract: "Print the profile Rubric derives from a FHIR R4 Bundle or resource, as YAML, for review.",
            discussion: """
                The YAML is what `recommend` reads for the same file: the conditions, medicines, flags, \
                pregnancy and surgeries derived from the record, with what was left out, assumed or not \
                understood listed first as comments (each with its FHIR path and line). Exit 1 if the file \
                cannot be read, or is not FHIR.
                """)

        @Argument(help: "A FHIR R4 JSON file (Bundle or single resource); - reads standard input.")
        var file: String

        @OptionGroup var fhir: FHIROptions

        func run() throws {
            try reportingFailures {
                let profile: Profile
                do { profile = try ProfileInput.load(file, asOf: fhir.asOf) } catch let error as InputError { throw Failure(message: error.description) }
                guard profile.isFHIR else {
                    throw Failure(message: InputError(file: profile.source, message: "not FHIR: no resourceType (a Rubric profile needs no conversion)").description)
                }
                Terminal.write(profile.yaml)
            }
        }
    }
}
