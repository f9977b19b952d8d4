import Dispatch
import Foundation
import LuaSandbox
import Testing

@testable import Rubric
import RubricRendering

/// Runs one hostile plugin (from `Fixtures/hostile/cases/`) next to a benign one
/// and checks that the engine contains it: one located failure, quickly, and a
/// state that still evaluates a harmless profile correctly afterwards.
///
/// Each evaluation runs on its own thread with a hard deadline, so an attack that
/// escapes the limits shows up as a failed test instead of a hung test run.
/// Set `RUBRIC_HOSTILE_TIMES=1` to print each attack's duration and failure.
enum HostileHarness {
    /// The hostile fixtures: `catalog/`, `benign.lua` and `cases/`.
    static func fixtures() throws -> URL {
        try #require(Bundle.module.url(forResource: "Fixtures", withExtension: nil)).appendingPathComponent("hostile")
    }

    /// How long an evaluation may take before the test calls it a hang.
    static let hangDeadline: Double = 10

    /// A profile that switches the attack on, and one that does not (with nothing the engine
    /// would ask a person to check: every term in it is one the hostile rules name).
    static let attackProfile = "client:\n  age: 40\nflags: [attack]\n"
    static let benignProfile = "client:\n  age: 40\n"

    /// What the test expects of the failure's line.
    enum Line {
        /// The line marked `-- @attack` in the hostile file.
        case marked
        /// Any line (memory errors are raised without running the message handler).
        case known
    }

    /// The result of one evaluation, and how long it took.
    struct Run {
        var recommendation: Recommendation
        var elapsed: Duration
    }

    /// A temporary rules folder: the shared catalog, `benign.lua` and the case files.
    static func rulesFolder(_ cases: [String]) throws -> URL {
        let fm = FileManager.default
        let root = try fixtures()
        let folder = fm.temporaryDirectory.appendingPathComponent("rubric-hostile-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: folder, withIntermediateDirectories: true)
        try fm.copyItem(at: root.appendingPathComponent("catalog"), to: folder.appendingPathComponent("catalog"))
        try fm.copyItem(at: root.appendingPathComponent("benign.lua"), to: folder.appendingPathComponent("benign.lua"))
        for name in cases {
            try fm.copyItem(at: root.appendingPathComponent("cases/\(name)"), to: folder.appendingPathComponent(name))
        }
        return folder
    }

    /// The 1-based line of `file` (in `cases/`) that carries the `-- @attack` marker.
    static func markedLine(_ file: String) throws -> Int {
        let text = try String(contentsOf: fixtures().appendingPathComponent("cases/\(file)"), encoding: .utf8)
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let index = try #require(lines.firstIndex { $0.contains("-- @attack") }, "\(file) has no '-- @attack' marker")
        return index + 1
    }

    /// Evaluates `profile` on a fresh thread; `nil` if it did not finish within the deadline.
    static func evaluate(_ evaluator: Evaluator, _ yaml: String, source: String) throws -> Run? {
        let job = Job(evaluator: evaluator, profile: try Profile.parse(yaml, source: source))
        let done = DispatchSemaphore(value: 0)
        let thread = Thread {
            job.run()
            done.signal()
        }
        thread.stackSize = 8 << 20
        thread.start()
        guard done.wait(timeout: .now() + hangDeadline) == .success else { return nil }
        return job.result
    }

    /// The hand-off between the test and the evaluation thread (which owns the evaluator until it ends).
    private final class Job: @unchecked Sendable {
        let evaluator: Evaluator
        let profile: Profile
        var result: Run?

        init(evaluator: Evaluator, profile: Profile) {
            self.evaluator = evaluator
            self.profile = profile
        }

        func run() {
            let clock = ContinuousClock()
            let start = clock.now
            let rec = evaluator.evaluate(profile)
            result = Run(recommendation: rec, elapsed: clock.now - start)
        }
    }

    /// Points `technique` scored in `rec`, or `nil` if it is not ranked.
    static func score(_ technique: String, in rec: Recommendation) -> Int? {
        rec.ranking.first { $0.technique == technique }?.score
    }

    /// Loads `benign.lua` plus `cases`, evaluates the attack profile and checks the
    /// containment, then evaluates the benign profile on the same evaluator.
    ///
    /// - Parameters:
    ///   - cases: files from `cases/`; the last one holds `rule`.
    ///   - rule: the hostile rule's id, declared with `kind`.
    ///   - phrases: text the failure's message must contain.
    ///   - errorKind: the expected ``LuaError/Kind``, if it matters.
    /// - Returns: the attack evaluation, for further checks; `nil` if it hung.
    @discardableResult
    static func check(
        _ cases: [String], rule: String, kind: RuleInfo.Kind, phrases: [String],
        errorKind: LuaError.Kind? = nil, line: Line = .marked,
        sourceLocation: Testing.SourceLocation = #_sourceLocation
    ) throws -> Recommendation? {
        let hostileFile = try #require(cases.last)
        let folder = try rulesFolder(cases)
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: folder.path), limits: SandboxLimits())
        #expect(evaluator.rules.first { $0.id == rule }?.kind == kind, "rule \(rule) is not a \(kind) rule",
                sourceLocation: sourceLocation)

        // 1. The attack: exactly one failure, located, clear, and fast.
        guard let attack = try evaluate(evaluator, attackProfile, source: "attack.yaml") else {
            Issue.record("the attack in \(hostileFile) did not finish within \(hangDeadline) s: the sandbox hangs",
                         sourceLocation: sourceLocation)
            return nil
        }
        let rec = attack.recommendation
        if ProcessInfo.processInfo.environment["RUBRIC_HOSTILE_TIMES"] != nil {
            print("[hostile] \(hostileFile): \(attack.elapsed) — \(rec.failures.map(\.description))")
        }
        // no wall-clock assert here (a shared machine's speed varies): a hang is caught by the
        // deadline above, and the limit that stopped the attack is checked below
        #expect(rec.failures.count == 1, "failures: \(rec.failures)", sourceLocation: sourceLocation)
        let failure = try #require(rec.failures.first, sourceLocation: sourceLocation)
        #expect(failure.ruleID == rule, sourceLocation: sourceLocation)
        #expect(failure.kind == kind, sourceLocation: sourceLocation)
        let location = failure.error.location
        #expect(location?.file.hasSuffix("/" + hostileFile) == true, "location: \(String(describing: location))",
                sourceLocation: sourceLocation)
        switch line {
        case .marked:
            #expect(location?.line == (try markedLine(hostileFile)), "\(failure)", sourceLocation: sourceLocation)
        case .known:
            #expect(location?.line != nil, "\(failure)", sourceLocation: sourceLocation)
        }
        for phrase in phrases {
            #expect(failure.error.message.contains(phrase), "message: \(failure.error.message)",
                    sourceLocation: sourceLocation)
        }
        if let errorKind {
            #expect(failure.error.kind == errorKind, "\(failure)", sourceLocation: sourceLocation)
        }
        if kind.isSafety {
            #expect(rec.status == .failedClosed, sourceLocation: sourceLocation)
            #expect(rec.ranking.isEmpty, sourceLocation: sourceLocation)
        } else {
            #expect(rec.status == .recommended, sourceLocation: sourceLocation)
            #expect(score("swedish", in: rec) == 1, "the benign rule ran in the same evaluation",
                    sourceLocation: sourceLocation)
        }

        // 2. The same evaluator, a harmless profile: everything works again.
        guard let benign = try evaluate(evaluator, benignProfile, source: "benign.yaml") else {
            Issue.record("the benign evaluation after \(hostileFile) hung", sourceLocation: sourceLocation)
            return rec
        }
        #expect(benign.recommendation.failures.isEmpty, "\(benign.recommendation.failures)",
                sourceLocation: sourceLocation)
        #expect(benign.recommendation.status == .recommended, sourceLocation: sourceLocation)
        #expect(score("swedish", in: benign.recommendation) == 1, sourceLocation: sourceLocation)
        return rec
    }
}

