import Testing

@testable import LuaSandbox

/// The sandboxed Lua host on its own: values, errors and limits, without any rule engine.
@Suite("LuaSandbox")
struct LuaSandboxTests {
    /// A sandbox with `t.echo(...)` (returns its arguments) and the given extra functions.
    private func sandbox(_ limits: SandboxLimits = SandboxLimits(), functions: String = "") throws -> LuaSandbox {
        let sb = try LuaSandbox(limits: limits)
        try sb.runTrusted(source: "local T = {}\nfunction T.echo(...) return ... end\n\(functions)\nreturn T",
                          name: "@host.lua", as: "t")
        return sb
    }

    @Test("nil, booleans, integers, floats, strings with NUL bytes and nested tables round-trip through call")
    func roundTrip() throws {
        let sb = try sandbox()
        let nested = LuaValue.table(LuaTable(
            array: [1, 2.5, "three", .list([true, false])],
            fields: ["name": "a\u{0}b", "inner": .record(["deep": .list([.integer(-7)]), "x": 0.125])]))
        let values: [LuaValue] = [
            .nil, true, false, .integer(0), .integer(Int64.max), .integer(Int64.min), .number(-1.5), .number(3.0),
            .number(.infinity), "", "embedded\u{0}NUL", "unicode ✓", nested,
        ]
        let out = try sb.call("t", "echo", values)
        #expect(out == values)
        // A float with an integral value stays a float, an integer stays an integer.
        let kinds = try sb.call("t", "echo", [.number(2.0), .integer(2)])
        #expect(kinds == [.number(2.0), .integer(2)])
        // Functions come back as opaque values.
        try sb.runTrusted(source: "return { f = function() return print, {} end }", name: "@f.lua", as: "f")
        #expect(try sb.call("f", "f") == [.opaque("function"), .table(LuaTable())])
    }

    @Test("A table written with LuaEncoder is the same bytes as its LuaValue, and the same table in Lua")
    func encoderMatchesValues() throws {
        var e = LuaEncoder()
        var t = e.beginTable()
        e.item("first", in: &t)
        e.item(in: &t)
        var inner = e.beginTable()
        e.field("n", 3, in: &inner)
        e.field("skipped", nil as String?, in: &inner)
        e.end(inner)
        e.field("flag", false, in: &t)
        e.field("name", "a\u{0}b ✓", in: &t)
        e.field("ratio", 0.5, in: &t)
        e.end(t)
        e.boolean(true)
        let expected: [LuaValue] = [
            .table(LuaTable(array: ["first", .record(["n": .integer(3)])],
                            fields: ["flag": false, "name": "a\u{0}b ✓", "ratio": .number(0.5)])),
            true,
        ]
        var viaValues = LuaEncoder()
        for v in expected { viaValues.value(v) }
        #expect(e.bytes == viaValues.bytes)
        #expect(e.decoded == expected)
        #expect(try sandbox().call("t", "echo", encoded: e) == expected)
    }

