import Foundation
import LuaSandbox
import Testing

@testable import Rubric

/// The Swift↔Lua contract is declared once, in Swift (`Verb`, the kinds, grades, urgencies,
/// pressure levels and `RuleAction.Field`), and the host refuses to start when its Lua disagrees.
@Suite("Host contract")
struct ContractTests {
    /// The contract with `change` applied to its table.
    static func contract(_ change: (inout LuaTable) -> Void) throws -> LuaValue {
        var table = try #require(HostAPI.contract.table)
        change(&table)
        return .table(table)
    }

    /// The error installing the host with `contract` gives, if any.
    static func installError(_ contract: LuaValue) throws -> LuaError? {
        let sandbox = try LuaSandbox()
        do {
            try HostAPI.install(in: sandbox, as: "rubric", contract: contract)
            return nil
        } catch { return error }
    }

    @Test("The shipped contract installs, and every verb Swift declares is a plugin global")
    func shippedContract() throws {
        #expect(try Self.installError(HostAPI.contract) == nil)
        let names = try Evaluator(ruleSet: try RuleSet.load(directory: FixturePaths.path("starter"))).hostNames()
        for verb in Verb.allCases { #expect(names.globals.contains(verb.rawValue), "\(verb)") }
    }

    @Test("A verb declared in Swift that verbs.lua does not implement stops the host from starting")
    func verbWithoutImplementation() throws {
        let contract = try Self.contract { t in
            var verbs = t.fields["verbs"]?.table ?? LuaTable()
            verbs.fields["not_in_verbs_lua"] = .list([.string("indication")])
            t.fields["verbs"] = .table(verbs)
        }
        let error = try #require(try Self.installError(contract))
        #expect(error.message.contains("verb 'not_in_verbs_lua' is declared in Swift (Verb) but verbs.lua does not implement it"),
                "\(error.message)")
    }

    @Test("A verb verbs.lua implements that Swift does not declare stops the host from starting")
    func implementationWithoutVerb() throws {
        let contract = try Self.contract { t in
            var verbs = t.fields["verbs"]?.table ?? LuaTable()
            verbs.fields["ask"] = nil
            t.fields["verbs"] = .table(verbs)
        }
        let error = try #require(try Self.installError(contract))
        #expect(error.message.contains("verbs.lua implements 'ask', which Swift's Verb does not declare"), "\(error.message)")
    }

    @Test("An action layout other than the one evaluation.lua writes stops the host from starting")
    func layoutMismatch() throws {
        let contract = try Self.contract { t in
            var fields = RuleAction.Field.allCases.map { LuaValue.string($0.name) }
            fields.swapAt(3, 4)
            t.fields["action_fields"] = .list(fields)
        }
        let error = try #require(try Self.installError(contract))
        #expect(error.message.contains("action layout"), "\(error.message)")
    }

    @Test("A verb's name is read as init(rawValue:) reads it, for every verb and for names that are none")
    func verbNames() {
        for verb in Verb.allCases { #expect(Verb.named(verb.rawValue) == verb) }
        let others = ["", "point", "pointS", "Points", "excludes", "cautio", "refer ", "require-clearance", "ask\u{0}",
                      "limit_pressure_", String(repeating: "x", count: 40), "nöte", "notes"]
        for name in others { #expect(Verb.named(name) == Verb(rawValue: name), "\(name.debugDescription)") }
    }

    @Test("The messages plugins see list the names Swift declares, in its order")
    func messagesFollowTheContract() throws {
        let contract = try Self.contract { t in t.fields["grades"] = .list([.string("alpha"), .string("beta"), .string("gamma")]) }
        let sandbox = try LuaSandbox()
        try HostAPI.install(in: sandbox, as: "rubric", contract: contract)
        let plugin = "rule { id = 't.x', title = 'x', kind = 'caution', grade = 'supported', evidence = 'k', apply = function() end }"
        let result = try sandbox.call("rubric", "load_plugin", [.string(plugin), .string("@t.lua")]).first ?? .nil
        #expect(result["error"].string?.contains("grade must be alpha, beta or gamma, got supported") == true, "\(result)")
    }

    @Test("An action the contract does not allow is the engine's failure, never a default")
    func badActionFailsClosed() throws {
        let rule = RuleInfo(id: "t.x", title: "x", kind: .referral, grade: .practice, evidence: ["k"],
                            location: SourceLocation(file: "t.lua", line: 3), applyLine: 4, index: 1)
        func action(_ verb: String, urgency: LuaValue = false) -> [LuaValue] {
            [.string(verb), false, 5, false, "text", false, urgency, false, false]
        }
        #expect(throws: LuaError.self) { try RuleOutcome(rule: rule, actions: action("shout"), reads: []) }
        #expect(throws: LuaError.self) { try RuleOutcome(rule: rule, actions: action("refer", urgency: "soonish"), reads: []) }
        #expect(throws: LuaError.self) { try RuleOutcome(rule: rule, actions: Array(action("note").dropLast()), reads: []) }
        let ok = try RuleOutcome(rule: rule, actions: action("refer", urgency: "same_day"), reads: [])
        #expect(ok.actions.map(\.urgency) == [.sameDay])
    }

    @Test("A rule's actions come back whole and in order, as a call's results or past 1,000 actions as one list, traced or not, with nothing of a rule that acted and failed")
    func actionsInBothShapes() throws {
        let folder = try HostileHarness.rulesFolder(["many_actions.lua"])
        defer { try? FileManager.default.removeItem(at: folder) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: folder.path))
        let profile = try Profile.parse(HostileHarness.attackProfile, source: "a.yaml")
        let plain = evaluator.evaluate(profile), traced = evaluator.evaluate(profile, tracingReads: true)
        for rec in [plain, traced] {
            #expect(rec.failures.map(\.ruleID) == ["many.fails"], "\(rec.failures.prefix(2))")
            #expect(!rec.notes.contains { $0.text.hasPrefix("left behind") })
            #expect(rec.ranking.allSatisfy { t in !t.contributions.contains { $0.reason == "from a rule that fails" } })
            let many = rec.notes.filter { $0.rule == "many.notes" }
            #expect(many.map(\.text) == (1...1500).map { "note \($0)" })
            #expect(many.allSatisfy { $0.location?.line == 26 })
            #expect(rec.notes.filter { $0.rule == "many.few" }.map(\.text) == ["the third of three"])
            let swedish = try #require(rec.ranking.first { $0.technique == "swedish" })
            #expect(swedish.cautions.map(\.text) == ["the second of three"])
            #expect(swedish.contributions.filter { $0.rule.hasPrefix("many.") }
                        .map { "\($0.rule) \($0.points) \($0.location.line ?? 0)" }.sorted()
                    == ["many.few 2 39", "many.notes 1 27"])
        }
    }
}
