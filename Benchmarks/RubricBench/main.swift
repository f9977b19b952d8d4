// Measures what the sandbox limits cost. Run with `make bench` (release build).
// Figures are printed, never asserted: speed is measured here, not in tests.
import Foundation
import LuaSandbox
import Rubric

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

let rulesDir = CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "rules"
let profileDir = "examples/profiles"
let ruleSet = try RuleSet.load(directory: rulesDir)
let profiles = try FileManager.default.contentsOfDirectory(atPath: profileDir)
    .filter { $0.hasSuffix(".yaml") || $0.hasSuffix(".json") }.sorted()
    .map { try Profile.load(path: "\(profileDir)/\($0)") }

var unbounded = SandboxLimits()
unbounded.instructions = 0
unbounded.seconds = 0

print("Rubric sandbox cost · \(ruleSet.plugins.count) plugins · \(profiles.count) example profiles · release build")
print("")
for (label, limits) in [("limits on (default)", SandboxLimits()), ("no count hook", unbounded)] {
    let ev = try Evaluator(ruleSet: ruleSet, limits: limits)
    for p in profiles { _ = ev.evaluate(p) }   // warm up
    var runs: [Double] = []
    let rounds = Int(ProcessInfo.processInfo.environment["BENCH_ROUNDS"] ?? "400") ?? 400
    for _ in 0..<7 {
        runs.append(seconds { for _ in 0..<rounds { for p in profiles { _ = ev.evaluate(p) } } } / Double(rounds * profiles.count))
    }
    print("evaluate one profile, \(label.padding(toLength: 22, withPad: " ", startingAt: 0)) \(String(format: "%7.1f", median(runs) * 1e6)) µs (median of 7 × \(rounds * profiles.count))")
}

let loop = "return { run = function() local x = 0 for i = 1, 3e7 do x = x + i end return x end }"
print("")
for (label, limits) in [("hook every 1,000 instructions", { var l = SandboxLimits(); l.instructions = Int.max / 2; l.seconds = 0; return l }()),
                        ("no count hook", unbounded)] {
    let sb = try LuaSandbox(limits: limits)
    try sb.runTrusted(source: loop, name: "=bench", as: "bench")
    let runs = try (0..<5).map { _ in try seconds { _ = try sb.call("bench", "run") } }
    print("3e7-iteration Lua loop, \(label.padding(toLength: 30, withPad: " ", startingAt: 0)) \(String(format: "%6.3f", median(runs))) s")
}

// Where the time goes in one evaluation.
do {
    let ev = try Evaluator(ruleSet: ruleSet)
    let n = 2000
    let tResolve = seconds { for _ in 0..<n { for p in profiles { _ = ev.resolve(p) } } } / Double(n * profiles.count)
    let resolved = profiles.map { ev.resolve($0) }
    let tEval = seconds { for _ in 0..<n { for p in resolved { _ = ev.evaluate(p) } } } / Double(n * profiles.count)
    print("")
    print("resolve a profile against the catalog     \(String(format: "%7.1f", tResolve * 1e6)) µs")
    print("run the rules and aggregate (resolved)    \(String(format: "%7.1f", tEval * 1e6)) µs")
}

do {
    let sb = try LuaSandbox()
    try sb.runTrusted(source: "return { nop = function() end, tbl = function() return { actions = { { verb = 'points', technique = 'swedish', points = 1, reason = 'r', file = 'rules/x.lua', line = 3 } }, reads = { { field = 'f', value = 'v' } }, log = {} } end }", name: "=b", as: "b")
    let n = 100_000
    let tNop = try seconds { for _ in 0..<n { _ = try sb.call("b", "nop", [.integer(1)]) } } / Double(n)
    let tTbl = try seconds { for _ in 0..<n { _ = try sb.call("b", "tbl", [.integer(1)]) } } / Double(n)
    print("host call of an empty function            \(String(format: "%7.2f", tNop * 1e6)) µs")
    print("host call returning one rule's results    \(String(format: "%7.2f", tTbl * 1e6)) µs")
}
