/// Patient, Condition, MedicationRequest/MedicationStatement, Procedure and AllergyIntolerance.
extension FHIRImport {
    mutating func readPatient(_ r: FHIRNode) throws(InputError) {
        let id = try r.string("id")
        if let known = profile.clientID ?? (patientReferences.isEmpty ? nil : ""), known != id || id == nil {
            throw r.error("a second Patient: one profile is one client's record")
        }
        if let first = firstPatient {
            // the same Patient twice (a search that included it again): only if it says the same
            guard try first.string("gender") == r.string("gender"), try first.string("birthDate") == r.string("birthDate") else {
                throw r.error("the Patient appears twice with different gender or birthDate: check the record")
            }
            note(Self.ignored, "the same Patient again; read once", at: r)
            return
        }
        firstPatient = r
        if let id { patientReferences.insert("Patient/\(id)") }
        for (url, node) in byReference where node.path == r.path { patientReferences.insert(url) }
        if patientReferences.isEmpty { patientReferences.insert(r.path) }   // a Patient with no id or fullUrl: nothing can refer to it
        profile.clientID = id
        if let gender = try r.string("gender") {
            if Profile.sexes.contains(gender) { profile.sex = gender }
            else { note(Self.notRead, "gender '\(Terms.excerpt(gender))' is not one of male, female, other, unknown", at: try r["gender"]!) }
        }
        let deceasedFlag = try r["deceasedBoolean"]?.node.text() == "true"
        let deceasedDate = try r["deceasedDateTime"] != nil
        if deceasedFlag || deceasedDate {
            note(Self.notRead, "the Patient is recorded as deceased; check that this is the right record", at: r)
        }
        guard let birthNode = try r["birthDate"] else { return }
        let text = try birthNode.node.text()
        guard let birth = CalendarDate(text) else { throw birthNode.error("'\(Terms.excerpt(text))' is not a FHIR date") }
        guard let asOf else { return }
        let youngest = asOf.completedYears(since: birth.latest), oldest = asOf.completedYears(since: birth.earliest)
        if youngest < 0 || oldest > 130 {
            profile.warnings.append(ProfileWarning(code: "implausible_value",
                message: "birthDate \(birth) gives an age of \(oldest) on \(asOfOrigin); the age was left out", field: birthNode.path, line: birthNode.line))
            return
        }
        profile.age = max(0, youngest)
        if youngest != oldest {
            note(Self.notRead, "birthDate \(birth) is not a full date: the client is \(max(0, youngest)) or \(oldest) on \(asOfOrigin); "
                 + "\(max(0, youngest)) was used; check the age", at: birthNode)
        }
    }

    mutating func readCondition(_ r: FHIRNode) throws(InputError) {
        try checkSubject(r)
        if try disbelieved(r) { return }
        var c = Profile.ConditionEntry(field: r.path, line: r.line)
        if let node = try r["clinicalStatus"] {
            let status = try FHIRConcept(node).firstCode ?? ""
            if Profile.statuses.contains(status) { c.status = status }
            else { note(Self.notRead, "clinicalStatus '\(Terms.excerpt(status))' is not a FHIR condition status; the condition was taken as active", at: node) }
        } else {
            note(Self.assumed, "a Condition without a clinicalStatus was taken as active", at: r)
        }
        guard let codeNode = try r["code"] else {
            note(Self.notRead, "a Condition without a code says nothing Rubric can read; check it", at: r)
            return
        }
        let concept = try FHIRConcept(codeNode)
        for (system, field) in [(FHIRTerminology.icd10cm, "icd10"), (FHIRTerminology.snomed, "snomed")] {
            let codings = concept.codings.filter { $0.system == system && $0.code != nil }
            guard let first = codings.first else { continue }
            if field == "icd10" { c.icd10 = first.code } else { c.snomed = first.code }
            c.paths[field] = first.node.path
            for extra in codings.dropFirst() {
                note(Self.notRead, "a second \(field == "icd10" ? "ICD-10-CM" : "SNOMED CT") code in one concept was not read; check it",
                     at: extra.node, term: extra.code)
            }
        }
        let others = concept.codings.filter { ![FHIRTerminology.icd10cm, FHIRTerminology.snomed].contains($0.system ?? "") }
        c.name = concept.label
        c.paths["name"] = codeNode.path
        guard c.name != nil || c.icd10 != nil || c.snomed != nil else {
            let systems = others.map { $0.system.map { "'\(Terms.excerpt($0))'" } ?? "no system" }
            note(Self.notRead, "the Condition's code has no ICD-10-CM or SNOMED CT code and no text"
                 + (systems.isEmpty ? "" : " (only \(Set(systems).sorted().joined(separator: ", ")))") + "; check it",
                 at: codeNode, term: others.first?.code)
            return
        }
        for other in others {
            note(Self.ignored, "a code of \(other.system.map { "'\(Terms.excerpt($0))'" } ?? "no system") was not read "
                 + "(Rubric reads ICD-10-CM and SNOMED CT codes and the text)", at: other.node, term: other.code)
        }
        let sites = try r.array("bodySite")
        if let site = sites.first {
            c.region = try FHIRConcept(site).label
            c.paths["region"] = site.path
            if c.region == nil { note(Self.notRead, "a bodySite without text or display was not read", at: site) }
        }
        for extra in sites.dropFirst() { note(Self.notRead, "only the first bodySite is read; this one was not: check it", at: extra) }
        if let node = try r["severity"] { c.severity = try severity(node) }
        c.course = try course(r)
        if try r.first("abatementDateTime", "abatementPeriod", "abatementAge", "abatementRange", "abatementString") != nil,
           FHIRTerminology.activeClinicalStatuses.contains(c.status ?? "active") {
            profile.warnings.append(ProfileWarning(code: "contradictory",
                message: "the Condition has abated but its clinicalStatus is \(c.status ?? "missing"); it was taken as active",
                field: r.path, line: r.line))
        }
        if hypertension(concept) && FHIRTerminology.activeClinicalStatuses.contains(c.status ?? "active") { hasHypertension = true }
        profile.conditions.append(c)
    }

