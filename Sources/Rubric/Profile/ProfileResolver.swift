/// Resolves a ``Profile``'s free text against a ``Catalog``.
struct ProfileResolver {
    let catalog: Catalog
    /// The suggestions the profile being resolved may still have; each ``resolve(_:)`` has its own.
    private var budget = SuggestionBudget(left: 0)

    init(catalog: Catalog) { self.catalog = catalog }

    private static let doseWords: Set<String> = [
        "mg", "mcg", "µg", "g", "ml", "iu", "units", "unit", "tablet", "tablets", "tab", "tabs", "capsule", "capsules",
        "daily", "once", "twice", "bid", "tid", "qd", "od", "prn", "nightly", "weekly", "a", "day", "per", "x", "po",
        // RxNorm clinical-drug names ("warfarin sodium 5 MG Oral Tablet"): dose form and salt words
        "oral", "tablet", "capsule", "injection", "injectable", "solution", "suspension", "syringe", "prefilled", "pen",
        "extended", "delayed", "release", "chewable", "topical", "transdermal", "patch", "film", "coated", "hr", "er", "xr", "sr",
        "sodium", "potassium", "calcium", "hydrochloride", "hcl", "bisulfate", "tosylate", "mesylate", "succinate", "tartrate",
        "besylate", "maleate", "etexilate", "mofetil",
    ]

    func resolve(_ p: Profile) -> ResolvedProfile {
        var run = self
        run.budget = SuggestionBudget(left: p.suggestionsLeft)
        return run.resolveWithBudget(p)
    }

    private func resolveWithBudget(_ p: Profile) -> ResolvedProfile {
        var r = ResolvedProfile(source: p.source)
        r.clientID = p.clientID
        r.age = p.age
        r.sex = p.sex
        r.pregnancy = p.pregnancy
        r.warnings = p.warnings
        r.notes = p.notes
        r.oilSensitivity = p.preferences.oilSensitivity
        r.pressure = p.preferences.pressure.flatMap(Pressure.init(rawValue:))

        for c in p.conditions { resolveCondition(c, into: &r) }
        var onsetSeen: [String: String?] = [:]
        for s in p.symptoms {
            resolveTerm(s, kind: .symptom, into: &r)
            // one onset per symptom: two entries of it that disagree keep the most urgent (new or
            // worsening, then none given, then long-standing), and say so
            if let id = catalog.symptomIndex.resolve(s.text) {
                let rank: (String?) -> Int = { $0 == "new" || $0 == "worsening" ? 2 : $0 == nil ? 1 : 0 }
                if let seen = onsetSeen[id] {
                    if seen != s.onset {
                        r.warnings.append(ProfileWarning(code: "contradictory",
                            message: "'\(Terms.excerpt(s.text))' is given twice with different onsets; the more urgent was kept",
                            field: "\(s.field).onset", line: s.line))
                    }
                    if rank(s.onset) > rank(seen) { onsetSeen[id] = s.onset }
                } else { onsetSeen[id] = s.onset }
                r.symptomOnsets[id] = onsetSeen[id] ?? nil
            }
        }
        for f in p.flags { resolveTerm(f, kind: .flag, into: &r) }
        for m in p.medications { resolveMedication(m, into: &r) }
        for s in p.surgeries {
            var out = ResolvedProfile.ResolvedSurgery(input: s.procedure, weeksAgo: s.weeksAgo)
            out.procedureID = catalog.procedureIndex.resolve(s.procedure)
            if out.procedureID == nil {
                r.warnings.append(unknown("procedure", s.procedure, field: s.path("procedure"), line: s.line,
                                          suggestion: suggest(catalog.procedureIndex, s.procedure), kept: true))
            }
            if let region = s.region { out.region = resolveRegion(region, field: s.path("region"), line: s.line, into: &r) }
            r.surgeries.append(out)
        }
        for g in p.preferences.goals {
            if let id = catalog.goalIndex.resolve(g.text) { appendUnique(id, to: &r.goals) } else {
                r.warnings.append(unknown("goal", g.text, field: g.field, line: g.line, suggestion: suggest(catalog.goalIndex, g.text)))
            }
        }
        if let req = p.preferences.requested {
            if let id = catalog.techniqueIndex.resolve(req.text) { r.requested = id } else {
                r.warnings.append(unknown("technique", req.text, field: req.field, line: req.line,
                                          suggestion: suggest(catalog.techniqueIndex, req.text)))
            }
        }
        reconcile(&r)
        return r
    }

