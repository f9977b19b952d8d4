extension RuleInfo {
    /// The schema identifier of ``listing(_:ruleSet:)``.
    public static let listingSchema = "rubric.rules/1"

    /// A rule set's rules as JSON (`rubric.rules/1`, `docs/schemas/rules.schema.json`): each with
    /// its id, title, kind, grade, evidence and `file:line`, in file and line order.
    public static func listing(_ rules: [RuleInfo], ruleSet: RuleSet) -> JSONValue {
        .object([
            ("schema", .string(listingSchema)),
            ("ruleset", ruleSet.provenance),
            ("rules", .array(rules.sorted { $0.location < $1.location }.map { r in
                var fields: [(String, JSONValue)] = [
                    ("id", .string(r.id)), ("title", .string(r.title)), ("kind", .string(r.kind.rawValue)),
                    ("grade", .string(r.grade.rawValue)), ("evidence", .array(r.evidence.map(JSONValue.string))),
                    ("location", .string(r.place)),
                ]
                if let trigger = r.trigger {
                    fields.append(("when", .object(RuleTrigger.Section.allCases.compactMap { section in
                        trigger.terms[section].map { (section.rawValue, JSONValue.array($0.map(JSONValue.string))) }
                    })))
                }
                return .object(fields)
            })),
        ])
    }
}
