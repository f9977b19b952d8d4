import Foundation
import LuaSandbox

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

/// Runs a command, returning stdout, exit status and the child's peak RSS in KiB.
func runProcess(_ path: String, _ args: [String], stdout: URL? = nil) throws -> (String, Int32, Int) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    let pipe = Pipe()
    if let stdout {
        FileManager.default.createFile(atPath: stdout.path, contents: nil)
        p.standardOutput = try FileHandle(forWritingTo: stdout)
    } else {
        p.standardOutput = pipe
    }
    p.standardError = FileHandle.nullDevice
    try p.run()
    let data = stdout == nil ? pipe.fileHandleForReading.readDataToEndOfFile() : Data()
    p.waitUntilExit()
    var usage = rusage()
    getrusage(__rusage_who_t(RUSAGE_CHILDREN.rawValue), &usage)
    return (String(decoding: data, as: UTF8.self), p.terminationStatus, usage.ru_maxrss)
}