    private enum Kind: String { case condition, symptom, flag }

    private func index(_ kind: Kind) -> Vocabulary {
        switch kind {
        case .condition: catalog.conditionIndex
        case .symptom: catalog.symptomIndex
        case .flag: catalog.flagIndex
        }
    }

    /// A suggestion for `text`, while the budget lasts.
    private func suggest(_ vocabulary: Vocabulary, _ text: String) -> String? {
        budget.spend() ? vocabulary.suggest(text) : nil
    }

    private func unknown(_ what: String, _ text: String, field: String, line: Int?, suggestion: String?, kept: Bool = false) -> ProfileWarning {
        ProfileWarning(
            code: "unknown_term",
            message: "unknown \(what) '\(Terms.excerpt(text))'" + (suggestion.map { "; did you mean '\($0)'?" } ?? "")
                + (kept ? " (kept as text; no rule can match it)" : " (no rule can use it until it is corrected)"),
            field: field, line: line, suggestion: suggestion, term: text)
    }

    private func appendUnique(_ id: String, to list: inout [String]) { if !list.contains(id) { list.append(id) } }

    /// A term is looked up in its own vocabulary first, then in the other two.
    private func resolveTerm(_ e: Profile.Entry, kind: Kind, into r: inout ResolvedProfile) {
        if let id = index(kind).resolve(e.text) { add(id, kind, into: &r); return }
        for other in [Kind.condition, .symptom, .flag] where other != kind {
            if let id = index(other).resolve(e.text) {
                r.warnings.append(ProfileWarning(
                    code: "reclassified", message: "'\(Terms.excerpt(e.text))' is a \(other.rawValue), not a \(kind.rawValue); it was read as the \(other.rawValue) '\(index(other).name(id) ?? id)'",
                    field: e.field, line: e.line))
                add(id, other, into: &r)
                if other == .condition { r.conditions.append(.init(id: id, input: e.text)) }
                return
            }
        }
        if kind == .condition { r.conditions.append(.init(id: nil, input: e.text)) }
        r.warnings.append(unknown(kind.rawValue, e.text, field: e.field, line: e.line, suggestion: suggest(index(kind), e.text)))
    }

    private func add(_ id: String, _ kind: Kind, into r: inout ResolvedProfile) {
        switch kind {
        case .symptom: appendUnique(id, to: &r.symptoms)
        case .flag: appendUnique(id, to: &r.flags)
        case .condition: break
        }
    }

