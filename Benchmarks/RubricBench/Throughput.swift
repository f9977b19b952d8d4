import Foundation
@_spi(Benchmarks) import LuaSandbox
@_spi(Benchmarks) import Rubric

/// Batch throughput and latency beside the bare-Lua floor, from the same run.
func throughput(rulesDir: String) throws {
    let env = ProcessInfo.processInfo.environment
    let count = Int(env["BENCH_PROFILES"] ?? "100000") ?? 100000   // the issue's figure: 100,000 profiles
    let ruleSet = try RuleSet.load(directory: rulesDir)
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-bench-\(getpid())")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { if ProcessInfo.processInfo.environment["BENCH_KEEP"] == nil { try? FileManager.default.removeItem(at: tmp) } }

    var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 42)
    let lines = (1...count).map { generator.nextProfile(index: $0) }
    let jsonl = tmp.appendingPathComponent("profiles.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: jsonl, atomically: true, encoding: .utf8)
    let evaluator = try Evaluator(ruleSet: ruleSet)
    let resolved = try lines.map { evaluator.resolve(try Profile.parse(json: $0, source: "bench")) }
    print("== Throughput · \(evaluator.rules.count) rules in \(ruleSet.plugins.count) plugins · \(count) generated profiles (seed 42) · limits on")

    // The floor: stock lua5.4, same prelude, host API and rules, profiles already Lua tables.
    let floor = try runFloor(ruleSet: ruleSet, resolved: resolved, tmp: tmp)
    row("bare-Lua floor (lua5.4, rules only, 1 thread)", "\(fmt(floor.micros)) µs/profile")
    if floor.perProfile.count == 3 && floor.actingOnly.count == 3 {
        row("floor, each profile alone, p50 / p95 / p99", floor.perProfile.map { fmt($0) }.joined(separator: " / ") + " µs")
        row("  only the rules that act on it, p50 / p95 / p99", floor.actingOnly.map { fmt($0) }.joined(separator: " / ") + " µs")
    }

    // The minimal-host floor: the same rules with the cheapest host that gives the same actions.
    // Every target of issue 12 is a ratio to this figure.
    let minimal = try runMinimalFloor(tmp: tmp)
    func vsMinimal(_ micros: Double) -> String { "\(fmt(micros / minimal.micros, 2))× minimal" }
    row("minimal-host floor (lua5.4, no host cost, 1 thread)", "\(fmt(minimal.micros)) µs/profile")
    if minimal.perProfile.count == 3 {
        row("minimal floor, each profile alone, p50 / p95 / p99", minimal.perProfile.map { fmt($0) }.joined(separator: " / ") + " µs")
    }
    row("bare-Lua floor (Rubric's host API under lua5.4) vs minimal", vsMinimal(floor.micros))
    if let lupaMinimal = try runLupaMinimal(tmp: tmp) {
        row("CPython + lupa, minimal host, JSONL in and out", "\(fmt(lupaMinimal)) µs/profile (\(vsMinimal(lupaMinimal)))")
    } else {
        row("CPython + lupa, minimal host", "not run (pip install lupa)")
    }

    if let lupa = try runLupa(tmp: tmp) {
        row("CPython + lupa (same Lua, JSON→tables, rules called from Python)", "\(fmt(lupa)) µs/profile (\(fmt(lupa / floor.micros, 2))× floor)")
    } else {
        row("CPython + lupa", "not run (pip install lupa)")
    }

    // Rubric, rules only, over the same resolved profiles (the floor's work plus the host's).
    for p in resolved.prefix(200) { _ = evaluator.evaluate(p) }
    let tRules = seconds { for p in resolved { _ = evaluator.evaluate(p) } } / Double(count)
    row("Rubric rules + aggregation, resolved profiles, 1 thread", "\(fmt(tRules * 1e6)) µs/profile (\(fmt(tRules * 1e6 / floor.micros, 2))× floor)")

    // Same contributions as the floor on a sample.
    var compared = 0, equal = 0
    for (i, sample) in floor.samples.enumerated() {
        let rec = evaluator.evaluate(resolved[i])
        guard rec.status == .recommended || rec.status == .clearanceRequired else { continue }
        let ours = (rec.ranking.flatMap { r in r.contributions.map { "\($0.rule) \(r.technique) \($0.points)" } }
            + rec.excluded.flatMap { e in e.uncounted.map { "\($0.rule) \(e.technique) \($0.points)" } }).sorted()
        compared += 1
        if ours == sample { equal += 1 }
    }
    row("contributions equal to the floor's (sample)", "\(equal) of \(compared) profiles")
    var minimalEqual = 0, minimalCompared = 0
    for (i, sample) in minimal.samples.enumerated() {
        let rec = evaluator.evaluate(resolved[i])
        guard rec.status == .recommended || rec.status == .clearanceRequired || rec.status == .reviewRequired else { continue }
        let ours = (rec.ranking.flatMap { r in r.contributions.map { "\($0.rule) \(r.technique) \($0.points)" } }
            + rec.excluded.flatMap { e in e.uncounted.map { "\($0.rule) \(e.technique) \($0.points)" } }).sorted()
        minimalCompared += 1
        if ours == sample { minimalEqual += 1 }
    }
    row("contributions equal to the minimal floor's (sample)", "\(minimalEqual) of \(minimalCompared) profiles")

    // Batch end to end: JSONL in, JSONL out, full explanations kept. One and two workers take
    // turns, three runs each, and the medians are compared (this shared machine is noisy).
    // `--detail ids` (compact records, the rules table once) takes its turn with 1 worker too.
    var perThread: [Int: [Double]] = [:]
    var ids: [Double] = []
    var bytesFull = 0, bytesIDs = 0
    for _ in 0..<3 {
        for (workers, detail) in [(1, BatchRunner.Detail.full), (2, .full), (1, .ids)] {
            let runner = try BatchRunner(directory: rulesDir, workers: workers)
            runner.detail = detail
            var bytes = 0
            let handle = try FileHandle(forReadingFrom: jsonl)
            let summary = runner.run(.jsonLines(handle, name: "bench", size: nil), write: { bytes += $0.utf8.count })
            if detail == .ids {
                ids.append(summary.seconds / Double(count))
                bytesIDs = bytes
            } else {
                perThread[workers, default: []].append(summary.seconds / Double(count))
                bytesFull = bytes
            }
        }
    }
    for workers in [1, 2] {
        let t = median(perThread[workers] ?? [0])
        row("batch JSONL → JSONL, \(workers) thread\(workers == 1 ? "" : "s") (median of 3)",
            "\(fmt(t * 1e6)) µs/profile, \(Int(1 / t)) profiles/s (\(fmt(t * 1e6 / floor.micros, 2))× floor, \(vsMinimal(t * 1e6)))")
    }
    let tIDs = median(ids.isEmpty ? [0] : ids)
    row("batch --detail ids, 1 thread (median of 3)",
        "\(fmt(tIDs * 1e6)) µs/profile (\(vsMinimal(tIDs * 1e6))); \(bytesIDs / max(1, count)) B a profile against \(bytesFull / max(1, count)) B in full")
    let speedups = zip(perThread[1] ?? [], perThread[2] ?? []).map { $0 / $1 }
    row("2-thread speed-up (of the medians; each pair)",
        "\(fmt(median(perThread[1] ?? [0]) / median(perThread[2] ?? [1]), 2))× (\(speedups.map { fmt($0, 2) + "×" }.joined(separator: ", ")))")

    // One recommendation in process: parse the JSON, evaluate, render.
    var latencies: [Double] = []
    for line in lines.prefix(5000) {
        latencies.append(seconds {
            if let p = try? Profile.parse(json: line, source: "one") { _ = evaluator.evaluate(p).serializedJSON(pretty: false) }
        })
    }
    row("single recommendation in process, p50 / p99", "\(fmt(percentile(latencies, 0.5) * 1e6)) / \(fmt(percentile(latencies, 0.99) * 1e6)) µs")
    if minimal.perProfile.count == 3 {
        row("  p99 vs the minimal floor's per-profile p99", "\(fmt(percentile(latencies, 0.99) * 1e6 / minimal.perProfile[2], 2))×")
    }

    // Cold start: the release binary, one profile.
    let binary = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("rubric").path
    if FileManager.default.isExecutableFile(atPath: binary) {
        var walls: [Double] = []
        for _ in 0..<15 {
            walls.append(try seconds { _ = try runProcess(binary, ["recommend", "examples/profiles/c-0412.yaml", "--rules", rulesDir, "--format", "json"]) })
        }
        row("rubric recommend, one profile, cold process (median)", "\(fmt(median(walls) * 1000)) ms")
    }

    // Scaling with rule count (synthetic copies of the shipped plugins) and profile size.
    try ruleScaling(rulesDir: rulesDir, resolved: Array(resolved.prefix(300)), tmp: tmp)
    for size in [1, 5, 20] {
        let conditions = ruleSet.catalog.conditions.prefix(size).map { "\"\($0.name)\"" }.joined(separator: ",")
        let symptoms = ruleSet.catalog.symptoms.filter { !$0.id.contains("bladder") && !$0.id.contains("saddle") }
            .prefix(size).map { "\"\($0.name)\"" }.joined(separator: ",")
        let p = evaluator.resolve(try Profile.parse(json: "{\"conditions\":[\(conditions)],\"symptoms\":[\(symptoms)]}", source: "size"))
        let t = seconds { for _ in 0..<1000 { _ = evaluator.evaluate(p) } } / 1000
        row("profile with \(size) condition\(size == 1 ? "" : "s") and \(size) symptom\(size == 1 ? "" : "s")", "\(fmt(t * 1e6)) µs")
    }

    if env["BENCH_MILLION"] == "1", FileManager.default.isExecutableFile(atPath: binary) {
        let big = tmp.appendingPathComponent("million.jsonl")
        _ = FileManager.default.createFile(atPath: big.path, contents: nil)
        let out = try FileHandle(forWritingTo: big)
        var g = ProfileGenerator(catalog: ruleSet.catalog, seed: 7)
        var buffer = Data()
        for i in 1...1_000_000 {
            buffer.append(contentsOf: g.nextProfile(index: i).utf8)
            buffer.append(0x0A)
            if buffer.count > 1 << 22 { out.write(buffer); buffer.removeAll(keepingCapacity: true) }
        }
        out.write(buffer)
        try out.close()
        let result = tmp.appendingPathComponent("million.out.jsonl")
        // The peak RSS comes from /usr/bin/time, which forks the batch from its own small process:
        // a child spawned straight from this large process inherits this process's high-water
        // mark through vfork and exec, and would report it as its own.
        let rssFile = tmp.appendingPathComponent("million.rss")
        let wall = try seconds {
            _ = try runProcess("/usr/bin/time", ["-f", "%M", "-o", rssFile.path, binary, "batch", big.path, "-o", result.path, "--rules", rulesDir])
        }
        let rss = Int((try? String(contentsOf: rssFile, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? "")
        row("batch of 1,000,000 profiles, 2 threads: wall, peak RSS",
            "\(fmt(wall, 1)) s, " + (rss.map { "\($0 / 1024) MiB" } ?? "unknown (install the time package)"))
    }
    print("")
}

struct FloorResult {
    var micros: Double
    /// Sorted "rule technique points" lines of the first profiles.
    var samples: [[String]]
    /// p50, p95 and p99 of the first chunk's profiles timed one by one (µs).
    var perProfile: [Double]
    /// The same, running only the rules that act on each profile (every idle rule skipped for free).
    var actingOnly: [Double]
}

/// Writes the floor's inputs and runs Benchmarks/bare-lua/floor.lua under stock lua5.4.
func runFloor(ruleSet: RuleSet, resolved: [ResolvedProfile], tmp: URL) throws -> FloorResult {
    try writeFloorInputs(ruleSet: ruleSet, resolved: resolved, into: tmp)
    let lua = ["/usr/bin/lua5.4", "/usr/local/bin/lua5.4"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "lua5.4"
    let (out, status, _) = try runProcess(lua, [
        "Benchmarks/bare-lua/floor.lua", tmp.appendingPathComponent("setup.lua").path,
        tmp.appendingPathComponent("catalog.lua").path, tmp.appendingPathComponent("profiles.txt").path,
        tmp.appendingPathComponent("rules.txt").path, "3", "50",
    ])
    guard status == 0, let line = out.split(separator: "\n").first(where: { $0.hasPrefix("floor_us ") }),
          let micros = Double(line.dropFirst(9)) else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "the bare-Lua floor failed (is lua5.4 installed?):\n\(out)"])
    }
    let samples = out.split(separator: "\n").filter { $0.hasPrefix("sample ") }.map { l -> [String] in
        let rest = l.split(separator: " ", maxSplits: 2)
        return rest.count < 3 ? [] : rest[2].split(separator: ";").map(String.init).sorted()
    }
    func percentiles(_ prefix: String) -> [Double] {
        out.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }
            .map { $0.split(separator: " ").dropFirst().compactMap { Double($0) } } ?? []
    }
    return FloorResult(micros: micros, samples: samples, perProfile: percentiles("floor_profile_us"),
                       actingOnly: percentiles("floor_acting_only_us"))
}

