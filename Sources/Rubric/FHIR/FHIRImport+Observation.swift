/// Observations: pregnancy status and gestational age, blood pressure, body temperature,
/// smoking status and platelets. Each kind is decided from its latest reading once all are read.
struct ObservationFindings {
    struct Reading<Value> {
        var date: CalendarDate?
        var value: Value
        var node: FHIRNode
    }

    var pregnancyStatus: [Reading<String>] = []
    var gestationalWeeks: [Reading<Double>] = []
    var bloodPressure: [Reading<(systolic: Double, diastolic: Double)>] = []
    var temperature: [Reading<Double>] = []
    var smoking: [Reading<String>] = []
    var platelets: [Reading<Double>] = []

    /// The latest reading: a dated reading wins over an undated one, and among equals the later in the document.
    static func latest<V>(_ readings: [Reading<V>]) -> Reading<V>? {
        var best: Reading<V>?
        for r in readings {
            guard let b = best else { best = r; continue }
            switch (b.date, r.date) {
            case (nil, _): best = r
            case (let bd?, let rd?) where rd.latest >= bd.latest: best = r
            default: break
            }
        }
        return best
    }
}

extension FHIRImport {
    mutating func readObservation(_ r: FHIRNode) throws(InputError) {
        try checkSubject(r)
        let status = try r.string("status") ?? "final"
        if status == "unknown" { note(Self.assumed, "an Observation with status unknown was read (the safer reading)", at: try r["status"]!) }
        guard ["final", "amended", "corrected", "preliminary", "unknown"].contains(status) else {
            note(Self.ignored, "an Observation with status \(Terms.excerpt(status)) was not used", at: try r["status"] ?? r)
            return
        }
        guard let codeNode = try r["code"] else {
            note(Self.notRead, "an Observation without a code; check it", at: r)
            return
        }
        let concept = try FHIRConcept(codeNode)
        let loinc = Set(concept.codings.filter { $0.system == FHIRTerminology.loinc }.compactMap(\.code))
        var dateNode = try r.first("effectiveDateTime", "effectiveInstant")
        if dateNode == nil { dateNode = try r["effectivePeriod"]?.first("end", "start") }
        if dateNode == nil { dateNode = try r.first("issued") }
        var date: CalendarDate?
        if let dateNode {
            let text = try dateNode.node.text()
            guard let d = CalendarDate(text) else { throw dateNode.error("'\(Terms.excerpt(text))' is not a FHIR dateTime") }
            if let asOf, d.earliest > asOf {
                profile.warnings.append(ProfileWarning(code: "implausible_value",
                    message: "the Observation is dated \(d), after \(asOfOrigin); it was not used", field: dateNode.path, line: dateNode.line))
                return
            }
            date = d
        }
        if try r["dataAbsentReason"] != nil, try r.array("component").isEmpty {
            note(Self.ignored, "an Observation with a dataAbsentReason has no value; it was not used", at: r)
            return
        }

        if loinc.contains(FHIRTerminology.pregnancyStatus) {
            guard let value = try r["valueCodeableConcept"], let code = try FHIRConcept(value).coding(FHIRTerminology.snomed)?.code else {
                note(Self.notRead, "a pregnancy status without a SNOMED CT value; check it", at: r)
                return
            }
            observations.pregnancyStatus.append(.init(date: date, value: code, node: r))
        } else if !loinc.isDisjoint(with: FHIRTerminology.gestationalAge) {
            guard let q = try r["valueQuantity"], let value = try q.number("value") else {
                note(Self.notRead, "a gestational age without a quantity; check it", at: r)
                return
            }
            let unit = try q.unit()
            switch unit ?? "wk" {
            case "wk", "week", "weeks": observations.gestationalWeeks.append(.init(date: date, value: value, node: r))
            case "d", "day", "days": observations.gestationalWeeks.append(.init(date: date, value: value / 7, node: r))
            default: note(Self.notRead, "a gestational age in '\(Terms.excerpt(unit ?? ""))' (expected wk or d); check it", at: q)
            }
        } else if !loinc.isDisjoint(with: FHIRTerminology.bloodPressurePanel) {
            var systolic: Double?, diastolic: Double?
            for c in try r.array("component") {
                guard let code = try c["code"] else { continue }
                let codes = try FHIRConcept(code)
                var value = try c["valueQuantity"]?.number("value")
                if let q = try c["valueQuantity"], value != nil {
                    let unit = try q.unit()
                    switch unit ?? "mm[Hg]" {
                    case "mm[Hg]", "mmHg", "mm Hg": break
                    case "kPa": value = value.map { $0 * 7.50062 }
                    default:
                        note(Self.notRead, "a blood pressure in '\(Terms.excerpt(unit ?? ""))' (expected mm[Hg] or kPa); check it", at: q)
                        return
                    }
                }
                if codes.has(FHIRTerminology.loinc, [FHIRTerminology.systolic]) { systolic = value }
                if codes.has(FHIRTerminology.loinc, [FHIRTerminology.diastolic]) { diastolic = value }
            }
            guard let systolic, let diastolic else {
                note(Self.notRead, "a blood pressure panel without systolic (8480-6) and diastolic (8462-4) values; check it", at: r)
                return
            }
            observations.bloodPressure.append(.init(date: date, value: (systolic, diastolic), node: r))
        } else if loinc.contains(FHIRTerminology.bodyTemperature) {
            guard let q = try r["valueQuantity"], let value = try q.number("value") else {
                note(Self.notRead, "a body temperature without a quantity; check it", at: r)
                return
            }
            let unit = try q.unit()
            switch unit ?? "Cel" {
            case "Cel", "°C", "C": observations.temperature.append(.init(date: date, value: value, node: r))
            case "[degF]", "°F", "F": observations.temperature.append(.init(date: date, value: (value - 32) * 5 / 9, node: r))
            default: note(Self.notRead, "a body temperature in '\(Terms.excerpt(unit ?? ""))' (expected Cel or [degF]); check it", at: q)
            }
        } else if loinc.contains(FHIRTerminology.smokingStatus) {
            guard let value = try r["valueCodeableConcept"], let code = try FHIRConcept(value).coding(FHIRTerminology.snomed)?.code else {
                note(Self.notRead, "a smoking status without a SNOMED CT value; check it", at: r)
                return
            }
            observations.smoking.append(.init(date: date, value: code, node: r))
        } else if loinc.contains(FHIRTerminology.platelets) {
            guard let q = try r["valueQuantity"], let value = try q.number("value") else {
                note(Self.notRead, "a platelet count without a quantity; check it", at: r)
                return
            }
            let unit = try q.unit()
            switch unit ?? "" {
            case "10*3/uL", "10*9/L", "10^3/uL", "10^9/L", "K/uL", "x10E3/uL": observations.platelets.append(.init(date: date, value: value, node: r))
            case "/uL", "/mm3": observations.platelets.append(.init(date: date, value: value / 1000, node: r))
            default: note(Self.notRead, "a platelet count in '\(Terms.excerpt(unit ?? ""))' (expected 10*3/uL or 10*9/L); check it", at: q)
            }
        } else if let what = loinc.lazy.compactMap({ FHIRTerminology.unusedObservations[$0] }).first {
            note(Self.ignored, "a \(what) observation is read and not used by any rule", at: r)
        } else {
            note(Self.notRead, "an Observation \(concept.described)\(loinc.isEmpty ? " without a LOINC code" : "") is not read by Rubric: "
                 + "what it says is not used; check it", at: r, term: loinc.sorted().first)
        }
    }

