import ArgumentParser
import Foundation
import Rubric
import RubricRendering

/// `rubric`: rule-driven massage technique recommendations.
///
/// Exit codes: 0 success; 1 an input or rule error (a bad profile, a rule that
/// fails to load, a safety rule that fails so the result is failed closed, a
/// failing test); 2 a usage error.
@main
struct RubricCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "rubric",
        abstract: "Recommend massage techniques for a client profile, with every score explained.",
        discussion: """
            Exit codes: 0 success, 1 input or rule error (including a recommendation that failed closed \
            because a safety rule could not run), 2 usage error.
            """,
        version: "rubric \(EngineVersion.current)",
        subcommands: [RecommendCommand.self, ExplainCommand.self, RulesCommand.self, TestCommand.self, DiffCommand.self, WatchCommand.self, BatchCommand.self, GenerateCommand.self, FHIRCommand.self, LogCommand.self, ServeCommand.self])

    static func main() async {
        do {
            var command = try parseAsRoot()
            if var async = command as? any AsyncParsableCommand {
                try await async.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                FileHandle.standardError.write(Data((fullMessage(for: error) + "\n").utf8))
                Foundation.exit(2)
            }
            exit(withError: error)
        }
    }
}