/// The floor's inputs: the prelude and host API sources, the catalog and resolved profiles as
/// Lua files (profiles in chunks listed in profiles.txt), the plugin list, and the resolved
/// profiles as JSON lines (for lupa).
func writeFloorInputs(ruleSet: RuleSet, resolved: [ResolvedProfile], into tmp: URL) throws {
    // which of the package's Lua files make the prelude and the host (their chunk names are their
    // paths), with the prelude's settings and the host contract: Benchmarks/bare-lua/load_host.lua
    func paths(_ chunks: [(chunk: String, source: String)]) -> LuaValue { .list(chunks.map { .string(String($0.chunk.dropFirst())) }) }
    // modules by name (lib/spine.lua is "spine") -> their path, as the engine names them
    let lib = ruleSet.directory + "/lib/"
    let modules = Dictionary(ruleSet.modules.map { m in
        (String(m.path.dropFirst(lib.count).dropLast(".lua".count)), LuaValue.string(m.path))
    }, uniquingKeysWith: { first, _ in first })
    var setup = "return "
    luaLiteral(.record([
        "prelude": paths(LuaSandbox.preludeChunks()), "host": paths(Evaluator.hostChunks),
        "config": LuaSandbox.preludeConfiguration(), "contract": Evaluator.hostContract,
        "modules": .record(modules),
    ]), into: &setup)
    try setup.write(to: tmp.appendingPathComponent("setup.lua"), atomically: true, encoding: .utf8)
    var catalog = "return "
    luaLiteral(Evaluator.luaTable(for: ruleSet.catalog), into: &catalog)
    try catalog.write(to: tmp.appendingPathComponent("catalog.lua"), atomically: true, encoding: .utf8)
    // Chunks of 1,000 profiles, listed in profiles.txt: the floor holds one chunk at a time, so
    // its garbage collector does not re-traverse every profile of the run (which would slow the
    // floor by half and flatter every ratio to it).
    var chunks: [String] = []
    for (n, start) in stride(from: 0, to: resolved.count, by: 1000).enumerated() {
        var profiles = "return {\n"
        for p in resolved[start..<min(resolved.count, start + 1000)] {
            luaLiteral(Evaluator.luaTable(for: p), into: &profiles)
            profiles += ",\n"
        }
        profiles += "}\n"
        let file = tmp.appendingPathComponent(String(format: "profiles-%04d.lua", n))
        try profiles.write(to: file, atomically: true, encoding: .utf8)
        chunks.append(file.path)
    }
    try chunks.joined(separator: "\n").write(to: tmp.appendingPathComponent("profiles.txt"), atomically: true, encoding: .utf8)
    try ruleSet.plugins.map(\.path).joined(separator: "\n").write(to: tmp.appendingPathComponent("rules.txt"), atomically: true, encoding: .utf8)
    // The same resolved profiles as JSON lines, for the lupa comparison.
    let json = resolved.map { luaJSON(Evaluator.luaTable(for: $0)).serialized(pretty: false) }.joined(separator: "\n")
    try json.write(to: tmp.appendingPathComponent("resolved.jsonl"), atomically: true, encoding: .utf8)
}