/// Hostile plugins that attack the limits: CPU, memory, patterns, error handling.
/// Each case loads next to `benign.lua`, attacks only for a client flagged `attack`,
/// and must fail alone, at its line, in under 2 s, leaving the evaluator usable.
@Suite("Hostile plugins: resource limits")
struct SandboxTests {
    @Test("An infinite loop ends with an instruction-limit error at its line, and fails a safety rule closed")
    func infiniteLoop() throws {
        try HostileHarness.check(["infinite_loop.lua"], rule: "hostile.infinite_loop", kind: .contraindication,
                                 phrases: ["instruction limit"], errorKind: .instructions)
    }

    @Test("An xpcall message handler that never ends still ends, for a body that never ends and for an ordinary error",
          arguments: ["xpcall_handler_loop", "xpcall_error_loop"])
    func xpcallHandlerLoop(name: String) throws {
        try HostileHarness.check(["\(name).lua"], rule: "hostile.\(name)", kind: .indication,
                                 phrases: ["instruction limit"], errorKind: .instructions)
    }

    @Test("A loop that catches the limit error with pcall still ends: the limit is sticky")
    func pcallLoop() throws {
        try HostileHarness.check(["pcall_loop.lua"], rule: "hostile.pcall_loop", kind: .indication,
                                 phrases: ["instruction limit"], errorKind: .instructions)
    }

    @Test("A looping __gc finalizer is refused before it can run with hooks off")
    func finalizerLoop() throws {
        try HostileHarness.check(["gc_finalizer.lua"], rule: "hostile.gc_finalizer", kind: .indication,
                                 phrases: ["__gc"], errorKind: .runtime)
    }

