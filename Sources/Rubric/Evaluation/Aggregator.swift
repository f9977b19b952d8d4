internal import LuaSandbox

/// Turns the rules' actions into a ``Recommendation``: referral first, then
/// exclusions, clearances and pressure caps, then scores.
struct Aggregator {
    let ruleSet: RuleSet
    let rules: [RuleInfo]
    let review: ReviewFinder

    init(ruleSet: RuleSet, rules: [RuleInfo]) {
        self.ruleSet = ruleSet
        self.rules = rules
        review = ReviewFinder(catalog: ruleSet.catalog, references: TermReferences(ruleSet: ruleSet))
    }

    /// - Parameter pressureCap: the strictest `limit_pressure` level of the evaluation, as the host
    ///   computed it (the one place it is computed: `prefers_pressure()` reads the same value).
    func build(profile: ResolvedProfile, outcomes: [RuleOutcome], log: [String], pressureCap: Pressure?,
               hostFailure: RuleError?) -> Recommendation {
        let techniques = ruleSet.catalog.techniques
        // by the technique's position in `techniques` (an id the catalog lacks is dropped, as no
        // technique of the result could show it)
        func position(_ id: String) -> Int? { techniques.firstIndex { $0.id == id } }
        var rec = Recommendation(status: .recommended, profile: profile, ruleSetHash: ruleSet.hash,
                                 ruleSetVersion: ruleSet.version, ruleCount: rules.count, pluginCount: ruleSet.plugins.count)
        var contributions = [[Contribution]](repeating: [], count: techniques.count)
        var techniqueCautions = [[Finding]](repeating: [], count: techniques.count)
        var exclusions = [[Finding]?](repeating: nil, count: techniques.count)
        var limits: [(Pressure, Finding)] = []
        var questions: [ReviewItem] = []   // asked by safety rules: said before what the profile lacks
        if let hostFailure { rec.failures.append(hostFailure) }
        rec.log = log

        // by index, which lends each outcome and action where `for x in xs` would copy it (a
        // retain and a release per field)
        rec.traces.reserveCapacity(outcomes.count)
        for o in outcomes.indices {
            let rule = outcomes[o].rule
            let actions = outcomes[o].actions
            rec.traces.append(RuleTrace(rule: rule, reads: outcomes[o].reads, actions: actions.count, failed: outcomes[o].error != nil))
            if let error = outcomes[o].error { rec.failures.append(error); continue }
            for k in actions.indices {
                if actions[k].verb == .points {   // the most common verb, and the only one that is not a finding
                    guard let t = actions[k].technique, let p = actions[k].points else { continue }   // RuleAction checked both
                    guard let i = position(t) else { continue }
                    contributions[i].append(Contribution(
                        rule: rule.id, kind: rule.kind.rawValue, grade: rule.grade, points: p, reason: actions[k].text,
                        evidence: rule.evidence, location: actions[k].location))
                    continue
                }
                var finding = Finding(rule: rule.id, kind: rule.kind.rawValue, grade: rule.grade, evidence: rule.evidence,
                                      text: actions[k].text, location: actions[k].location, technique: actions[k].technique)
                switch actions[k].verb {
                case .points:
                    break   // above
                case .exclude:
                    if let i = actions[k].technique.flatMap(position) { if exclusions[i] == nil { exclusions[i] = [] }; exclusions[i]!.append(finding) }
                case .caution:
                    if let t = actions[k].technique {
                        if let i = position(t) { techniqueCautions[i].append(finding) }
                    } else { rec.cautions.append(finding) }
                case .refer:
                    finding.urgency = actions[k].urgency
                    finding.advice = actions[k].advice
                    rec.referrals.append(finding)
                case .requireClearance:
                    finding.from = actions[k].from
                    rec.clearances.append(finding)
                case .limitPressure:
                    if let level = actions[k].level { limits.append((level, finding)) }
                case .note:
                    rec.notes.append(finding)
                case .ask:
                    questions.append(ReviewItem(code: .question, field: nil, line: nil, term: nil, message: actions[k].text,
                                                rule: rule.id, location: actions[k].location))
                }
            }
        }

        // The cap the host computed; its reasons are the limits at that level. A safety rule that
        // set it and then failed left no findings (the result has failed closed): the cap then is
        // the strictest of the rules that finished.
        let finished = limits.first { $0.0 == pressureCap } != nil ? pressureCap : limits.map(\.0).min()
        if let cap = finished, let first = limits.first(where: { $0.0 == cap })?.1 {
            let reasons = limits.filter { $0.0 == cap }.map(\.1)
            rec.pressureLimit = PressureLimit(level: cap, reasons: reasons)
            for (i, t) in techniques.enumerated() where t.pressure.lowerBound > cap {
                var f = first
                f.technique = t.id
                f.text = "needs at least \(t.pressure.lowerBound.rawValue) pressure, but pressure is limited to \(cap.rawValue): \(first.text)"
                if exclusions[i] == nil { exclusions[i] = [] }; exclusions[i]!.append(f)
            }
            if let preferred = profile.pressure, preferred > cap {
                rec.notes.append(engineNote(
                    "The client prefers \(preferred.rawValue) pressure; it stays \(cap.rawValue) or lighter because of rule '\(first.rule)' (\(first.text)). A preference never overrides a safety rule.",
                    evidence: first.evidence))
            }
        }
        if let requested = profile.requested, let reasons = position(requested).flatMap({ exclusions[$0] }) {
            let name = ruleSet.catalog.technique(requested)?.name ?? requested
            rec.notes.append(engineNote(
                "The client asked for \(name); it is excluded by \(reasons.map { "'\($0.rule)'" }.uniqued().joined(separator: ", ")). A request never overrides a safety rule.",
                evidence: reasons.flatMap(\.evidence).uniqued()))
        }

        // What the engine does not recognise or cannot judge is said first (a misspelt red flag
        // must not pass unseen under "Recommended").
        rec.review = questions + review.items(for: profile)
        // Engine notes (what safety overrode) come first; once the result is a referral or has
        // failed closed, notes about technique choice no longer apply (they stay in the traces).
        rec.notes.sort { ($0.rule == "rubric" ? 0 : 1) < ($1.rule == "rubric" ? 0 : 1) }
        if !rec.failedSafetyRules.isEmpty || hostFailure != nil || !rec.referrals.isEmpty {
            rec.notes = rec.notes.filter { ["engine", RuleInfo.Kind.referral.rawValue, RuleInfo.Kind.contraindication.rawValue].contains($0.kind) }
        }

        var ranked: [RankedTechnique] = []
        for (i, t) in techniques.enumerated() {
            let c = contributions[i]
            if let reasons = exclusions[i] {
                rec.excluded.append(ExcludedTechnique(technique: t.id, name: t.name, reasons: reasons, uncounted: c))
            } else {
                ranked.append(RankedTechnique(rank: 0, technique: t.id, name: t.name, score: c.reduce(0) { $0 + $1.points },
                                              contributions: c, cautions: techniqueCautions[i]))
            }
        }
        ranked.sort { ($1.score, $0.technique) < ($0.score, $1.technique) }
        // equal scores share a rank (1, 1, 3): a tie is shown as a tie, not decided by the alphabet
        for i in ranked.indices { ranked[i].rank = i > 0 && ranked[i].score == ranked[i - 1].score ? ranked[i - 1].rank : i + 1 }

        if !rec.failedSafetyRules.isEmpty || hostFailure != nil {
            rec.status = .failedClosed
        } else if !rec.referrals.isEmpty {
            rec.status = .referral
        } else if !rec.clearances.isEmpty {
            rec.status = .clearanceRequired
        } else if !rec.review.isEmpty {
            rec.status = .reviewRequired
        }
        if [.recommended, .clearanceRequired, .reviewRequired].contains(rec.status) { rec.ranking = ranked }
        return rec
    }

    private func engineNote(_ text: String, evidence: [String]) -> Finding {
        Finding(rule: "rubric", kind: "engine", grade: nil, evidence: evidence, text: text, location: nil)
    }

}

extension Array where Element: Hashable {
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
