/// MedicationRequest and MedicationStatement, Procedure, AllergyIntolerance.
extension FHIRImport {
    mutating func readMedication(_ r: FHIRNode, type: String) throws(InputError) {
        try checkSubject(r)
        let current: Set<String> = type == "MedicationRequest" ? ["active", "on-hold", "unknown"] : ["active", "intended", "on-hold", "unknown"]
        if try r["doNotPerform"]?.node.text() == "true" {
            note(Self.ignored, "a MedicationRequest not to give a medicine (doNotPerform) is not a medicine taken", at: r)
            return
        }
        if let status = try r.string("status") {
            if status == "unknown" {
                note(Self.assumed, "a \(type) with status unknown was taken as current (the safer reading)", at: try r["status"]!)
            }
            guard current.contains(status) else {
                note(Self.ignored, "a \(type) with status \(Terms.excerpt(status)) is not a current medicine; it was not used", at: try r["status"]!)
                return
            }
        } else {
            note(Self.assumed, "a \(type) without a status was taken as current", at: r)
        }
        guard let concept = try medicationConcept(r) else { return }
        let rx = concept.coding(FHIRTerminology.rxnorm)
        guard let name = concept.label ?? rx.flatMap({ $0.code.map { "RxNorm \($0)" } }) else {
            note(Self.notRead, "the medicine has no RxNorm code and no text; check it", at: concept.node)
            return
        }
        var m = Profile.MedicationEntry(name: name, field: concept.node.path, line: concept.node.line)
        m.rxnorm = rx?.code
        if let rx { m.paths["rxnorm"] = rx.node.path }
        let dosage = try r.array(type == "MedicationRequest" ? "dosageInstruction" : "dosage")
        m.dose = try dosage.first?.string("text")
        profile.medications.append(m)
    }

    /// The medicine's concept: `medication[x]` itself, or the Medication it refers to (contained, or in the Bundle).
    private mutating func medicationConcept(_ r: FHIRNode) throws(InputError) -> FHIRConcept? {
        if let node = try r["medicationCodeableConcept"] { return try FHIRConcept(node) }
        guard let refNode = try r["medicationReference"], let ref = try refNode.string("reference") else {
            note(Self.notRead, "no medicationCodeableConcept or medicationReference: the medicine is unknown; check it", at: r)
            return nil
        }
        var target: FHIRNode?
        if ref.hasPrefix("#") {
            for c in try r.array("contained") where try c.string("id") == String(ref.dropFirst()) { target = c }
        } else {
            // exact, else the longest name the reference ends with (ties by name: the same answer every run)
            target = byReference[ref] ?? byReference.keys.filter { ref.hasSuffix("/\($0)") }
                .sorted { ($0.count, $1) > ($1.count, $0) }.first.flatMap { byReference[$0] }
        }
        guard let target, try target.string("resourceType") == "Medication" else {
            note(Self.notRead, "medicationReference '\(Terms.excerpt(ref))' names no Medication in the Bundle: the medicine is unknown; check it",
                 at: refNode)
            return nil
        }
        guard let code = try target["code"] else {
            note(Self.notRead, "the Medication has no code: the medicine is unknown; check it", at: target)
            return nil
        }
        return try FHIRConcept(code)
    }

    mutating func readProcedure(_ r: FHIRNode) throws(InputError) {
        try checkSubject(r)
        let status = try r.string("status") ?? "completed"
        guard ["completed", "in-progress", "stopped", "unknown"].contains(status) else {
            note(Self.ignored, "a Procedure with status \(Terms.excerpt(status)) was not done; it was not used", at: try r["status"] ?? r)
            return
        }
        guard let codeNode = try r["code"], let name = try FHIRConcept(codeNode).label else {
            note(Self.notRead, "a Procedure without a text or display says nothing Rubric can read; check it", at: r)
            return
        }
        var s = Profile.SurgeryEntry(procedure: name, field: r.path, line: r.line)
        s.paths["procedure"] = codeNode.path
        var performed = try r.first("performedDateTime")
        if performed == nil, let period = try r["performedPeriod"] { performed = try period.first("end", "start") }
        if let performed {
            if let days = try daysAgo(performed) { s.weeksAgo = (Double(days) / 7 * 10).rounded(.down) / 10 }
        } else if let other = try r.first("performedString", "performedAge", "performedRange") {
            note(Self.assumed, "the Procedure's date is not a dateTime: its timing is unknown, which the rules treat as possibly recent", at: other)
        } else {
            note(Self.assumed, "the Procedure has no performed date: its timing is unknown, which the rules treat as possibly recent", at: r)
        }
        let sites = try r.array("bodySite")
        if let site = sites.first {
            s.region = try FHIRConcept(site).label
            s.paths["region"] = site.path
        }
        for extra in sites.dropFirst() { note(Self.notRead, "only the first bodySite is read; this one was not: check it", at: extra) }
        profile.surgeries.append(s)
    }

    mutating func readAllergy(_ r: FHIRNode) throws(InputError) {
        try checkSubject(r)
        if try disbelieved(r) { return }
        if let node = try r["clinicalStatus"], let status = try FHIRConcept(node).firstCode, status != "active" {
            note(Self.ignored, "an allergy with clinicalStatus \(Terms.excerpt(status)) was not used", at: node)
            return
        }
        var substances: [String] = []
        if let code = try r["code"], let label = try FHIRConcept(code).label { substances.append(label) }
        for reaction in try r.array("reaction") {
            if let node = try reaction["substance"], let label = try FHIRConcept(node).label { substances.append(label) }
        }
        guard let named = substances.first else {
            note(Self.notRead, "an AllergyIntolerance without a substance's text or display; check it", at: r)
            return
        }
        let medium = substances.first { s in
            let words = Terms.normalize(s)
            return FHIRTerminology.mediumAllergens.contains { words.contains($0) }
        }
        guard let medium else {
            note(Self.ignored, "an allergy to '\(Terms.excerpt(named))' does not bear on technique or medium; it was not used", at: r)
            return
        }
        profile.preferences.oilSensitivity = true
        profile.notes.append(Profile.Note(field: r.path, line: r.line, text: "Allergy: \(medium)"))
        note(Self.assumed, "an allergy to '\(Terms.excerpt(medium))' was read as oil sensitivity: no oil or cream on the skin", at: r)
    }
}
