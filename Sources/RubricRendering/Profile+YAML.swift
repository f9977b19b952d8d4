public import Rubric

extension Profile {
    /// The profile as Rubric profile YAML (`docs/profiles.md`), as `rubric fhir convert` prints
    /// what it derived from a FHIR record for a person to review. The warnings come first as
    /// comments (what was left out, assumed or not understood, with the FHIR path and line);
    /// every text is double-quoted, so the output reads back as the same profile.
    public var yaml: String {
        var out: [String] = ["# Rubric profile derived from \(Self.comment(source))"]
        if !warnings.isEmpty {
            out.append("#")
            out.append("# What the import left out, assumed or did not understand:")
            for w in warnings {
                let place = [w.field, w.line.map { "line \($0)" }].compactMap { $0 }.joined(separator: ", ")
                out.append("# - [\(w.code)] \(Self.comment(place.isEmpty ? "" : place + ": "))\(Self.comment(w.message))")
            }
        }
        if clientID != nil || age != nil || sex != nil {
            out.append("client:")
            if let clientID { out.append("  id: \(Self.quoted(clientID))") }
            if let age { out.append("  age: \(age)") }
            if let sex { out.append("  sex: \(sex)") }
        }
        if !conditions.isEmpty {
            out.append("conditions:")
            for c in conditions {
                var fields: [(String, String)] = []
                if let v = c.name { fields.append(("name", Self.quoted(v))) }
                if let v = c.icd10 { fields.append(("icd10", Self.quoted(v))) }
                if let v = c.snomed { fields.append(("snomed", Self.quoted(v))) }
                if let v = c.region { fields.append(("region", Self.quoted(v))) }
                for (k, v) in [("side", c.side), ("severity", c.severity), ("course", c.course), ("status", c.status)] {
                    if let v { fields.append((k, v)) }
                }
                out += Self.item(fields)
            }
        }
        func entries(_ key: String, _ list: [Entry]) {
            guard !list.isEmpty else { return }
            out.append("\(key):")
            for e in list {
                if let onset = e.onset { out += Self.item([("name", Self.quoted(e.text)), ("onset", onset)]) }
                else { out.append("  - \(Self.quoted(e.text))") }
            }
        }
        entries("symptoms", symptoms)
        if !medications.isEmpty {
            out.append("medications:")
            for m in medications {
                var fields = [("name", Self.quoted(m.name))]
                if let v = m.rxnorm { fields.append(("rxnorm", Self.quoted(v))) }
                if let v = m.dose { fields.append(("dose", Self.quoted(v))) }
                if let v = m.medicationClass { fields.append(("class", Self.quoted(v))) }
                out += Self.item(fields)
            }
        }
        entries("flags", flags)
        if let p = pregnancy {
            var fields: [String] = []
            if let w = p.weeks { fields.append("weeks: \(w)") }
            if let h = p.highRisk { fields.append("high_risk: \(h)") }
            out.append(fields.isEmpty ? "pregnancy: true" : "pregnancy: {\(fields.joined(separator: ", "))}")
        }
        if !surgeries.isEmpty {
            out.append("surgeries:")
            for s in surgeries {
                var fields = [("procedure", Self.quoted(s.procedure))]
                if let w = s.weeksAgo { fields.append(("weeks_ago", Self.number(w))) }
                if let r = s.region { fields.append(("region", Self.quoted(r))) }
                out += Self.item(fields)
            }
        }
        let p = preferences
        if p.pressure != nil || !p.goals.isEmpty || p.requested != nil || p.oilSensitivity != nil {
            out.append("preferences:")
            if let v = p.pressure { out.append("  pressure: \(v)") }
            if !p.goals.isEmpty { out.append("  goals: [\(p.goals.map { Self.quoted($0.text) }.joined(separator: ", "))]") }
            if let v = p.requested { out.append("  requested: \(Self.quoted(v.text))") }
            if let v = p.oilSensitivity { out.append("  oil_sensitivity: \(v)") }
        }
        if !notes.isEmpty {
            out.append("notes:")
            for n in notes { out.append("  - \(Self.quoted(n.text))") }
        }
        // what the record held that Rubric could not take at face value travels with the profile,
        // so recommending the YAML still asks for the same review (the comments above are for people)
        let review = warnings.filter { Self.reviewCodes.contains($0.code) }
        if !review.isEmpty {
            out.append("needs_review:")
            for w in review {
                var fields = [("code", w.code)]
                if let f = w.field { fields.append(("field", Self.quoted(f))) }
                fields.append(("message", Self.quoted(w.message)))
                out += Self.item(fields)
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    private static let reviewCodes: Set<String> = ["fhir_not_read", "implausible_value", "contradictory"]

    private static func item(_ fields: [(String, String)]) -> [String] {
        fields.enumerated().map { i, f in (i == 0 ? "  - " : "    ") + "\(f.0): \(f.1)" }
    }

    /// A YAML double-quoted scalar (JSON's escapes are YAML's too).
    private static func quoted(_ s: String) -> String { JSONValue.string(s).serialized() }

    private static func number(_ x: Double) -> String { JSONValue.double(x).serialized() }

    /// Text for a comment: one line.
    private static func comment(_ s: String) -> String {
        String(s.map { $0.isNewline ? " " : $0 })
    }
}
