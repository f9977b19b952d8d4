import Foundation
@_spi(Benchmarks) import Rubric

/// One recommendation in process, phase by phase: where a single request's time goes.
func latency(rulesDir: String) throws {
    let env = ProcessInfo.processInfo.environment
    let count = Int(env["BENCH_PROFILES"] ?? "5000") ?? 5000
    let ruleSet = try RuleSet.load(directory: rulesDir)
    let evaluator = try Evaluator(ruleSet: ruleSet)
    var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 42)
    let lines = (1...count).map { generator.nextProfile(index: $0) }
    print("== Latency · one recommendation in process · \(count) generated profiles (seed 42) · limits on")
    for line in lines.prefix(500) { _ = evaluator.evaluate(try Profile.parse(json: line, source: "warm")).serializedJSON(pretty: false) }

    var parse: [Double] = [], resolve: [Double] = [], evaluate: [Double] = [], render: [Double] = [], total: [Double] = []
    var steps: [[Double]] = Array(repeating: [], count: Evaluator.Step.allCases.count + 1)
    var bytes = 0
    for line in lines {
        var profile: Profile?
        var resolved: ResolvedProfile?
        var rec: Recommendation?
        let t0 = DispatchTime.now().uptimeNanoseconds
        profile = try? Profile.parse(json: line, source: "one")
        let t1 = DispatchTime.now().uptimeNanoseconds
        resolved = profile.map { evaluator.resolve($0) }
        let t2 = DispatchTime.now().uptimeNanoseconds
        var last = t2, step = 0
        rec = resolved.map {
            evaluator.evaluate($0) { _ in
                let now = DispatchTime.now().uptimeNanoseconds
                steps[step].append(Double(now - last) / 1e3)
                last = now
                step += 1
            }
        }
        let t3 = DispatchTime.now().uptimeNanoseconds
        steps[step].append(Double(t3 - last) / 1e3)
        bytes += rec.map { $0.serializedJSON(pretty: false).utf8.count } ?? 0
        let t4 = DispatchTime.now().uptimeNanoseconds
        parse.append(Double(t1 - t0) / 1e3); resolve.append(Double(t2 - t1) / 1e3)
        evaluate.append(Double(t3 - t2) / 1e3); render.append(Double(t4 - t3) / 1e3); total.append(Double(t4 - t0) / 1e3)
    }
    for (label, xs) in [("parse the JSON line", parse), ("resolve terms against the catalog", resolve),
                        ("evaluate (rules, sandboxed, and aggregation)", evaluate), ("render compact JSON", render),
                        ("total", total)] {
        row(label + ", p50 / p99", "\(fmt(percentile(xs, 0.5))) / \(fmt(percentile(xs, 0.99))) µs")
    }
    // evaluate, step by step (Evaluator.Step)
    for (label, xs) in zip(["  evaluate: push the profile", "  evaluate: run the \(evaluator.rules.count) rules",
                            "  evaluate: decode results, take the log", "  evaluate: aggregate"], steps) {
        row(label + ", p50 / p99", "\(fmt(percentile(xs, 0.5))) / \(fmt(percentile(xs, 0.99))) µs")
    }
    row("output size (mean)", "\(bytes / count) bytes")

    // Where the tail comes from: each profile's best of three runs shows what the profile itself
    // costs; the gap to the single-run p99 is garbage collection, allocator and machine noise.
    var best: [Double] = []
    for line in lines {
        var fastest = Double.infinity
        for _ in 0..<3 {
            fastest = min(fastest, seconds {
                if let p = try? Profile.parse(json: line, source: "one") { _ = evaluator.evaluate(p).json.serialized(pretty: false) }
            } * 1e6)
        }
        best.append(fastest)
    }
    row("total, each profile's best of 3, p50 / p99", "\(fmt(percentile(best, 0.5))) / \(fmt(percentile(best, 0.99))) µs")
    print("")
}

/// Writes the floor's inputs for 2,000 generated profiles (BENCH_PROFILES) into `dir`; then
/// `lua5.4 Benchmarks/bare-lua/floor.lua DIR/setup.lua DIR/catalog.lua DIR/profiles.txt DIR/rules.txt 3 0`.
func floorInputs(rulesDir: String, into dir: String) throws {
    let count = Int(ProcessInfo.processInfo.environment["BENCH_PROFILES"] ?? "2000") ?? 2000
    let ruleSet = try RuleSet.load(directory: rulesDir)
    let evaluator = try Evaluator(ruleSet: ruleSet)
    var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 42)
    let resolved = try (1...count).map { evaluator.resolve(try Profile.parse(json: generator.nextProfile(index: $0), source: "floor")) }
    let url = URL(fileURLWithPath: dir)
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    try writeFloorInputs(ruleSet: ruleSet, resolved: resolved, into: url)
    print("wrote the floor's inputs for \(count) profiles to \(dir)")
}
