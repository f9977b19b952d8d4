import Foundation
internal import LuaSandbox

extension Recommendation {
    /// The schema identifier of ``json``; bumped on any incompatible change (see `docs/output.md`).
    public static let schema = "rubric.recommendation/1"

    /// The recommendation as JSON (documented in `docs/output.md`, schema `docs/recommendation.schema.json`).
    public var json: JSONValue {
        .object([
            ("schema", .string(Self.schema)),
            ("ruleset", .object([
                ("hash", .string(ruleSetHash)), ("version", .optional(ruleSetVersion)),
                ("plugins", .int(pluginCount)), ("rules", .int(ruleCount)),
            ])),
            ("profile", .object([
                ("source", .string(profile.source)), ("client_id", .optional(profile.clientID)),
                ("age", .optional(profile.age)), ("sex", .optional(profile.sex)),
                ("conditions", .array(profile.conditions.map { c in
                    .object([("id", .optional(c.id)), ("input", .string(c.input)), ("icd10", .optional(c.icd10)),
                             ("active", .bool(c.active))])
                })),
                ("symptoms", .array(profile.symptoms.map(JSONValue.string))),
                ("flags", .array(profile.flags.map(JSONValue.string))),
                ("medications", .array(profile.medications.map { m in
                    .object([("input", .string(m.input)), ("id", .optional(m.id)), ("class", .optional(m.classID))])
                })),
                ("pregnancy", profile.pregnancy.map { p in
                    .object([("weeks", .optional(p.weeks)), ("high_risk", .bool(p.highRisk ?? false))])
                } ?? .null),
                ("surgeries", .array(profile.surgeries.map { s in
                    .object([("input", .string(s.input)), ("procedure", .optional(s.procedureID)),
                             ("weeks_ago", s.weeksAgo.map(JSONValue.double) ?? .null), ("region", .optional(s.region))])
                })),
                ("preferences", .object([
                    ("pressure", .optional(profile.pressure?.rawValue)), ("goals", .array(profile.goals.map(JSONValue.string))),
                    ("requested", .optional(profile.requested)), ("oil_sensitivity", .bool(profile.oilSensitivity ?? false)),
                ])),
            ])),
            ("status", .string(status.rawValue)),
            ("summary", .string(summary)),
            ("referral", referrals.isEmpty ? .null : .object([
                ("urgency", .optional(referralUrgency)),
                ("reasons", .array(referrals.map(\.json))),
            ])),
            ("clearance", .array(clearances.map(\.json))),
            ("pressure_limit", pressureLimit.map { p in
                .object([("level", .string(p.level.rawValue)), ("reasons", .array(p.reasons.map(\.json)))])
            } ?? .null),
            ("ranking", .array(ranking.map(\.json))),
            ("excluded", .array(excluded.map { e in
                .object([("technique", .string(e.technique)), ("name", .string(e.name)), ("reasons", .array(e.reasons.map(\.json)))])
            })),
            ("cautions", .array(cautions.map(\.json))),
            ("notes", .array(notes.map(\.json))),
            ("warnings", .array(profile.warnings.map(\.json))),
            ("missing", .array(profile.missing.map(JSONValue.string))),
            ("errors", .array(failures.map(\.json))),
            ("log", .array(log.map(JSONValue.string))),
        ])
    }

    /// One sentence a therapist can act on.
    public var summary: String {
        switch status {
        case .failedClosed:
            let names = failedSafetyRules.map { "'\($0.ruleID ?? "?")' (\($0.location?.description ?? "?"))" }
            return "No recommendation: safety rule\(names.count == 1 ? "" : "s") \(names.joined(separator: ", ")) could not run, so it is not known to be safe. Fix the rule and run again."
        case .referral:
            let most = referrals.first { $0.urgency == referralUrgency } ?? referrals[0]
            let urgency = (most.urgency ?? "routine").replacingOccurrences(of: "_", with: " ")
            return "Do not treat: refer to a physician (\(urgency)). \(most.text)"
        case .clearanceRequired:
            let from = clearances.compactMap(\.from).uniqued().joined(separator: ", ")
            return "Treatment needs clearance first (from: \(from)); the ranking below applies only once cleared."
        case .recommended:
            guard let top = ranking.first else { return "No technique is available within what safety allows." }
            if top.score == 0 && top.contributions.isEmpty {
                return "No rule scored any technique; add conditions, symptoms or goals to the profile."
            }
            return "Recommended: \(top.name) (score \(top.score))."
        }
    }
}

extension Finding {
    var json: JSONValue {
        var pairs: [(String, JSONValue)] = [("rule", .string(rule)), ("kind", .string(kind))]
        if let technique { pairs.append(("technique", .string(technique))) }
        pairs.append(("text", .string(text)))
        if let urgency { pairs.append(("urgency", .string(urgency))) }
        if let advice { pairs.append(("advice", .string(advice))) }
        if let from { pairs.append(("from", .string(from))) }
        pairs.append(("grade", .optional(grade)))
        pairs.append(("evidence", .array(evidence.map(JSONValue.string))))
        pairs.append(("location", .optional(location?.description)))
        return .object(pairs)
    }
}

extension RankedTechnique {
    var json: JSONValue {
        .object([
            ("rank", .int(rank)), ("technique", .string(technique)), ("name", .string(name)), ("score", .int(score)),
            ("contributions", .array(contributions.map { c in
                .object([("rule", .string(c.rule)), ("kind", .string(c.kind)), ("points", .int(c.points)),
                         ("reason", .string(c.reason)), ("grade", .string(c.grade)),
                         ("evidence", .array(c.evidence.map(JSONValue.string))), ("location", .string(c.location.description))])
            })),
            ("cautions", .array(cautions.map(\.json))),
        ])
    }
}

extension ProfileWarning {
    var json: JSONValue {
        .object([("code", .string(code)), ("message", .string(message)), ("field", .optional(field)),
                 ("line", .optional(line)), ("suggestion", .optional(suggestion))])
    }
}

extension RuleError {
    var json: JSONValue {
        .object([("rule", .optional(ruleID)), ("kind", .optional(kind?.rawValue)), ("safety", .bool(kind?.isSafety ?? true)),
                 ("error", .string(error.kind.rawValue)), ("message", .string(error.message)),
                 ("location", .optional(error.location?.description)), ("traceback", .optional(error.traceback))])
    }
}
