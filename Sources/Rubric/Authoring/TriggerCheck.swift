internal import LuaSandbox

extension RuleChecker {
    /// How many generated profiles the trigger check runs beside the one-term probes and the test cases.
    static let triggerProbeCount = 1000

    /// Checks every `when` trigger against what its rule does, with triggers ignored so every
    /// rule runs: a rule that acts on a profile none of its trigger's terms match, or that reads
    /// a condition, symptom, flag or goal its trigger does not list, is an error (`trigger-misses`):
    /// with that trigger the evaluator would skip it where it should have acted.
    ///
    /// The profiles: each catalog condition (active, and resolved), symptom, flag and goal alone; every test case's
    /// profile; and ``triggerProbeCount`` generated ones (seed 7). A trigger that passes is right on
    /// all of them, not proved right on every profile; listing a term a rule does not need only
    /// makes it run more often.
    func triggerDiagnostics(_ evaluator: Evaluator, cases: [RuleTestCase]) -> [Diagnostic] {
        guard evaluator.rules.contains(where: { $0.trigger != nil }) else { return [] }
        let catalog = ruleSet.catalog
        var probes: [ResolvedProfile] = []
        func probe(_ json: JSONValue) {
            if let p = try? Profile.parse(json: json.serialized(pretty: false), source: "<trigger probe>") {
                probes.append(evaluator.resolve(p))
            }
        }
        for c in catalog.conditions {
            probe(.object([("conditions", .array([.string(c.name)]))]))
            // inactive too: a rule that reads conditions with status = "any" can act on it
            probe(.object([("conditions", .array([.object([("name", .string(c.name)), ("status", .string("resolved"))])]))]))
        }
        for s in catalog.symptoms { probe(.object([("symptoms", .array([.string(s.name)]))])) }
        for f in catalog.flags { probe(.object([("flags", .array([.string(f.name)]))])) }
        for g in catalog.goals { probe(.object([("preferences", .object([("goals", .array([.string(g.name)]))]))])) }
        for c in cases { probes.append(evaluator.resolve(c.profile)) }
        var generator = ProfileGenerator(catalog: catalog, seed: 7)
        for i in 0..<Self.triggerProbeCount {
            if let p = try? Profile.parse(json: generator.nextProfile(index: i + 1), source: "<trigger probe>") {
                probes.append(evaluator.resolve(p))
            }
        }

        evaluator.runsEveryRule = true
        defer { evaluator.runsEveryRule = false }
        var found: [String: Diagnostic] = [:]   // the first problem of each rule
        for profile in probes {
            let rec = evaluator.evaluate(profile, tracingReads: true)
            for trace in rec.traces where trace.actions > 0 {
                guard let trigger = trace.rule.trigger, found[trace.rule.id] == nil else { continue }
                let rule = trace.rule
                if !trigger.matches(profile) {
                    found[rule.id] = Diagnostic(.error, "trigger-misses",
                        "rule '\(rule.id)' acted on a profile with none of the terms its `when` lists (\(Self.terms(of: profile))): "
                            + "it would be skipped there; list the terms it needs, or remove `when`",
                        file: rule.location.file, line: rule.location.line)
                } else if let read = trace.reads.map(\.field).first(where: { !trigger.covers(read: $0) }) {
                    found[rule.id] = Diagnostic(.error, "trigger-misses",
                        "rule '\(rule.id)' reads \(read), which its `when` does not list: a profile with that and none of "
                            + "the listed terms would skip it; add it to `when`, or remove `when`",
                        file: rule.location.file, line: rule.location.line)
                }
            }
        }
        return found.values.sorted()
    }

    /// The trigger terms a probe profile has, for a message (probes are made up or test fixtures).
    static func terms(of profile: ResolvedProfile) -> String {
        let parts = [("conditions", profile.conditions.filter(\.active).compactMap(\.id)), ("symptoms", profile.symptoms),
                     ("flags", profile.flags), ("goals", profile.goals)]
            .filter { !$0.1.isEmpty }.map { "\($0.0): \($0.1.joined(separator: ", "))" }
        return parts.isEmpty ? "none of these" : parts.joined(separator: "; ")
    }
}
