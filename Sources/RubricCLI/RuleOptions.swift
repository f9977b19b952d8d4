import ArgumentParser
import Foundation
import Rubric
import RubricRendering

/// Where the rules live and how the sandbox is limited.
struct RuleOptions: ParsableArguments {
    @Option(name: .long, help: "The rules folder (plugins *.lua and catalog/).")
    var rules: String = "rules"

    @Option(name: .long, help: "VM instructions per rule call.")
    var maxInstructions: Int = RuleLimits().instructions

    @Option(name: .long, help: "Memory per Lua state, in MiB.")
    var maxMemory: Int = RuleLimits().memoryBytes >> 20

    @Option(name: .long, help: "Wall-clock milliseconds per rule call.")
    var timeout: Int = Int(RuleLimits().seconds * 1000)

    var limits: RuleLimits {
        var l = RuleLimits()
        l.instructions = maxInstructions
        l.memoryBytes = maxMemory << 20
        l.seconds = Double(timeout) / 1000
        return l
    }

    func validate() throws {
        guard maxInstructions > 0, maxMemory > 0, timeout > 0 else {
            throw ValidationError("limits must be positive")
        }
    }

    /// Loads and compiles the rules, or fails with the error worded for the user (exit code 1).
    func evaluator() throws -> Evaluator { try Self.evaluator(directory: rules, limits: limits) }

    /// Loads and compiles the rules in `directory`, or fails with the error worded for the user.
    static func evaluator(directory: String, limits: RuleLimits) throws -> Evaluator {
        do {
            let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: directory), limits: limits)
            for w in evaluator.loadWarnings {
                Terminal.error("warning: \(w.file ?? directory): \(w.message)")
            }
            return evaluator
        } catch let error as InputError {
            throw Failure(message: error.description)
        } catch let error as RuleError {
            throw Failure(message: error.description)
        }
    }
}