/// Rules + aggregation per profile with the shipped rules ×1, ×10 and ×100 (synthetic renamed
/// copies), on the same profiles for every factor, each after a warm-up pass; the median of three
/// passes (one for ×100).
func ruleScaling(rulesDir: String, resolved: [ResolvedProfile], tmp: URL) throws {
    var byFactor: [Int: Double] = [:]
    // BENCH_FACTORS=1,10,30,100 adds factors between (per-rule cost as the working set grows)
    let factors = (ProcessInfo.processInfo.environment["BENCH_FACTORS"] ?? "1,10,100").split(separator: ",").compactMap { Int($0) }
    for factor in Set(factors + [1, 10, 100]).sorted() {
        let dir = factor == 1 ? rulesDir : try syntheticRules(from: rulesDir, factor: factor, into: tmp)
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let sample = factor > 10 ? Array(resolved.prefix(100)) : resolved
        for p in sample.prefix(20) { _ = ev.evaluate(p) }
        let passes = (0..<(factor > 10 ? 1 : 3)).map { _ in seconds { for p in sample { _ = ev.evaluate(p) } } / Double(sample.count) }
        byFactor[factor] = median(passes)
        let perRule = median(passes) * 1e9 / Double(ev.rules.count)
        let memory = ev.stateMemory
        let evaluations = 20 + sample.count * passes.count
        row("rules ×\(factor) (\(ev.rules.count) rules), rules + aggregation", "\(fmt(median(passes) * 1e6)) µs/profile, \(fmt(perRule)) ns a rule; "
            + "state \(memory.baseline >> 20) MiB loaded, \(memory.fullCollections) full collections in \(evaluations) evaluations")
    }
    // ×100 ran on the first 100 profiles: compare it with ×10 on the same 100
    if let ten = byFactor[10], let hundred = byFactor[100], let one = byFactor[1] {
        let dir = try syntheticRules(from: rulesDir, factor: 10, into: tmp)
        let ev = try Evaluator(ruleSet: try RuleSet.load(directory: dir))
        let sample = Array(resolved.prefix(100))
        let tenSame = median((0..<3).map { _ in seconds { for p in sample { _ = ev.evaluate(p) } } / Double(sample.count) })
        row("  ×10 cost over ×1 cost (10 would be linear)", "\(fmt(ten / one, 2))×")
        row("  ×100 over ×10, same 100 profiles (target ≤ 10.5)", "\(fmt(hundred / tenSame, 2))×")
    }
}

