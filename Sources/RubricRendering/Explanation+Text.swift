public import Rubric
internal import LuaSandbox

extension Explanation {
    /// The human waterfall.
    public func text(style s: TextStyle = TextStyle()) -> String {
        var out: [String] = []
        let rec = recommendation
        out.append(s.bold("Explain \(technique.name)") + " · client \(rec.profile.clientID ?? "(no id)") · \(rec.profile.source)")
        out.append(s.dim("\(rec.ruleSetHash.prefix(19))\(rec.ruleSetVersion.map { " v\($0)" } ?? "") · status \(rec.status.rawValue)"))
        out.append("")
        if rec.status == .referral || rec.status == .failedClosed {
            out += s.wrap("No technique is recommended: \(rec.summary)", first: "", rest: 2)
            out.append("")
        }
        if !rec.review.isEmpty {
            out.append(s.yellow("Check before treating") + " — these scores do not account for:")
            for r in rec.review { out += s.wrap("\(r.place.map { "\($0): " } ?? "")\(r.message)", first: "  ? ", rest: 4) }
            out.append("")
        }
        if let e = excluded(technique) {
            out.append(s.red("Excluded") + " — it is not ranked, whatever its points:")
            for r in e.reasons {
                out += s.wrap("\(r.text) [\(r.rule) \(r.location?.description ?? "")]", first: "  - ", rest: 4)
                out += readLines(r.rule, s)
            }
            if !e.uncounted.isEmpty {
                out.append("")
                out.append("  Points rules gave it anyway (not counted, because it is excluded):")
                for c in e.uncounted {
                    out += s.wrap("\(signed(c.points)) \(c.rule) \(s.dim(c.location.description)): \(c.reason)", first: "    ", rest: 6)
                }
            }
            out.append("")
        }
        if let r = ranked(technique) {
            out.append("Score \(signed(r.score)) · rank \(r.rank) of \(rec.ranking.count)")
            out.append("")
            out.append("  total  points  rule")
            var total = 0
            for c in r.contributions {
                total += c.points
                out.append("  " + signed(total).leftPadded(to: 5) + "  " + signed(c.points).leftPadded(to: 6) + "  " + c.rule + "  " + s.dim(c.location.description))
                out += s.wrap("\(c.reason)", first: String(repeating: " ", count: 17), rest: 17)
                out += s.wrap("\(c.kind), grade \(c.grade); evidence: \(c.evidence.joined(separator: ", "))", first: String(repeating: " ", count: 17), rest: 17).map { s.dim($0) }
                out += readLines(c.rule, s)
            }
            out.append("  " + String(repeating: "─", count: 5))
            out.append("  " + signed(total).leftPadded(to: 5) + "  = score (the sum of the contributions above)")
            if r.contributions.isEmpty { out.append("  (no rule gave this technique points)") }
            for c in r.cautions { out += s.wrap("caution: \(c.text) [\(c.rule) \(c.location?.description ?? "")]", first: "  ! ", rest: 4) }
        } else if excluded(technique) == nil {
            out.append("Not ranked (status \(rec.status.rawValue)).")
        }
        if let versus {
            out.append("")
            let a = ranked(technique)?.score, b = ranked(versus)?.score
            let head = "\(technique.name) \(a.map(signed) ?? "excluded") vs \(versus.name) \(b.map(signed) ?? "excluded")"
            out.append(s.bold(head) + (a != nil && b != nil ? " · difference \(signed(a! - b!))" : ""))
            if let e = excluded(versus) { for r in e.reasons { out += s.wrap("\(versus.name) is excluded: \(r.text) [\(r.rule)]", first: "  - ", rest: 4) } }
            if separating.isEmpty { out.append("  No rule gives them different points.") }
            for (rule, x, y) in separating {
                out.append("  " + signed(x - y).leftPadded(to: 5) + "  " + rule + "  " + s.dim("(\(signed(x)) vs \(signed(y)))"))
            }
        }
        return out.map { s.safe($0) }.joined(separator: "\n") + "\n"
    }

    private func readLines(_ rule: String, _ s: TextStyle) -> [String] {
        let reads = reads(of: rule)
        guard !reads.isEmpty else { return [] }
        return s.wrap("read: " + reads.map { "\($0.field) = \($0.value)" }.joined(separator: "; "),
                      first: String(repeating: " ", count: 17), rest: 23).map { s.dim($0) }
    }
}
