import Foundation
@_spi(Benchmarks) import LuaSandbox

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

func median(_ xs: [Double]) -> Double { xs.sorted()[xs.count / 2] }

func percentile(_ xs: [Double], _ p: Double) -> Double {
    let s = xs.sorted()
    return s[min(s.count - 1, Int(Double(s.count) * p))]
}

func fmt(_ x: Double, _ digits: Int = 1) -> String { String(format: "%.\(digits)f", x) }

func row(_ label: String, _ value: String) { print(label.padding(toLength: 58, withPad: " ", startingAt: 0) + value) }

/// A LuaValue as a Lua literal (for the bare-Lua floor's data files).
func luaLiteral(_ v: LuaValue, into out: inout String) {
    switch v {
    case .nil, .opaque: out += "nil"
    case .boolean(let b): out += b ? "true" : "false"
    case .integer(let i): out += String(i)
    case .number(let d): out += d.rounded() == d && abs(d) < 1e15 ? "\(Int(d)).0" : "\(d)"
    case .string(let s):
        out += "\""
        for u in s.utf8 {
            switch u {
            case 0x22: out += "\\\""
            case 0x5C: out += "\\\\"
            case 0x0A: out += "\\n"
            case 0..<0x20: out += "\\\(u)"
            default: out.unicodeScalars.append(UnicodeScalar(u))
            }
        }
        out += "\""
    case .table(let t):
        out += "{"
        for x in t.array { luaLiteral(x, into: &out); out += "," }
        for k in t.fields.keys.sorted() {
            out += "["
            luaLiteral(.string(k), into: &out)
            out += "]="
            luaLiteral(t.fields[k]!, into: &out)
            out += ","
        }
        out += "}"
    }
}

/// Runs a command with posix_spawn (Foundation's Process adds tens of milliseconds on Linux),
/// returning its stdout, exit status and its peak RSS in KiB (which, for a child spawned from a
/// large process, includes that process's: see the million-profile run).
func runProcess(_ path: String, _ args: [String], stdout: URL? = nil) throws -> (String, Int32, Int) {
    let outPath = stdout?.path ?? FileManager.default.temporaryDirectory.appendingPathComponent("spawn-\(getpid())-\(UUID().uuidString)").path
    var actions: posix_spawn_file_actions_t = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o644)
    posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    defer { posix_spawn_file_actions_destroy(&actions) }
    let argv: [UnsafeMutablePointer<CChar>?] = ([path] + args).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    var pid: pid_t = 0
    let rc = posix_spawnp(&pid, path, &actions, nil, argv, environ)
    guard rc == 0 else { throw NSError(domain: "spawn", code: Int(rc)) }
    var status: Int32 = 0
    var usage = rusage()
    wait4(pid, &status, 0, &usage)   // this child's usage (RUSAGE_CHILDREN would be the largest child so far)
    let out = stdout == nil ? ((try? String(contentsOfFile: outPath, encoding: .utf8)) ?? "") : ""
    if stdout == nil { try? FileManager.default.removeItem(atPath: outPath) }
    let exited = (status & 0x7f) == 0
    return (out, exited ? (status >> 8) & 0xff : -1, usage.ru_maxrss)
}
