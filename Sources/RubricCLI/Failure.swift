import ArgumentParser

/// An error already worded for the user: printed as is, exit code 1.
struct Failure: Error, CustomStringConvertible {
    var message: String
    /// The message, each line safe for a terminal (it may quote a profile's terms or a rule's text).
    var description: String { Terminal.safe(message) }
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
