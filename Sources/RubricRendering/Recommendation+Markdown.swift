import Foundation
public import Rubric
internal import LuaSandbox

extension Recommendation {
    /// The report as Markdown, for notes and tickets.
    public var markdown: String {
        var out: [String] = []
        out.append("# Rubric recommendation: \(profile.clientID ?? "(no id)")")
        out.append("")
        out.append("- Profile: `\(profile.source)`")
        out.append("- Rules: \(ruleCount) rules in \(pluginCount) plugins, `\(ruleSetHash)`" + (ruleSetVersion.map { " (v\($0))" } ?? ""))
        out.append("- Status: **\(status.rawValue)**")
        out.append("")
        out.append("> \(summary)")
        func cell(_ s: String) -> String { s.replacingOccurrences(of: "|", with: "\\|") }
        func list(_ title: String, _ items: [Finding], _ label: (Finding) -> String = { _ in "" }) {
            guard !items.isEmpty else { return }
            out.append("")
            out.append("## \(title)")
            out.append("")
            for f in items {
                out.append("- \(label(f))\(f.text) (`\(f.rule)`\(f.location.map { ", `\($0)`" } ?? "")\(f.grade.map { ", \($0)" } ?? ""))")
            }
        }
        if !review.isEmpty {
            out += ["", "## Check before treating", ""]
            for r in review { out.append("- \(r.place.map { "`\($0)`: " } ?? "")\(r.message)") }
        }
        if !failures.isEmpty {
            out.append("")
            out.append("## Rule errors")
            out.append("")
            for f in failures { out.append("- `\(f.location?.description ?? "?")` \(f.subject): \(f.error.message)") }
        }
        if !referrals.isEmpty {
            out += ["", "## Referral", ""]
            for f in referrals {
                out.append("- **\(f.urgency?.words ?? "")**: \(f.text) (`\(f.rule)`\(f.location.map { ", `\($0)`" } ?? "")\(f.grade.map { ", \($0)" } ?? ""))")
                if let advice = f.advice { out.append("  - What to do: \(advice)") }
            }
        }
        list("Clearance before treatment", clearances) { "from \($0.from ?? "?"): " }
        if let p = pressureLimit { list("Pressure: \(p.level.rawValue) or lighter", p.reasons) }
        if !ranking.isEmpty {
            out.append("")
            out.append("## Ranking\(provisionalLabel.map { " (\($0))" } ?? "")")
            out.append("")
            out.append("| # | Technique | Score | Contributions |")
            out.append("|---|---|---:|---|")
            for r in ranking {
                let parts = r.contributions.map { "\(signed($0.points)) \(cell($0.reason)) (`\($0.rule)`, \($0.grade))" }
                out.append("| \(r.rank) | \(cell(r.name)) | \(signed(r.score)) | \(parts.joined(separator: "<br>")) |")
            }
            for r in ranking where !r.cautions.isEmpty { list("Cautions for \(r.name)", r.cautions) }
        }
        if !excluded.isEmpty {
            out.append("")
            out.append("## Excluded")
            out.append("")
            for e in excluded {
                for f in e.reasons { out.append("- **\(e.name)**: \(f.text) (`\(f.rule)`, `\(f.location?.description ?? "")`)") }
            }
        }
        list("Cautions", cautions)
        list("Notes", notes)
        if !otherWarnings.isEmpty || !profile.missing.isEmpty {
            out.append("")
            out.append("## Profile warnings")
            out.append("")
            for w in otherWarnings { out.append("- `\(w.field ?? "")`\(w.line.map { " (line \($0))" } ?? ""): \(w.message)") }
            for m in profile.missing { out.append("- missing \(m)") }
        }
        if !profile.notes.isEmpty {
            out += ["", "## Intake notes (not read by rules)", ""]
            for n in profile.notes { out.append("- `\(n.field)`: \(n.text)") }
        }
        return out.map { TerminalText.safe($0) }.joined(separator: "\n") + "\n"
    }
}
