import Foundation

/// The minimal-host floor's figures (Benchmarks/bare-lua/minimal_floor.lua).
struct MinimalFloor {
    /// µs per profile, median of 3 passes over every profile.
    var micros: Double
    /// p50, p95 and p99 of the first chunk's profiles timed one by one (µs).
    var perProfile: [Double]
    /// Sorted "rule technique points" lines of the first profiles.
    var samples: [[String]]
}

/// Runs the minimal-host floor on the inputs `writeFloorInputs` wrote to `tmp`.
func runMinimalFloor(tmp: URL) throws -> MinimalFloor {
    let lua = ["/usr/bin/lua5.4", "/usr/local/bin/lua5.4"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "lua5.4"
    let (out, status, _) = try runProcess(lua, [
        "Benchmarks/bare-lua/minimal_floor.lua", tmp.appendingPathComponent("setup.lua").path,
        tmp.appendingPathComponent("catalog.lua").path, tmp.appendingPathComponent("profiles.txt").path,
        tmp.appendingPathComponent("rules.txt").path, "3", "50",
    ])
    func numbers(_ prefix: String) -> [Double] {
        out.split(separator: "\n").first { $0.hasPrefix(prefix + " ") }
            .map { $0.split(separator: " ").dropFirst().compactMap { Double($0) } } ?? []
    }
    guard status == 0, let micros = numbers("minimal_floor_us").first else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "the minimal-host floor failed:\n\(out)"])
    }
    let samples = out.split(separator: "\n").filter { $0.hasPrefix("sample ") }.map { l -> [String] in
        let rest = l.split(separator: " ", maxSplits: 2)
        return rest.count < 3 ? [] : rest[2].split(separator: ";").map(String.init).sorted()
    }
    return MinimalFloor(micros: micros, perProfile: numbers("minimal_floor_profile_us"), samples: samples)
}

/// CPython + lupa under the same minimal host, JSON lines in and out; nil if lupa is not installed.
func runLupaMinimal(tmp: URL) throws -> Double? {
    guard (try? runProcess("python3", ["-c", "import lupa"]))?.1 == 0 else { return nil }
    let (out, status, _) = try runProcess("python3", [
        "Benchmarks/lupa/lupa_minimal.py", tmp.appendingPathComponent("setup.lua").path,
        tmp.appendingPathComponent("catalog.lua").path, tmp.appendingPathComponent("resolved.jsonl").path,
        tmp.appendingPathComponent("rules.txt").path, tmp.appendingPathComponent("lupa-minimal.out.jsonl").path,
    ])
    guard status == 0, let line = out.split(separator: "\n").first(where: { $0.hasPrefix("lupa_minimal_us ") }),
          let micros = Double(line.dropFirst("lupa_minimal_us ".count)) else {
        throw NSError(domain: "bench", code: 1, userInfo: [NSLocalizedDescriptionKey: "lupa_minimal.py failed (status \(status)):\n\(out)"])
    }
    return micros
}
