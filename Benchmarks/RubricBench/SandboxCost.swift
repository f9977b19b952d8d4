import Foundation
@_spi(Benchmarks) import LuaSandbox
@_spi(Benchmarks) import Rubric

/// What the limits cost: one evaluation with and without the count hook, a pure Lua loop,
/// and where one evaluation's time goes.
func sandboxCost(rulesDir: String) throws {
    let ruleSet = try RuleSet.load(directory: rulesDir)
    let profileDir = "examples/profiles"
    let profiles = try FileManager.default.contentsOfDirectory(atPath: profileDir)
        .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
        .map { try Profile.load(path: "\(profileDir)/\($0)") }
    var unbounded = SandboxLimits()
    unbounded.instructions = 0
    unbounded.seconds = 0

    print("== Sandbox cost · \(ruleSet.plugins.count) plugins · \(profiles.count) example profiles")
    // the three settings interleaved, round by round, so that a drifting machine affects each alike
    let settings: [(label: String, evaluator: Evaluator)] = try [
        ("rules proven (default)", SandboxLimits(), true), ("every instruction counted", SandboxLimits(), false),
        ("no count hook", unbounded, false),
    ].map { label, limits, proves in
        let ev = try Evaluator(ruleSet: ruleSet, limits: limits)
        ev.provesRuns = proves
        for p in profiles { _ = ev.evaluate(p) }
        return (label, ev)
    }
    let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "400") ?? 400
    var runs = [[Double]](repeating: [], count: settings.count)
    for _ in 0..<15 {
        for (i, setting) in settings.enumerated() {
            runs[i].append(seconds { for _ in 0..<rounds { for p in profiles { _ = setting.evaluator.evaluate(p) } } }
                           / Double(rounds * profiles.count))
        }
    }
    for (i, setting) in settings.enumerated() {
        let ev = setting.evaluator
        let again = ev.provesRuns ? " (\(ev.countedAgain) of \(ev.provenEvaluations + ev.countedAgain) attempts counted again)" : ""
        row("evaluate one profile, \(setting.label)", "\(fmt(median(runs[i]) * 1e6)) µs, best \(fmt(runs[i].min()! * 1e6))\(again)")
    }
    let loop = "return { run = function() local x = 0 for i = 1, 3e7 do x = x + i end return x end }"
    var hooked = SandboxLimits()
    hooked.instructions = Int.max / 2
    hooked.seconds = 0
    for (label, limits) in [("hook every 1,000 instructions", hooked), ("no count hook", unbounded)] {
        let sb = try LuaSandbox(limits: limits)
        try sb.runTrusted(source: loop, name: "=bench", as: "bench")
        let runs = try (0..<5).map { _ in try seconds { _ = try sb.call("bench", "run") } }
        row("3e7-iteration Lua loop, \(label)", "\(fmt(median(runs), 3)) s")
    }
    let ev = try Evaluator(ruleSet: ruleSet)
    let n = 2000
    let tResolve = seconds { for _ in 0..<n { for p in profiles { _ = ev.resolve(p) } } } / Double(n * profiles.count)
    let resolved = profiles.map { ev.resolve($0) }
    let tEval = seconds { for _ in 0..<n { for p in resolved { _ = ev.evaluate(p) } } } / Double(n * profiles.count)
    let recs = resolved.map { ev.evaluate($0) }
    let tJSON = seconds { for _ in 0..<n { for r in recs { _ = r.serializedJSON(pretty: false) } } } / Double(n * profiles.count)
    var g = ProfileGenerator(catalog: ruleSet.catalog, seed: 1)
    let lines = (1...2000).map { g.nextProfile(index: $0) }
    let tParse = seconds { for l in lines { _ = try? Profile.parse(json: l, source: "x") } } / Double(lines.count)
    let tFoundation = seconds { for l in lines { _ = try? JSONSerialization.jsonObject(with: Data(l.utf8)) } } / Double(lines.count)
    row("parse a JSON profile line (Foundation's parser alone, for comparison)", "\(fmt(tParse * 1e6)) µs (\(fmt(tFoundation * 1e6)) µs)")
    row("resolve a profile against the catalog", "\(fmt(tResolve * 1e6)) µs")
    row("run the rules and aggregate (resolved profile)", "\(fmt(tEval * 1e6)) µs")
    row("render the result as compact JSON", "\(fmt(tJSON * 1e6)) µs")
    let sb = try LuaSandbox()
    try sb.runTrusted(source: "return { nop = function() end }", name: "=b", as: "b")
    let tNop = try seconds { for _ in 0..<100_000 { _ = try sb.call("b", "nop", [.integer(1)]) } } / 100_000
    row("one protected host call into Lua (empty function)", "\(fmt(tNop * 1e6, 2)) µs")
    print("")
}
