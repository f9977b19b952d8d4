import ArgumentParser
import Foundation
import Rubric
import RubricRendering

struct GenerateCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "generate",
        abstract: "Write seeded, realistic synthetic profiles as JSONL (for batch runs and benchmarks).")

    @Option(name: .long, help: "How many profiles.")
    var count: Int = 1000

    @Option(name: .long, help: "The seed: the same seed gives the same profiles.")
    var seed: UInt64 = 1

    @OptionGroup var ruleOptions: RuleOptions

    func run() throws {
        try reportingFailures {
            let catalog: Catalog
            do { catalog = try RuleSet.load(directory: ruleOptions.rules).catalog } catch { throw Failure(message: "\(error)") }
            var generator = ProfileGenerator(catalog: catalog, seed: seed)
            var buffer = Data()
            for i in 0..<count {
                buffer.append(contentsOf: generator.nextProfile(index: i + 1).utf8)
                buffer.append(0x0A)
                if buffer.count > 1 << 20 { FileHandle.standardOutput.write(buffer); buffer.removeAll(keepingCapacity: true) }
            }
            FileHandle.standardOutput.write(buffer)
        }
    }
}
