import Foundation
import Testing
import LuaSandbox
@testable import Rubric

@Suite("Rule triggers (when)")
struct TriggerTests {
    /// A copy of the starter rules with `edits` (file, from, to) made.
    func starter(_ edits: [(String, String, String)]) throws -> String {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-when-\(UUID().uuidString)").path
        try FileManager.default.copyItem(atPath: FixturePaths.path("starter"), toPath: dir)
        for (file, from, to) in edits {
            let path = "\(dir)/\(file)"
            let text = try String(contentsOfFile: path, encoding: .utf8)
            #expect(text.contains(from), "\(file) has no \(from)")
            try text.replacingOccurrences(of: from, with: to).write(toFile: path, atomically: true, encoding: .utf8)
        }
        return dir
    }

    static let sciaticaTrigger = ("sciatica.lua", "  id = \"sciatica.swedish\",",
                                  "  id = \"sciatica.swedish\",\n  when = { conditions = { \"sciatica\", \"lumbago_with_sciatica\" } },")
    static let goalTrigger = ("preferences.lua", "  id = \"preference.relaxation_goal\",",
                              "  id = \"preference.relaxation_goal\",\n  when = { goals = { \"relaxation\", \"stress_relief\", \"sleep\" } },")

    func profiles(_ evaluator: Evaluator, count: Int) throws -> [ResolvedProfile] {
        var generator = ProfileGenerator(catalog: evaluator.ruleSet.catalog, seed: 21)
        return try (1...count).map { evaluator.resolve(try Profile.parse(json: generator.nextProfile(index: $0), source: "gen")) }
    }

    @Test("Rules with right triggers give the same bytes as running every rule, and rules check finds nothing")
    func sameResults() throws {
        let dir = try starter([Self.sciaticaTrigger, Self.goalTrigger])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        #expect(evaluator.rules.first { $0.id == "sciatica.swedish" }?.trigger?.terms == [.conditions: ["sciatica", "lumbago_with_sciatica"]])
        let all = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        all.runsEveryRule = true
        for profile in try profiles(evaluator, count: 400) {
            #expect(evaluator.evaluate(profile).serializedJSON() == all.evaluate(profile).serializedJSON())
            #expect(evaluator.evaluate(profile, tracingReads: true).serializedJSON() == all.evaluate(profile, tracingReads: true).serializedJSON())
        }
        let found = RuleChecker(ruleSet: try RuleSet.load(directory: dir)).check().filter { $0.code == "trigger-misses" }
        #expect(found.isEmpty, "\(found)")
    }

