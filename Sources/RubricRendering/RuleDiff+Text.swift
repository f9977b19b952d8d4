public import Rubric

extension RuleDiff {
    /// The report `rubric diff` prints: per changed profile its moves and the rules behind
    /// them (five moves, three rules each at most), then the summary.
    public static func text(_ changes: [ProfileChange], from: RuleSet, to: RuleSet) -> String {
        var out = "Rule change impact: \(from.directory) (\(from.provenanceLine)) → \(to.directory) (\(to.provenanceLine)), \(changes.count) profiles\n"
        for c in changes where c.rankingChanged || c.scoresChanged {
            out += "\n\(c.clientID ?? "(no id)") · \(c.source): " + (c.rankingChanged ? "ranking changed" : "scores changed, same order") + "\n"
            if c.statusBefore != c.statusAfter { out += "  status \(c.statusBefore) → \(c.statusAfter)\n" }
            for m in c.moves.prefix(5) {
                let rank = "\(m.rankBefore.map(String.init) ?? "–") → \(m.rankAfter.map(String.init) ?? "–")"
                let score = "\(m.scoreBefore.map(signed) ?? "excluded") → \(m.scoreAfter.map(signed) ?? "excluded")"
                let why = m.rules.prefix(3).map { "\($0.rule) \(signed($0.delta))" }.joined(separator: ", ")
                out += "  " + m.technique.padded(to: 20) + " rank " + rank.padded(to: 8) + " score " + score + (why.isEmpty ? "" : "  (\(why))") + "\n"
            }
        }
        let s = summary(changes)
        out += "\nSummary: \(changes.count) profiles; ranking changed \(s.ranking); top-1 changed \(s.top1); top-3 changed \(s.top3); referral changed \(s.referral); scores changed without reordering \(s.scoresOnly)\n"
        return out
    }
}