    @Test("A __close handler added after setmetatable cannot loop while the limit error unwinds")
    func closeLoop() throws {
        try HostileHarness.check(["close_loop.lua"], rule: "hostile.close_loop", kind: .indication,
                                 phrases: ["instruction limit"], errorKind: .instructions, line: .known)
    }

    @Test("A table that grows forever hits a limit and fails its safety rule closed")
    func memoryBomb() throws {
        let rec = try HostileHarness.check(["memory_bomb.lua"], rule: "hostile.memory_bomb", kind: .contraindication,
                                           phrases: [], line: .known)
        // Either the memory cap or the instruction budget stops it, whichever comes first.
        let error = try #require(rec?.failures.first?.error)
        #expect(error.isLimit, "\(error)")
    }

    @Test("string.rep of a gigabyte with an integer count fails fast with a clear message at its line")
    func repBombInteger() throws {
        try HostileHarness.check(["rep_integer_bomb.lua"], rule: "hostile.rep_integer_bomb", kind: .indication,
                                 phrases: ["string.rep", "exceeds the limit"], errorKind: .runtime)
    }

    @Test("string.rep(\"x\", 1e9) (a float count) is contained fast")
    func repBomb() throws {
        let rec = try HostileHarness.check(["rep_bomb.lua"], rule: "hostile.rep_bomb", kind: .indication,
                                           phrases: [], line: .known)
        try expectClearRepError(rec, file: "rep_bomb.lua")
    }

    @Test("(\"x\"):rep(1e9) through the string metatable is contained fast and fails its caution rule closed")
    func repMethodBomb() throws {
        let rec = try HostileHarness.check(["rep_method_bomb.lua"], rule: "hostile.rep_method_bomb", kind: .caution,
                                           phrases: [], line: .known)
        try expectClearRepError(rec, file: "rep_method_bomb.lua")
    }

    /// A float count gets the same clear `string.rep` message at its line as an integer count.
    private func expectClearRepError(_ rec: Recommendation?, file: String) throws {
        let error = try #require(rec?.failures.first?.error)
        let line = try HostileHarness.markedLine(file)
        #expect(error.message.contains("string.rep: result of"), "\(error)")
        #expect(error.location?.line == line, "\(error)")
    }

    @Test("A string that doubles forever hits the memory limit")
    func concatDoubling() throws {
        try HostileHarness.check(["concat_doubling.lua"], rule: "hostile.concat_doubling", kind: .indication,
                                 phrases: ["memory"], errorKind: .memory, line: .known)
    }

    @Test("A pattern that would backtrack for seconds is refused up front with a clear pattern message")
    func backtrackingPattern() throws {
        try HostileHarness.check(["pattern_backtracking.lua"], rule: "hostile.pattern_backtracking",
                                 kind: .contraindication, phrases: ["pattern", "too costly"], errorKind: .runtime)
    }

    @Test("An error object whose __tostring throws becomes a message about __tostring, not a crash")
    func throwingToString() throws {
        try HostileHarness.check(["error_tostring.lua"], rule: "hostile.error_tostring", kind: .caution,
                                 phrases: ["__tostring"])
    }

    @Test("An error object whose __tostring loops forever is stopped inside the message handler")
    func loopingToString() throws {
        try HostileHarness.check(["error_tostring_loop.lua"], rule: "hostile.error_tostring_loop", kind: .caution,
                                 phrases: ["__tostring"])
    }

    @Test("Writing to the client profile fails with a read-only message naming the rule")
    func writeProfile() throws {
        try HostileHarness.check(["write_profile.lua"], rule: "hostile.write_profile", kind: .contraindication,
                                 phrases: ["read-only", "hostile.write_profile", "age"], errorKind: .runtime)
    }

    @Test("Setting a plugin global while rules run fails: a plugin's globals are frozen once it has loaded")
    func writeGlobal() throws {
        try HostileHarness.check(["write_global.lua"], rule: "hostile.write_global", kind: .indication,
                                 phrases: ["cannot set global 'counter'", "frozen"], errorKind: .runtime)
    }

    @Test("table.move over 10^12 elements (an integer range) fails fast with the move limit")
    func tableMoveInteger() throws {
        try HostileHarness.check(["table_move_integer.lua"], rule: "hostile.table_move_integer", kind: .indication,
                                 phrases: ["table.move", "exceed the limit"], errorKind: .runtime)
    }

    @Test("table.move over 1e12 elements (a float range) fails fast with the move limit")
    func tableMoveFloat() throws {
        // The guard reads the bounds as table.move will (floats and numeric strings included):
        // the C loop runs where neither the instruction nor the time limit can fire.
        try HostileHarness.check(["table_move.lua"], rule: "hostile.table_move", kind: .indication,
                                 phrases: ["table.move", "exceed the limit"], errorKind: .runtime)
    }
}
