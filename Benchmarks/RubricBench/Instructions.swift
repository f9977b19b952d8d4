import Foundation
@_spi(Benchmarks) import Rubric

/// `RubricBench instructions`: machine instructions a profile, counted by callgrind, for
/// `rubric batch` end to end (JSONL in and out, full explanations or `--detail ids`, 1 worker) and for the
/// minimal-host floor (rules only, profiles already Lua tables), on the same profiles.
///
/// Instruction counts do not move with the machine's load or its CPU (the timed ratios do, by
/// ±30% on these VMs from hour to hour), so an A/B of two builds can be read to the percent.
/// Each figure is the difference between a run over N profiles and one over 1 (Rubric) or 0
/// (the floor), so start-up is left out. Instructions are not time (Swift's allocations and
/// Lua's table walks differ in cycles per instruction); the timed ratios stay the targets.
func instructions(rulesDir: String) throws {
    let count = min(1000, Int(ProcessInfo.processInfo.environment["BENCH_PROFILES"] ?? "1000") ?? 1000)
    print("== Instructions · callgrind · \(count) generated profiles (seed 42)")
    let fm = FileManager.default
    guard let valgrind = ["/usr/bin/valgrind", "/usr/local/bin/valgrind"].first(where: fm.isExecutableFile(atPath:)),
          let objcopy = ["/usr/bin/objcopy", "/usr/local/bin/objcopy"].first(where: fm.isExecutableFile(atPath:)) else {
        row("instructions", "not run: valgrind and objcopy are not installed")
        return
    }
    let binary = ".build/release/rubric"
    guard fm.isExecutableFile(atPath: binary) else {
        row("instructions", "not run: build \(binary) first (make bench does)")
        return
    }
    let tmp = fm.temporaryDirectory.appendingPathComponent("rubric-instructions-\(getpid())")
    try fm.createDirectory(at: tmp, withIntermediateDirectories: true)
    defer { try? fm.removeItem(at: tmp) }

    let ruleSet = try RuleSet.load(directory: rulesDir)
    let evaluator = try Evaluator(ruleSet: ruleSet)
    var generator = ProfileGenerator(catalog: ruleSet.catalog, seed: 42)
    let lines = (1...count).map { generator.nextProfile(index: $0) }
    let resolved = try lines.map { evaluator.resolve(try Profile.parse(json: $0, source: "instructions")) }
    try writeFloorInputs(ruleSet: ruleSet, resolved: resolved, into: tmp)
    let all = tmp.appendingPathComponent("profiles.jsonl"), one = tmp.appendingPathComponent("one.jsonl")
    try (lines.joined(separator: "\n") + "\n").write(to: all, atomically: true, encoding: .utf8)
    try (lines[0] + "\n").write(to: one, atomically: true, encoding: .utf8)
    // valgrind 3.19 cannot read the DWARF Swift 6 writes: a copy without it, symbols kept
    let stripped = tmp.appendingPathComponent("rubric").path
    guard try runProcess(objcopy, ["--strip-debug", binary, stripped]).1 == 0 else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "objcopy --strip-debug failed"])
    }

    /// Instructions callgrind counted for one run of `command`.
    func counted(_ command: [String]) throws -> Double {
        let log = tmp.appendingPathComponent("callgrind-\(UUID().uuidString.prefix(8)).log")
        let (_, status, _) = try runProcess(valgrind, ["--tool=callgrind", "--callgrind-out-file=/dev/null",
                                                       "--log-file=\(log.path)"] + command)
        let text = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        guard let line = text.split(separator: "\n").first(where: { $0.contains("Collected :") }),
              let n = Double(line.split(separator: ":").last?.trimmingCharacters(in: .whitespaces) ?? "") else {
            throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey:
                "callgrind failed (status \(status)) on \(command.joined(separator: " ")):\n\(text.suffix(2000))"])
        }
        return n
    }
    // Under callgrind the rules run ~50× slower: the clock could not prove a rule call ended
    // within the default 1,000,000-instruction budget (100 µs), so every evaluation would be
    // counted. A budget of 10⁹ makes the proof window 100 ms and the rules run proven, as
    // they do natively; the results are the same.
    func batch(_ input: URL, _ extra: [String] = []) throws -> Double {
        try counted([stripped, "batch", input.path, "--workers", "1", "--rules", rulesDir,
                     "--max-instructions", "1000000000", "-o", "/dev/null"] + extra)
    }
    let rubric = (try batch(all) - batch(one)) / Double(count - 1)
    let ids = (try batch(all, ["--detail", "ids"]) - batch(one, ["--detail", "ids"])) / Double(count - 1)
    let lua = ["/usr/bin/lua5.4", "/usr/local/bin/lua5.4"].first(where: fm.isExecutableFile(atPath:)) ?? "lua5.4"
    func minimal(_ n: Int) throws -> Double {
        try counted([lua, "Benchmarks/bare-lua/minimal_once.lua", tmp.appendingPathComponent("setup.lua").path,
                     tmp.appendingPathComponent("catalog.lua").path, tmp.appendingPathComponent("profiles.txt").path,
                     tmp.appendingPathComponent("rules.txt").path, String(n)])
    }
    let floor = (try minimal(count) - minimal(0)) / Double(count)
    row("minimal-host floor, rules only", "\(fmt(floor / 1000)) k instructions a profile")
    row("rubric batch, JSONL in and out, 1 worker", "\(fmt(rubric / 1000)) k instructions a profile (\(fmt(rubric / floor, 2))× minimal)")
    row("rubric batch --detail ids, 1 worker", "\(fmt(ids / 1000)) k instructions a profile (\(fmt(ids / floor, 2))× minimal)")
    print("")
}
