import Foundation
import Rubric
import Testing
@testable import RubricServer

@Suite("Hot reload and bounded evaluation")
struct ReloadTests {
    /// A copy of the shipped rules in a folder of its own, to edit.
    func scratchRules() throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-reload-\(UUID().uuidString)")
        try FileManager.default.copyItem(at: LiveServer.packageRoot.appendingPathComponent("rules"), to: dir)
        return dir.path
    }

    @Test("A good edit is swapped in; a broken one keeps the last good rules and names its file and line")
    func reloads() throws {
        let dir = try scratchRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try LiveRules(directory: dir, limits: RuleLimits(), workers: 1)
        defer { rules.stop() }
        let first = rules.current.hash
        #expect(rules.reload() == nil)                       // nothing changed

        let practice = URL(fileURLWithPath: dir).appendingPathComponent("practice.lua")
        try (try String(contentsOf: practice, encoding: .utf8) + "-- an edit\n").write(to: practice, atomically: true, encoding: .utf8)
        let good = try #require(rules.reload())
        #expect(good.ok)
        #expect(rules.current.hash != first)
        let second = rules.current.hash

        let broken = URL(fileURLWithPath: dir).appendingPathComponent("zz_broken.lua")
        try FileManager.default.copyItem(atPath: LiveServer.fixture("broken.lua"), toPath: broken.path)
        let bad = try #require(rules.reload())
        #expect(!bad.ok)
        #expect(bad.file?.hasSuffix("zz_broken.lua") == true)
        #expect(bad.line == 3)                             // the unclosed parenthesis, at the end of the file
        #expect(rules.current.hash == second)
        #expect(rules.reload() == nil)                       // one broken edit is reported once

        try FileManager.default.removeItem(at: broken)
        let back = try #require(rules.reload())
        #expect(back.ok)
        #expect(rules.current.hash == second)
    }

    @Test("A request that started on the old rules is answered by them after a swap")
    func leaseOutlivesSwap() async throws {
        let dir = try scratchRules()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let rules = try LiveRules(directory: dir, limits: RuleLimits(), workers: 1)
        defer { rules.stop() }
        let old = rules.current.hash
        let hash = try await rules.withGeneration { generation in
            let practice = URL(fileURLWithPath: dir).appendingPathComponent("practice.lua")
            try (try String(contentsOf: practice, encoding: .utf8) + "-- an edit\n").write(to: practice, atomically: true, encoding: .utf8)
            #expect(rules.reload()?.ok == true)
            // the old generation still evaluates: it is stopped only when this lease is back
            return try await generation.evaluate(queueLimit: 8, timeout: 10) { $0.ruleSet.hash }
        }
        #expect(hash == old)
        #expect(rules.current.hash != old)
    }

    @Test("A full queue is refused and a slow evaluation answered with a timeout, both as 503s")
    func bounds() async throws {
        let rules = try LiveRules(directory: LiveServer.packageRoot.appendingPathComponent("rules").path, limits: RuleLimits(), workers: 1)
        defer { rules.stop() }
        let generation = rules.current
        await #expect(throws: ServerError.self) {
            try await generation.evaluate(queueLimit: 0, timeout: 10) { _ in 1 }
        }
        do {
            _ = try await generation.evaluate(queueLimit: 8, timeout: 0.05) { _ in Thread.sleep(forTimeInterval: 0.5); return 1 }
            Issue.record("expected a timeout")
        } catch {
            guard case .timeout = error else { Issue.record("expected a timeout, got \(error)"); return }
            #expect(error.label == "timeout")
        }
    }
}