/// The shipped rules plus factor-1 renamed copies of every plugin.
func syntheticRules(from dir: String, factor: Int, into tmp: URL) throws -> String {
    let out = tmp.appendingPathComponent("rules-x\(factor)")
    try? FileManager.default.removeItem(at: out)
    try FileManager.default.copyItem(atPath: dir, toPath: out.path)
    let plugins = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.hasSuffix(".lua") }
    for copy in 1..<factor {
        for name in plugins {
            let text = try String(contentsOfFile: "\(dir)/\(name)", encoding: .utf8)
                .replacingOccurrences(of: "id = \"", with: "id = \"syn\(copy).")
            try text.write(to: out.appendingPathComponent("syn\(copy)_\(name)"), atomically: true, encoding: .utf8)
        }
    }
    return out.path
}

/// A LuaValue as JSON (arrays for sequences, objects for records).
func luaJSON(_ v: LuaValue) -> JSONValue {
    switch v {
    case .nil, .opaque: return .null
    case .boolean(let b): return .bool(b)
    case .integer(let i): return .int(Int(i))
    case .number(let d): return .double(d)
    case .string(let s): return .string(s)
    case .table(let t):
        if t.fields.isEmpty { return .array(t.array.map(luaJSON)) }
        return .object(t.fields.keys.sorted().map { ($0, luaJSON(t.fields[$0]!)) })
    }
}

