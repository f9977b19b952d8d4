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

/// `recommend --format`: a result for people (text, Markdown) or programs (JSON).
enum OutputFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json, markdown
}

/// `--format` of the commands whose output is a report: text for people, JSON for programs.
enum ReportFormat: String, ExpressibleByArgument, CaseIterable {
    case text, json
}

/// Where a profile comes from: a file, or `-` for standard input.
enum ProfileInput {
    /// The name standard input has in messages and in the result's `profile.source`.
    static let stdinName = "<stdin>"

    /// Loads the profile at `path`, reading standard input when `path` is `-`.
    static func load(_ path: String) throws(InputError) -> Profile {
        guard path == "-" else { return try Profile.load(path: path) }
        // at most one byte more than a profile may have, so a larger input is refused, not read whole
        let data = (try? FileHandle.standardInput.read(upToCount: InputLimits.maximumProfileBytes + 1)) ?? nil
        let bytes = data ?? Data()
        let first = bytes.first { !" \t\r\n".utf8.contains($0) }
        return try Profile.load(data: bytes, source: stdinName, json: first == UInt8(ascii: "{"))
    }
}

/// An error already worded for the user: printed as is, exit code 1.
struct Failure: Error, CustomStringConvertible {
    var message: String
    /// The message, each line safe for a terminal (it may quote a profile's terms or a rule's text).
    var description: String { Terminal.safe(message) }
}

enum Terminal {
    /// Colors only on a terminal, and never with NO_COLOR set.
    static var style: TextStyle {
        TextStyle(color: isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil)
    }

    static func error(_ message: String) {
        FileHandle.standardError.write(Data((safe(message) + "\n").utf8))
    }

    /// `text` with every line passed through ``TerminalText/safe(_:allowing:)``.
    static func safe(_ text: String) -> String {
        text.split(separator: "\n", omittingEmptySubsequences: false).map { TerminalText.safe(String($0)) }
            .joined(separator: "\n")
    }

    static func write(_ text: String) {
        FileHandle.standardOutput.write(Data(text.utf8))
    }
}

extension ParsableCommand {
    /// Runs `body`, printing a ``Failure`` to stderr and exiting 1.
    func reportingFailures(_ body: () throws -> Void) throws {
        do {
            try body()
        } catch let failure as Failure {
            Terminal.error(failure.message)
            throw ExitCode.failure
        }
    }
}
