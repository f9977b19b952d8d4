import Foundation
import Testing
@testable import Rubric

/// Keeps `rules/types/rubric.d.lua` (lua-language-server definitions) and the host API in step.
@Suite("Editor definitions")
struct HostDefinitionsTests {
    let definitions: String
    let names: (globals: [String], builtins: [String], clientFields: [String], clientMethods: [String])

    init() throws {
        definitions = try String(contentsOf: FixturePaths.packageRoot.appendingPathComponent("rules/types/rubric.d.lua"), encoding: .utf8)
        names = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter"))).hostNames()
    }

    func matches(_ pattern: String) -> Set<String> {
        guard let regex = try? Regex(pattern).anchorsMatchLineEndings() else { return [] }
        return Set(definitions.matches(of: regex).compactMap { m in m.output[1].substring.map(String.init) })
    }

    /// Globals the file declares: `function name(` and `name = ` at the start of a line.
    var declaredGlobals: Set<String> { matches(#"^function ([A-Za-z_][A-Za-z0-9_]*)\("#).union(matches(#"^([A-Za-z_][A-Za-z0-9_]*) = "#)) }

    /// The standard libraries lua-language-server keeps (`.luarc.json` disables the rest).
    let libraries: Set<String> = ["string", "table", "math", "utf8"]

    @Test("Every global a plugin can use is declared, and nothing more")
    func globals() throws {
        #expect(declaredGlobals.union(libraries) == Set(names.globals).union(names.builtins))
    }

    @Test(".luarc.json disables every library the sandbox removes")
    func luarc() throws {
        let data = try Data(contentsOf: FixturePaths.packageRoot.appendingPathComponent("rules/.luarc.json"))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let builtin = try #require(json["runtime.builtin"] as? [String: String])
        for lib in ["basic", "io", "os", "debug", "package", "coroutine"] { #expect(builtin[lib] == "disable", "\(lib)") }
        #expect(json["runtime.version"] as? String == "Lua 5.4")
        #expect(json["workspace.library"] as? [String] == ["types"])
    }

    @Test("Every client method is declared, and nothing more")
    func clientMethods() throws {
        #expect(matches(#"^function Client:([a-z_]+)\("#) == Set(names.clientMethods))
    }

    @Test("Every client field is declared, and nothing more")
    func clientFields() throws {
        let block = definitions.components(separatedBy: "---@class Rubric.Client\n")[1].components(separatedBy: "local Client")[0]
        let fields = Set(block.matches(of: try Regex(#"---@field ([a-z_]+)"#)).compactMap { $0.output[1].substring.map(String.init) })
        #expect(fields == Set(names.clientFields))
    }

    @Test("The plugin globals Swift derives from Verb are exactly what the Lua host exposes")
    func hostAPIConstants() throws {
        #expect(Set(HostAPI.pluginGlobals) == Set(names.globals))
    }

    @Test("luacheck's globals are exactly the sandbox's")
    func luacheckGlobals() throws {
        let rc = try String(contentsOf: FixturePaths.packageRoot.appendingPathComponent("rules/.luacheckrc"), encoding: .utf8)
        let body = rc.components(separatedBy: "read_globals = {")[1].components(separatedBy: "string = {")[0]
        let listed = Set(body.matches(of: try Regex(#""([A-Za-z_]+)""#)).compactMap { $0.output[1].substring.map(String.init) })
        #expect(listed.union(libraries) == Set(names.globals).union(names.builtins))
    }
}
