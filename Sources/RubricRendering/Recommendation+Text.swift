import Foundation
public import Rubric
internal import LuaSandbox

extension Recommendation {
    /// The human report: fits 80 columns; colored only when `style.color` is set.
    public func text(style s: TextStyle = TextStyle()) -> String {
        var out: [String] = []
        let who = [profile.clientID.map { "client \($0)" } ?? "client (no id)", profile.age.map { "\($0)" }, profile.sex]
            .compactMap { $0 }.joined(separator: " · ")
        out.append(s.bold("Rubric") + " · " + who)
        out.append(s.dim("\(profile.source) · \(ruleCount) rules in \(pluginCount) plugins · \(ruleSetHash.prefix(19))"
            + (ruleSetVersion.map { " · v\($0)" } ?? "")))
        out.append("")
        let head: String
        switch status {
        case .failedClosed: head = s.red("FAILED CLOSED")
        case .referral: head = s.red("REFER — DO NOT TREAT")
        case .clearanceRequired: head = s.yellow("CLEARANCE REQUIRED")
        case .reviewRequired: head = s.yellow("CHECK BEFORE TREATING")
        case .recommended: head = s.green("RECOMMENDATION")
        }
        out.append(head)
        out += s.wrap(summary, first: "  ", rest: 2)

        if !review.isEmpty {
            out.append("")
            out.append(s.bold("Check before treating"))
            for r in review {
                let by = r.rule.map { " " + s.dim("\($0) \(r.location?.description ?? "")") } ?? ""
                out += s.wrap("\(r.place.map { "\($0): " } ?? "")\(r.message)\(by)", first: "  ? ", rest: 4)
            }
        }

        if !failures.isEmpty {
            out.append("")
            out.append(s.bold("Rule errors"))
            for f in failures {
                out += s.wrap("\(f.location?.description ?? "?"): \(f.subject): \(f.error.message)", first: "  ! ", rest: 4)
            }
        }
        if !referrals.isEmpty {
            out.append("")
            out.append(s.bold("Referral"))
            for r in referrals {
                out += finding(r, s, prefix: "  \(r.urgency?.words ?? ""): ")
                if let advice = r.advice { out += s.wrap("What to do: \(advice)", first: "    ", rest: 4) }
            }
        }
        if !clearances.isEmpty {
            out.append("")
            out.append(s.bold("Clearance before treatment"))
            for c in clearances { out += finding(c, s, prefix: "  from \(c.from ?? "?"): ") }
        }
        if let p = pressureLimit {
            out.append("")
            out.append(s.bold("Pressure: \(p.level.rawValue) or lighter"))
            for r in p.reasons { out += finding(r, s, prefix: "  ") }
        }
        if !ranking.isEmpty {
            out.append("")
            out.append(s.bold("Ranking" + (provisionalLabel.map { " (\($0))" } ?? "")))
            for r in ranking {
                let tied = ranking.filter { $0.rank == r.rank }.count > 1
                out.append("  " + "\(tied ? "=" : "")\(r.rank).".padded(to: 4) + r.name.padded(to: 58) + signed(r.score).leftPadded(to: 6))
                for c in r.contributions {
                    out += s.wrap("\(c.reason) [\(c.grade)] \(s.dim("\(c.rule) \(c.location)"))",
                                  first: "      " + signed(c.points).leftPadded(to: 3) + " ", rest: 11)
                }
                for c in r.cautions { out += s.wrap("caution: \(c.text) \(s.dim("\(c.rule) \(c.location?.description ?? "")"))", first: "        ", rest: 10) }
            }
        }
        if !excluded.isEmpty {
            out.append("")
            out.append(s.bold("Excluded"))
            for e in excluded {
                out.append("  " + e.name)
                for r in e.reasons { out += finding(r, s, prefix: "    - ") }
            }
        }
        section("Cautions", cautions, into: &out, s)
        section("Notes", notes, into: &out, s)
        let warnings = otherWarnings
        if !warnings.isEmpty || !profile.missing.isEmpty {
            out.append("")
            out.append(s.bold("Profile warnings"))
            for w in warnings {
                let place = [w.field, w.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
                out += s.wrap("\(place.isEmpty ? "" : place + ": ")\(w.message)", first: "  - ", rest: 4)
            }
            for m in profile.missing { out += s.wrap("missing \(m)", first: "  - ", rest: 4) }
        }
        if !profile.notes.isEmpty {
            out.append("")
            out.append(s.bold("Intake notes (not read by rules)"))
            for n in profile.notes { out += s.wrap("\(n.field): \(n.text)", first: "  - ", rest: 4) }
        }
        if !log.isEmpty {
            out.append("")
            out.append(s.bold("Rule output (print)"))
            for l in log { out.append("  " + l) }
        }
        return out.map { s.safe($0) }.joined(separator: "\n") + "\n"
    }

    private func finding(_ f: Finding, _ s: TextStyle, prefix: String) -> [String] {
        let whereText = f.location.map { " \(f.rule) \($0)" } ?? ""
        let grade = f.grade.map { " [\($0)]" } ?? ""
        // a long label ("from the client's surgeon: ") would leave a narrow column: wrap under it instead
        return s.wrap("\(f.text)\(grade)\(s.dim(whereText))", first: prefix, rest: prefix.count > 12 ? 4 : prefix.count)
    }

    private func section(_ title: String, _ items: [Finding], into out: inout [String], _ s: TextStyle) {
        guard !items.isEmpty else { return }
        out.append("")
        out.append(s.bold(title))
        for f in items { out += finding(f, s, prefix: "  - ") }
    }
}