    /// Turns the latest reading of each kind into the profile's facts, and says what was derived.
    mutating func decideObservations() {
        let o = observations
        func when(_ r: ObservationFindings.Reading<some Any>) -> String { r.date.map { " on \($0)" } ?? "" }

        let status = ObservationFindings.latest(o.pregnancyStatus)
        let gestation = ObservationFindings.latest(o.gestationalWeeks)
        let statusSaysPregnant = status?.value == FHIRTerminology.pregnant
        // a gestational age counts unless a later status says not pregnant (when the dates cannot tell, it counts)
        var gestationIsNewer = gestation != nil
        if let g = gestation, let s = status, let gd = g.date, let sd = s.date { gestationIsNewer = gd.latest >= sd.latest }
        if statusSaysPregnant || gestationIsNewer {
            var pregnancy: Profile.Pregnancy? = Profile.Pregnancy()
            if let g = gestation {
                var weeks = g.value
                if let d = g.date, let asOf { weeks += Double(asOf.days(since: d.latest)) / 7 }
                if weeks < 0 || weeks > 45 {
                    profile.warnings.append(ProfileWarning(code: "implausible_value",
                        message: "a gestational age of \(Int(weeks)) weeks on \(asOfOrigin) is outside 0–45"
                            + (statusSaysPregnant ? "; the weeks were left out" : ": an earlier pregnancy? No pregnancy was recorded; check it"),
                        field: g.node.path, line: g.node.line))
                    if !statusSaysPregnant { pregnancy = nil }
                } else {
                    pregnancy?.weeks = Int(weeks.rounded(.down))
                    note(Self.assumed, "gestational age \(Int(g.value.rounded(.down))) weeks\(when(g)): \(Int(weeks.rounded(.down))) completed weeks"
                         + (asOf == nil ? " (no as-of date: not counted on)" : " on \(asOfOrigin)"), at: g.node)
                }
            }
            profile.pregnancy = pregnancy
        } else if let s = status {
            let what = s.value == FHIRTerminology.notPregnant ? "not pregnant" : "pregnancy status \(s.value)"
            note(s.value == FHIRTerminology.notPregnant ? Self.ignored : Self.notRead,
                 "the latest pregnancy status\(when(s)) is \(what); no pregnancy was recorded", at: s.node)
        }

        // a reading with no date may be the latest: when a dated one decides, the undated need review
        func undated<V>(_ readings: [ObservationFindings.Reading<V>], _ what: String) {
            guard let chosen = ObservationFindings.latest(readings), chosen.date != nil else { return }
            for r in readings where r.date == nil {
                note(Self.notRead, "an undated \(what) (it may be the latest reading): the dated one was used; check it", at: r.node)
            }
        }
        undated(o.bloodPressure, "blood pressure")
        undated(o.temperature, "body temperature")
        undated(o.platelets, "platelet count")
        if let bp = ObservationFindings.latest(o.bloodPressure) {
            let (sys, dia) = bp.value
            let reading = "blood pressure \(format(sys))/\(format(dia)) mmHg\(when(bp))"
            if sys >= FHIRTerminology.severeSystolic || dia >= FHIRTerminology.severeDiastolic {
                profile.flags.append(Profile.Entry(text: "uncontrolled hypertension", field: bp.node.path, line: bp.node.line))
                note(Self.assumed, "\(reading) is severe (180/120 or more): read as severe uncontrolled hypertension", at: bp.node)
            } else if sys < FHIRTerminology.targetSystolic && dia < FHIRTerminology.targetDiastolic && hasHypertension,
                      let d = bp.date, let asOf, asOf.days(since: d.latest) > FHIRTerminology.controlledWindowDays {
                note(Self.ignored, "\(reading) is under target but more than \(FHIRTerminology.controlledWindowDays) days before "
                     + "\(asOfOrigin): too old to call the hypertension controlled", at: bp.node)
            } else if sys < FHIRTerminology.targetSystolic && dia < FHIRTerminology.targetDiastolic && hasHypertension && bp.date != nil && asOf != nil {
                profile.flags.append(Profile.Entry(text: "controlled hypertension", field: bp.node.path, line: bp.node.line))
                note(Self.assumed, "\(reading) is under the 140/90 target: the recorded hypertension was read as controlled", at: bp.node)
            } else {
                note(Self.ignored, "\(reading) sets no flag (severe is 180/120 or more; controlled needs a hypertension Condition and under 140/90)", at: bp.node)
            }
        }

        if let t = ObservationFindings.latest(o.temperature) {
            let reading = "body temperature \(format(t.value)) °C\(when(t))"
            let days = t.date.flatMap { d in asOf.map { $0.days(since: d.latest) } }
            if t.value < FHIRTerminology.feverCelsius {
                note(Self.ignored, "\(reading) is not a fever (38.0 °C or more)", at: t.node)
            } else if let days, days > FHIRTerminology.feverWindowDays {
                note(Self.ignored, "\(reading) was a fever \(days) days before \(asOfOrigin): not current, not used", at: t.node)
            } else {
                profile.symptoms.append(Profile.Entry(text: "fever", field: t.node.path, line: t.node.line, onset: "new"))
                note(Self.assumed, "\(reading) is a fever (38.0 °C or more)" + (days == nil ? "; its date could not be checked, so it was taken as current" : ""), at: t.node)
            }
        }

        if let s = ObservationFindings.latest(o.smoking) {
            if FHIRTerminology.currentSmoker.contains(s.value) {
                profile.flags.append(Profile.Entry(text: "smoker", field: s.node.path, line: s.node.line))
                note(Self.assumed, "smoking status SNOMED CT \(s.value)\(when(s)) was read as a current smoker", at: s.node)
            } else if !FHIRTerminology.notCurrentSmoker.contains(s.value) {
                note(Self.notRead, "smoking status SNOMED CT \(Terms.excerpt(s.value)) is not one Rubric knows; check it", at: s.node, term: s.value)
            }
        }

        if let p = ObservationFindings.latest(o.platelets) {
            if p.value < FHIRTerminology.lowPlatelets {
                profile.flags.append(Profile.Entry(text: "low platelets", field: p.node.path, line: p.node.line))
                note(Self.assumed, "platelets \(format(p.value)) × 10⁹/L\(when(p)) are under 50: read as low platelets", at: p.node)
            } else {
                note(Self.ignored, "platelets \(format(p.value)) × 10⁹/L\(when(p)) are not low (under 50)", at: p.node)
            }
        }
    }

    /// One decimal at most (38.3, 120).
    private func format(_ x: Double) -> String { JSONValue.double((x * 10).rounded() / 10).serialized() }
}