    private func resolveCondition(_ c: Profile.ConditionEntry, into r: inout ResolvedProfile) {
        let byName = c.name.flatMap { catalog.conditionIndex.resolve($0) }
        let byCode = c.icd10.flatMap { catalog.conditionID(forICD10: $0) } ?? c.snomed.flatMap { catalog.conditionID(forSNOMED: $0) }
        if let code = c.icd10, let retired = catalog.retired(icd10: code) {
            r.warnings.append(ProfileWarning(code: "retired_code",
                message: "ICD-10-CM code \(retired.code) was retired on \(retired.retired); use \(retired.replacedBy.joined(separator: ", "))"
                    + (byCode.map { "; it was read as \(catalog.conditionIndex.name($0) ?? $0)" } ?? ""),
                field: c.path("icd10"), line: c.line))
        }
        var out = ResolvedProfile.ResolvedCondition(
            id: byCode ?? byName, input: c.name ?? c.icd10 ?? c.snomed ?? "", icd10: c.icd10.map(ICD10.normalize), side: c.side,
            severity: c.severity, course: c.course, status: c.status)
        if let region = c.region { out.region = resolveRegion(region, field: c.path("region"), line: c.line, into: &r) }
        if let code = c.snomed, c.icd10 == nil, byCode == nil {
            r.warnings.append(ProfileWarning(code: "unknown_code",
                message: "SNOMED CT code '\(Terms.excerpt(code))' is not in the catalog" + (byName != nil ? "; the name was used instead" : ""),
                field: c.path("snomed"), line: c.line, term: code))
        }
        if let code = c.icd10, byCode == nil {
            r.warnings.append(ProfileWarning(code: "unknown_code",
                message: "ICD-10-CM code '\(Terms.excerpt(code))' is not in the catalog" + (byName != nil ? "; the name was used instead" : ""),
                field: c.path("icd10"), line: c.line, term: code))
        }
        if let a = byName, let b = byCode, a != b {
            r.warnings.append(ProfileWarning(code: "contradictory",
                message: "the name '\(Terms.excerpt(c.name!))' means \(catalog.conditionIndex.name(a) ?? a) but code \(Terms.excerpt(c.icd10!)) means \(catalog.conditionIndex.name(b) ?? b); the code was used",
                field: c.field, line: c.line))
        }
        if out.id == nil, let name = c.name {
            resolveTerm(Profile.Entry(text: name, field: c.path("name"), line: c.line), kind: .condition, into: &r)
            return
        }
        if out.id == nil && c.icd10 == nil && c.snomed == nil {
            r.warnings.append(unknown("condition", out.input, field: c.field, line: c.line, suggestion: nil))
        }
        r.conditions.append(out)
    }

    private func resolveRegion(_ text: String, field: String, line: Int?, into r: inout ResolvedProfile) -> String? {
        if let id = catalog.regionIndex.resolve(text) { return id }
        r.warnings.append(unknown("region", text, field: field, line: line, suggestion: suggest(catalog.regionIndex, text)))
        return nil
    }

    /// The catalog medicine `text` names, with the dose words stripped from its end to find it.
    private func lookupMedication(_ text: String) -> (id: String?, words: [String], dose: [String]) {
        var words = Terms.normalize(text).split(separator: " ").map(String.init)
        var doseWords: [String] = []
        var id = catalog.medicationIndex.resolve(words.joined(separator: " "))
        while id == nil, let last = words.last, words.count > 1,
              last.contains(where: \.isNumber) || Self.doseWords.contains(last) {
            doseWords.insert(words.removeLast(), at: 0)
            id = catalog.medicationIndex.resolve(words.joined(separator: " "))
        }
        return (id, words, doseWords)
    }

