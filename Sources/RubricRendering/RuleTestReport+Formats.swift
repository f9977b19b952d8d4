import Foundation
public import Rubric

extension RuleTestRunner.Report {
    /// The report as JUnit XML, for CI systems: one suite per test file, plus one for rule coverage.
    public var junit: String {
        func esc(_ s: String) -> String {
            var out = ""
            for c in s.unicodeScalars {
                switch c {
                case "&": out += "&amp;"
                case "<": out += "&lt;"
                case ">": out += "&gt;"
                case "\"": out += "&quot;"
                case "'": out += "&apos;"
                case let x where x.value < 0x20 && x != "\n" && x != "\t": out += " "
                default: out.unicodeScalars.append(c)
                }
            }
            return out
        }
        var files: [String] = []
        var byFile: [String: [RuleTestRunner.CaseResult]] = [:]
        for r in results {
            let file = String(r.testCase.location.split(separator: ":").first ?? "")
            if byFile[file] == nil { files.append(file) }
            byFile[file, default: []].append(r)
        }
        var xml = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        xml += "<testsuites name=\"rubric\" tests=\"\(results.count + unexercised.count)\" failures=\"\(failed + unexercised.count)\">\n"
        for file in files {
            let rs = byFile[file]!
            xml += "  <testsuite name=\"\(esc(file))\" tests=\"\(rs.count)\" failures=\"\(rs.filter { !$0.passed }.count)\">\n"
            for r in rs {
                xml += "    <testcase name=\"\(esc(r.testCase.name))\" classname=\"\(esc(file))\" file=\"\(esc(r.testCase.location))\""
                if r.passed { xml += "/>\n"; continue }
                xml += ">\n      <failure message=\"\(esc(r.failures.first ?? ""))\">\(esc(r.failures.joined(separator: "\n")))</failure>\n    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        if !unexercised.isEmpty {
            xml += "  <testsuite name=\"rule coverage\" tests=\"\(unexercised.count)\" failures=\"\(unexercised.count)\">\n"
            for u in unexercised {
                xml += "    <testcase name=\"\(esc(u))\" classname=\"rule coverage\">\n      <failure message=\"\(esc(u))\"/>\n    </testcase>\n"
            }
            xml += "  </testsuite>\n"
        }
        return xml + "</testsuites>\n"
    }

    /// Per-rule line coverage as text, naming uncovered lines as file:line.
    public var coverageText: String {
        guard let coverage else { return "" }
        var out = "Coverage (lines of each rule's apply function run by the test cases):\n"
        for r in coverage.rules {
            let pct = String(format: "%5.1f%%", r.percent)
            out += "  \(pct)  \(r.covered.count)/\(r.lines.count)  \(r.id)  \(r.file):\(r.lines.first ?? 0)\n"
            if !r.uncovered.isEmpty {
                out += "          uncovered: " + r.uncovered.map { "\(r.file):\($0)" }.joined(separator: ", ") + "\n"
            }
        }
        out += String(format: "Total: %.1f%% (%d of %d lines)\n", coverage.percent, coverage.coveredLines, coverage.totalLines)
        return out
    }
}
