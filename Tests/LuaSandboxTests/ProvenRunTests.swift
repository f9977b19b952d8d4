import Foundation
import Testing

@testable import LuaSandbox

/// Proven runs (`callEachProven`): calls made without counting instructions give the results
/// counted calls give, or say they cannot be proven, and a call that never ends still ends.
@Suite("LuaSandbox proven runs")
struct ProvenRunTests {
    /// A sandbox with `t.item(i)`: 1 returns at once, 2 fails, 3 never ends (its pcall swallows
    /// nothing: the stop is sticky), 4 runs about 800,000 instructions, 5 fills memory.
    private func sandbox(instructions: Int = 1_000_000) throws -> LuaSandbox {
        var limits = SandboxLimits()
        limits.instructions = instructions
        let sb = try LuaSandbox(limits: limits)
        try sb.runTrusted(source: """
            local T = {}
            function T.item(i)
              if i == 2 then error("item two fails") end
              if i == 3 then while true do pcall(function() while true do end end) end end
              if i == 4 then local x = 0; for k = 1, 400000 do x = x + k end; return x end
              if i == 5 then return #string.rep("x", 1 << 27) end
              return i * 10, "ok"
            end
            return T
            """, name: "@host.lua", as: "t")
        return sb
    }

    /// Whether two lists of results are the same values and the same error kinds and messages.
    private func same(_ a: [Result<[LuaValue], LuaError>], _ b: [Result<[LuaValue], LuaError>]) -> Bool {
        a.count == b.count && zip(a, b).allSatisfy { x, y in
            switch (x, y) {
            case (.success(let u), .success(let v)): u == v
            case (.failure(let u), .failure(let v)): u.kind == v.kind && u.message == v.message && u.location == v.location
            default: false
            }
        }
    }

    @Test("Calls that end within their budget give the same results proven as counted")
    func provenEqualsCounted() throws {
        let sb = try sandbox()
        let items: [Int64] = [1, 6, 1, 7]
        let counted = try sb.callEach("t", "item", items)
        // a call is proven by ending within 100 µs; on a loaded machine a run may not be, and is
        // then reported unproven (nil), never given different results: try until one is proven
        var proven: [Result<[LuaValue], LuaError>]?
        for _ in 0..<50 where proven == nil { proven = try sb.callEachProven("t", "item", items) }
        let results = try #require(proven, "no run of four short calls was proven in 50 tries")
        #expect(same(results, counted))
        #expect(try results[1].get() == [.integer(60), "ok"])
    }

    @Test("A call that fails makes the run unproven: its error always comes from counting")
    func failuresAreCounted() throws {
        let sb = try sandbox()
        #expect(try sb.callEachProven("t", "item", [1, 2]) == nil)
        #expect(try sb.callEachProven("t", "item", [5, 1]) == nil)
        let counted = try sb.callEach("t", "item", [1, 2, 5])
        if case .failure(let e) = counted[1] { #expect(e.kind == .runtime && e.message.contains("item two")) } else { Issue.record("item 2 fails") }
        if case .failure(let e) = counted[2] { #expect(e.kind == .memory) } else { Issue.record("item 5 should hit the memory cap") }
    }

    @Test("A call that never ends is stopped and the run is unproven; counted, it fails with the instruction limit")
    func endlessCallIsStopped() throws {
        let sb = try sandbox()
        // on its own thread, so that a sandbox that fails to stop it fails this test instead of hanging it
        let run = ProvenRun(sb, [1, 3, 1])
        let thread = Thread { run.go() }
        thread.start()
        guard run.done.wait(timeout: .now() + 10) == .success else {
            Issue.record("the endless call was not stopped within 10 s")
            return
        }
        #expect(run.ended == .unproven)
        let counted = try sb.callEach("t", "item", [1, 3, 1])
        if case .failure(let e) = counted[1] { #expect(e.kind == .instructions && e.location?.line == 4) }
        else { Issue.record("item 3 should run out of instructions") }
        #expect(try counted[2].get() == [.integer(10), "ok"])
        // the state is usable, and the next proven run is not stopped by what stopped this one
        var proven: [Result<[LuaValue], LuaError>]?
        for _ in 0..<50 where proven == nil { proven = try sb.callEachProven("t", "item", [1]) }
        #expect(try proven?.first?.get() == [.integer(10), "ok"])
    }

    @Test("A call too long to prove but within its budget makes the run unproven; counted, it succeeds")
    func longCallIsCountedAgain() throws {
        let sb = try sandbox()
        // 800,000 instructions take far longer than 100 µs on any machine
        #expect(try sb.callEachProven("t", "item", [1, 4]) == nil)
        let counted = try sb.callEach("t", "item", [1, 4])
        #expect(try counted[1].get() == [.integer(80_000_200_000)])
    }

    @Test("With an instruction limit too low to prove, a proven run counts, and is never unproven")
    func lowLimitsAlwaysCount() throws {
        let sb = try sandbox(instructions: 100_000)
        let results = try #require(try sb.callEachProven("t", "item", [1, 3, 4]))
        #expect(try results[0].get() == [.integer(10), "ok"])
        if case .failure(let e) = results[1] { #expect(e.kind == .instructions) } else { Issue.record("item 3 should run out") }
        if case .failure(let e) = results[2] { #expect(e.kind == .instructions) } else { Issue.record("item 4 should run out") }
    }
}

/// One proven run on a thread of its own (the test waits for it with a deadline).
private final class ProvenRun: @unchecked Sendable {
    enum Ending: Equatable { case unproven, results, failed }
    let sandbox: LuaSandbox, items: [Int64]
    let done = DispatchSemaphore(value: 0)
    var ended = Ending.failed

    init(_ sandbox: LuaSandbox, _ items: [Int64]) { self.sandbox = sandbox; self.items = items }

    func go() {
        do { ended = try sandbox.callEachProven("t", "item", items) == nil ? .unproven : .results } catch { ended = .failed }
        done.signal()
    }
}
