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

    static func run(_ arguments: [String], input: Data? = nil) throws -> Result {
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
        let stdin = Pipe()
        if input != nil { p.standardInput = stdin }
        try p.run()
        if let input {
            stdin.fileHandleForWriting.write(input)
            try stdin.fileHandleForWriting.close()
        }
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

    @Test("rules check prints compiler-style diagnostics and a summary, as recorded")
    func rulesCheckSnapshot() throws {
        let r = try CLI.run(["rules", "check", "--rules", CLI.rules])
        #expect(r.status == 0, "\(r.stderr)")
        try CLI.assertSnapshot(r.stdout, named: "rules-check.txt")
    }

    @Test("test prints only failures and a summary by default, every case with -v, as recorded")
    func testSnapshots() throws {
        let dir = "Tests/RubricTests/Fixtures/cli/mixed-cases"
        let quiet = try CLI.run(["test", dir, "--rules", "rules", "--filter", "stenosis client"])
        #expect(quiet.status == 1, "a failing case exits 1: \(quiet.stderr)")
        // the shipped rules' hash changes with every rule edit; the snapshot is about the layout
        func unhashed(_ s: String) -> String { s.replacing(/sha256:[0-9a-f]{12}/, with: "sha256:HASH") }
        try CLI.assertSnapshot(unhashed(quiet.stdout), named: "test.txt")
        #expect(!quiet.stdout.contains("ok   a stenosis client gets"))
        let verbose = try CLI.run(["test", dir, "-v", "--rules", "rules", "--filter", "stenosis client"])
        try CLI.assertSnapshot(unhashed(verbose.stdout), named: "test-verbose.txt")
        #expect(verbose.stdout.contains("ok   a stenosis client gets") && verbose.stdout.contains("FAIL a stenosis client is referred"))
    }

    @Test("batch reads JSONL from stdin and writes one JSON line per profile in input order, as recorded")
    func batchSnapshot() throws {
        let generated = try CLI.run(["generate", "--count", "6", "--seed", "5", "--rules", CLI.rules])
        #expect(generated.status == 0, "\(generated.stderr)")
        let input = generated.stdout + "{not json\n"
        let r = try CLI.run(["batch", "-", "--rules", CLI.rules, "--workers", "2"], input: Data(input.utf8))
        #expect(r.status == 1, "an error record makes the exit code 1")
        #expect(r.stdout.split(separator: "\n").count == 7 && r.stderr.contains("batch: 7 profiles"), "\(r.stderr)")
        try CLI.assertSnapshot(r.stdout, named: "batch.jsonl")
    }

    @Test("diff shows what a changed rule moves and the rule responsible, as recorded")
    func diffSnapshot() throws {
        let fm = FileManager.default
        let changed = fm.temporaryDirectory.appendingPathComponent("rubric-diff-\(UUID().uuidString.prefix(8))")
        defer { try? fm.removeItem(at: changed) }
        try fm.copyItem(at: CLI.root.appendingPathComponent(CLI.rules), to: changed)
        let plugin = changed.appendingPathComponent("sciatica.lua")
        let text = try String(contentsOf: plugin, encoding: .utf8)
        try text.replacingOccurrences(of: "points(\"swedish\", 1,", with: "points(\"swedish\", 4,")
            .write(to: plugin, atomically: true, encoding: .utf8)
        let r = try CLI.run(["diff", "--from", CLI.rules, "--to", changed.path, "--profiles", "examples/profiles"])
        #expect(r.status == 0, "\(r.stderr)")
        // the temporary folder's name changes every run
        try CLI.assertSnapshot(r.stdout.replacingOccurrences(of: changed.path, with: "CHANGED"), named: "diff.txt")
        #expect(r.stdout.contains("sciatica.swedish"))
    }

    @Test("--version prints the engine's version")
    func version() throws {
        let r = try CLI.run(["--version"])
        #expect(r.status == 0 && r.stdout.hasPrefix("rubric ") && r.stdout.split(separator: ".").count == 3, "\(r.stdout)")
    }

    @Test("recommend - and explain - read the profile from standard input, as from the file")
    func standardInput() throws {
        let path = "examples/profiles/c-0412.yaml"
        let data = try Data(contentsOf: CLI.root.appendingPathComponent(path))
        let fromFile = try CLI.run(["recommend", path, "--rules", CLI.rules, "--format", "json"])
        let fromStdin = try CLI.run(["recommend", "-", "--rules", CLI.rules, "--format", "json"], input: data)
        #expect(fromStdin.status == 0, "\(fromStdin.stderr)")
        #expect(fromStdin.stdout == fromFile.stdout.replacingOccurrences(of: "\"source\": \"\(path)\"", with: "\"source\": \"<stdin>\""))
        let explained = try CLI.run(["explain", "-", "swedish", "--rules", CLI.rules], input: data)
        #expect(explained.status == 0 && explained.stdout.contains("Swedish"), "\(explained.stderr)")
        let bad = try CLI.run(["recommend", "-", "--rules", CLI.rules], input: Data("client: [\n".utf8))
        #expect(bad.status == 1 && bad.stderr.contains("<stdin>:"), "\(bad.stderr)")
    }

    @Test("Commands whose output is a report offer text and json only: markdown is refused, not shown as text")
    func formatsOffered() throws {
        #expect(try CLI.run(["explain", "examples/profiles/c-0412.yaml", "swedish", "--rules", CLI.rules, "--format", "markdown"]).status == 2)
        #expect(try CLI.run(["rules", "list", "--rules", CLI.rules, "--format", "markdown"]).status == 2)
    }
}