    @Test("A rule is skipped where its trigger does not match: one that acts anyway is caught by rules check")
    func skippedAndCaught() throws {
        // this rule acts on every profile, so its trigger is wrong
        let dir = try starter([("sciatica.lua", "    if client:has_condition(\"sciatica\") or client:has_condition(\"lumbago_with_sciatica\") then\n      points(\"swedish\", 1,",
                                "    note(\"always\")\n    if client:has_condition(\"sciatica\") or client:has_condition(\"lumbago_with_sciatica\") then\n      points(\"swedish\", 1,"),
                               Self.sciaticaTrigger])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let plain = evaluator.resolve(try Profile.parse(json: #"{"conditions":["neck pain"]}"#, source: "p"))
        let sciatica = evaluator.resolve(try Profile.parse(json: #"{"conditions":["sciatica"]}"#, source: "p"))
        #expect(!evaluator.evaluate(plain).traces.contains { $0.rule.id == "sciatica.swedish" })
        #expect(evaluator.evaluate(sciatica).traces.contains { $0.rule.id == "sciatica.swedish" && $0.actions == 2 })
        evaluator.runsEveryRule = true
        #expect(evaluator.evaluate(plain).traces.contains { $0.rule.id == "sciatica.swedish" && $0.actions == 1 })

        let found = RuleChecker(ruleSet: try RuleSet.load(directory: dir)).check().filter { $0.code == "trigger-misses" }
        #expect(found.count == 1)
        #expect(found.first?.severity == .error && found.first?.file == "\(dir)/sciatica.lua" && found.first?.line == 5)
        #expect(found.first?.message.contains("rule 'sciatica.swedish' acted on a profile with none of the terms") == true)
    }

    @Test("rules check names a term the rule reads that its trigger leaves out")
    func missingTerm() throws {
        let dir = try starter([("sciatica.lua", "  id = \"sciatica.swedish\",", "  id = \"sciatica.swedish\",\n  when = { conditions = { \"sciatica\" } },")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = RuleChecker(ruleSet: try RuleSet.load(directory: dir)).check().filter { $0.code == "trigger-misses" }
        #expect(found.count == 1)
        // the one-term probe for lumbago with sciatica makes it act with none of the listed terms
        #expect(found.first?.message.contains("lumbago_with_sciatica") == true, "\(found)")
    }

    @Test("A bad trigger is a load error at its rule's line", arguments: [
        ("red_flags.lua", "  id = \"red_flag.cauda_equina\",", "when = { symptoms = { \"saddle_anaesthesia\" } }", 4,
         "a referral rule always runs (safety before scores): only indication or preference rules may say when"),
        ("sciatica.lua", "  id = \"sciatica.swedish\",", "when = { medications = { \"warfarin\" } }", 5, "when.medications is not a trigger"),
        ("sciatica.lua", "  id = \"sciatica.swedish\",", "when = { conditions = { \"sciatca\" } }", 5, "unknown condition 'sciatca'"),
        ("sciatica.lua", "  id = \"sciatica.swedish\",", "when = { conditions = {} }", 5, "when.conditions must list at least one condition id"),
        ("sciatica.lua", "  id = \"sciatica.swedish\",", "when = {}", 5, "when must list at least one condition, symptom, flag or goal"),
        ("sciatica.lua", "  id = \"sciatica.swedish\",", "when = \"sciatica\"", 5, "when must be a table"),
    ])
    func badTrigger(file: String, anchor: String, when: String, line: Int, message: String) throws {
        let dir = try starter([(file, anchor, anchor + "\n  " + when + ",")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            _ = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.location?.file == "\(dir)/\(file)" && e.location?.line == line && e.error.message.contains(message)
        }
    }

    @Test("The rules that run keep their order and their plugins' budgets, numbered from 0")
    func calls() throws {
        let dir = try starter([Self.sciaticaTrigger, Self.goalTrigger])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let evaluator = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let index = try #require(TriggerIndex(rules: evaluator.rules, groups: evaluator.rules.indices.map { Int32($0 % 3) }))
        let (items, groups) = index.calls([1, 2, 4, 5], indexes: evaluator.rules.indices.map { Int64($0 + 10) },
                                          groups: evaluator.rules.indices.map { Int32($0 % 3) })
        #expect(items == [11, 12, 14, 15])
        #expect(groups == [0, 1, 0, 1])   // groups 1, 2, 1, 2 numbered in order of first use
        let none = evaluator.resolve(try Profile.parse(json: "{}", source: "p"))
        let positions = index.positions(for: none)
        #expect(positions == positions.sorted())
        #expect(positions.count == evaluator.rules.count - 2)
    }

    @Test("A trigger covers the reads of its own terms, with options but never inactive ones, and what no trigger lists")
    func covers() {
        let t = RuleTrigger([.conditions: ["sciatica"], .goals: ["sleep"]])
        #expect(t.covers(read: "conditions.sciatica"))
        #expect(t.covers(read: "conditions.sciatica{course=chronic}"))
        #expect(!t.covers(read: "conditions.sciatica{status=any}"))   // a trigger matches active conditions only
        #expect(!t.covers(read: "conditions.neck_pain"))
        #expect(!t.covers(read: "conditions.neck_pain{}"))
        #expect(!t.covers(read: "conditions"))
        #expect(!t.covers(read: "symptoms.onset.numbness"))
        #expect(t.covers(read: "preferences.goals.sleep"))
        #expect(!t.covers(read: "preferences"))
        #expect(!t.covers(read: "pregnancy"))                          // a profile can be pregnant without the flag
        #expect(t.covers(read: "medications.nsaid"))
        #expect(t.covers(read: "preferences.pressure"))
    }

    @Test("rules check catches a triggered rule that reads inactive conditions, even through condition()")
    func inactive() throws {
        let dir = try starter([("sciatica.lua", "    if client:has_condition(\"sciatica\") or client:has_condition(\"lumbago_with_sciatica\") then\n      points(\"swedish\", 1,",
                                "    if client:condition(\"sciatica\", { status = \"any\" }) then\n      points(\"swedish\", 1,"),
                               ("sciatica.lua", "  id = \"sciatica.swedish\",", "  id = \"sciatica.swedish\",\n  when = { conditions = { \"sciatica\" } },")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let found = RuleChecker(ruleSet: try RuleSet.load(directory: dir)).check().filter { $0.code == "trigger-misses" }
        #expect(found.count == 1)
        #expect(found.first?.message.contains("rule 'sciatica.swedish'") == true, "\(found)")
    }

    @Test("A trigger list with a hole or a named field is a load error, never a shorter list", arguments: [
        ("when = { conditions = { \"sciatica\", nil, \"lumbago_with_sciatica\" } }", "has a hole at position 2"),
        ("when = { conditions = { \"sciatica\", also = \"lumbago_with_sciatica\" } }", "must be a plain list of ids, got the key also"),
    ])
    func holes(when: String, message: String) throws {
        let anchor = "  id = \"sciatica.swedish\","
        let dir = try starter([("sciatica.lua", anchor, anchor + "\n  " + when + ",")])
        defer { try? FileManager.default.removeItem(atPath: dir) }
        #expect {
            _ = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        } throws: { error in
            guard let e = error as? RuleError else { return false }
            return e.location?.line == 5 && e.error.message.contains(message)
        }
    }
}
