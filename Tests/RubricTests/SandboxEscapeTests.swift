import Foundation
import LuaSandbox
import Testing

@testable import Rubric

/// Hostile plugins that try to leave the sandbox: missing libraries, bytecode,
/// shared metatables and globals. Same containment checks as ``SandboxTests``.
@Suite("Hostile plugins: sandbox escapes")
struct SandboxEscapeTests {
    /// A plugin that reaches for a global the sandbox does not give it.
    struct MissingGlobal: CustomTestStringConvertible, Sendable {
        var file: String
        var rule: String
        var kind: RuleInfo.Kind
        var global: String
        var testDescription: String { "\(global) (\(file))" }
    }

    static let missingGlobals: [MissingGlobal] = [
        MissingGlobal(file: "os_execute.lua", rule: "hostile.os_execute", kind: .indication, global: "os"),
        MissingGlobal(file: "io_open.lua", rule: "hostile.io_open", kind: .referral, global: "io"),
        MissingGlobal(file: "require_module.lua", rule: "hostile.require_module", kind: .indication, global: "require"),
        MissingGlobal(file: "debug_sethook.lua", rule: "hostile.debug_sethook", kind: .indication, global: "debug"),
        MissingGlobal(file: "binary_chunk.lua", rule: "hostile.binary_chunk", kind: .indication, global: "load"),
        MissingGlobal(file: "coroutine.lua", rule: "hostile.coroutine", kind: .indication, global: "coroutine"),
    ]

    @Test("os.execute, io.open, require, debug.sethook, a binary load and coroutine fail with 'unknown global'",
          arguments: missingGlobals)
    func missingGlobal(_ c: MissingGlobal) throws {
        try HostileHarness.check([c.file], rule: c.rule, kind: c.kind,
                                 phrases: ["unknown global '\(c.global)'"], errorKind: .runtime)
    }

    @Test("string.dump is absent: calling it is a call of a nil value, and fails its safety rule closed")
    func stringDump() throws {
        try HostileHarness.check(["string_dump.lua"], rule: "hostile.string_dump", kind: .contraindication,
                                 phrases: ["attempt to call a nil value"], errorKind: .runtime)
    }

    @Test("Tampering with the string metatable fails, and (\"a\"):upper() still gives \"A\" to the next rule")
    func stringMetatable() throws {
        let rec = try HostileHarness.check(["string_metatable.lua"], rule: "hostile.string_metatable",
                                           kind: .indication, phrases: ["attempt to index"], errorKind: .runtime)
        let attack = try #require(rec)
        #expect(HostileHarness.score("deep_tissue", in: attack) == 1, "string.upper was replaced for later rules")
    }

    @Test("A global one plugin sets at load time is invisible to another plugin: unknown global 'shared_secret'")
    func sharedGlobal() throws {
        let rec = try HostileHarness.check(["shared_a.lua", "shared_b.lua"], rule: "hostile.shared_global",
                                           kind: .indication, phrases: ["unknown global 'shared_secret'"],
                                           errorKind: .runtime)
        let attack = try #require(rec)
        #expect(HostileHarness.score("deep_tissue", in: attack) == 0)
    }

    @Test("A plugin cannot pass one client's data to the next: its plugin-level tables are read-only once it has loaded")
    func pluginTable() throws {
        let rec = try HostileHarness.check(["plugin_table.lua"], rule: "hostile.plugin_table", kind: .indication,
                                           phrases: ["plugin-level table 'seen'", "read-only"], errorKind: .runtime)
        let attack = try #require(rec)
        #expect(HostileHarness.score("deep_tissue", in: attack) == 0)
    }

    @Test("A plugin that swaps in its own _ENV table cannot keep data in it: that table is read-only too")
    func pluginEnv() throws {
        try HostileHarness.check(["plugin_env.lua"], rule: "hostile.plugin_env", kind: .indication,
                                 phrases: ["plugin-level table '_ENV'", "read-only"], errorKind: .runtime)
    }

    @Test("A plugin-level local assigned while rules run is back to its loaded value for every client, and shared within one evaluation")
    func pluginLocal() throws {
        let folder = try HostileHarness.rulesFolder(["plugin_counter.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: folder.path))
        for age in [30, 40, 50] {
            let rec = evaluator.evaluate(try Profile.parse("client:\n  age: \(age)\n", source: "c\(age).yaml"))
            #expect(rec.failures.isEmpty, "\(rec.failures)")
            #expect(HostileHarness.score("deep_tissue", in: rec) == 1, "age \(age): the count carried over from earlier clients")
            #expect(rec.ranking.flatMap(\.contributions).contains { $0.reason == "the first rule saw age \(age) (Swedish massage)" })
        }
    }

    @Test("A plugin that keeps a table with a metatable is refused when it loads, at the line of the function that keeps it")
    func pluginMetatable() throws {
        let folder = try HostileHarness.rulesFolder(["plugin_metatable.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let ruleSet = try RuleSet.load(directory: folder.path)
        #expect {
            _ = try Evaluator(ruleSet: ruleSet)
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.location?.file.hasSuffix("/plugin_metatable.lua") == true && e.location?.line == 11
                && e.error.message.contains("'memo' is a table with a metatable")
        }
    }

    @Test("collectgarbage(\"count\") is refused: a result must not depend on memory earlier evaluations left behind")
    func collectgarbageCount() throws {
        try HostileHarness.check(["collectgarbage_count.lua"], rule: "hostile.collectgarbage_count", kind: .indication,
                                 phrases: ["collectgarbage is not allowed in rules"], errorKind: .runtime)
    }
}