    private func resolveMedication(_ m: Profile.MedicationEntry, into r: inout ResolvedProfile) {
        // RxNorm's branded names put the brand in square brackets ("apixaban 5 MG Oral Tablet [Eliquis]")
        var m = m
        let input = m.name
        if m.name.contains("[") { m.name = String(m.name.map { $0 == "[" ? "(" : $0 == "]" ? ")" : $0 }) }
        var (id, words, doseWords) = lookupMedication(m.name)
        var bracketed: String?   // a second medicine named in brackets
        // "Xarelto 20mg (rivaroxaban)": a brand with the generic in brackets; either may name it
        if id == nil, let open = m.name.firstIndex(of: "("), let close = m.name[open...].firstIndex(of: ")") {
            let outside = lookupMedication(String(m.name[..<open] + " " + m.name[m.name.index(after: close)...]))
            let inside = lookupMedication(String(m.name[m.name.index(after: open)..<close]))
            if let found = outside.id ?? inside.id {
                id = found
                words = outside.id != nil ? outside.words : inside.words
                doseWords = outside.dose.isEmpty ? inside.dose : outside.dose
            }
            // "ibuprofen (warfarin)": what the brackets name is never dropped
            if let o = outside.id, let i = inside.id, o != i {
                bracketed = i
            } else if outside.id != nil, inside.id == nil, inside.words.contains(where: { $0.contains(where: \.isLetter) }),
                      !inside.words.allSatisfy({ Self.doseWords.contains($0) || $0.contains(where: \.isNumber) }) {
                r.warnings.append(unknown("medication", String(m.name[m.name.index(after: open)..<close]), field: m.field,
                                          line: m.line, suggestion: nil, kept: true))
            }
        }
        // an RxNorm code the catalog knows names the medicine (a name that says another is kept too:
        // the stricter reading); an unknown one leaves the name to decide (records often carry a
        // clinical-drug code the ingredient list does not hold)
        if let code = m.rxnorm, let byCode = catalog.medicationID(forRxNorm: code) {
            if let byName = id, byName != byCode {
                r.warnings.append(ProfileWarning(code: "contradictory",
                    message: "'\(Terms.excerpt(input))' names \(byName) but RxNorm \(Terms.excerpt(code)) is \(byCode); both were kept",
                    field: m.path("rxnorm"), line: m.line))
                if bracketed == nil { bracketed = byName } else {
                    r.medications.append(.init(id: byName, input: input, classID: catalog.medication(byName)?.classID, dose: nil))
                }
            }
            id = byCode
        }
        let dose = m.dose ?? (doseWords.isEmpty ? nil : doseWords.joined(separator: " "))
        var cls = id.flatMap { catalog.medication($0)?.classID }
        if let given = m.medicationClass {
            if let givenID = catalog.classIndex.resolve(given) {
                if let c = cls, c != givenID {
                    r.warnings.append(ProfileWarning(code: "contradictory",
                        message: "'\(Terms.excerpt(input))' is in class \(c) in the catalog, not \(givenID); the catalog class was used",
                        field: "\(m.field).class", line: m.line))
                } else { cls = givenID }
            } else {
                r.warnings.append(unknown("medication class", given, field: "\(m.field).class", line: m.line,
                                          suggestion: suggest(catalog.classIndex, given)))
            }
        }
        if id == nil && cls == nil {
            if let classID = catalog.classIndex.resolve(m.name) {
                cls = classID
            } else {
                if let code = m.rxnorm {
                    r.warnings.append(ProfileWarning(code: "unknown_code", message: "RxNorm code '\(Terms.excerpt(code))' is not in the catalog",
                                                     field: m.path("rxnorm"), line: m.line, term: code))
                }
                r.warnings.append(unknown("medication", input, field: m.field, line: m.line,
                                          suggestion: suggest(catalog.medicationIndex, words.joined(separator: " ")), kept: true))
            }
        }
        r.medications.append(.init(id: id, input: input, classID: cls, dose: dose))
        if let other = bracketed {
            r.medications.append(.init(id: other, input: input, classID: catalog.medication(other)?.classID, dose: nil))
        }
    }

    /// Merges facts stated twice and flags contradictions; the stricter fact wins.
    private func reconcile(_ r: inout ResolvedProfile) {
        if r.flags.contains("pregnant") && r.pregnancy == nil { r.pregnancy = Profile.Pregnancy() }
        if r.flags.contains("high_risk_pregnancy") {
            if r.pregnancy?.highRisk == false {
                r.warnings.append(ProfileWarning(code: "contradictory",
                    message: "pregnancy.high_risk is false but the flags say high-risk pregnancy; treated as high-risk",
                    field: "pregnancy.high_risk"))
            }
            var p = r.pregnancy ?? Profile.Pregnancy()
            p.highRisk = true
            r.pregnancy = p
        }
        if r.sex == "male", r.pregnancy != nil {
            r.warnings.append(ProfileWarning(code: "contradictory",
                message: "the client is recorded as male and as pregnant; please check (the pregnancy was kept)",
                field: "pregnancy"))
        }
        if r.age == nil { r.missing.append("client.age: age-related rules (frailty, minors) cannot apply") }
        if r.conditions.isEmpty && r.symptoms.isEmpty {
            r.missing.append("conditions and symptoms: no condition-specific rule can apply")
        }
        if r.goals.isEmpty && r.pressure == nil && r.requested == nil {
            r.missing.append("preferences: no goals, pressure or requested technique to tailor the ranking")
        }
        if r.medications.isEmpty && r.flags.isEmpty {
            r.missing.append("medications and flags: none given; if there are none, say so by leaving them empty on purpose")
        }
    }
}
