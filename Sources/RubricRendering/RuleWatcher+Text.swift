public import Rubric

extension RuleWatcher.Event {
    /// What `rubric watch` prints for the event: the new rankings with what moved, or the errors
    /// and the last good ranking still in use.
    public var text: String {
        switch self {
        case .loaded(let ruleSet, let ruleCount, let results):
            return "rules \(ruleSet.provenanceLine) loaded: \(ruleCount) rules in \(ruleSet.plugins.count) plugins\n"
                + results.map(Self.render).joined()
        case .kept(let errors, let lastGood, let rankings):
            let head = errors.joined(separator: "\n") + "\n"
            guard let lastGood else { return head + "no rule set has loaded yet; fix the error above\n" }
            return head + "still running the last good rules (\(lastGood.provenanceLine)); last good ranking:\n"
                + rankings.map(Self.render).joined()
        }
    }

    private static func render(_ result: RuleWatcher.ProfileResult) -> String {
        let (rec, previous) = (result.recommendation, result.previous)
        let ranking = rec?.ranking ?? previous ?? []
        var out = "  \(result.path)"
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
