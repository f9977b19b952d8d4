extension Catalog {
    /// The schema identifier of ``json(ruleSet:)``.
    public static let schema = "rubric.catalog/1"

    /// The catalog's vocabularies as JSON (`rubric.catalog/1`): each entry's id, name and
    /// aliases, with a condition's ICD-10-CM and SNOMED CT codes, a medicine's class and brands,
    /// and a technique's pressure range, and the sources rules cite (key, kind, title, note), so
    /// evidence can be shown by title. What an intake form needs for autocomplete; the order is
    /// the catalog's, so the document is byte-stable for one rule set.
    public func json(ruleSet: RuleSet) -> JSONValue {
        func strings(_ values: [String]) -> JSONValue { .array(values.map(JSONValue.string)) }
        func terms(_ list: [Term]) -> JSONValue {
            .array(list.map { .object([("id", .string($0.id)), ("name", .string($0.name)), ("aliases", strings($0.aliases))]) })
        }
        return .object([
            ("schema", .string(Self.schema)),
            ("ruleset", ruleSet.provenance),
            ("techniques", .array(techniques.map { t in
                .object([("id", .string(t.id)), ("name", .string(t.name)), ("aliases", strings(t.aliases)),
                         ("pressure", .object([("min", .string(t.pressure.lowerBound.rawValue)),
                                               ("max", .string(t.pressure.upperBound.rawValue))])),
                         ("description", .string(t.description))])
            })),
            ("conditions", .array(conditions.map { c in
                .object([("id", .string(c.id)), ("name", .string(c.name)), ("aliases", strings(c.aliases)),
                         ("icd10", strings(c.icd10)), ("snomed", strings(c.snomed))])
            })),
            ("symptoms", terms(symptoms)),
            ("flags", terms(flags)),
            ("goals", terms(goals)),
            ("regions", terms(regions)),
            ("procedures", terms(procedures)),
            ("medication_classes", terms(medicationClasses)),
            ("medications", .array(medications.map { m in
                .object([("id", .string(m.id)), ("name", .string(m.name)), ("class", .string(m.classID)),
                         ("brands", strings(m.brands)), ("rxnorm", strings(m.rxnorm))])
            })),
            ("sources", .array(sources.map { s in
                .object([("key", .string(s.key)), ("kind", .string(s.kind)), ("title", .string(s.title)),
                         ("note", .optional(s.note))])
            })),
        ])
    }
}
