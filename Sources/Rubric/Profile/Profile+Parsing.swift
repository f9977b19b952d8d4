public import Foundation

extension Profile {
    /// Enumerated values, by field.
    static let sexes = ["female", "male", "other", "unknown"]
    static let sides = ["left", "right", "bilateral"]
    static let severities = ["mild", "moderate", "severe"]
    static let courses = ["acute", "subacute", "chronic"]
    static let statuses = ["active", "recurrence", "relapse", "inactive", "remission", "resolved"]
    static let pressures = ["light", "medium", "firm"]
    static let topLevelFields = ["client", "conditions", "symptoms", "medications", "flags", "pregnancy", "surgeries", "preferences",
                                 "notes", "needs_review"]
    /// The warnings a `needs_review` item may carry: those that make a recommendation need review.
    static let reviewWarningCodes = ["fhir_not_read", "implausible_value", "contradictory"]
    /// How new a symptom is: a red flag that is longstanding and explained is not an emergency on its own.
    static let onsets = ["new", "worsening", "longstanding"]

    /// Reads a profile file (YAML or JSON; a `.json` file's syntax errors say "malformed JSON").
    /// A FHIR R4 resource or Bundle (JSON with a `resourceType`) is read as FHIR (`docs/fhir.md`).
    /// - Parameter asOf: the date a FHIR record's ages and "weeks ago" are counted to (else the
    ///   Bundle's timestamp); not used by a Rubric profile.
    /// - Throws: ``InputError`` with line and column for malformed text, text that is not UTF-8,
    ///   a value of the wrong type or a limit exceeded (see ``InputLimits``).
    public static func load(path: String, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        let size = (try? FileManager.default.attributesOfItem(atPath: path)[.size] as? Int) ?? nil
        if let size, size > InputLimits.maximumProfileBytes { throw tooLarge(size, file: path) }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InputError(file: path, message: "cannot read the file")
        }
        return try load(data: data, source: path, json: path.lowercased().hasSuffix(".json"), asOf: asOf)
    }

    /// Reads a profile from bytes (YAML or JSON, UTF-8), such as standard input, checked as
    /// ``load(path:asOf:)`` checks a file. `json` only words the errors ("JSON" rather than "YAML").
    /// - Throws: ``InputError`` naming `source`, with line and column.
    public static func load(data: Data, source: String, json: Bool = false, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        if data.count > InputLimits.maximumProfileBytes { throw tooLarge(data.count, file: source) }
        guard let text = String(data: data, encoding: .utf8) else {
            let offset = UTF8Position.firstInvalidByte(in: data) ?? 0
            let (line, column) = UTF8Position.lineAndColumn(of: offset, in: data)
            throw InputError(file: source, line: line, column: column, message: "not UTF-8 text (invalid byte at byte offset \(offset))")
        }
        // JSON's escaped surrogate pairs (emoji and other characters beyond U+FFFF) joined first:
        // the YAML parser would reject them
        return try parse(json ? SurrogatePairs.joined(in: text) : text, source: source, syntax: json ? "JSON" : "YAML", asOf: asOf)
    }

    /// Parses profile text (YAML or JSON). An empty document is an empty profile.
    /// - Throws: ``InputError`` with line and column (see ``load(path:)``).
    public static func parse(_ text: String, source: String) throws(InputError) -> Profile {
        try parse(text, source: source, syntax: "YAML")
    }

    private static func parse(_ text: String, source: String, syntax: String, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        if text.utf8.count > InputLimits.maximumProfileBytes { throw tooLarge(text.utf8.count, file: source) }
        guard let root = try YAMLNode.parse(text, file: source, checked: true, syntax: syntax) else { return Profile(source: source) }
        return try parse(root, source: source, asOf: asOf)
    }

    /// The error for a profile over ``InputLimits/maximumProfileBytes``.
    static func tooLarge(_ bytes: Int, file: String, line: Int? = nil) -> InputError {
        InputError(file: file, line: line,
                   message: "the profile is \(bytes) bytes, more than the \(InputLimits.maximumProfileBytes) bytes (1 MiB) a profile may have")
    }

    /// Reads a profile from an already parsed node (e.g. a profile inline in a test case).
    static func parse(_ root: YAMLNode, source: String, asOf: CalendarDate? = nil) throws(InputError) -> Profile {
        if FHIRImport.isFHIR(root) { return try FHIRImport.profile(from: root, source: source, asOf: asOf) }
        var profile = Profile(source: source)
        if root.isNull { return profile }
        for (key, value) in try root.mapping() {
            switch key {
            case "client": try profile.readClient(value)
            case "conditions": profile.conditions = try value.items().map { n throws(InputError) in try Self.condition(n, &profile) }
            case "symptoms": profile.symptoms = try profile.entries(value, onset: true)
            case "flags": profile.flags = try profile.entries(value, onset: false)
            case "medications": profile.medications = try value.items().map { n throws(InputError) in try Self.medication(n, &profile) }
            case "pregnancy": try profile.readPregnancy(value)
            case "surgeries": profile.surgeries = try value.items().map { n throws(InputError) in try Self.surgery(n, &profile) }
            case "preferences": try profile.readPreferences(value)
            case "notes": try profile.readNotes(value)
            case "needs_review": try profile.readNeedsReview(value)
            default: profile.unknownField(key, value, known: topLevelFields)
            }
        }
        return profile
    }

    mutating func unknownField(_ key: String, _ node: YAMLNode, known: [String]) {
        let suggestion = suggest(key, among: known.map { ($0, $0) })
        warnings.append(ProfileWarning(
            code: "unknown_field",
            message: "unknown field '\(Terms.excerpt(key))' was ignored" + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
            field: node.path, line: node.line, suggestion: suggestion))
    }

    /// A suggestion for `term`, while the profile's ``InputLimits/maximumSuggestions`` last.
    private mutating func suggest(_ term: String, among candidates: [(key: String, value: String)]) -> String? {
        guard suggestionsLeft > 0 else { return nil }
        suggestionsLeft -= 1
        return Terms.suggestion(for: term, among: candidates)
    }

    /// An enumerated value: unknown ones become a warning and are left unset.
    mutating func enumerated(_ node: YAMLNode?, _ allowed: [String]) throws(InputError) -> String? {
        guard let node, !node.isNull else { return nil }
        // a value written as it is allowed (nearly every one) is its own normal form: every
        // allowed value is lowercase words joined by underscores
        let text = try node.text()
        assert(allowed.allSatisfy { Terms.normalize($0).utf8.map { $0 == 0x20 ? 0x5F : $0 }.elementsEqual($0.utf8) })
        if allowed.contains(text) { return text }
        // spaces as underscores, byte by byte (Foundation's replacingOccurrences cost more than reading the line)
        let value = String(decoding: Terms.normalize(text).utf8.map { $0 == 0x20 ? 0x5F : $0 }, as: UTF8.self)
        if allowed.contains(value) { return value }
        let suggestion = suggest(value, among: allowed.map { ($0, $0) })
        warnings.append(ProfileWarning(
            code: "invalid_value",
            message: "'\(Terms.excerpt(try node.text()))' is not one of \(allowed.joined(separator: ", ")); the value was ignored"
                + (suggestion.map { " (did you mean '\($0)'?)" } ?? ""),
            field: node.path, line: node.line, suggestion: suggestion))
        return nil
    }

    /// A list of terms: each a text, or (for symptoms and flags) `{name, onset, notes}`.
    mutating func entries(_ node: YAMLNode, onset: Bool) throws(InputError) -> [Entry] {
        var out: [Entry] = []
        for n in try node.items() where !n.isNull {
            if n.isScalar {
                let t = try n.text()
                if !t.isEmpty { out.append(Entry(text: t, field: n.path, line: n.line)) }
                continue
            }
            var e = Entry(text: "", field: n.path, line: n.line)
            let known = onset ? ["name", "onset", "notes"] : ["name", "notes"]
            for (key, v) in try n.mapping() where !v.isNull {
                switch key {
                case "name": e.text = try v.text()
                case "onset" where onset: e.onset = try enumerated(v, Self.onsets)
                case "notes", "note": try readNotes(v)
                default: unknownField(key, v, known: known)
                }
            }
            if e.text.isEmpty { throw n.error("an entry needs a name") }
            out.append(e)
        }
        return out
    }

    /// `needs_review:` what a converted record held that Rubric could not take at face value
    /// (`rubric fhir convert` writes it): each `{code, field, message}` is a warning again, so
    /// the recommendation still needs review.
    mutating func readNeedsReview(_ node: YAMLNode) throws(InputError) {
        for n in try node.items() where !n.isNull {
            var code: String?, field: String?, message: String?
            for (key, v) in try n.mapping() where !v.isNull {
                switch key {
                case "code": code = try enumerated(v, Self.reviewWarningCodes)
                case "field": field = try v.text()
                case "message": message = try v.text(freeText: true)
                default: unknownField(key, v, known: ["code", "field", "message"])
                }
            }
            guard let message else { throw n.error("an item to review needs a message") }
            warnings.append(ProfileWarning(code: code ?? "fhir_not_read", message: message, field: field ?? n.path, line: n.line))
        }
    }

    /// `notes:` as one text or a list of texts: kept as they are, never read by rules.
    mutating func readNotes(_ node: YAMLNode) throws(InputError) {
        let items = node.isScalar ? [node] : try node.items()
        for n in items where !n.isNull {
            notes.append(Note(field: n.path, line: n.line, text: try n.text(freeText: true)))
        }
    }

    static func fields(_ node: YAMLNode) throws(InputError) -> [(key: String, value: YAMLNode)] { try node.mapping() }

    /// `client` and `preferences` must be mappings with at least one key when present.
    private static func section(_ node: YAMLNode, _ name: String) throws(InputError) -> [(key: String, value: YAMLNode)] {
        if node.isNull { throw node.error("expected a mapping (key: value pairs), found nothing; fill in \(name) or leave it out") }
        let fields = try node.mapping()
        if fields.isEmpty { throw node.error("the mapping is empty; fill in \(name) or leave it out") }
        return fields
    }

    private mutating func readClient(_ node: YAMLNode) throws(InputError) {
        for (key, v) in try Self.section(node, "client") where !v.isNull {
            switch key {
            case "id": clientID = try v.text()
            case "age":
                let a: Int   // `70`, `70 yrs`, `70 years old`
                if let given = IntakeWording.age(try v.text()) { a = given } else { a = try v.int() }
                if a < 0 || a > 130 { throw v.error("age \(a) is impossible (expected 0 to 130)") }
                if a < 1 || a > 110 {
                    warnings.append(ProfileWarning(code: "implausible_value", message: "age \(a) is implausible; please check it",
                                                   field: v.path, line: v.line))
                }
                age = a
            case "sex":
                if let short = IntakeWording.sexAliases[Terms.normalize(try v.text())] { sex = short }
                else { sex = try enumerated(v, Self.sexes) }
            default: unknownField(key, v, known: ["id", "age", "sex"])
            }
        }
    }

    private static func condition(_ node: YAMLNode, _ p: inout Profile) throws(InputError) -> ConditionEntry {
        var c = ConditionEntry(field: node.path, line: node.line)
        if node.isScalar { c.name = try node.text(); return c }
        for (key, v) in try node.mapping() where !v.isNull {
            switch key {
            case "name": c.name = try v.text()
            case "icd10", "code": c.icd10 = try v.text()
            case "snomed": c.snomed = try v.text()
            case "notes", "note": try p.readNotes(v)
            case "region": c.region = try v.text()
            case "side": c.side = try p.enumerated(v, sides)
            case "severity": c.severity = try p.enumerated(v, severities)
            case "course": c.course = try p.enumerated(v, courses)
            case "status": c.status = try p.enumerated(v, statuses)
            default: p.unknownField(key, v, known: ["name", "icd10", "snomed", "region", "side", "severity", "course", "status", "notes"])
            }
        }
        if c.name == nil && c.icd10 == nil && c.snomed == nil { throw node.error("a condition needs a name, an icd10 or a snomed code") }
        return c
    }

    private static func medication(_ node: YAMLNode, _ p: inout Profile) throws(InputError) -> MedicationEntry {
        if node.isScalar { return MedicationEntry(name: try node.text(), field: node.path, line: node.line) }
        var name: String?, dose: String?, cls: String?, rxnorm: String?
        for (key, v) in try node.mapping() where !v.isNull {
            switch key {
            case "name": name = try v.text()
            case "dose": dose = try v.text(freeText: true)
            case "class": cls = try v.text()
            case "rxnorm": rxnorm = try v.text()
            case "notes", "note": try p.readNotes(v)
            default: p.unknownField(key, v, known: ["name", "dose", "class", "rxnorm", "notes"])
            }
        }
        guard let name = name ?? cls ?? rxnorm.map({ "RxNorm \($0)" }) else { throw node.error("a medication needs a name") }
        return MedicationEntry(name: name, dose: dose, medicationClass: cls, field: node.path, line: node.line, rxnorm: rxnorm)
    }

    private mutating func readPregnancy(_ node: YAMLNode) throws(InputError) {
        if node.isNull { return }
        if node.isScalar {   // `pregnancy: true` or `pregnancy: 20`
            if let weeks = IntakeWording.weeks(try node.text()) {   // `22`, `22 weeks`, `22.5 wks`, `22+3`
                if weeks < 0 || weeks > 45 {
                    warnings.append(ProfileWarning(code: "implausible_value",
                        message: "pregnancy weeks \(weeks) is outside 0–45; treated as unknown", field: node.path, line: node.line))
                    pregnancy = Pregnancy()
                } else { pregnancy = Pregnancy(weeks: weeks) }
            }
            else if try node.bool() { pregnancy = Pregnancy() }
            return
        }
        var p = Pregnancy()
        for (key, v) in try node.mapping() where !v.isNull {
            switch key {
            case "weeks":
                let w: Int
                if let given = IntakeWording.weeks(try v.text()) { w = given } else { w = try v.int() }
                if w < 0 || w > 45 {
                    warnings.append(ProfileWarning(code: "implausible_value",
                        message: "pregnancy weeks \(w) is outside 0–45; treated as unknown", field: v.path, line: v.line))
                } else { p.weeks = w }
            case "high_risk": p.highRisk = try v.bool()
            default: unknownField(key, v, known: ["weeks", "high_risk"])
            }
        }
        pregnancy = p
    }

    private static func surgery(_ node: YAMLNode, _ p: inout Profile) throws(InputError) -> SurgeryEntry {
        if node.isScalar { return SurgeryEntry(procedure: try node.text(), field: node.path, line: node.line) }
        var s = SurgeryEntry(procedure: "", field: node.path, line: node.line)
        for (key, v) in try node.mapping() where !v.isNull {
            switch key {
            case "procedure": s.procedure = try v.text()
            case "weeks_ago":
                let w = try v.number()
                if w < 0 {
                    p.warnings.append(ProfileWarning(code: "implausible_value",
                        message: "weeks_ago \(JSONValue.double(w).serialized()) is negative; the timing is treated as unknown",
                        field: v.path, line: v.line))
                } else { s.weeksAgo = w }
            case "region": s.region = try v.text()
            default: p.unknownField(key, v, known: ["procedure", "weeks_ago", "region"])
            }
        }
        if s.procedure.isEmpty { throw node.error("a surgery needs a procedure") }
        return s
    }

    private mutating func readPreferences(_ node: YAMLNode) throws(InputError) {
        for (key, v) in try Self.section(node, "preferences") where !v.isNull {
            switch key {
            case "pressure": preferences.pressure = try enumerated(v, Self.pressures)
            case "goals": preferences.goals = try entries(v, onset: false)
            case "requested", "requested_technique":
                preferences.requested = Entry(text: try v.text(), field: v.path, line: v.line)
            case "oil_sensitivity": preferences.oilSensitivity = try v.bool()
            default: unknownField(key, v, known: ["pressure", "goals", "requested", "oil_sensitivity"])
            }
        }
    }
}
