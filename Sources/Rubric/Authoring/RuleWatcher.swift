import Foundation
public import LuaSandbox

/// `rubric watch`: re-runs recommendations when a rule, catalog or profile file
/// changes, and keeps the last good rule set running when an edit breaks it.
///
/// A new rule set replaces the old one only once it has been read completely (the
/// files did not change while it was read), every plugin compiled, and every
/// watched profile evaluated without a rule error: no run sees half a rule set.
public final class RuleWatcher {
    public let rulesDirectory: String
    public let profiles: [String]
    public let limits: SandboxLimits
    private var snapshot: [String: String] = [:]
    private var good: Evaluator?
    private var lastRankings: [String: [RankedTechnique]] = [:]

    public init(rulesDirectory: String, profiles: [String], limits: SandboxLimits = SandboxLimits()) {
        self.rulesDirectory = rulesDirectory
        self.profiles = profiles
        self.limits = limits
    }

    /// The hash of the rule set in use, if one has loaded.
    public var activeHash: String? { good?.ruleSet.hash }

    /// The content hash of every watched file (robust to edits within one clock tick).
    private func takeSnapshot() -> [String: String] {
        var out: [String: String] = [:]
        let fm = FileManager.default
        var files = profiles
        if let walker = fm.enumerator(atPath: rulesDirectory) {
            while let rel = walker.nextObject() as? String {
                if rel.hasSuffix(".lua") || rel.hasSuffix(".yaml") { files.append("\(rulesDirectory)/\(rel)") }
            }
        }
        for f in files {
            out[f] = fm.contents(atPath: f).map { SHA256.hex(Array($0)) } ?? "missing"
        }
        return out
    }

    /// Checks the files; returns a report when something changed (and on the first call), else `nil`.
    public func poll() -> String? {
        let before = takeSnapshot()
        guard before != snapshot else { return nil }
        let report = reload()
        // If files moved while they were read, leave the snapshot stale so the next poll reads again.
        if takeSnapshot() == before { snapshot = before }
        return report
    }

    private func reload() -> String {
        var out = ""
        let candidate: Evaluator
        do {
            candidate = try Evaluator(ruleSet: try RuleSet.load(directory: rulesDirectory), limits: limits)
        } catch {
            return out + "\(error)\n" + keeping()
        }
        var results: [(String, Recommendation)] = []
        var failures: [String] = []
        for path in profiles {
            do {
                let rec = candidate.evaluate(try Profile.load(path: path))
                failures += rec.failures.map { "\($0) (while evaluating \(path))" }
                results.append((path, rec))
            } catch {
                failures.append("\(error)")
            }
        }
        if !failures.isEmpty {
            return out + failures.uniqued().joined(separator: "\n") + "\n" + keeping()
        }
        let first = good == nil
        good = candidate
        out += "rules \(candidate.ruleSet.provenanceLine) loaded: \(candidate.rules.count) rules in \(candidate.ruleSet.plugins.count) plugins\n"
        for (path, rec) in results {
            out += render(path, rec, previous: first ? nil : lastRankings[path])
            lastRankings[path] = rec.ranking
        }
        return out
    }

    private func keeping() -> String {
        guard let good else { return "no rule set has loaded yet; fix the error above\n" }
        return "still running the last good rules (\(good.ruleSet.provenanceLine)); last good ranking:\n"
            + profiles.map { render($0, nil, previous: lastRankings[$0]) }.joined()
    }

    private func render(_ path: String, _ rec: Recommendation?, previous: [RankedTechnique]?) -> String {
        let ranking = rec?.ranking ?? previous ?? []
        var out = "  \(path)"
        if let rec, rec.status != .recommended { out += " [\(rec.status.rawValue)]" }
        out += ": " + (ranking.isEmpty ? "(no ranking)" : ranking.map { "\($0.rank). \($0.technique) \(signed($0.score))" }.joined(separator: "  ")) + "\n"
        guard let rec, let previous else { return out }
        for r in rec.ranking {
            let old = previous.first { $0.technique == r.technique }
            if old?.rank != r.rank || old?.score != r.score {
                out += "      moved: \(r.technique) \(old.map { "\($0.rank)" } ?? "–") → \(r.rank) (score \(old.map { signed($0.score) } ?? "–") → \(signed(r.score)))\n"
            }
        }
        for o in previous where !rec.ranking.contains(where: { $0.technique == o.technique }) {
            out += "      dropped: \(o.technique) (was \(o.rank))\n"
        }
        return out
    }
}
