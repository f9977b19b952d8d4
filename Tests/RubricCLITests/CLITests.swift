import Foundation
import Testing

/// Runs the built `rubric` binary from the package root.
struct CLI {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let binary: URL = {
        // The test bundle sits in the build products folder, beside the `rubric` executable.
        var dir = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        while !FileManager.default.fileExists(atPath: dir.appendingPathComponent("rubric").path), dir.path != "/" {
            dir.deleteLastPathComponent()
        }
        return dir.appendingPathComponent("rubric")
    }()
    static let rules = "Tests/RubricTests/Fixtures/starter"

    struct Result { var status: Int32; var stdout: String; var stderr: String }

    static func run(_ arguments: [String]) throws -> Result {
        let p = Process()
        p.executableURL = binary
        p.arguments = arguments
        p.currentDirectoryURL = root
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        p.environment = env
        let out = Pipe(), err = Pipe()
        p.standardOutput = out
        p.standardError = err
        try p.run()
        let o = out.fileHandleForReading.readDataToEndOfFile()
        let e = err.fileHandleForReading.readDataToEndOfFile()
        p.waitUntilExit()
        return Result(status: p.terminationStatus, stdout: String(decoding: o, as: UTF8.self), stderr: String(decoding: e, as: UTF8.self))
    }

    /// Compares `actual` with `Snapshots/name`; `RECORD_SNAPSHOTS=1` writes it instead.
    static func assertSnapshot(_ actual: String, named name: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let url = root.appendingPathComponent("Tests/RubricCLITests/Snapshots/\(name)")
        if ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1" {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return
        }
        let expected = try String(contentsOf: url, encoding: .utf8)
        #expect(actual == expected, "output differs from Snapshots/\(name); re-record with RECORD_SNAPSHOTS=1 if intended", sourceLocation: sourceLocation)
    }
}

@Suite("rubric command")
struct CLITests {
    @Test("recommend prints the report in each format, as recorded", arguments: ["text", "json", "markdown"])
    func recommendSnapshots(format: String) throws {
        let r = try CLI.run(["recommend", "examples/profiles/c-0412.yaml", "--rules", CLI.rules, "--format", format])
        #expect(r.status == 0, "\(r.stderr)")
        try CLI.assertSnapshot(r.stdout, named: "recommend-c-0412.\(format == "markdown" ? "md" : format == "json" ? "json" : "txt")")
    }

    @Test("explain prints the waterfall and what separates two techniques, as recorded")
    func explainSnapshot() throws {
        let r = try CLI.run(["explain", "examples/profiles/c-0412.yaml", "swedish", "--versus", "myofascial release", "--rules", CLI.rules])
        #expect(r.status == 0, "\(r.stderr)")
        try CLI.assertSnapshot(r.stdout, named: "explain-c-0412-swedish.txt")
    }

    @Test("rules list shows every rule with kind, grade, evidence and file:line, as recorded")
    func rulesList() throws {
        let r = try CLI.run(["rules", "list", "--rules", CLI.rules])
        #expect(r.status == 0, "\(r.stderr)")
        try CLI.assertSnapshot(r.stdout, named: "rules-list.txt")
    }

    @Test("Two runs give byte-identical output")
    func deterministic() throws {
        let args = ["recommend", "examples/profiles/c-0412.yaml", "examples/profiles/c-0233.yaml", "--rules", CLI.rules, "--format", "json"]
        #expect(try CLI.run(args).stdout == (try CLI.run(args).stdout))
    }

    @Test("A malformed profile exits 1 with file, line and column on stderr")
    func malformedExit() throws {
        let r = try CLI.run(["recommend", "Tests/RubricTests/Fixtures/profiles/malformed.yaml", "--rules", CLI.rules])
        #expect(r.status == 1)
        #expect(r.stderr.contains("Tests/RubricTests/Fixtures/profiles/malformed.yaml:4:"))
    }

    @Test("A usage error exits 2")
    func usageExit() throws {
        #expect(try CLI.run(["recommend"]).status == 2)
        #expect(try CLI.run(["recommend", "x.yaml", "--format", "pdf"]).status == 2)
    }

    @Test("A referral exits 0; a missing rules folder exits 1 naming it")
    func exitCodes() throws {
        #expect(try CLI.run(["recommend", "examples/profiles/c-0233.yaml", "--rules", CLI.rules]).status == 0)
        let r = try CLI.run(["recommend", "examples/profiles/c-0233.yaml", "--rules", "no/such/rules"])
        #expect(r.status == 1 && r.stderr.contains("no/such/rules: error: no such rules folder"))
    }

    @Test("The shipped rules load and every example profile gets a recommendation")
    func shippedRules() throws {
        let profiles = try FileManager.default.contentsOfDirectory(atPath: CLI.root.appendingPathComponent("examples/profiles").path)
            .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted().map { "examples/profiles/\($0)" }
        let r = try CLI.run(["recommend"] + profiles + ["--format", "json"])
        #expect(r.status == 0, "\(r.stderr)")
        #expect(r.stdout.contains("\"schema\": \"rubric.recommendation/2\""))
    }
}