    /// Whether a verificationStatus says the record is refuted or entered in error (it is then left out, and said).
    mutating func disbelieved(_ r: FHIRNode) throws(InputError) -> Bool {
        guard let node = try r["verificationStatus"], let code = try FHIRConcept(node).firstCode,
              FHIRTerminology.disbelievedVerification.contains(code) else { return false }
        note(Self.ignored, "verificationStatus is \(code): the record was not used", at: node)
        return true
    }

    private mutating func severity(_ node: FHIRNode) throws(InputError) -> String? {
        let concept = try FHIRConcept(node)
        if let code = concept.coding(FHIRTerminology.snomed)?.code, let s = FHIRTerminology.severities[code] { return s }
        if let label = concept.label, Profile.severities.contains(Terms.normalize(label)) { return Terms.normalize(label) }
        note(Self.notRead, "severity \(concept.described) is not mild, moderate or severe (SNOMED CT 255604002, 6736007, 24484000)", at: node)
        return nil
    }

    /// acute (under 4 weeks), subacute (4 to 12) or chronic (over 12), from `onset[x]`.
    private mutating func course(_ r: FHIRNode) throws(InputError) -> String? {
        var weeks: Double?
        var onsetDate = try r.first("onsetDateTime"), onsetAge = try r.first("onsetAge")
        if onsetDate == nil { onsetDate = try r["onsetPeriod"]?.first("start") }
        if onsetAge == nil { onsetAge = try r["onsetRange"]?.first("low") }
        if let node = onsetDate {
            guard let days = try daysAgo(node) else { return nil }
            weeks = Double(days) / 7
        } else if let node = onsetAge {
            guard let onsetYears = try years(node), let age = profile.age else {
                note(Self.assumed, "the onset age could not be compared with the client's age: the course was not derived", at: node)
                return nil
            }
            let elapsed = Double(age) - onsetYears
            guard elapsed >= 1 else {
                note(Self.assumed, "the onset age is within a year of the client's age: the course was not derived", at: node)
                return nil
            }
            weeks = elapsed * 52
        } else if let node = try r["onsetString"] {
            note(Self.assumed, "onsetString is free text: the course was not derived", at: node)
        }
        guard let weeks else { return nil }
        return weeks < 4 ? "acute" : weeks <= 12 ? "subacute" : "chronic"
    }

    /// Days from a date element to the as-of date (its latest possible day, so the most recent reading
    /// of a partial date); `nil` without an as-of date, or for a date after it (warned).
    mutating func daysAgo(_ node: FHIRNode) throws(InputError) -> Int? {
        let text = try node.node.text()
        guard let date = CalendarDate(text) else { throw node.error("'\(Terms.excerpt(text))' is not a FHIR date or dateTime") }
        guard let asOf else { return nil }
        let days = asOf.days(since: date.latest)
        if days < 0 {
            profile.warnings.append(ProfileWarning(code: "implausible_value",
                message: "\(date) is after \(asOfOrigin); the date was not used", field: node.path, line: node.line))
            return nil
        }
        return days
    }

    /// A FHIR `Age` quantity in years (`a`, `mo`, `wk`, `d`).
    private func years(_ node: FHIRNode) throws(InputError) -> Double? {
        guard let value = try node.number("value") else { return nil }
        let unit = try node.unit()
        switch unit ?? "a" {
        case "a", "yr", "year", "years": return value
        case "mo", "month", "months": return value / 12
        case "wk", "week", "weeks": return value / 52
        case "d", "day", "days": return value / 365
        default: return nil
        }
    }

    private func hypertension(_ concept: FHIRConcept) -> Bool {
        if let code = concept.coding(FHIRTerminology.icd10cm)?.code,
           FHIRTerminology.hypertensionICD10Prefixes.contains(where: { code.uppercased().hasPrefix($0) }) { return true }
        if concept.has(FHIRTerminology.snomed, FHIRTerminology.hypertensionSNOMED) { return true }
        // by name only the systemic kinds: "pulmonary", "ocular", "portal" or "intracranial hypertension" are other diseases
        return concept.label.map { FHIRTerminology.hypertensionNames.contains(Terms.normalize($0)) } ?? false
    }
}
