public import LuaSandbox

/// Which lines of each rule's `apply` function the test cases ran.
///
/// Measured with a line hook that is on only during `rubric test --coverage`,
/// never in production evaluation.
public struct CoverageReport: Sendable {
    /// Line coverage of one rule's `apply` function.
    public struct RuleCoverage: Sendable {
        /// The rule id.
        public var id: String
        /// The plugin file that declares the rule.
        public var file: String
        /// Lines of the apply function that hold code.
        public var lines: [Int]
        /// Those the tests ran.
        public var covered: [Int]
        /// The lines holding code that the tests did not run.
        public var uncovered: [Int] { lines.filter { !covered.contains($0) } }
        /// The share of its code lines the tests ran, in percent (100 when it has none).
        public var percent: Double { lines.isEmpty ? 100 : Double(covered.count) * 100 / Double(lines.count) }
    }

    /// Each rule's coverage, by file, then first line.
    public var rules: [RuleCoverage]
    /// The lines holding code across every rule's `apply` function.
    public var totalLines: Int { rules.reduce(0) { $0 + $1.lines.count } }
    /// Of those, the lines the tests ran.
    public var coveredLines: Int { rules.reduce(0) { $0 + $1.covered.count } }
    /// The share of all code lines the tests ran, in percent (100 when there are none).
    public var percent: Double { totalLines == 0 ? 100 : Double(coveredLines) * 100 / Double(totalLines) }

    init(_ value: LuaValue) {
        var hits: [String: Set<Int>] = [:]
        for h in value["hits"].table?.array ?? [] {
            guard let source = h["source"].string else { continue }
            hits[source, default: []].formUnion(h["lines"].table?.array.compactMap { $0.integer.map(Int.init) } ?? [])
        }
        rules = (value["rules"].table?.array ?? []).compactMap { r in
            guard let id = r["id"].string, let file = r["file"].string else { return nil }
            let lines = r["lines"].table?.array.compactMap { $0.integer.map(Int.init) } ?? []
            let ran = hits[file] ?? []
            return RuleCoverage(id: id, file: file, lines: lines, covered: lines.filter { ran.contains($0) })
        }.sorted { ($0.file, $0.lines.first ?? 0) < ($1.file, $1.lines.first ?? 0) }
    }
}

extension Evaluator {
    /// Starts or stops recording executed lines (for test coverage only).
    public func setLineCoverage(_ on: Bool) { sandbox.setLineCoverage(on) }

    /// The coverage recorded since line coverage was turned on (or last read).
    public func coverage() throws(LuaError) -> CoverageReport {
        CoverageReport(try sandbox.call("rubric", "coverage").first ?? .nil)
    }
}
