import Foundation
@testable import Rubric

/// Runs JSONL lines through `rubric batch`'s runner with the starter rules.
enum BatchHarness {
    static func ruleSet() throws -> RuleSet { try RuleSet.load(directory: FixturePaths.path("starter")) }

    /// The output records for `lines` (joined with newlines), one per non-blank line.
    static func run(lines: [String], workers: Int = 2) throws -> [String] {
        try run(data: Data((lines.joined(separator: "\n") + "\n").utf8), workers: workers)
    }

    /// The output records for the JSONL bytes `data`.
    static func run(data: Data, workers: Int = 2) throws -> [String] {
        let url = FileManager.default.temporaryDirectory.appendingPathComponent("batch-\(UUID().uuidString).jsonl")
        try data.write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        return try run(file: url.path, workers: workers)
    }

    /// The output records for the JSONL file at `path`, named `in.jsonl` in the records.
    static func run(file path: String, workers: Int = 2) throws -> [String] {
        let runner = try BatchRunner(ruleSet: try ruleSet(), workers: workers)
        runner.chunk = 3
        var out: [String] = []
        _ = runner.run(.jsonLines(try FileHandle(forReadingFrom: URL(fileURLWithPath: path)), name: "in.jsonl", size: nil),
                       write: { out.append($0) })
        return out
    }
}
