/// What in a profile the engine does not recognise or cannot judge (``ReviewItem``): unknown
/// terms and codes, recognised terms no rule uses, implausible or out-of-scope values and
/// contradictions, from the resolver's warnings and the rule set's literal references.
struct ReviewFinder {
    let catalog: Catalog
    let references: TermReferences

    /// The youngest client the rule set is written for.
    static let adultAge = 18
    /// Ages above this are taken as a mistake.
    static let oldestPlausibleAge = 110

    func items(for profile: ResolvedProfile) -> [ReviewItem] {
        var out: [ReviewItem] = []
        for w in profile.warnings {
            let code: ReviewItem.Code
            switch w.code {
            case "unknown_term": code = .notUnderstood
            case "unknown_code": code = .unknownCode
            case "implausible_value": code = .implausible
            case "contradictory": code = .contradictory
            case "unknown_field", "invalid_value", FHIRImport.notRead: code = .notRead
            default: continue
            }
            out.append(ReviewItem(code: code, field: w.field, line: w.line, term: w.term, message: w.message))
        }
        if profile.age == nil {
            out.append(ReviewItem(code: .missing, field: "client.age", line: nil, term: nil,
                                  message: "no age given: the rules for children and for fracture risk after 70 cannot apply; check the age"))
        }
        if let age = profile.age, !out.contains(where: { $0.field == "client.age" }) {
            if age > Self.oldestPlausibleAge {
                out.append(ReviewItem(code: .implausible, field: "client.age", line: nil, term: "\(age)",
                                      message: "age \(age) is not plausible; check it"))
            } else if age < Self.adultAge {
                out.append(ReviewItem(code: .outOfScope, field: "client.age", line: nil, term: "\(age)",
                                      message: "a child (age \(age)): these rules are written for adults, so nothing here is known to be safe for a child"))
            }
        }
        out += uncovered(profile)
        return out
    }

    /// Recognised terms that no rule names: the ranking cannot have accounted for them.
    private func uncovered(_ p: ResolvedProfile) -> [ReviewItem] {
        var out: [ReviewItem] = []
        var seen = Set<String>()   // field paths are 1-based, as the profile errors' are
        // the field and name are made only for a term no rule covers (nearly every term is covered)
        func add(_ vocabulary: String, _ id: String, _ field: @autoclosure () -> String, _ name: @autoclosure () -> String,
                 _ what: String) {
            guard !references.names(id, in: vocabulary), seen.insert("\(vocabulary)/\(id)").inserted else { return }
            let name = name()
            out.append(ReviewItem(code: .uncovered, field: field(), line: nil, term: name,
                                  message: "\(name): no rule covers this \(what); the ranking does not account for it"))
        }
        for (i, c) in p.conditions.enumerated() where c.active {
            guard let id = c.id else { continue }
            add("condition", id, "conditions[\(i + 1)]", catalog.condition(id)?.name ?? id, "condition")
        }
        for (i, id) in p.symptoms.enumerated() {
            add("symptom", id, "symptoms[\(i + 1)]", catalog.symptoms.first { $0.id == id }?.name ?? id, "symptom")
        }
        for (i, id) in p.flags.enumerated() {
            add("flag", id, "flags[\(i + 1)]", catalog.flags.first { $0.id == id }?.name ?? id, "flag")
        }
        for (i, m) in p.medications.enumerated() {
            guard let cls = m.classID else { continue }
            add("medication class", cls, "medications[\(i + 1)]",
                "\(m.input) (\(catalog.medicationClasses.first { $0.id == cls }?.name ?? cls))", "kind of medicine")
        }
        return out
    }
}