    @Test("A syntax error in trusted code is reported with kind .syntax and its line")
    func syntaxError() throws {
        let sb = try LuaSandbox()
        let error = try #require(throws: LuaError.self) {
            try sb.runTrusted(source: "local x = 1\nreturn {", name: "@broken.lua", as: "b")
        }
        #expect(error.kind == .syntax)
        #expect(error.location?.file == "broken.lua")
        #expect(error.location?.line == 2)
    }

    @Test("The instruction limit is sticky: a script's pcall cannot swallow it")
    func stickyInstructionLimit() throws {
        let sb = try sandbox(functions: """
            function T.swallow()
              local ok = pcall(function() while true do end end)
              return "swallowed", ok
            end
            function T.retry()
              while true do pcall(function() while true do end end) end
            end
            function T.add(a, b) return a + b end
            """)
        for function in ["swallow", "retry"] {
            let error = try #require(throws: LuaError.self) { try sb.call("t", function) }
            #expect(error.kind == .instructions, "\(function): \(error)")
            #expect(error.isLimit)
            #expect(error.location?.file == "host.lua")
        }
        // The next call is re-armed with a fresh budget.
        #expect(try sb.call("t", "add", [2, 3]) == [.integer(5)])
    }

    @Test("callEach runs every item as its own call: each has a fresh budget and its own error, in order")
    func callEachIsolatesItems() throws {
        var limits = SandboxLimits()
        limits.instructions = 200_000
        let sb = try sandbox(limits, functions: """
            function T.item(i)
              if i == 2 then error("item two fails") end
              if i == 3 then while true do pcall(function() while true do end end) end end
              if i == 4 then return #string.rep("x", 1 << 27) end   -- 128 MiB, over the 64 MiB cap
              local x = 0
              for k = 1, 80000 do x = x + 1 end   -- most of one budget: it fits only if each item starts afresh
              return i * 10, "ok"
            end
            """)
        let results = try sb.callEach("t", "item", [1, 2, 3, 4, 5, 6])
        #expect(results.count == 6)
        #expect(try results[0].get() == [.integer(10), "ok"])
        #expect(throws: LuaError.self) { try results[1].get() }
        if case .failure(let e) = results[1] { #expect(e.kind == .runtime && e.message.contains("item two fails") && e.location?.line == 4) }
        if case .failure(let e) = results[2] { #expect(e.kind == .instructions) } else { Issue.record("item 3 should hit the budget") }
        if case .failure(let e) = results[3] { #expect(e.kind == .memory) } else { Issue.record("item 4 should hit the memory cap") }
        #expect(try results[4].get() == [.integer(50), "ok"])
        #expect(try results[5].get() == [.integer(60), "ok"])
        // A missing function fails the call as a whole; the state stays usable.
        #expect(throws: LuaError.self) { try sb.callEach("t", "missing", [1]) }
        #expect(try sb.callEach("t", "item", []).isEmpty)
        #expect(try sb.call("t", "echo", [7]) == [.integer(7)])
    }

    @Test("callEachReturning reports only the items that returned values or failed, with their positions, and no error outlives its call")
    func callEachReturningIsSparse() throws {
        let sb = try sandbox(functions: """
            function T.item(i)
              if i % 7 == 0 then error("item " .. i .. " fails") end
              if i % 5 == 0 then return i, "five" end
            end
            """)
        // failures held in the first 64 records, then many items (the records grow, moving them),
        // then fewer: records are reused; counted and proven alike
        let lists: [[Int64]] = [[7, 14, 5], Array(1...200), [7, 5, 1], Array(1...20).map { $0 * 3 }, [1, 2, 3], Array(1...70)]
        for (n, items) in lists.enumerated() {
            let proven = n % 2 == 1
            var returned = try sb.callEachReturning("t", "item", items, proven: proven)
            for _ in 0..<50 where returned == nil { returned = try sb.callEachReturning("t", "item", items, proven: proven) }
            // a proven run leaves failing items to counting: it is never proven when an item fails
            if proven && returned == nil { returned = try sb.callEachReturning("t", "item", items, proven: false) }
            let sparse = try #require(returned)
            let dense = try sb.callEach("t", "item", items)
            let expected = items.indices.filter { items[$0] % 7 == 0 || items[$0] % 5 == 0 }
            #expect(sparse.map(\.item) == expected)
            for (i, result) in sparse {
                switch result {
                case .success(let values):
                    #expect(items[i] % 7 != 0 && values == [.integer(items[i]), "five"])
                case .failure(let e):
                    #expect(items[i] % 7 == 0 && e.message.contains("item \(items[i]) fails"), "item \(items[i]): \(e.message)")
                }
            }
            // the dense form has a result for every item: the same ones, and no values for the rest
            #expect(dense.count == items.count)
            for (i, r) in dense.enumerated() {
                if let s = sparse.first(where: { $0.item == i }) {
                    #expect(String(describing: s.result) == String(describing: r))
                } else {
                    #expect(try r.get() == [])
                }
            }
        }
    }

    @Test("An item that fails for memory names its own line, never one an earlier call's record held")
    func itemErrorsCarryNothing() throws {
        let sb = try sandbox(functions: """
            function T.item(i)
              if i == 1 then error("first") end
              if i == 2 then return #string.rep("x", 1 << 27) end   -- over the 64 MiB cap, at line 6
              return i
            end
            """)
        // item 1 fails with a message and a location; then the same record serves a memory error
        _ = try sb.callEachReturning("t", "item", [1, 3], proven: false)
        let second = try #require(try sb.callEachReturning("t", "item", [2, 3], proven: false))
        #expect(second.map(\.item) == [0, 1])
        guard case .failure(let e) = second[0].result else { Issue.record("item 2 should fail"); return }
        #expect(e.kind == .memory && !e.message.contains("first"))
        #expect(e.location?.line != 4)
    }

    @Test("callHost runs host code without the instruction budget but under the memory cap, and the next call is counted again")
    func callHostHasNoInstructionBudget() throws {
        var limits = SandboxLimits()
        limits.instructions = 200_000
        let sb = try sandbox(limits, functions: """
            function T.long() local x = 0 for k = 1, 1000000 do x = x + 1 end return x end
            function T.big() return #string.rep("x", 1 << 27) end   -- 128 MiB, over the 64 MiB cap
            """)
        #expect(throws: LuaError.self) { try sb.call("t", "long") }
        #expect(try sb.callHost("t", "long") == [.integer(1_000_000)])
        do {
            _ = try sb.callHost("t", "big")
            Issue.record("the memory cap should hold for host calls")
        } catch {
            #expect(error.kind == .memory)
        }
        // the count hook is back for the calls that follow
        do {
            _ = try sb.call("t", "long")
            Issue.record("a call after callHost should be counted")
        } catch {
            #expect(error.kind == .instructions)
        }
        #expect(try sb.callEach("t", "long", [1]).first.map { if case .failure(let e) = $0 { e.kind == .instructions } else { false } } == true)
    }

    @Test("The memory limit gives kind .memory and the state is usable afterwards")
    func memoryLimit() throws {
        var limits = SandboxLimits()
        limits.memoryBytes = 8 << 20
        limits.instructions = 1_000_000_000
        limits.seconds = 5
        let sb = try sandbox(limits, functions: """
            function T.hog()
              local t = {}
              for i = 1, 1e9 do t[i] = { i, i, i, i } end
            end
            function T.add(a, b) return a + b end
            """)
        let error = try #require(throws: LuaError.self) { try sb.call("t", "hog") }
        #expect(error.kind == .memory, "\(error)")
        #expect(error.message.contains("memory"))
        #expect(sb.memoryPeak <= 8 << 20)
        #expect(try sb.call("t", "add", [20, 22]) == [.integer(42)])
        #expect(try sb.call("t", "echo", ["still here"]) == ["still here"])
    }

    @Test("A time limit stops a loop of C calls that the instruction budget would allow")
    func timeLimit() throws {
        var limits = SandboxLimits()
        limits.instructions = 1 << 50
        limits.seconds = 0.2
        let sb = try sandbox(limits, functions: """
            function T.spin()
              local s = string.rep("x", 4096)
              while true do s = string.upper(s); s = string.lower(s) end
            end
            """)
        let error = try #require(throws: LuaError.self) { try sb.call("t", "spin") }
        #expect(error.kind == .time, "\(error)")
        #expect(error.message.contains("time limit"))
        #expect(error.location?.file == "host.lua")
        #expect(try sb.call("t", "echo", [1]) == [.integer(1)])
    }

    @Test("pairs given to scripts iterates in sorted key order, numbers before strings")
    func sortedPairs() throws {
        let sb = try LuaSandbox()
        try sb.runTrusted(source: #"""
            local env = sandbox.newenv({})
            local f = assert(sandbox.load([[
              local t = { [3] = 1, [1] = 1, [2.5] = 1 }
              for c in ("qwertyuiopasdfghjklzxcvbnm"):gmatch(".") do t[c .. c] = 1 end
              local out = {}
              for k in pairs(t) do out[#out + 1] = tostring(k) end
              return table.concat(out, " ")
            ]], "@t.lua", env))
            sandbox.freeze(env)
            return { run = f }
            """#, name: "=test", as: "p")
        let letters = "abcdefghijklmnopqrstuvwxyz".map { "\($0)\($0)" }
        let expected = (["1", "2.5", "3"] + letters).joined(separator: " ")
        for _ in 0..<3 {
            #expect(try sb.call("p", "run") == [.string(expected)])
        }
    }

    @Test("A script environment has no io, os, debug, load or coroutine, and reading them is an error")
    func scriptGlobals() throws {
        let sb = try LuaSandbox()
        try sb.runTrusted(source: #"""
            return { probe = function(name)
              local env = sandbox.newenv({})
              local f = assert(sandbox.load("return " .. name, "@probe.lua", env))
              return f()
            end }
            """#, name: "=test", as: "g")
        for name in ["io", "os", "debug", "load", "coroutine", "require", "dofile", "string.dump"] {
            if name == "string.dump" {
                #expect(try sb.call("g", "probe", [.string(name)]) == [.nil])
                continue
            }
            let error = try #require(throws: LuaError.self) { try sb.call("g", "probe", [.string(name)]) }
            #expect(error.message.contains("unknown global '\(name)'"), "\(error)")
            #expect(error.location == SourceLocation(file: "probe.lua", line: 1))
        }
    }

    @Test("setLimits changes the limits the prelude enforces too, without a new state")
    func setLimitsReconfigures() throws {
        let sb = try LuaSandbox()
        try sb.runTrusted(source: #"""
            return { rep = function(n)
              local env = sandbox.newenv({})
              local f = assert(sandbox.load("return #string.rep('x', ...)", "@rep.lua", env))
              return f(n)
            end }
            """#, name: "=test", as: "r")
        #expect(try sb.call("r", "rep", [.integer(1000)]) == [.integer(1000)])
        var limits = sb.limits
        limits.repeatBytes = 100
        try sb.setLimits(limits)
        let error = try #require(throws: LuaError.self) { try sb.call("r", "rep", [.integer(1000)]) }
        #expect(error.message.contains("exceeds the limit of 100 bytes"), "\(error)")
    }

    @Test("Scripts never see a memory address: tostring, string.format and error objects name the type")
    func noAddresses() throws {
        let sb = try LuaSandbox()
        try sb.runTrusted(source: #"""
            return { run = function(src)
              local env = sandbox.newenv({})
              return assert(sandbox.load(src, "@addr.lua", env))()
            end }
            """#, name: "=test", as: "a")
        #expect(try sb.call("a", "run", ["return tostring({}), tostring(print)"]) == [.string("table"), .string("function")])
        #expect(try sb.call("a", "run", [#"return string.format("%s|%s", {}, 1)"#]) == [.string("table|1")])
        let p = try #require(throws: LuaError.self) { try sb.call("a", "run", [#"return string.format("%p", {})"#]) }
        #expect(p.message.contains("%p (an address) is not allowed"))
        #expect(try sb.call("a", "run", [#"return string.format("100%%p")"#]) == [.string("100%p")])
        let e = try #require(throws: LuaError.self) { try sb.call("a", "run", ["error({})"]) }
        #expect(e.message == "error object is a table value")
    }
}
