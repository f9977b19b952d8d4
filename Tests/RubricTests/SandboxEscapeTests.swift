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
}
