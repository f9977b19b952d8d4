import Foundation
import LuaSandbox
import Testing

@testable import Rubric

/// Rule modules (`rules/lib/NAME.lua`, loaded with `use "NAME"`): shared helpers, sealed like
/// plugins, and every failure a load error naming the right file and line.
@Suite("Rule modules")
struct ModuleTests {
    /// A rules folder with the hostile catalog, `plugins` at its top and `modules` under `lib/`.
    static func folder(plugins: [String], modules: [String]) throws -> URL {
        let fm = FileManager.default
        let root = FixturePaths.root.appendingPathComponent("modules")
        let dir = fm.temporaryDirectory.appendingPathComponent("rubric-modules-\(UUID().uuidString.prefix(8))")
        try fm.createDirectory(at: dir.appendingPathComponent("lib"), withIntermediateDirectories: true)
        try fm.copyItem(at: try HostileHarness.fixtures().appendingPathComponent("catalog"), to: dir.appendingPathComponent("catalog"))
        for p in plugins { try fm.copyItem(at: root.appendingPathComponent(p), to: dir.appendingPathComponent(p)) }
        for m in modules { try fm.copyItem(at: root.appendingPathComponent(m), to: dir.appendingPathComponent("lib/\(m)")) }
        return dir
    }

    static func loadError(plugins: [String], modules: [String]) throws -> RuleError? {
        let dir = try folder(plugins: plugins, modules: modules)
        defer { try? FileManager.default.removeItem(at: dir) }
        do {
            _ = try Evaluator(ruleSet: try RuleSet.load(directory: dir.path))
            return nil
        } catch let e as RuleError { return e }
    }

    @Test("A plugin uses a module's helpers; the module's kept counter is put back before every client")
    func usesHelper() throws {
        let dir = try Self.folder(plugins: ["uses_helper.lua"], modules: ["words.lua"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let ruleSet = try RuleSet.load(directory: dir.path)
        #expect(ruleSet.plugins.count == 1 && ruleSet.modules.count == 1, "a module is not a plugin")
        let evaluator = try Evaluator(ruleSet: ruleSet)
        for age in [30, 40] {
            let rec = evaluator.evaluate(try Profile.parse("client: {age: \(age)}\n", source: "p.yaml"))
            #expect(rec.failures.isEmpty, "\(rec.failures)")
            let reason = rec.ranking.first { $0.technique == "swedish" }?.contributions.first?.reason
            #expect(reason == "hello, client aged \(age) (1)")
        }
    }

    @Test("A closure a module's factory makes for a plugin is sealed too: its counter and list never carry to the next client")
    func factoryClosureSealed() throws {
        let dir = try Self.folder(plugins: ["uses_factory.lua"], modules: ["counter.lua"])
        defer { try? FileManager.default.removeItem(at: dir) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: dir.path))
        for id in ["a", "b", "c"] {
            let rec = evaluator.evaluate(try Profile.parse("client: {id: \(id), age: 40}\n", source: "p.yaml"))
            let reason = rec.ranking.first { $0.technique == "swedish" }?.contributions.first?.reason
            #expect(reason == "call 1, kept 0", "client \(id): \(reason ?? "-") \(rec.failures)")
        }
    }

    @Test("An unknown module is a load error at the use line, with a suggestion")
    func missingModule() throws {
        let e = try #require(try Self.loadError(plugins: ["uses_missing.lua"], modules: ["words.lua"]))
        #expect(e.location?.file.hasSuffix("/uses_missing.lua") == true && e.location?.line == 2, "\(e)")
        #expect(e.error.message.contains("unknown module 'wrods' (did you mean 'words'?)"), "\(e)")
    }

    @Test("A cycle between modules is a load error that names it")
    func cycle() throws {
        let e = try #require(try Self.loadError(plugins: ["uses_cycle.lua"], modules: ["cycle_a.lua", "cycle_b.lua"]))
        #expect(e.error.message.contains("module cycle: 'cycle_a'"), "\(e)")
        #expect(e.location?.file.hasSuffix("/lib/cycle_b.lua") == true, "\(e)")
    }

    @Test("A module that does not compile is a load error at the module's own file and line")
    func brokenModule() throws {
        let e = try #require(try Self.loadError(plugins: ["uses_broken.lua"], modules: ["broken.lua"]))
        #expect(e.location?.file.hasSuffix("/lib/broken.lua") == true && e.location?.line == 3, "\(e)")
        #expect(e.error.message.contains("module 'broken' does not compile"), "\(e)")
    }

    @Test("A module may not declare rules")
    func moduleDeclaresRule() throws {
        let e = try #require(try Self.loadError(plugins: ["uses_declares_rule.lua"], modules: ["declares_rule.lua"]))
        #expect(e.error.message.contains("rule{} cannot be declared in a module"), "\(e)")
        #expect(e.location?.file.hasSuffix("/lib/declares_rule.lua") == true && e.location?.line == 2, "\(e)")
    }

    @Test("The shipped spine red-flag plugins share rules/lib/spine.lua, whose ids rules check and the review read too")
    func shippedModule() throws {
        let ruleSet = try RuleSet.load(directory: FixturePaths.packageRoot.appendingPathComponent("rules").path)
        #expect(ruleSet.modules.map { $0.path.hasSuffix("/lib/spine.lua") } == [true])
        #expect(TermReferences(ruleSet: ruleSet).names("sudden_severe_back_pain", in: "symptom"))
    }
}