/// Runs Benchmarks/lupa/lupa_bench.py if python3 and lupa are there; µs per profile.
func runLupa(tmp: URL) throws -> Double? {
    guard (try? runProcess("python3", ["-c", "import lupa"]))?.1 == 0 else { return nil }
    let (out, status, _) = try runProcess("python3", [
        "Benchmarks/lupa/lupa_bench.py", tmp.appendingPathComponent("setup.lua").path,
        tmp.appendingPathComponent("catalog.lua").path,
        tmp.appendingPathComponent("resolved.jsonl").path, tmp.appendingPathComponent("rules.txt").path,
    ])
    guard status == 0, let line = out.split(separator: "\n").first(where: { $0.hasPrefix("lupa_us ") }),
          let micros = Double(line.dropFirst(8)) else {
        // installed but failing is an error, never shown as "not run"
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "lupa_bench.py failed (status \(status)):\n\(out)"])
    }
    return micros
}

/// `RubricBench scaling`: only the rule-count scaling, on 300 generated profiles (seed 42).
func scaling(rulesDir: String) throws {
    let ruleSet = try RuleSet.load(directory: rulesDir)
    let tmp = FileManager.default.temporaryDirectory.appendingPathComponent("rubric-bench-\(getpid())")
    try FileManager.default.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: tmp) }
    var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 42)
    let evaluator = try Evaluator(ruleSet: ruleSet)
    let resolved = try (1...300).map { evaluator.resolve(try Profile.parse(json: generator.nextProfile(index: $0), source: "bench")) }
    print("== Scaling with rule count · \(evaluator.rules.count) rules · 300 generated profiles (seed 42) · limits on")
    try ruleScaling(rulesDir: rulesDir, resolved: resolved, tmp: tmp)
}
